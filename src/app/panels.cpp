#include "app/panels.hpp"

#include <imgui.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdint>

#include "core/needle/needle_spec.hpp"

namespace fluorosim::app {
namespace {

ImTextureID as_texture(GLuint id) { return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(id)); }

// The square monitor image, as large as the panel allows; GL textures are stored bottom-up.
void monitor_image(GLuint texture, bool has_image, const char* empty_text) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float side = std::max(64.0f, std::min(avail.x, avail.y));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), IM_COL32(0, 0, 0, 255));
    if (has_image) {
        ImGui::Image(as_texture(texture), ImVec2(side, side), ImVec2(0, 1), ImVec2(1, 0));
    } else {
        ImGui::Dummy(ImVec2(side, side));
        const ImVec2 size = ImGui::CalcTextSize(empty_text);
        draw->AddText(ImVec2(origin.x + 0.5f * (side - size.x), origin.y + 0.5f * side), IM_COL32(150, 150, 150, 255),
                      empty_text);
    }
}

void overlay_text(const ImVec2& at, const std::string& text, ImU32 colour = IM_COL32(255, 230, 120, 255)) {
    ImGui::GetWindowDrawList()->AddText(at, colour, text.c_str());
}

}  // namespace

void draw_fluoro_monitor(const Station& station) {
    const auto& s = station.state();
    ImGui::Begin("Fluoroscopy monitor");
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    monitor_image(station.fluoro_texture(), s.has_image, "no image: press F (pedal) or Space");
    overlay_text(ImVec2(origin.x + 8, origin.y + 6), s.image_angles);
    if (s.pedal) overlay_text(ImVec2(origin.x + 8, origin.y + 24), "FLUORO", IM_COL32(255, 80, 60, 255));
    else if (s.has_image) overlay_text(ImVec2(origin.x + 8, origin.y + 24), "LIH", IM_COL32(160, 200, 255, 255));
    ImGui::End();
}

void draw_reference_monitor(const Station& station) {
    const auto& s = station.state();
    ImGui::Begin("Reference monitor");
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    monitor_image(station.reference_texture(), s.has_reference, "no saved image: press R");
    if (s.has_reference) overlay_text(ImVec2(origin.x + 8, origin.y + 6), s.reference_angles);
    ImGui::End();
}

