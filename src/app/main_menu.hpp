#pragma once
// The window's menu bar: Exam > Start self-assessment..., Instructor > Author scenario...
// (only once instructor mode is unlocked with the PIN; until then the menu offers the PIN
// prompt).
#include <functional>

#include "app/authoring_window.hpp"
#include "app/exam_mode.hpp"
#include "app/instructor_mode.hpp"
#include "app/station.hpp"

namespace fluorosim::app {

// `right_side` draws more items at the bar's right end (the trainee picker).
void draw_main_menu(const Station& station, ExamMode& exam, AuthoringWindow& authoring, InstructorMode& instructor,
                    const std::function<void()>& right_side = {});

}  // namespace fluorosim::app
