#include "app/main_menu.hpp"

#include <imgui.h>

namespace fluorosim::app {

void draw_main_menu(const Station& station, ExamMode& exam, AuthoringWindow& authoring, InstructorMode& instructor,
                    const std::function<void()>& right_side) {
    if (!ImGui::BeginMainMenuBar()) return;
    // Nothing else opens while a sitting runs: the exam owns the station until it ends.
    if (ImGui::BeginMenu("Exam")) {
        if (ImGui::MenuItem("Start self-assessment...", nullptr, false, !exam.running()))
            exam.open_start_dialog();
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Instructor")) {
        // Authoring is the instructor's, behind the PIN like the dashboard and big screen.
        if (ImGui::MenuItem("Author scenario...", nullptr, false, !exam.running() && instructor.unlocked()))
            authoring.open(station);
        if (!instructor.unlocked() && ImGui::MenuItem("Unlock with the instructor PIN...", nullptr, false, !exam.running()))
            instructor.request_unlock();
        ImGui::EndMenu();
    }
    if (right_side) right_side();
    ImGui::EndMainMenuBar();
}

}  // namespace fluorosim::app