void draw_carm_panel(const Station& station, std::vector<Command>& out) {
    const auto& s = station.state();
    ImGui::Begin("C-arm");
    ImGui::PushItemWidth(-190.0f);
    ImGui::TextColored(ImVec4(1.0f, 0.9f, 0.5f, 1.0f), "%s", console_angles(s.pose).c_str());
    CArmPose pose = s.pose;
    float primary = float(pose.primary_deg), secondary = float(pose.secondary_deg);
    bool changed = ImGui::SliderFloat("LAO(+)/RAO(-)", &primary, -90.0f, 90.0f, "%.0f deg");
    changed |= ImGui::SliderFloat("CRAN(+)/CAUD(-)", &secondary, -45.0f, 45.0f, "%.0f deg");
    float table[3] = {float(pose.isocentre.x), float(pose.isocentre.y), float(pose.isocentre.z)};
    changed |= ImGui::DragFloat3("Table (L, P, S mm)", table, 0.5f, -300.0f, 300.0f, "%.0f");
    if (changed) {
        pose.primary_deg = primary;
        pose.secondary_deg = secondary;
        pose.isocentre = glm::dvec3(table[0], table[1], table[2]);
        out.push_back(command::SetPose{pose});
    }
    static const char* fields[] = {"9-inch image intensifier", "12-inch image intensifier", "30 cm flat panel"};
    int field = int(pose.detector), mag = pose.magnification;
    bool field_changed = ImGui::Combo("Detector", &field, fields, 3);
    field_changed |= ImGui::SliderInt("Magnification mode", &mag, 0, 2, mag == 0 ? "full field" : "mag %d");
    float iris = float(pose.collimation.iris), sx = float(pose.collimation.shutter_x), sy = float(pose.collimation.shutter_y);
    field_changed |= ImGui::SliderFloat("Iris", &iris, 0.2f, 1.0f, "%.2f");
    field_changed |= ImGui::SliderFloat("Shutters L-R", &sx, 0.2f, 1.0f, "%.2f");
    field_changed |= ImGui::SliderFloat("Shutters T-B", &sy, 0.2f, 1.0f, "%.2f");
    if (field_changed) {
        set_field(pose, DetectorType(field), mag);
        pose.collimation = {iris, sx, sy};
        out.push_back(command::SetPose{pose});
    }
    ImGui::Separator();
    Exposure e = s.exposure;
    float kvp = float(e.kvp), ma = float(e.ma), rate = float(e.pulse_rate);
    bool exposure_changed = ImGui::Checkbox("Automatic brightness control", &e.abc);
    ImGui::BeginDisabled(e.abc);
    exposure_changed |= ImGui::SliderFloat("kVp", &kvp, 50.0f, 120.0f, "%.0f");
    exposure_changed |= ImGui::SliderFloat("mA (pulse)", &ma, 0.5f, 20.0f, "%.1f");
    ImGui::EndDisabled();
    exposure_changed |= ImGui::SliderFloat("Pulses/s", &rate, 1.0f, 30.0f, "%.0f");
    if (exposure_changed) {
        e.kvp = kvp;
        e.ma = ma;
        e.pulse_rate = rate;
        out.push_back(command::SetExposure{e});
    }
    ImGui::Text("Last image: %.0f kVp %.1f mA, %.0f mm water-eq., SPR %.2f", s.last.technique.kvp, s.last.technique.ma,
                s.last.water_equivalent_mm, s.last.scatter_to_primary);
    if (ImGui::Button("Shot (Space)")) out.push_back(command::SingleShot{});
    ImGui::SameLine();
    ImGui::Button("Fluoro (hold F)");
    if (ImGui::IsItemActivated()) out.push_back(command::Pedal{true});
    if (ImGui::IsItemDeactivated()) out.push_back(command::Pedal{false});
    ImGui::SameLine();
    if (ImGui::Button("Save to reference (R)")) out.push_back(command::SaveReference{});
    bool invert = s.invert;
    if (ImGui::Checkbox("Invert (I)", &invert)) out.push_back(command::SetDisplay{invert});
    if (ImGui::CollapsingHeader("Image chain stages")) {
        ChainStages st = s.stages;
        bool changed_stages = ImGui::Checkbox("Scatter veil", &st.scatter);
        ImGui::SameLine();
        changed_stages |= ImGui::Checkbox("Quantum noise", &st.noise);
        changed_stages |= ImGui::Checkbox("Detector blur", &st.blur);
        ImGui::SameLine();
        changed_stages |= ImGui::Checkbox("Vignetting", &st.vignetting);
        if (changed_stages) out.push_back(command::SetStages{st});
    }
    ImGui::PopItemWidth();
    ImGui::End();
}

void draw_needle_panel(const Station& station, std::vector<Command>& out) {
    const auto& s = station.state();
    ImGui::Begin("Needle");
    ImGui::PushItemWidth(-190.0f);
    std::string id = s.needle_id;
    if (ImGui::BeginCombo("Needle", needle_spec(id).label.c_str())) {
        for (const auto& n : needle_catalogue())
            if (ImGui::Selectable(n.label.c_str(), n.id == id)) id = n.id;
        ImGui::EndCombo();
    }
    NeedlePlacement p = s.needle;
    float entry[2] = {float(p.entry.x), float(p.entry.z)};
    float medial = float(p.medial_deg), cranial = float(p.cranial_deg), depth = float(p.depth_mm);
    const float max_depth = float(needle_spec(id).length_mm);
    bool changed = id != s.needle_id;
    changed |= ImGui::DragFloat2("Skin entry (L, S mm)", entry, 0.5f, -200.0f, 200.0f, "%.1f");
    changed |= ImGui::SliderFloat("Medial(+)/lateral angle", &medial, -45.0f, 45.0f, "%.1f deg");
    changed |= ImGui::SliderFloat("Cranial(+)/caudal angle", &cranial, -45.0f, 45.0f, "%.1f deg");
    changed |= ImGui::SliderFloat("Depth (W/S)", &depth, 0.0f, max_depth, "%.1f mm");
    ImGui::Text("Tip: L %.1f  P %.1f  S %.1f mm", p.tip().x, p.tip().y, p.tip().z);
    if (changed) {
        p.entry.x = entry[0];
        p.entry.z = entry[1];
        p.medial_deg = medial;
        p.cranial_deg = cranial;
        p.depth_mm = depth;
        out.push_back(command::SetNeedle{id, p});
    }
    ImGui::PopItemWidth();
    ImGui::End();
}

