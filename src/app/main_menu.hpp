#pragma once
// The window's menu bar: Exam > Start self-assessment..., Instructor > Author scenario...
// (the instructor PIN window takes the authoring entry over when it is merged).
#include "app/authoring_window.hpp"
#include "app/exam_mode.hpp"
#include "app/station.hpp"

namespace fluorosim::app {

void draw_main_menu(const Station& station, ExamMode& exam, AuthoringWindow& authoring);

}  // namespace fluorosim::app
