#include "app/panels.hpp"

#include "app/patient_editor.hpp"

#include <imgui.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "core/anatomy/scotty_dog.hpp"
#include "core/needle/needle_spec.hpp"
#include "core/scoring/report_export.hpp"
#include "core/session/tissue_events.hpp"

namespace fluorosim::app {
namespace {

ImTextureID as_texture(GLuint id) { return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(id)); }

// The square monitor image, as large as the panel allows; GL textures are stored bottom-up.
float monitor_image(GLuint texture, bool has_image, const char* empty_text) {
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
    return side;
}

// Rings and names the Scotty dogs' parts (clinical.md 2: eye = pedicle, ear = SAP, ...) of the
// scenario's level and those beside it, projected with the image's own C-arm pose.
void draw_anatomy_labels(const Station& station, const ImVec2& origin, float side) {
    const auto& s = station.state();
    const Scenario& scenario = s.scenario;
    const std::string dog_side =
        scenario.side == "left" || scenario.side == "right" ? scenario.side : oblique_side(s.image_pose.primary_deg);
    const CArmGeometry g = carm_geometry(s.image_pose);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float radius = std::max(4.0f, 0.012f * side);
    const auto parts = scotty_dogs_around(station.patient_model(), scenario.level, dog_side);
    if (parts.empty())
        draw->AddText(ImVec2(origin.x + 8, origin.y + side - 2.0f * ImGui::GetFrameHeight() - 8),
                      IM_COL32(255, 230, 120, 255), "no landmarks to label on this patient");
    draw->PushClipRect(origin, ImVec2(origin.x + side, origin.y + side), true);
    for (const ScottyDogPart& p : parts) {
        const glm::dvec2 px = g.project_px(glm::dvec3(p.point), 1000, 1000) * double(side) / 1000.0;
        const ImVec2 at(origin.x + float(px.x), origin.y + float(px.y));
        const auto c = scotty_dog_colour(p.part);
        const ImU32 colour = IM_COL32(c[0], c[1], c[2], 255);
        draw->AddCircle(at, radius, colour, 0, 2.0f);
        const std::string text = scotty_dog_label(p, s.image_pose.primary_deg);
        draw->AddText(ImVec2(at.x + radius + 2.0f, at.y - 7.0f), colour, text.c_str());
    }
    draw->PopClipRect();
}

void overlay_text(const ImVec2& at, const std::string& text, ImU32 colour = IM_COL32(255, 230, 120, 255)) {
    ImGui::GetWindowDrawList()->AddText(at, colour, text.c_str());
}

command::Core core(CommandKind kind, std::array<double, 3> v = {}, std::string word = {}) {
    return command::Core{kind, v, std::move(word)};
}

void gauge(const char* label, float value, ImVec4 colour) {
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, colour);
    ImGui::ProgressBar(value, ImVec2(-190.0f, 0.0f), "");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextUnformatted(label);
}

}  // namespace

