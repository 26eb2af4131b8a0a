#include "app/replay_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>

#include "app/event_timeline.hpp"
#include "app/learning_view.hpp"
#include "app/recorded_image.hpp"
#include "core/contrast/contrast.hpp"
#include "core/scoring/expert_plan.hpp"
#include "core/scoring/score.hpp"
#include "core/session/expert_recording.hpp"
#include "core/session/phase_sync.hpp"
#include "core/session/replay_cursor.hpp"
#include "core/util/paths.hpp"
#include "core/xray/material_library.hpp"
#include "io/patient_scene.hpp"

namespace fluorosim::app {
namespace fs = std::filesystem;

struct ReplayView::Side {
    std::string path;
    std::string error;
    std::string scenario_file;
    Scenario scenario;
    std::shared_ptr<const io::PatientModel> patient;
    std::shared_ptr<const TissueQuery> query;
    std::unique_ptr<ReplayCursor> cursor;
    std::vector<Milestone> milestones;
    std::vector<ContrastDeposit> deposits;
    std::unique_ptr<render::FluoroImager> imager;
    int shown_image = -1;  // image now in the imager's display texture
    LearningView view;
    int patient_generation = 0;
    int needle_generation = 0;
    double shown_time = -1.0;
    double scrolled_time = -1.0;          // the event list follows the playhead
    std::vector<glm::dvec3> shown_shaft;  // the needle now in the 3D view
    std::size_t trail_points = 0;
    std::vector<render::SurfaceRenderer::Sphere>
        targets;  // drawn in the 3D view with the path so far
};

namespace {

constexpr double k_speeds[] = {0.5, 1.0, 2.0, 4.0, 8.0};
constexpr const char* k_speed_names[] = {"0.5x", "1x", "2x", "4x", "8x"};
int g_generation = 0;  // patient generations across sides, so each view uploads its own once

ImTextureID as_texture(GLuint id) {
    return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(id));
}

// A recording's scenario line as given, or under the data folder (recordings name
// "scenarios/x.yaml" relative to the repository or installation root).
std::string resolve_scenario(const std::string& named) {
    if (named.empty() || fs::exists(named)) return named;
    const fs::path under_data = paths::data_dir() / named;
    return fs::exists(under_data) ? under_data.string() : named;
}

std::string input_text(const char* label, const std::string& value) {
    char buf[512];
    std::snprintf(buf, sizeof buf, "%s", value.c_str());
    ImGui::InputText(label, buf, sizeof buf);
    return buf;
}

}  // namespace

ReplayView::ReplayView() = default;
ReplayView::~ReplayView() = default;

void ReplayView::load_side(Side& side, const std::string& path, const Station& station) {
    side.path = path;
    side.error.clear();
    side.cursor.reset();
    side.shown_image = -1;
    side.shown_time = -1.0;
    try {
        Recording recording = load_recording(path);
        const std::string named =
            recording.scenario.empty() ? station.state().scenario.file : recording.scenario;
        const std::string file = resolve_scenario(named);
        if (same_scenario_file(file, station.state().scenario.file)) {
            // The station's own patient: no second build, the same tissue query.
            if (side.scenario_file != station.state().scenario.file || !side.patient) {
                side.scenario = station.state().scenario;
                side.patient = std::make_shared<const io::PatientModel>(station.patient_model());
                side.query = station.tissue_query();
                side.patient_generation = ++g_generation;
            }
            side.scenario_file = station.state().scenario.file;
        } else if (side.scenario_file != file || !side.patient) {
            const Side* other = &side == trainee_.get() ? expert_.get() : trainee_.get();
            if (other && other->patient && other->scenario_file == file) {
                side.scenario = other->scenario;
                side.patient = other->patient;
                side.query = other->query;
            } else {
                side.scenario = load_scenario(file);
                side.patient = std::make_shared<const io::PatientModel>(
                    io::build_patient(side.scenario, MaterialLibrary::standard()));
                side.query = std::make_shared<const TissueQuery>(side.patient->scene);
            }
            side.scenario_file = file;
            side.patient_generation = ++g_generation;
        }
        const auto* structures =
            side.patient->structures.empty() ? nullptr : &side.patient->structures;
        side.cursor = std::make_unique<ReplayCursor>(std::move(recording), side.scenario,
                                                     side.query, structures);
        side.milestones = milestones(side.cursor->events(), side.cursor->duration());
        side.targets.clear();
        for (const Zone& z : side.scenario.targets) {
            try {
                side.targets.push_back(
                    {glm::vec3(zone_centre(z, *side.patient)), float(z.radius_mm)});
            } catch (const InputError&) {
                // a landmark this patient lacks: nothing to draw
            }
        }
        side.deposits = structures ? contrast_deposits(*side.patient, side.cursor->events())
                                   : std::vector<ContrastDeposit>{};
        const int size = station.renderer().width();  // the station's monitor size: the same image
        if (!side.imager || side.imager->renderer().width() != size)
            side.imager = std::make_unique<render::FluoroImager>(size, MaterialLibrary::standard());
        side.imager->set_patient(side.patient->scene);
    } catch (const std::exception& e) {
        side.error = e.what();
        side.cursor.reset();
    }
}

