#include "app/authoring_window.hpp"

#include "app/patient_editor.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>

#include "core/needle/needle_spec.hpp"
#include "core/scenario/scenario_writer.hpp"
#include "core/scoring/score.hpp"
#include "core/util/error.hpp"
#include "core/util/paths.hpp"

namespace fluorosim::app {
namespace fs = std::filesystem;
namespace {

const ImVec4 k_target_colour(0.3f, 1.0f, 0.4f, 1.0f);
const ImVec4 k_hazard_colour(1.0f, 0.35f, 0.3f, 1.0f);

bool combo(const char* label, std::string& value, const std::vector<std::string>& options) {
    bool changed = false;
    if (ImGui::BeginCombo(label, value.empty() ? "(none)" : value.c_str())) {
        for (const std::string& o : options)
            if (ImGui::Selectable(o.empty() ? "(none)" : o.c_str(), o == value)) {
                value = o;
                changed = true;
            }
        ImGui::EndCombo();
    }
    return changed;
}

// "" (none) followed by the names.
const std::vector<std::string>& with_none(const std::vector<std::string>& names) {
    static std::map<const std::vector<std::string>*, std::vector<std::string>> lists;
    auto& l = lists[&names];
    if (l.empty()) {
        l.emplace_back();
        for (const std::string& n : names) l.push_back(n);
    }
    return l;
}

bool text_input(const char* label, std::string& value, bool multiline = false) {
    char buf[2048];
    std::snprintf(buf, sizeof buf, "%s", value.c_str());
    const bool changed = multiline
                             ? ImGui::InputTextMultiline(label, buf, sizeof buf, ImVec2(-1, 90))
                             : ImGui::InputText(label, buf, sizeof buf);
    if (changed) value = buf;
    return changed;
}

bool drag_double(const char* label, double& v, float speed, double lo, double hi,
                 const char* format) {
    float f = float(v);
    if (!ImGui::DragFloat(label, &f, speed, float(lo), float(hi), format,
                          ImGuiSliderFlags_AlwaysClamp))
        return false;
    v = double(f);
    return true;
}

std::string slug(const std::string& name) {
    std::string out;
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)))
            out += char(std::tolower(static_cast<unsigned char>(c)));
        else if (!out.empty() && out.back() != '_')
            out += '_';
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out.empty() ? "authored" : out;
}

// A new scenario's defaults: the shipped L4 medial branch block's case on the standard patient.
Scenario blank() {
    Scenario s;
    s.version = Scenario::format_version;
    s.name = "Authored scenario";
    s.procedure = "medial_branch_block";
    s.level = "L4";
    s.side = "left";
    s.patient.source = PatientSource::generated;
    s.carm.isocentre = {0.0, 0.0, 45.0};
    Zone t;
    t.label = "target";
    t.landmark = "L5.left.sap_tp_junction";
    s.targets.push_back(t);
    return s;
}

}  // namespace

void AuthoringWindow::open(const Station& station) {
    draft_ = station.state().scenario;
    if (draft_.targets.empty() || draft_.patient.source != PatientSource::generated)
        draft_ = blank();
    draft_.version = Scenario::format_version;
    path_ = (paths::user_data_dir() / "scenarios" / (slug(draft_.name) + ".yaml")).string();
    message_.clear();
    selected_ = 0;
    open_ = true;
}

void AuthoringWindow::draw(const Station& station, std::vector<UiCommand>& out,
                           std::optional<PatientParameters>& patient_request) {
    if (!open_) return;
    ImGui::SetNextWindowSize(ImVec2(980, 760), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Author scenario", &open_)) {
        ImGui::End();
        return;
    }
    ImGui::BeginChild("form", ImVec2(ImGui::GetContentRegionAvail().x * 0.5f,
                                     -ImGui::GetFrameHeightWithSpacing() * 3));
    ImGui::PushItemWidth(-170.0f);
    draw_case(station, patient_request);
    draw_carm(station, out);
    draw_zones(station);
    draw_rubric();
    ImGui::PopItemWidth();
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("preview", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() * 3));
    draw_preview(station);
    ImGui::EndChild();
    ImGui::Separator();
    ImGui::SetNextItemWidth(-250.0f);
    text_input("File", path_);
    ImGui::SameLine();
    if (ImGui::Button("Save")) save(out, false);
    ImGui::SameLine();
    if (ImGui::Button("Open in station")) save(out, true);
    if (!message_.empty())
        ImGui::TextColored(
            message_is_error_ ? ImVec4(1.0f, 0.4f, 0.3f, 1.0f) : ImVec4(0.5f, 1.0f, 0.5f, 1.0f),
            "%s", message_.c_str());
    ImGui::End();
}

