#include "app/debrief_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "app/event_timeline.hpp"
#include "core/session/replay_cursor.hpp"

namespace fluorosim::app {
namespace {

ImTextureID as_texture(GLuint id) {
    return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(id));
}

const ImVec4 k_good(0.45f, 0.95f, 0.45f, 1.0f), k_warn(1.0f, 0.8f, 0.3f, 1.0f),
    k_bad(1.0f, 0.4f, 0.3f, 1.0f);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
// One measure against the expert value: within it green, up to twice it amber (where the
// efficiency share runs out, score.hpp), beyond or over a limit red.
void metric_row(const char* name, double value, double expert, double limit, const char* format) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name);
    ImGui::TableNextColumn();
    const ImVec4 colour = (limit > 0 && value > limit) || value > 2 * expert ? k_bad
                          : value > expert                                   ? k_warn
                                                                             : k_good;
    char b[64];
    std::snprintf(b, sizeof b, format, value);  // every caller passes a literal format
    ImGui::TextColored(colour, "%s", b);
    ImGui::TableNextColumn();
    std::snprintf(b, sizeof b, format, expert);
    ImGui::TextUnformatted(b);
    ImGui::TableNextColumn();
    if (limit > 0) {
        std::snprintf(b, sizeof b, format, limit);
        ImGui::TextUnformatted(b);
    } else {
        ImGui::TextDisabled("-");
    }
}

#pragma GCC diagnostic pop

void text_row(const char* name, const std::string& value) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(value.c_str());
}

}  // namespace

void DebriefView::rebuild(const Station& station, LearningView& main_view) {
    // The attempt replayed once from its recording: the tip after every command.
    const ReplayCursor cursor(
        station.recording(), station.state().scenario, station.tissue_query(),
        station.patient_model().structures.empty() ? nullptr : &station.patient_model().structures);
    path_ = cursor.tip_path();
    duration_ = std::max(cursor.duration(), 1.0);
    targets_.clear();
    for (const Zone& z : station.state().scenario.targets) {
        try {
            targets_.push_back({z.label, zone_centre(z, station.patient_model()),
                                z.shape == ZoneShape::box ? 0.5 * glm::length(z.box_max - z.box_min)
                                                          : z.radius_mm});
        } catch (const InputError&) {
            // a landmark this patient lacks: the scorer said so already; nothing to draw
        }
    }
    std::vector<glm::vec3> path;
    for (const TipSample& s : path_) path.emplace_back(s.tip);
    std::vector<render::SurfaceRenderer::Sphere> spheres;
    for (const TargetMark& t : targets_)
        spheres.push_back({glm::vec3(t.centre), float(t.radius_mm)});
    view_.set_overlay(path, spheres);
    main_view.set_overlay(path, spheres);
    ++view_generation_;
    enlarged_ = -1;
}