void ReplayView::open(const std::string& path, const Station& station, const std::string& expert) {
    if (!trainee_) trainee_ = std::make_unique<Side>();
    if (!expert_) expert_ = std::make_unique<Side>();
    load_side(*trainee_, path, station);
    trainee_input_ = path;
    std::string expert_path = expert;
    if (expert_path.empty() && trainee_->cursor)
        expert_path =
            find_expert_recording(paths::scenario_dir() / "recordings", trainee_->scenario_file);
    expert_->error.clear();
    if (expert_path.empty() && trainee_->cursor && trainee_->patient) {
        // No recorded expert: plan one on this patient from its landmarks (core's expert
        // planner, the one `fluorosim expert` runs), so every scenario has its comparison.
        try {
            Recording planned = expert_recording(trainee_->scenario, planning_patient(trainee_->patient));
            planned.scenario = trainee_->scenario_file;
            const std::filesystem::path file =
                paths::user_data_dir() / "exports" /
                ("expert-" + std::filesystem::path(trainee_->scenario_file).stem().string() + ".txt");
            std::filesystem::create_directories(file.parent_path());
            save_recording(planned, file.string());
            expert_path = file.string();
        } catch (const InputError& e) {
            expert_->error = e.what();
        }
    }
    expert_input_ = expert_path;
    if (!expert_path.empty())
        load_side(*expert_, expert_path, station);
    else {
        expert_->cursor.reset();
        if (expert_->error.empty())
            expert_->error = "no expert recording of this scenario in " +
                             (paths::scenario_dir() / "recordings").string() + ": give one above";
    }
    time_ = 0.0;
    playing_ = false;
    focus_ = true;
}