void AuthoringWindow::draw_case(const Station& station,
                                std::optional<PatientParameters>& patient_request) {
    Scenario& s = draft_;
    if (!ImGui::CollapsingHeader("Case and patient", ImGuiTreeNodeFlags_DefaultOpen)) return;
    text_input("Name", s.name);
    combo("Procedure", s.procedure, scenario_procedures());
    combo("Level", s.level, scenario_levels());
    combo("Side", s.side, {"left", "right", "midline"});
    std::vector<std::string> needles;
    for (const NeedleSpec& n : needle_catalogue()) needles.push_back(n.id);
    combo("Needle", s.needle, needles);
    combo("Difficulty", s.difficulty, {"beginner", "standard", "expert"});
    PatientParameters& p = s.patient.parameters;
    int seed = int(s.patient.seed);
    if (ImGui::InputInt("Patient seed", &seed)) s.patient.seed = unsigned(std::max(0, seed));
    p.seed = s.patient.seed;
    edit_patient_parameters(p);
    if (ImGui::Button("Preview this patient in the station")) patient_request = p;
    ImGui::SameLine();
    ImGui::TextDisabled("(zones are drawn on the station's patient: %zu landmarks)",
                        station.patient_model().landmarks.size());
}

void AuthoringWindow::draw_carm(const Station& station, std::vector<UiCommand>& out) {
    if (!ImGui::CollapsingHeader("Starting C-arm pose")) return;
    CArmPose& c = draft_.carm;
    drag_double("LAO(+)/RAO(-) deg", c.primary_deg, 0.5f, -90.0, 90.0, "%.0f");
    drag_double("CRAN(+)/CAUD(-) deg", c.secondary_deg, 0.5f, -45.0, 45.0, "%.0f");
    float iso[3] = {float(c.isocentre.x), float(c.isocentre.y), float(c.isocentre.z)};
    if (ImGui::DragFloat3("Isocentre (L, P, S mm)", iso, 0.5f, -300.0f, 300.0f, "%.0f"))
        c.isocentre = glm::dvec3(iso[0], iso[1], iso[2]);
    int field = int(c.detector), mag = c.magnification;
    bool field_changed = ImGui::Combo("Detector", &field,
                                      "9-inch II\0"
                                      "12-inch II\0"
                                      "30 cm flat panel\0");
    field_changed |= ImGui::SliderInt("Magnification mode", &mag, 0, 2);
    if (field_changed) set_field(c, DetectorType(field), mag);
    if (ImGui::Button("Show this pose (shot)")) {
        out.push_back(command::SetPose{c});
        out.push_back(command::Core{CommandKind::carm_shot});
    }
    ImGui::SameLine();
    if (ImGui::Button("Take the station's pose")) c = station.core().carm.pose;
    ImGui::Separator();
    drag_double("kVp", draft_.exposure.kvp, 0.5f, 40.0, 150.0, "%.0f");
    drag_double("mA", draft_.exposure.ma, 0.1f, 0.1, 30.0, "%.1f");
    ImGui::Checkbox("Automatic brightness control", &draft_.exposure.abc);
}

bool AuthoringWindow::draw_zone(const Station& station, Zone& z, bool hazard, int id) {
    ImGui::PushID(id);
    ImGui::PushStyleColor(ImGuiCol_Text, hazard ? k_hazard_colour : k_target_colour);
    const bool open =
        ImGui::TreeNodeEx("zone", ImGuiTreeNodeFlags_DefaultOpen, "%s %d: %s",
                          hazard ? "Hazard" : "Target", id % 100 + 1, z.label.c_str());
    ImGui::PopStyleColor();
    bool remove = false;
    if (open) {
        if (ImGui::RadioButton("drag this one on the image", selected_ == id)) selected_ = id;
        text_input("Label", z.label);
        // Landmarks of the patient in the station, filtered by the text typed above the list.
        if (ImGui::BeginCombo("Landmark", z.landmark.c_str())) {
            for (const auto& [name, unused] : station.patient_model().landmarks)
                if ((landmark_filter_[0] == '\0' ||
                     name.find(landmark_filter_) != std::string::npos) &&
                    ImGui::Selectable(name.c_str(), name == z.landmark))
                    z.landmark = name;
            ImGui::EndCombo();
        }
        float off[3] = {float(z.offset_mm.x), float(z.offset_mm.y), float(z.offset_mm.z)};
        if (ImGui::DragFloat3("Offset (L, P, S mm)", off, 0.1f, -20.0f, 20.0f, "%.1f"))
            z.offset_mm = glm::dvec3(off[0], off[1], off[2]);
        drag_double("Radius (mm)", z.radius_mm, 0.05f, 0.5, 20.0, "%.1f");
        combo("Tissue (optional)", z.tissue, with_none(zone_tissue_names()));
        if (hazard) text_input("Message", z.message);
        remove = ImGui::SmallButton("Remove");
        ImGui::TreePop();
    }
    ImGui::PopID();
    return remove;
}

