#pragma once
// The ImGui panels of the simulator window. Each reads the station's state and pushes
// commands; none changes the state itself.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/keymap.hpp"
#include "app/station.hpp"
#include "core/anatomy/patient_parameters.hpp"

namespace fluorosim::app {

struct UiState {
    bool show_help = true;
    bool quit = false;
    std::string scenario_path_input;
    std::string mesh_path_input;
    int mesh_units = 0;  // 0 mm, 1 cm, 2 m
    int mesh_up = 2;     // 0 x, 1 y, 2 z
    PatientParameters new_patient;                    // edited in the panel
    std::optional<PatientParameters> generate_request;  // set by the panel, taken by the app
    bool generating = false;
    double frame_ms = 0.0;
    std::string gl_renderer;
    std::string recording_path = "recording.txt";
    std::string report_path = "report.html";
    bool show_debrief = false;               // the Debrief window (opens itself after Finish)
    bool show_replay = false;                // the Replay window
    bool label_anatomy = false;              // ring and name the Scotty dog on the monitor
    std::optional<std::string> open_replay;  // a recording the panel asked the replay viewer to open
    Keymap keymap;
    std::function<void()> status_extras;  // more status bar items (workshop, instructor)
};

// A click on the image puts the needle on the skin where that pixel's ray leaves the back.
// `label_anatomy`: the "Label the Scotty dog" learning aid's switch, offered on the image when
// not null (the caller passes null when the scenario or an exam hides learning aids).
void draw_fluoro_monitor(const Station& station, std::vector<UiCommand>& out, bool* label_anatomy = nullptr);
void draw_reference_monitor(const Station& station);
void draw_carm_panel(const Station& station, std::vector<UiCommand>& out);
void draw_needle_panel(const Station& station, std::vector<UiCommand>& out);
void draw_scenario_panel(const Station& station, UiState& ui, std::vector<UiCommand>& out);
void draw_event_log(const Station& station);
void draw_status_bar(const Station& station, const UiState& ui);
void draw_help_overlay(UiState& ui);

// A key press, repeat or release as GLFW reported it. Shortcuts work from these rather than
// from polled key state, so a tap shorter than one frame (llvmpipe frames take 15-70 ms) is
// never lost.
struct KeyEvent {
    int key;
    int action;  // GLFW_PRESS, GLFW_REPEAT, GLFW_RELEASE
    int mods;
};
// Keyboard shortcuts (ignored while a text field has focus), through the user's keymap.
void handle_shortcuts(const Station& station, UiState& ui, const std::vector<KeyEvent>& keys,
                      std::vector<UiCommand>& out);
// A gamepad (GLFW's mapping) if one is connected: left stick rotates the C-arm, right stick
// advances and withdraws, A = shot, right trigger = pedal, B = save reference, X = contrast.
void handle_gamepad(const Station& station, double seconds, std::vector<UiCommand>& out);

}  // namespace fluorosim::app