void ReplayView::draw_controls(const Station& station) {
    const double duration = trainee_->cursor ? trainee_->cursor->duration() : 0.0;
    if (ImGui::Button(playing_ ? "Pause" : "Play", ImVec2(70, 0))) {
        if (!playing_ && time_ >= duration) time_ = 0.0;  // play again from the start
        playing_ = !playing_;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(70);
    ImGui::Combo("speed", &speed_, k_speed_names, IM_ARRAYSIZE(k_speed_names));
    ImGui::SameLine();
    ImGui::Text("   %.1f / %.1f s", time_, duration);
    ImGui::SameLine(0.0f, 30.0f);
    ImGui::TextUnformatted("Expert follows:");
    ImGui::SameLine();
    if (ImGui::RadioButton("the same phase", phase_sync_)) phase_sync_ = true;
    ImGui::SameLine();
    if (ImGui::RadioButton("the same time", !phase_sync_)) phase_sync_ = false;
    const float half = 0.5f * ImGui::GetContentRegionAvail().x - 120.0f;
    ImGui::SetNextItemWidth(half);
    trainee_input_ = input_text("##recording", trainee_input_);
    ImGui::SameLine();
    if (ImGui::Button("Open recording")) open(trainee_input_, station, expert_input_);
    ImGui::SameLine(0.0f, 20.0f);
    ImGui::SetNextItemWidth(half);
    expert_input_ = input_text("##expert", expert_input_);
    ImGui::SameLine();
    if (ImGui::Button("Open expert")) load_side(*expert_, expert_input_, station);
}

void ReplayView::draw_side(Side& side, double t, float width, float height,
                           const Station& station) {
    ImGui::BeginChild(&side == trainee_.get() ? "trainee" : "expert", ImVec2(width, height), true);
    ImGui::TextUnformatted(&side == trainee_.get() ? "Recording" : "Expert");
    ImGui::SameLine();
    ImGui::TextDisabled("%s", fs::path(side.path).filename().c_str());
    if (!side.cursor) {
        ImGui::TextColored(ImVec4(1.0f, 0.4f, 0.3f, 1.0f), "%s", side.error.c_str());
        ImGui::EndChild();
        return;
    }
    ReplayCursor& c = *side.cursor;
    const Session& s = c.time() == t && side.shown_time >= 0 ? c.session() : c.seek(t);
    if (side.shown_time != t) {
        // Redraw the 3D view only when the needle or the trail changed (a frame of llvmpipe
        // time each), not on every tick of the playhead.
        std::vector<glm::dvec3> shaft = s.shaft_polyline();
        if (shaft != side.shown_shaft) {
            side.shown_shaft = std::move(shaft);
            ++side.needle_generation;
        }
        std::vector<glm::vec3> trail;  // the tip's path up to t
        for (const TipSample& p : c.tip_path())
            if (p.time <= t) trail.emplace_back(p.tip);
        if (trail.size() != side.trail_points || side.shown_time < 0) {
            side.trail_points = trail.size();
            side.view.set_overlay(trail, side.targets);
        }
    }
    side.shown_time = t;
    const int image = c.image_at(t);
    if (image >= 0 && image != side.shown_image) {
        // Drawn again exactly as it was taken: pose, technique, noise seed, needle, contrast.
        render_recorded_image(*side.imager, c.images()[std::size_t(image)], *side.patient,
                              *side.query, side.deposits, station.state().stages,
                              station.state().invert);
        side.shown_image = image;
    }
    ImGui::SameLine();
    ImGui::Text("   t = %.1f s", t);
    const float side_px =
        std::min(0.5f * (width - 24.0f), height - 5.0f * ImGui::GetTextLineHeightWithSpacing());
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + side_px, at.y + side_px),
                                              IM_COL32(0, 0, 0, 255));
    if (image >= 0) {
        ImGui::Image(as_texture(side.imager->renderer().display_texture()),
                     ImVec2(side_px, side_px), ImVec2(0, 1), ImVec2(1, 0));
        const RecordedImage& im = c.images()[std::size_t(image)];
        const std::string label = console_angles(im.request.pose);
        ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + 6, at.y + 4),
                                            IM_COL32(255, 230, 120, 255), label.c_str());
        char age[64];
        std::snprintf(age, sizeof age, "image %d, %s, %.1f s ago", image + 1,
                      im.request.single_shot ? "shot" : "pulse", t - im.time);
        ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + 6, at.y + 22),
                                            IM_COL32(160, 200, 255, 255), age);
    } else {
        ImGui::Dummy(ImVec2(side_px, side_px));
        ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + 10, at.y + 0.5f * side_px),
                                            IM_COL32(150, 150, 150, 255), "no image yet");
    }
    ImGui::SameLine(0.0f, 8.0f);
    View3DInput in;
    in.scene = &side.patient->scene;
    in.scene_generation = side.patient_generation;
    for (const auto& p : side.shown_shaft) in.needle.emplace_back(p);
    in.needle_look = needle_look(s.state().needle);
    in.needle_generation = side.needle_generation;
    in.look_at = glm::vec3(side.scenario.carm.isocentre);
    in.pose = s.state().carm.pose;
    in.material_toggles = false;
    in.distance_mm = 450.0f;
    in.yaw_deg = side.scenario.side == "right" ? -35.0f : 35.0f;
    in.pitch_deg = 30.0f;
    side.view.draw_view(in, nullptr, ImVec2(side_px, side_px));

    const NeedleState& n = s.state().needle;
    ImGui::Text("C-arm %s   images %d   fluoro %.1f s   DAP %.3f Gy cm2",
                console_angles(s.state().carm.pose).c_str(), s.state().carm.images,
                s.state().dose.fluoro_time_s, s.state().dose.dap_gy_cm2);
    ImGui::Text("Needle depth %.1f mm, tip in %s   redirections %d   bone contacts %d",
                n.depth_mm(), to_string(n.tip_tissue), n.redirections, n.bone_contacts);
    // What happened so far, newest last and in view (pulses and plunger feel left out).
    ImGui::BeginChild("events", ImVec2(0, 0), true);
    for (const Event& e : s.events())
        if (e.kind != EventKind::image_requested && e.kind != EventKind::plunger_feedback &&
            !e.message.empty()) {
            const auto style = timeline_style(e.kind);
            ImGui::TextColored(style ? ImGui::ColorConvertU32ToFloat4(style->colour)
                                     : ImVec4(0.75f, 0.75f, 0.75f, 1.0f),
                               "%6.1f s  %s", e.time, e.message.c_str());
        }
    if (side.shown_time != side.scrolled_time) ImGui::SetScrollHereY(1.0f);
    side.scrolled_time = side.shown_time;
    ImGui::EndChild();
    ImGui::EndChild();
}