void AuthoringWindow::draw_zones(const Station& station) {
    if (!ImGui::CollapsingHeader("Target and hazard zones", ImGuiTreeNodeFlags_DefaultOpen)) return;
    ImGui::InputTextWithHint("Landmark filter", "e.g. L4.left", landmark_filter_,
                             sizeof landmark_filter_);
    for (int list = 0; list < 2; ++list) {
        std::vector<Zone>& zones = list == 0 ? draft_.targets : draft_.hazards;
        for (std::size_t i = 0; i < zones.size(); ++i)
            if (draw_zone(station, zones[i], list == 1, list * 100 + int(i))) {
                zones.erase(zones.begin() + std::ptrdiff_t(i));
                break;
            }
        if (ImGui::Button(list == 0 ? "Add target" : "Add hazard")) {
            Zone z;
            z.label = list == 0 ? "target" : "hazard";
            z.landmark = zones.empty() ? (draft_.targets.empty() ? "L5.left.sap_tp_junction"
                                                                 : draft_.targets[0].landmark)
                                       : zones.back().landmark;
            zones.push_back(z);
            selected_ = list * 100 + int(zones.size()) - 1;
        }
        if (list == 0) ImGui::SameLine();
    }
}

void AuthoringWindow::draw_rubric() {
    if (!ImGui::CollapsingHeader("Rubric, limits, learning aids, instructions")) return;
    Rubric& r = draft_.rubric;
    drag_double("Accuracy points", r.accuracy_weight, 0.5f, 0.0, 100.0, "%.0f");
    drag_double("Efficiency points", r.efficiency_weight, 0.5f, 0.0, 100.0, "%.0f");
    drag_double("Technique points", r.technique_weight, 0.5f, 0.0, 100.0, "%.0f");
    const double sum = r.accuracy_weight + r.efficiency_weight + r.technique_weight;
    if (std::abs(sum - 100.0) > 1e-6)
        ImGui::TextColored(k_hazard_colour, "the three add up to %.0f; they must add up to 100",
                           sum);
    drag_double("Pass score", r.pass_score, 0.5f, 0.0, 100.0, "%.0f");
    drag_double("Partial credit over (mm)", r.partial_mm, 0.1f, 0.1, 100.0, "%.1f");
    drag_double("Max depth (mm, 0 none)", r.max_depth_mm, 0.5f, 0.0, 200.0, "%.0f");
    ImGui::Checkbox("Bone contact required", &r.require_bone_contact);
    ImGui::SameLine();
    ImGui::Checkbox("Loss of resistance", &r.require_loss_of_resistance);
    ImGui::Checkbox("Contrast required", &r.require_contrast);
    ImGui::SameLine();
    ImGui::Checkbox("Live contrast", &r.require_live_contrast);
    ImGui::Checkbox("Contrast before injectate", &r.require_contrast_before_injectate);
    combo("Expected contrast pattern", r.expected_pattern, with_none(contrast_pattern_names()));
    ImGui::Separator();
    ImGui::InputInt("Max shots (0 none)", &draft_.limits.shots);
    drag_double("Max fluoro (s)", draft_.limits.fluoro_s, 1.0f, 0.0, 36000.0, "%.0f");
    drag_double("Max DAP (Gy*cm2)", draft_.limits.dap_gy_cm2, 0.05f, 0.0, 1000.0, "%.2f");
    drag_double("Max time (s)", draft_.limits.time_s, 5.0f, 0.0, 86400.0, "%.0f");
    ImGui::InputInt("Expert shots", &draft_.expert.shots);
    drag_double("Expert fluoro (s)", draft_.expert.fluoro_s, 0.5f, 0.1, 36000.0, "%.0f");
    drag_double("Expert time (s)", draft_.expert.time_s, 5.0f, 1.0, 86400.0, "%.0f");
    ImGui::Separator();
    LearningAidSettings& a = draft_.aids;
    ImGui::Checkbox("Learning aids", &draft_.learning_aids);
    ImGui::SameLine();
    ImGui::Checkbox("Preset views", &a.preset_views);
    ImGui::SameLine();
    ImGui::Checkbox("3D view", &a.learning_view);
    ImGui::Checkbox("Target marker", &a.target_marker);
    ImGui::SameLine();
    ImGui::Checkbox("Hints", &a.hints);
    text_input("Instructions", draft_.instructions, true);
}