void draw_fluoro_monitor(const Station& station, std::vector<UiCommand>& out, bool* label_anatomy) {
    const auto& s = station.state();
    ImGui::Begin("Fluoroscopy monitor");
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float side = monitor_image(station.fluoro_texture(), s.has_image, "no image: press F (pedal) or Space");
    ImGui::SetItemAllowOverlap();  // the labels' check box sits on the image
    if (s.has_image && ImGui::IsItemClicked(ImGuiMouseButton_Left) && !station.core().needle.in_tissue) {
        // Pixel -> its ray from the focal spot in the image's geometry -> the skin on the back.
        const ImVec2 size = ImGui::GetItemRectSize();
        const ImVec2 m = ImGui::GetMousePos();
        const double u = double((m.x - origin.x) / size.x), v = double((m.y - origin.y) / size.y);
        const CArmGeometry g = carm_geometry(s.image_pose);
        const glm::dvec3 on_detector = g.pixel_centre(u * 1000.0 - 0.5, v * 1000.0 - 0.5, 1000, 1000);
        out.push_back(command::EntryOnRay{g.source, on_detector});
    }
    if (label_anatomy && *label_anatomy && s.has_image) draw_anatomy_labels(station, origin, side);
    if (label_anatomy) {
        const ImVec2 after = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(ImVec2(origin.x + 6, origin.y + side - ImGui::GetFrameHeight() - 6));
        ImGui::Checkbox("Label the anatomy (Scotty dog)", label_anatomy);
        ImGui::SetCursorScreenPos(after);
    }
    overlay_text(ImVec2(origin.x + 8, origin.y + 6), s.image_angles);
    if (station.core().carm.pedal_down) overlay_text(ImVec2(origin.x + 8, origin.y + 24), "FLUORO", IM_COL32(255, 80, 60, 255));
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

void draw_carm_panel(const Station& station, std::vector<UiCommand>& out) {
    const auto& s = station.state();
    const CArmState& c = station.core().carm;
    ImGui::Begin("C-arm");
    ImGui::PushItemWidth(-190.0f);
    ImGui::TextColored(ImVec4(1.0f, 0.9f, 0.5f, 1.0f), "%s", console_angles(c.pose).c_str());
    CArmPose pose = c.pose;
    float primary = float(pose.primary_deg), secondary = float(pose.secondary_deg);
    bool changed = ImGui::SliderFloat("LAO(+)/RAO(-)", &primary, -90.0f, 90.0f, "%.0f deg");
    changed |= ImGui::SliderFloat("CRAN(+)/CAUD(-)", &secondary, -45.0f, 45.0f, "%.0f deg");
    float table[3] = {float(pose.isocentre.x), float(pose.isocentre.y), float(pose.isocentre.z)};
    changed |= ImGui::DragFloat3("Isocentre (L, P, S mm)", table, 0.5f, -400.0f, 400.0f, "%.0f");
    int mag = pose.magnification;
    changed |= ImGui::SliderInt("Magnification mode", &mag, 0, 2, mag == 0 ? "full field" : "mag %d");
    float iris = float(pose.collimation.iris), sx = float(pose.collimation.shutter_x), sy = float(pose.collimation.shutter_y);
    changed |= ImGui::SliderFloat("Iris", &iris, 0.2f, 1.0f, "%.2f");
    changed |= ImGui::SliderFloat("Shutters L-R", &sx, 0.2f, 1.0f, "%.2f");
    changed |= ImGui::SliderFloat("Shutters T-B", &sy, 0.2f, 1.0f, "%.2f");
    if (changed) {
        pose.primary_deg = std::round(primary);
        pose.secondary_deg = std::round(secondary);
        pose.isocentre = glm::dvec3(table[0], table[1], table[2]);
        pose.magnification = mag;
        pose.collimation = {iris, sx, sy};
        out.push_back(command::SetPose{pose});
    }
    if (station.core().learning_aids) {
        ImGui::TextUnformatted("Presets (learning aid):");
        for (const char* preset : {"ap", "lateral", "oblique_left", "oblique_right"}) {
            ImGui::SameLine();
            if (ImGui::SmallButton(preset)) out.push_back(core(CommandKind::carm_preset, {}, preset));
        }
    }
    ImGui::Separator();
    Exposure e = c.exposure;
    e.abc = s.abc;
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
    if (ImGui::Button("Shot (Space)")) out.push_back(core(CommandKind::carm_shot));
    ImGui::SameLine();
    ImGui::Button("Fluoro (hold F)");
    if (ImGui::IsItemActivated()) out.push_back(core(CommandKind::pedal_down));
    if (ImGui::IsItemDeactivated()) out.push_back(core(CommandKind::pedal_up));
    ImGui::SameLine();
    if (ImGui::Button("Save to reference (R)")) out.push_back(core(CommandKind::carm_save_reference));
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
        changed_stages |= ImGui::Checkbox("Edge enhancement", &st.edges);
        ImGui::SameLine();
        changed_stages |= ImGui::Checkbox("Recursive noise filter", &st.noise_filter);
        if (changed_stages) out.push_back(command::SetStages{st});
    }
    ImGui::PopItemWidth();
    ImGui::End();
}