void draw_scenario_panel(const Station& station, UiState& ui, std::vector<Command>& out) {
    const auto& s = station.state();
    const Scenario& sc = s.scenario;
    ImGui::Begin("Scenario and score");
    ImGui::PushItemWidth(-190.0f);
    ImGui::TextWrapped("%s", sc.name.c_str());
    ImGui::Text("Procedure: %s   Level: %s   Side: %s", sc.procedure.c_str(), sc.level.empty() ? "-" : sc.level.c_str(),
                sc.side.c_str());
    ImGui::Separator();
    ImGui::TextWrapped("%s", sc.instructions.c_str());
    ImGui::Separator();
    ImGui::Text("Images %d   fluoro %.1f s   DAP %.4f Gy*cm2   K(IRP) %.2f mGy", s.shots, s.dose.fluoro_time_s,
                s.dose.dap_gy_cm2, s.dose.air_kerma_irp_mGy);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("Scoring is reported here once the scenario defines targets and hazards.");
    ImGui::PopStyleColor();
    ImGui::Separator();
    char buf[512];
    std::snprintf(buf, sizeof buf, "%s", ui.scenario_path_input.c_str());
    if (ImGui::InputText("Scenario file", buf, sizeof buf)) ui.scenario_path_input = buf;
    if (ImGui::Button("Open scenario")) out.push_back(command::LoadScenario{ui.scenario_path_input});
    if (ImGui::CollapsingHeader("New patient")) {
        PatientParameters& p = ui.new_patient;
        int seed = int(p.seed);
        if (ImGui::InputInt("Seed", &seed)) p.seed = std::uint64_t(std::max(0, seed));
        int sex = p.sex == Sex::female ? 1 : 0;
        if (ImGui::Combo("Sex", &sex, "male\0female\0")) p.sex = sex ? Sex::female : Sex::male;
        ImGui::SliderFloat("Height (cm)", &p.height_cm, 150.0f, 200.0f, "%.0f");
        ImGui::SliderFloat("BMI", &p.bmi, 18.0f, 45.0f, "%.1f");
        ImGui::SliderFloat("Lordosis (deg)", &p.lordosis_deg, 10.0f, 70.0f, "%.0f");
        ImGui::SliderFloat("Scoliosis Cobb (deg)", &p.scoliosis_cobb_deg, -40.0f, 40.0f, "%.0f");
        ImGui::SliderFloat("Disc degeneration", &p.disc_degeneration, 0.0f, 1.0f, "%.2f");
        ImGui::SliderFloat("Facet hypertrophy", &p.facet_hypertrophy, 0.0f, 1.0f, "%.2f");
        static const char* fractures[] = {"none", "L1", "L2", "L3", "L4", "L5"};
        int fracture = p.fracture_level.empty() ? 0 : p.fracture_level[1] - '0';
        if (ImGui::Combo("Compression fracture", &fracture, fractures, 6)) p.fracture_level = fracture ? fractures[fracture] : "";
        int transitional = int(p.transitional);
        if (ImGui::Combo("Transitional vertebra", &transitional, "none\0sacralized L5\0lumbarized S1\0"))
            p.transitional = TransitionalVertebra(transitional);
        ImGui::BeginDisabled(ui.generating);
        if (ImGui::Button(ui.generating ? "Generating..." : "Generate patient")) ui.generate_request = p;
        ImGui::EndDisabled();
    }
    if (ImGui::CollapsingHeader("Open your own anatomy model")) {
        std::snprintf(buf, sizeof buf, "%s", ui.mesh_path_input.c_str());
        if (ImGui::InputText("Mesh file (glTF, OBJ, STL, ...)", buf, sizeof buf)) ui.mesh_path_input = buf;
        ImGui::Combo("Units", &ui.mesh_units, "mm\0cm\0m\0");
        ImGui::Combo("Head along", &ui.mesh_up, "x\0y\0z\0");
        if (ImGui::Button("Open mesh"))
            out.push_back(command::LoadMesh{ui.mesh_path_input, ui.mesh_units == 2 ? 1000.0 : ui.mesh_units == 1 ? 10.0 : 1.0,
                                            "xyz"[ui.mesh_up]});
    }
    if (!s.message.empty()) ImGui::TextColored(ImVec4(1.0f, 0.4f, 0.3f, 1.0f), "%s", s.message.c_str());
    ImGui::PopItemWidth();
    ImGui::End();
}

