#pragma once
// A scenario: what the trainee is asked to do, on which patient, from which starting C-arm
// pose. Stored as human-editable YAML under scenarios/ (comments with #), versioned by the
// `fluorosim_scenario` field. This is the first version of the format; the scenario and
// scoring issue adds targets, hazards, rubric and limits to it.
#include <string>

#include "core/carm/carm_pose.hpp"

namespace fluorosim {

struct Exposure {
    double kvp = 75.0;        // tube voltage
    double ma = 2.0;          // tube current (fluoro)
    double pulse_rate = 15.0; // pulses per second
    double pulse_ms = 16.0;   // pulse width (a published ESI series used 15 p/s, 16 ms)
};

enum class PatientSource { test_phantom, generated, mesh_file };

struct ScenarioPatient {
    PatientSource source = PatientSource::test_phantom;
    unsigned seed = 1;
    std::string mesh_file;  // for mesh_file, relative to the scenario file
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