void draw_needle_panel(const Station& station, std::vector<UiCommand>& out) {
    const auto& s = station.state();
    const NeedleState& n = station.core().needle;
    ImGui::Begin("Needle");
    ImGui::PushItemWidth(-190.0f);
    if (ImGui::BeginCombo("Needle", n.spec.label.c_str())) {
        for (const auto& spec : needle_catalogue())
            if (ImGui::Selectable(spec.label.c_str(), spec.id == n.spec.id))
                out.push_back(core(CommandKind::needle_select, {}, spec.id));
        ImGui::EndCombo();
    }
    float entry[2] = {float(n.skin_entry.x), float(n.skin_entry.z)};
    if (!n.in_tissue && n.placed) entry[0] = float(n.path.tip().position.x), entry[1] = float(n.path.tip().position.z);
    ImGui::BeginDisabled(n.in_tissue);
    if (ImGui::DragFloat2("Skin entry (L, S mm)", entry, 0.5f, -200.0f, 300.0f, "%.1f"))
        out.push_back(command::SetEntry{entry[0], entry[1]});
    ImGui::EndDisabled();
    float medial = float(n.medial_deg), cranial = float(n.cranial_deg);
    bool aim = ImGui::SliderFloat("Medial(+)/lateral", &medial, -45.0f, 45.0f, "%.1f deg");
    aim |= ImGui::SliderFloat("Cranial(+)/caudal", &cranial, -45.0f, 45.0f, "%.1f deg");
    if (aim) out.push_back(core(CommandKind::needle_aim, {medial, cranial, 0}));
    for (double step : {kFineStepMm, kCoarseStepMm}) {
        char label[32];
        std::snprintf(label, sizeof label, "Advance %.0f mm", step);
        if (ImGui::Button(label)) out.push_back(core(CommandKind::needle_advance, {step, 0, 0}));
        ImGui::SameLine();
        std::snprintf(label, sizeof label, "Withdraw %.0f mm", step);
        if (ImGui::Button(label)) out.push_back(core(CommandKind::needle_withdraw, {step, 0, 0}));
        if (step == kFineStepMm) ImGui::SameLine();
    }
    if (ImGui::Button("Rotate bevel 90 (B)")) out.push_back(core(CommandKind::needle_rotate_bevel, {90, 0, 0}));
    ImGui::Text("Depth %.1f mm   tip in %s   bevel %.0f deg", n.depth_mm(), to_string(n.tip_tissue), n.bevel_deg);
    ImGui::Text("Redirections %d   skin punctures %d   bone contacts %d", n.redirections, n.skin_punctures, n.bone_contacts);
    gauge("Resistance", float(station.session().resistance()), ImVec4(0.9f, 0.6f, 0.2f, 1.0f));
    ImGui::Separator();
    const InjectionState& inj = station.core().injection;
    if (ImGui::Button(inj.lor_attached ? "Detach LOR syringe (L)" : "Attach LOR syringe (L)"))
        out.push_back(core(inj.lor_attached ? CommandKind::lor_detach : CommandKind::lor_attach));
    if (inj.lor_attached) {
        ImGui::SameLine();
        ImGui::Button("Press plunger (hold P)");
        if (ImGui::IsItemActivated()) out.push_back(core(CommandKind::lor_press));
        if (ImGui::IsItemDeactivated()) out.push_back(core(CommandKind::lor_release));
        static const char* plunger[] = {"no syringe", "released", "resisting", "GIVES WAY (loss of resistance)"};
        ImGui::Text("Plunger: %s", plunger[int(station.session().plunger())]);
    }
    if (ImGui::Button("Contrast 0.5 mL (C)")) out.push_back(core(CommandKind::inject_contrast, {0.5, 0, 0}));
    ImGui::SameLine();
    if (ImGui::Button("Anaesthetic 0.5 mL (J)")) out.push_back(core(CommandKind::inject_anaesthetic, {0.5, 0, 0}));
    ImGui::SameLine();
    if (ImGui::Button("Aspirate (A)")) out.push_back(core(CommandKind::aspirate));
    ImGui::Text("Injected: contrast %.1f mL, anaesthetic %.1f mL, steroid %.1f mL", inj.contrast_ml, inj.anaesthetic_ml,
                inj.steroid_ml);
    if (!s.flashback.empty()) ImGui::TextColored(ImVec4(1.0f, 0.35f, 0.3f, 1.0f), "Hub: %s", s.flashback.c_str());
    if (!s.patient_says.empty()) ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.3f, 1.0f), "Patient: %s", s.patient_says.c_str());
    ImGui::PopItemWidth();
    ImGui::End();
}

