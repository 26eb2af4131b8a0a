#pragma once
// The ImGui panels of the simulator window. Each reads the station's state and pushes
// commands; none changes the state itself.
#include <optional>
#include <string>
#include <vector>

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
};

void draw_fluoro_monitor(const Station& station);
void draw_reference_monitor(const Station& station);
void draw_carm_panel(const Station& station, std::vector<Command>& out);
void draw_needle_panel(const Station& station, std::vector<Command>& out);
void draw_scenario_panel(const Station& station, UiState& ui, std::vector<Command>& out);
void draw_event_log(const Station& station);
void draw_status_bar(const Station& station, const UiState& ui);
void draw_help_overlay(UiState& ui);

// Keyboard shortcuts (ignored while a text field has focus).
void handle_shortcuts(const Station& station, UiState& ui, std::vector<Command>& out);

}  // namespace fluorosim::app
