#pragma once
// The controls for a generated patient's parameters (sex, height, BMI, lordosis, scoliosis,
// degeneration, facet hypertrophy, fracture, transitional vertebra), shared by the "New patient"
// panel and the scenario author's window, so both offer the same ranges. The seed is the
// caller's: a scenario keeps it beside the parameters.
#include "core/anatomy/patient_parameters.hpp"

namespace fluorosim::app {

// Draws the controls in the current ImGui window; true when one changed.
bool edit_patient_parameters(PatientParameters& p);

}  // namespace fluorosim::app
