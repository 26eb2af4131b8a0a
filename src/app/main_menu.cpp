#include "app/main_menu.hpp"

#include <imgui.h>

namespace fluorosim::app {

void draw_main_menu(const Station& station, ExamMode& exam, AuthoringWindow& authoring) {
    if (!ImGui::BeginMainMenuBar()) return;
    // Nothing else opens while a sitting runs: the exam owns the station until it ends.
    if (ImGui::BeginMenu("Exam")) {
        if (ImGui::MenuItem("Start self-assessment...", nullptr, false, !exam.running()))
            exam.open_start_dialog();
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Instructor")) {
        if (ImGui::MenuItem("Author scenario...", nullptr, false, !exam.running()))
            authoring.open(station);
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

}  // namespace fluorosim::app