void draw_scenario_panel(const Station& station, UiState& ui, std::vector<UiCommand>& out) {
    const auto& s = station.state();
    const Scenario& sc = s.scenario;
    const SessionState& core_state = station.core();
    ImGui::Begin("Scenario and score");
    ImGui::PushItemWidth(-190.0f);
    ImGui::TextWrapped("%s", sc.name.c_str());
    ImGui::Text("Procedure: %s   Level: %s   Side: %s", sc.procedure.c_str(), sc.level.empty() ? "-" : sc.level.c_str(),
                sc.side.c_str());
    ImGui::Separator();
    ImGui::TextWrapped("%s", sc.instructions.c_str());
    ImGui::Separator();
    ImGui::Text("Images %d   fluoro %.1f s   DAP %.4f Gy*cm2   K(IRP) %.2f mGy", core_state.carm.images,
                core_state.dose.fluoro_time_s, core_state.dose.dap_gy_cm2, core_state.dose.air_kerma_irp_mGy);
    ImGui::Text("Time %.0f s", core_state.active_s());
    char buf[512];
    if (!sc.targets.empty()) {
        if (ImGui::Button("Finish and score")) out.push_back(command::Finish{});
        if (s.report) {
            const ScoreReport& r = *s.report;
            ImGui::TextColored(r.passed ? ImVec4(0.4f, 1.0f, 0.4f, 1.0f) : ImVec4(1.0f, 0.4f, 0.3f, 1.0f), "%.0f / 100  %s",
                               r.score, r.passed ? "PASS" : "FAIL");
            ImGui::BeginChild("report", ImVec2(0, 160), true);
            ImGui::TextUnformatted(report_text(r).c_str());
            ImGui::EndChild();
            std::snprintf(buf, sizeof buf, "%s", ui.report_path.c_str());
            if (ImGui::InputText("Report (.html/.json/.csv)", buf, sizeof buf)) ui.report_path = buf;
            if (ImGui::Button("Export report")) out.push_back(command::ExportReport{ui.report_path});
            ImGui::SameLine();
            if (ImGui::Button("Debrief")) ui.show_debrief = true;
        }
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("This scenario has no targets: practice only, no score.");
        ImGui::PopStyleColor();
    }
    ImGui::Separator();
    std::snprintf(buf, sizeof buf, "%s", ui.scenario_path_input.c_str());
    if (ImGui::InputText("Scenario file", buf, sizeof buf)) ui.scenario_path_input = buf;
    if (ImGui::Button("Open scenario")) out.push_back(command::LoadScenario{ui.scenario_path_input});
    std::snprintf(buf, sizeof buf, "%s", ui.recording_path.c_str());
    if (ImGui::InputText("Recording file", buf, sizeof buf)) ui.recording_path = buf;
    if (ImGui::Button("Save recording")) out.push_back(command::SaveRecording{ui.recording_path});
    ImGui::SameLine();
    if (ImGui::Button("Open in replay viewer")) ui.open_replay = ui.recording_path;
    if (ImGui::CollapsingHeader("New patient")) {
        PatientParameters& p = ui.new_patient;
        int seed = int(p.seed);
        if (ImGui::InputInt("Seed", &seed)) p.seed = std::uint64_t(std::max(0, seed));
        edit_patient_parameters(p);
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
    for (const auto& e : station.state().log) ImGui::TextUnformatted(e.c_str());
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
    if (ui.status_extras) ui.status_extras();
    ImGui::End();
}

void draw_help_overlay(UiState& ui) {
    if (!ui.show_help) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowBgAlpha(0.92f);
    ImGui::Begin("Keyboard shortcuts (F1)", &ui.show_help, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
        for (const auto& b : key_bindings()) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(ImVec4(1.0f, 0.9f, 0.5f, 1.0f), "%s", ui.keymap.key_name(b.action).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(b.describe);
        }
        ImGui::EndTable();
    }
    ImGui::TextDisabled("Change keys in keys.json in the config folder (see README).");
    ImGui::End();
}

void handle_shortcuts(const Station& station, UiState& ui, const std::vector<KeyEvent>& keys,
                      std::vector<UiCommand>& out) {
    const ImGuiIO& io = ImGui::GetIO();
    const Keymap& k = ui.keymap;
    for (const KeyEvent& e : keys) {
        const bool press = e.action == GLFW_PRESS, repeat = e.action == GLFW_REPEAT, release = e.action == GLFW_RELEASE;
        auto is = [&](Action a) { return e.key == k.key(a); };
        if (press && is(Action::help)) ui.show_help = !ui.show_help;
        if (io.WantTextInput) continue;
        const bool shift = e.mods & GLFW_MOD_SHIFT, ctrl = e.mods & GLFW_MOD_CONTROL;
        const double step = shift ? kCoarseStepDeg : kFineStepDeg;
        const double mm = shift ? kCoarseStepMm : kFineStepMm;
        if (press) {
            if (ctrl && is(Action::quit)) ui.quit = true;
            if (is(Action::shot)) out.push_back(core(CommandKind::carm_shot));
            if (is(Action::fluoro)) out.push_back(core(CommandKind::pedal_down));
            if (is(Action::save_reference)) out.push_back(core(CommandKind::carm_save_reference));
            if (is(Action::invert)) out.push_back(command::SetDisplay{!station.state().invert});
            if (is(Action::rotate_bevel)) out.push_back(core(CommandKind::needle_rotate_bevel, {90, 0, 0}));
            if (is(Action::lor_attach))
                out.push_back(core(station.core().injection.lor_attached ? CommandKind::lor_detach : CommandKind::lor_attach));
            if (is(Action::lor_press)) out.push_back(core(CommandKind::lor_press));
            if (is(Action::inject_contrast)) out.push_back(core(CommandKind::inject_contrast, {0.5, 0, 0}));
            if (is(Action::inject_anaesthetic)) out.push_back(core(CommandKind::inject_anaesthetic, {0.5, 0, 0}));
            if (is(Action::aspirate)) out.push_back(core(CommandKind::aspirate));
        }
        if (press || repeat) {  // held keys repeat: C-arm rotation and needle travel
            if (is(Action::lao)) out.push_back(core(CommandKind::carm_rotate, {step, 0, 0}));
            if (is(Action::rao)) out.push_back(core(CommandKind::carm_rotate, {-step, 0, 0}));
            if (is(Action::cran)) out.push_back(core(CommandKind::carm_rotate, {0, step, 0}));
            if (is(Action::caud)) out.push_back(core(CommandKind::carm_rotate, {0, -step, 0}));
            if (is(Action::advance)) out.push_back(core(CommandKind::needle_advance, {mm, 0, 0}));
            if (is(Action::withdraw)) out.push_back(core(CommandKind::needle_withdraw, {mm, 0, 0}));
        }
        if (release) {
            if (is(Action::fluoro)) out.push_back(core(CommandKind::pedal_up));
            if (is(Action::lor_press)) out.push_back(core(CommandKind::lor_release));
        }
    }
}

void handle_gamepad(const Station& station, double seconds, std::vector<UiCommand>& out) {
    static bool was_pedal = false, was_a = false, was_b = false, was_x = false;
    GLFWgamepadstate pad;
    if (!glfwJoystickIsGamepad(GLFW_JOYSTICK_1) || !glfwGetGamepadState(GLFW_JOYSTICK_1, &pad)) return;
    // Dead zone of 0.15 (worn sticks rest at up to ~0.1); full deflection = 30 deg/s of C-arm
    // rotation and 10 mm/s of needle travel, proportional in between.
    auto axis = [&](int a) { const double v = double(pad.axes[a]); return std::abs(v) < 0.15 ? 0.0 : v; };
    const double rot = 30.0 * seconds, travel = 10.0 * seconds;
    const double dp = axis(GLFW_GAMEPAD_AXIS_LEFT_X) * rot, ds = -axis(GLFW_GAMEPAD_AXIS_LEFT_Y) * rot;
    if (dp != 0 || ds != 0) out.push_back(core(CommandKind::carm_rotate, {dp, ds, 0}));
    const double needle = -axis(GLFW_GAMEPAD_AXIS_RIGHT_Y) * travel;
    if (needle > 0) out.push_back(core(CommandKind::needle_advance, {needle, 0, 0}));
    if (needle < 0) out.push_back(core(CommandKind::needle_withdraw, {-needle, 0, 0}));
    const bool pedal = pad.axes[GLFW_GAMEPAD_AXIS_RIGHT_TRIGGER] > 0.5f;
    if (pedal != was_pedal) out.push_back(core(pedal ? CommandKind::pedal_down : CommandKind::pedal_up));
    const bool a = pad.buttons[GLFW_GAMEPAD_BUTTON_A], b = pad.buttons[GLFW_GAMEPAD_BUTTON_B], x = pad.buttons[GLFW_GAMEPAD_BUTTON_X];
    if (a && !was_a) out.push_back(core(CommandKind::carm_shot));
    if (b && !was_b) out.push_back(core(CommandKind::carm_save_reference));
    if (x && !was_x) out.push_back(core(CommandKind::inject_contrast, {0.5, 0, 0}));
    was_pedal = pedal, was_a = a, was_b = b, was_x = x;
    (void)station;
}

}  // namespace fluorosim::app
