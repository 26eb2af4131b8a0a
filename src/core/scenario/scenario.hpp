#pragma once
// A scenario: what the trainee is asked to do, on which patient, from which starting C-arm
// pose. Stored as human-editable YAML under scenarios/ (comments with #), versioned by the
// `fluorosim_scenario` field. This is the first version of the format; the scenario and
// scoring issue adds targets, hazards, rubric and limits to it.
#include <string>

#include "core/anatomy/patient_parameters.hpp"
#include "core/carm/carm_pose.hpp"

namespace fluorosim {

// Tube technique at the start of a case; automatic brightness control moves kVp and mA from here.
struct Exposure {
    double kvp = 70.0;         // tube voltage (70 kV: the lumbar ESI series in clinical.md 3.2)
    double ma = 10.0;          // tube current during a pulse
    double pulse_rate = 15.0;  // pulses per second
    double pulse_ms = 16.0;    // pulse width (a published ESI series used 15 p/s, 16 ms)
    double added_mm_al = 1.0;  // spectral filtration added to the tube's inherent 2.25 mm Al
    double added_mm_cu = 0.1;
    bool abc = true;           // automatic brightness control

    bool operator==(const Exposure&) const = default;
};

enum class PatientSource { test_phantom, generated, mesh_file };

struct ScenarioPatient {
    PatientSource source = PatientSource::test_phantom;
    unsigned seed = 1;
    PatientParameters parameters;  // for generated patients (seed copied in)
    std::string mesh_file;       // for mesh_file: resolved against the scenario's folder
    double mesh_mm_per_unit = 1; // mesh_file units (mm 1, cm 10, m 1000)
    char mesh_up_axis = 'z';     // mesh_file axis toward the patient's head
    std::string mesh_material;   // every mesh this material ("" = from names)
};

struct Scenario {
    static constexpr int format_version = 1;

    std::string file;          // where it was loaded from
    std::string name;
    std::string procedure;     // "phantom", "medial_branch_block", ...
    std::string level;         // "L4" or "L4-L5" ("" for the phantom)
    std::string side;          // "left", "right", "midline"
    std::string needle = "quincke_22g_90mm";
    ScenarioPatient patient;
    CArmPose carm;
    Exposure exposure;
    bool learning_aids = true;
    std::string instructions;
};

// Throws InputError naming the file, line and field of the first problem found.
Scenario load_scenario(const std::string& path);
Scenario parse_scenario(const std::string& yaml_text, const std::string& name);

}  // namespace fluorosim