void ReplayView::draw(const Station& station, bool& show) {
    if (!show || !trainee_) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + 0.02f * vp->WorkSize.x, vp->WorkPos.y + 0.02f * vp->WorkSize.y),
        ImGuiCond_Appearing);
    ImGui::SetNextWindowSize(ImVec2(0.96f * vp->WorkSize.x, 0.93f * vp->WorkSize.y),
                             ImGuiCond_Appearing);
    if (focus_) ImGui::SetNextWindowFocus();
    focus_ = false;
    ImGui::SetNextWindowBgAlpha(1.0f);
    if (!ImGui::Begin("Replay", &show, ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    const double duration = trainee_->cursor ? trainee_->cursor->duration() : 0.0;
    if (playing_) {
        time_ += double(ImGui::GetIO().DeltaTime) * k_speeds[speed_];
        if (time_ >= duration) playing_ = false;
    }
    time_ = std::clamp(time_, 0.0, duration);
    draw_controls(station);
    if (!trainee_->cursor) {
        ImGui::TextColored(ImVec4(1.0f, 0.4f, 0.3f, 1.0f), "%s", trainee_->error.c_str());
        ImGui::End();
        return;
    }
    // The expert's time that matches ours.
    double expert_t = time_;
    if (expert_->cursor) {
        const double d = expert_->cursor->duration();
        expert_t = phase_sync_
                       ? phase_synced_time(trainee_->milestones, expert_->milestones, time_, d)
                       : std::min(time_, d);
    }
    ImGui::Separator();
    ImGui::TextDisabled("Recording: drag on the timeline to scrub");
    if (draw_event_timeline("replay", trainee_->cursor->events(), duration, &time_))
        playing_ = false;
    if (expert_->cursor) {
        ImGui::TextDisabled("Expert");
        double shown = expert_t;  // follows the recording's playhead; not dragged on its own
        draw_event_timeline("expert", expert_->cursor->events(), expert_->cursor->duration(),
                            &shown);
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float w = 0.5f * (avail.x - 8.0f);
    draw_side(*trainee_, time_, w, avail.y, station);
    ImGui::SameLine(0.0f, 8.0f);
    draw_side(*expert_, expert_t, w, avail.y, station);
    ImGui::End();
}

}  // namespace fluorosim::app