void DebriefView::draw(const Station& station, bool& show, LearningView& main_view) {
    const auto& s = station.state();
    if (!s.report) {
        if (scored_)
            main_view.set_overlay({}, {});  // a new attempt began: its path is not drawn yet
        scored_.reset();
        show = false;
        return;
    }
    if (!scored_ || *scored_ != *s.report || s.patient_generation != scored_patient_) {
        rebuild(station, main_view);
        scored_ = *s.report;
        scored_patient_ = s.patient_generation;
        show = true;
        ImGui::SetNextWindowFocus();
    }
    if (!show) return;
    const ScoreReport& r = *s.report;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // Most of the window, leaving the status bar: 1600 x 1000 gives 1520 x 920.
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + 0.025f * vp->WorkSize.x, vp->WorkPos.y + 0.02f * vp->WorkSize.y),
        ImGuiCond_Appearing);
    ImGui::SetNextWindowSize(ImVec2(0.95f * vp->WorkSize.x, 0.92f * vp->WorkSize.y),
                             ImGuiCond_Appearing);
    ImGui::SetNextWindowBgAlpha(1.0f);  // opaque: the panels behind would clutter it
    if (!ImGui::Begin("Debrief", &show, ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    ImGui::TextUnformatted(r.scenario.c_str());
    ImGui::SameLine();
    ImGui::TextColored(r.passed ? k_good : k_bad, "   %.1f / 100  %s", r.score,
                       r.passed ? "PASS" : "FAIL");
    ImGui::SameLine();
    ImGui::TextDisabled("(pass mark %.0f)   %zu images, %.0f s", r.pass_score,
                        station.captures().images().size(), r.metrics.time_s);
    ImGui::Spacing();
    draw_event_timeline("debrief", station.session().events(), duration_);
    draw_timeline_legend();
    ImGui::Separator();
    if (ImGui::BeginTabBar("debrief tabs")) {
        auto flags = [&](const char* name) {
            return select_ == name ? ImGuiTabItemFlags_SetSelected : 0;
        };
        if (ImGui::BeginTabItem("Score", nullptr, flags("score"))) {
            draw_rubric(r, s.scenario);
            ImGui::EndTabItem();
        }
        char images_label[48];
        std::snprintf(images_label, sizeof images_label, "Images (%zu)###images",
                      station.captures().images().size());
        if (ImGui::BeginTabItem(images_label, nullptr, flags("images"))) {
            draw_gallery(station.captures());
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Trajectory", nullptr, flags("trajectory"))) {
            draw_trajectory(station);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
        select_.clear();
    }
    ImGui::End();
}

void DebriefView::draw_rubric(const ScoreReport& r, const Scenario& sc) {
    const float half = 0.5f * ImGui::GetContentRegionAvail().x - 8.0f;
    ImGui::BeginChild("rubric left", ImVec2(half, 0), false);
    if (!r.fail_reasons.empty()) {
        ImGui::TextColored(k_bad, "Why it did not pass");
        for (const std::string& f : r.fail_reasons) {
            ImGui::Bullet();
            ImGui::TextWrapped("%s", f.c_str());
        }
        ImGui::Spacing();
    }
    if (ImGui::BeginTable("sections", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("Section");
        ImGui::TableSetupColumn("Earned");
        ImGui::TableSetupColumn("Possible");
        ImGui::TableHeadersRow();
        for (const SectionScore& sec : r.sections) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(sec.name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextColored(sec.earned >= sec.possible - 1e-9 ? k_good : k_warn, "%.1f",
                               sec.earned);
            ImGui::TableNextColumn();
            ImGui::Text("%.0f", sec.possible);
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    ImGui::TextUnformatted("Deductions");
    if (r.deductions.empty())
        ImGui::TextDisabled("none");
    else if (ImGui::BeginTable("deductions", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("Points", ImGuiTableColumnFlags_WidthFixed, 60.0f);
        ImGui::TableSetupColumn("Section", ImGuiTableColumnFlags_WidthFixed, 90.0f);
        ImGui::TableSetupColumn("Reason", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        for (const Deduction& d : r.deductions) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(k_warn, "-%.1f", d.points);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(d.section.c_str());
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", d.sentence.c_str());
        }
        ImGui::EndTable();
    }
    if (!r.notes.empty()) {
        ImGui::Spacing();
        ImGui::TextColored(k_good, "Done well");
        for (const std::string& n : r.notes) {
            ImGui::Bullet();
            ImGui::TextWrapped("%s", n.c_str());
        }
    }
    ImGui::EndChild();
    ImGui::SameLine(0.0f, 16.0f);
    ImGui::BeginChild("rubric right", ImVec2(0, 0), false);
    const ScoreMetrics& m = r.metrics;
    ImGui::TextUnformatted("Measures against the expert");
    if (ImGui::BeginTable("metrics", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("Measure", ImGuiTableColumnFlags_WidthStretch,
                                2.0f);  // the long names
        ImGui::TableSetupColumn("You");
        ImGui::TableSetupColumn("Expert");
        ImGui::TableSetupColumn("Limit");
        ImGui::TableHeadersRow();
        metric_row("shots", m.shots, sc.expert.shots, sc.limits.shots, "%.0f");
        metric_row("fluoroscopy time, s", m.fluoro_s, sc.expert.fluoro_s, sc.limits.fluoro_s,
                   "%.1f");
        metric_row("dose-area product, Gy cm2", m.dap_gy_cm2, sc.expert.dap_gy_cm2,
                   sc.limits.dap_gy_cm2, "%.3f");
        metric_row("redirections", m.redirections, sc.expert.redirections, 0, "%.0f");
        metric_row("procedure time, s", m.time_s, sc.expert.time_s, sc.limits.time_s, "%.0f");
        ImGui::EndTable();
    }
    ImGui::Spacing();
    ImGui::TextUnformatted("Where the needle ended");
    if (ImGui::BeginTable("position", 2, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        char b[96];
        text_row("target", m.target.empty() ? "-" : m.target);
        std::snprintf(b, sizeof b, m.distance_mm < 0 ? "-" : "%.1f mm", m.distance_mm);
        text_row("distance to target", b);
        text_row("in target zone", m.in_zone ? "yes" : "no");
        text_row("tip in", m.tip_structure.empty() ? m.tip_tissue
                                                   : m.tip_structure + " (" + m.tip_tissue + ")");
        std::snprintf(b, sizeof b, "%.1f mm", m.depth_mm);
        text_row("depth past the skin", b);
        std::snprintf(b, sizeof b, "%d skin, %d bone", m.skin_punctures, m.bone_contacts);
        text_row("punctures / contacts", b);
        std::snprintf(b, sizeof b, "%.2f mL", m.contrast_ml);
        std::string contrast = b;
        for (const std::string& p : m.contrast_patterns) contrast += ", " + p;
        text_row("contrast", contrast);
        std::snprintf(b, sizeof b, "%.2f mGy", m.air_kerma_mgy);
        text_row("air kerma (IRP)", b);
        ImGui::EndTable();
    }
    ImGui::EndChild();
}

void DebriefView::draw_gallery(const ImageCaptures& captures) {
    const auto& images = captures.images();
    if (images.empty()) {
        ImGui::TextDisabled("No images were taken.");
        return;
    }
    ImGui::Checkbox(
        "Only the images held on the monitor (shots, last pulse of each fluoroscopy run)",
        &held_only_);
    if (captures.dropped() > 0)
        ImGui::TextDisabled("%d further live pulses were not kept (limit %zu).", captures.dropped(),
                            ImageCaptures::k_max_pulses);
    std::vector<std::size_t> shown;
    if (held_only_)
        shown = images_held_on_monitor(captures.infos());
    else
        for (std::size_t i = 0; i < images.size(); ++i) shown.push_back(i);

    // Enlarged view above the grid while one is chosen.
    const float avail = ImGui::GetContentRegionAvail().x;
    ImGui::BeginChild("gallery", ImVec2(0, 0), false);
    if (enlarged_ >= 0 && std::size_t(enlarged_) < images.size()) {
        const CapturedImage& c = images[std::size_t(enlarged_)];
        const float side = std::min(ImGui::GetContentRegionAvail().y - 40.0f,
                                    3.0f * ImageCaptures::k_thumbnail_px);
        ImGui::Image(as_texture(c.texture.id()), ImVec2(side, side));
        if (ImGui::IsItemClicked()) enlarged_ = -1;
        ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::Text("Image %d", c.info.index + 1);
        ImGui::TextUnformatted(describe(c.info).c_str());
        ImGui::TextDisabled("(thumbnail of the monitor, %d px)", ImageCaptures::k_thumbnail_px);
        if (ImGui::Button("Back to all images")) enlarged_ = -1;
        ImGui::EndGroup();
        ImGui::EndChild();
        return;
    }
    const float cell = 150.0f, gap = 10.0f;
    const int columns = std::max(1, int((avail + gap) / (cell + gap)));
    int col = 0;
    for (std::size_t i : shown) {
        const CapturedImage& c = images[i];
        if (col > 0) ImGui::SameLine(0.0f, gap);
        ImGui::BeginGroup();
        ImGui::PushID(int(i));
        if (ImGui::ImageButton(as_texture(c.texture.id()), ImVec2(cell, cell), ImVec2(0, 0),
                               ImVec2(1, 1), 0))
            enlarged_ = int(i);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s\n(click to enlarge)", describe(c.info).c_str());
        ImGui::PopID();
        ImGui::TextColored(c.info.single_shot ? ImVec4(1, 1, 1, 1) : ImVec4(0.6f, 0.6f, 0.6f, 1),
                           "%.*f s %s", c.info.single_shot ? 1 : 2, c.info.time,
                           c.info.single_shot ? "shot" : "pulse");
        ImGui::TextDisabled("%s", c.info.angles.c_str());
        ImGui::TextDisabled("%.0f kVp %.1f mA", c.info.kvp, c.info.ma);
        ImGui::EndGroup();
        col = (col + 1) % columns;
    }
    ImGui::EndChild();
}

void DebriefView::draw_trajectory(const Station& station) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = 10.0f, h = avail.y - ImGui::GetTextLineHeightWithSpacing() - 4.0f;
    const float w = std::min((avail.x - 2 * gap) / 3.0f, h);
    ImGui::TextDisabled(
        "The tip after each move (orange: in tissue), its start (ring) and end (dot), the target "
        "zones "
        "(green). 3D: drag to orbit, wheel to zoom.");
    draw_tip_projection("ap", ProjectionView::ap, path_, targets_, ImVec2(w, w));
    ImGui::SameLine(0.0f, gap);
    draw_tip_projection("lateral", ProjectionView::lateral, path_, targets_, ImVec2(w, w));
    ImGui::SameLine(0.0f, gap);
    View3DInput in;
    in.scene = &station.patient();
    in.scene_generation = station.state().patient_generation;
    in.look_at = targets_.empty() ? glm::vec3(station.core().carm.pose.isocentre)
                                  : glm::vec3(targets_.front().centre);
    in.needle = station.needle_polyline();
    in.needle_look = needle_look(station.core().needle);
    in.needle_generation = view_generation_ * 100000 + station.state().needle_generation;
    in.pose = station.core().carm.pose;
    in.material_toggles = false;
    in.distance_mm = 350.0f;  // close enough that a 3 mm target zone shows
    // From behind and above the side the needle came from: the path runs toward the viewer's eye
    // only obliquely, so its bends show.
    in.yaw_deg = station.state().scenario.side == "right" ? -35.0f : 35.0f;
    in.pitch_deg = 30.0f;
    ImGui::BeginChild("3d", ImVec2(w, w), false, ImGuiWindowFlags_NoScrollbar);
    view_.draw_view(in, nullptr, ImVec2(w, w));
    ImGui::EndChild();
}

}  // namespace fluorosim::app