void AuthoringWindow::draw_preview(const Station& station) {
    const auto& st = station.state();
    ImGui::TextWrapped(
        "Zones on the station's last image (%s). Drag the selected zone to move its offset in the "
        "image "
        "plane; take a lateral shot to move it in depth.",
        st.has_image ? st.image_angles.c_str() : "no image yet");
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float side = std::max(64.0f, std::min(avail.x, avail.y - 40.0f));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), IM_COL32(0, 0, 0, 255));
    if (st.has_image)
        draw->AddImage(
            reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(station.fluoro_texture())),
            origin, ImVec2(origin.x + side, origin.y + side), ImVec2(0, 1), ImVec2(1, 0));
    ImGui::InvisibleButton("##zones", ImVec2(side, side));
    const bool dragging =
        ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f);
    const CArmGeometry g = carm_geometry(st.image_pose);
    // Millimetres in the patient per screen pixel at the isocentre plane.
    const double mm_per_px = g.detector_mm / double(side) / g.magnification();
    const Patient& patient = station.patient_model();
    std::vector<std::string> missing;
    for (int list = 0; list < 2; ++list) {
        std::vector<Zone>& zones = list == 0 ? draft_.targets : draft_.hazards;
        for (std::size_t i = 0; i < zones.size(); ++i) {
            Zone& z = zones[i];
            const int id = list * 100 + int(i);
            if (!patient.landmarks.count(z.landmark)) {
                missing.push_back(z.landmark);
                continue;
            }
            if (id == selected_ && ImGui::IsItemActivated()) drag_start_ = z.offset_mm;
            if (dragging && id == selected_) {
                // From where the button went down (not per-frame deltas: the press may arrive
                // in the same frame as a jump of the pointer onto the image).
                const ImVec2 d = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.0f);
                // Rounded to 0.1 mm: finer than a zone's size matters, and the file stays readable.
                z.offset_mm =
                    glm::round(
                        (drag_start_ + (double(d.x) * g.right - double(d.y) * g.up) * mm_per_px) *
                        10.0) /
                    10.0;
            }
            const glm::dvec3 c = zone_centre(z, patient);
            const glm::dvec2 px = g.project_px(c, int(side), int(side));
            const float r = float(z.radius_mm / mm_per_px);
            const ImVec4 col = list == 0 ? k_target_colour : k_hazard_colour;
            const ImU32 u = ImGui::ColorConvertFloat4ToU32(col);
            const ImVec2 at(origin.x + float(px.x), origin.y + float(px.y));
            draw->AddCircle(at, std::max(r, 2.0f), u, 32, id == selected_ ? 3.0f : 1.5f);
            draw->AddCircleFilled(at, 2.0f, u);
            draw->AddText(ImVec2(at.x + r + 3.0f, at.y - 7.0f), u, z.label.c_str());
        }
    }
    for (const std::string& m : missing)
        ImGui::TextColored(k_hazard_colour,
                           "'%s' is not a landmark of this patient: preview the scenario's patient",
                           m.c_str());
}

void AuthoringWindow::save(std::vector<UiCommand>& out, bool open_in_station) {
    try {
        fs::create_directories(fs::path(path_).parent_path());
        draft_ =
            save_scenario(draft_, path_);  // written, then read back through the validating reader
        message_ = "saved and validated: " + path_;
        message_is_error_ = false;
        if (open_in_station) out.push_back(command::LoadScenario{path_});
    } catch (const std::exception& e) {
        message_ = e.what();
        message_is_error_ = true;
    }
}

}  // namespace fluorosim::app
