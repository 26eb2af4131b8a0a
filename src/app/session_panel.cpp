#include "app/session_panel.hpp"

#include <imgui.h>

#include <algorithm>

#include "app/session_recorder.hpp"
#include "app/station.hpp"
#include "core/util/log.hpp"

namespace fluorosim::app {

void draw_trainee_picker(SessionRecorder* recorder, SessionPanelState& state) {
    const std::string& problem = !state.message.empty() ? state.message
                                 : recorder             ? recorder->problem()
                                                        : state.message;
    if (!recorder && problem.empty()) return;
    // Right-aligned in the menu bar: "Trainee [name v] Sessions...  recording session N".
    const float width = problem.empty() ? 470.0f : 0.55f * ImGui::GetWindowWidth();
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowWidth() - width));
    if (recorder) {
        ImGui::TextUnformatted("Trainee");
        ImGui::SetNextItemWidth(150.0f);
        if (ImGui::BeginCombo("##trainee_combo", recorder->trainee().c_str())) {
            if (ImGui::IsWindowAppearing()) state.trainees = recorder->store().trainees();
            for (const std::string& name : state.trainees)
                if (ImGui::Selectable(name.c_str(), name == recorder->trainee()))
                    recorder->set_trainee(name);
            ImGui::Separator();
            ImGui::SetNextItemWidth(140.0f);
            const bool enter = ImGui::InputTextWithHint("##new", "new trainee", state.new_trainee,
                                                        sizeof state.new_trainee,
                                                        ImGuiInputTextFlags_EnterReturnsTrue);
            ImGui::SameLine();
            if ((ImGui::Button("Add") || enter) && state.new_trainee[0]) {
                recorder->set_trainee(state.new_trainee);
                state.new_trainee[0] = '\0';
                ImGui::CloseCurrentPopup();
            }
            ImGui::EndCombo();
        }
        if (ImGui::SmallButton("Sessions...")) state.open_browser = true;
    }
    if (!problem.empty())
        ImGui::TextColored(ImVec4(1.0f, 0.5f, 0.4f, 1.0f), "%s", problem.c_str());
    else if (recorder->current())
        ImGui::TextDisabled("recording session %lld", static_cast<long long>(*recorder->current()));
}

void draw_recovery_prompt(SessionRecorder& recorder, Station& station, SessionPanelState& state) {
    if (state.orphans.empty()) return;
    const char* title = "Recover an unfinished session?";
    if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
        ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    const io::SessionInfo& s = state.orphans.front();
    ImGui::Text("Recover the session of %s on %s from %s?", s.trainee.c_str(), s.scenario.c_str(),
                s.started_at.c_str());
    ImGui::TextDisabled("%d commands, %d images were saved before the program stopped.", s.commands,
                        s.images);
    const bool recover = ImGui::Button("Recover");
    ImGui::SameLine();
    const bool discard = ImGui::Button("Discard");
    if (recover || discard) {
        const std::int64_t id = s.id;
        // After a recovery the others wait for the next start (or 'fluorosim sessions recover').
        if (recover)
            state.orphans.clear();
        else
            state.orphans.erase(state.orphans.begin());
        try {
            if (recover)
                recorder.recover(station, id);
            else
                recorder.discard(id);
            state.message.clear();
        } catch (const std::exception& e) {
            state.message = e.what();
            log::error(e.what());
        }
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace fluorosim::app