void draw_event_log(const Station& station) {
    ImGui::Begin("Events");
    for (const auto& e : station.state().events) ImGui::TextUnformatted(e.c_str());
    if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY()) ImGui::SetScrollHereY(1.0f);  // follow the newest
    ImGui::End();
}

void draw_status_bar(const Station& station, const UiState& ui) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float height = ImGui::GetFrameHeight() + 4.0f;
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - height));
    ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, height));
    ImGui::Begin("##status", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
    ImGui::Text("%.1f ms/frame (%.0f fps)  |  %s  |  %zu triangles  |  %s  |  F1: help", ui.frame_ms,
                ui.frame_ms > 0 ? 1000.0 / ui.frame_ms : 0.0, ui.gl_renderer.c_str(), station.state().triangle_count,
                station.state().scenario.file.c_str());
    ImGui::End();
}

void draw_help_overlay(UiState& ui) {
    if (!ui.show_help) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowBgAlpha(0.92f);
    ImGui::Begin("Keyboard shortcuts (F1)", &ui.show_help,
                 ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
    static const char* rows[][2] = {
        {"F (hold)", "live fluoroscopy: pulsed images while held (the pedal)"},
        {"Space", "single shot"},
        {"R", "save the current image to the reference monitor"},
        {"Left / Right", "C-arm RAO / LAO by 1 deg (Shift: 5 deg)"},
        {"Up / Down", "C-arm CRAN / CAUD by 1 deg (Shift: 5 deg)"},
        {"W / S", "advance / withdraw the needle 1 mm (Shift: 5 mm)"},
        {"I", "invert the image"},
        {"F1", "show or hide this help"},
        {"Ctrl+Q", "quit (layout and settings are saved)"},
    };
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
        for (const auto& r : rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(ImVec4(1.0f, 0.9f, 0.5f, 1.0f), "%s", r[0]);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r[1]);
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

void handle_shortcuts(const Station& station, UiState& ui, std::vector<Command>& out) {
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsKeyPressed(GLFW_KEY_F1, false)) ui.show_help = !ui.show_help;
    if (io.WantTextInput) return;
    const auto& s = station.state();
    const double step = io.KeyShift ? 5.0 : 1.0;
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q, false)) ui.quit = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_SPACE, false)) out.push_back(command::SingleShot{});
    if (ImGui::IsKeyPressed(GLFW_KEY_F, false)) out.push_back(command::Pedal{true});
    if (ImGui::IsKeyReleased(GLFW_KEY_F)) out.push_back(command::Pedal{false});
    if (ImGui::IsKeyPressed(GLFW_KEY_R, false)) out.push_back(command::SaveReference{});
    if (ImGui::IsKeyPressed(GLFW_KEY_I, false)) out.push_back(command::SetDisplay{!s.invert});
    CArmPose pose = s.pose;
    bool moved = false;
    if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT)) { pose.primary_deg += step; moved = true; }
    if (ImGui::IsKeyPressed(GLFW_KEY_LEFT)) { pose.primary_deg -= step; moved = true; }
    if (ImGui::IsKeyPressed(GLFW_KEY_UP)) { pose.secondary_deg += step; moved = true; }
    if (ImGui::IsKeyPressed(GLFW_KEY_DOWN)) { pose.secondary_deg -= step; moved = true; }
    if (moved) {
        pose.primary_deg = std::clamp(pose.primary_deg, -90.0, 90.0);
        pose.secondary_deg = std::clamp(pose.secondary_deg, -45.0, 45.0);
        out.push_back(command::SetPose{pose});
    }
    NeedlePlacement p = s.needle;
    const double max_depth = needle_spec(s.needle_id).length_mm;
    if (ImGui::IsKeyPressed(GLFW_KEY_W) || ImGui::IsKeyPressed(GLFW_KEY_S)) {
        p.depth_mm = std::clamp(p.depth_mm + (ImGui::IsKeyPressed(GLFW_KEY_W) ? step : -step), 0.0, max_depth);
        out.push_back(command::SetNeedle{s.needle_id, p});
    }
}

}  // namespace fluorosim::app
