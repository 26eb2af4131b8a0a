#pragma once
// A scenario: what the trainee is asked to do, on which patient, from which starting C-arm
// pose, and how the attempt is judged. Stored as human-editable YAML under scenarios/
// (comments with #), versioned by the `fluorosim_scenario` field:
//  - version 1: name, procedure, level, side, needle, patient, carm, exposure, learning_aids,
//    instructions;
//  - version 2 adds targets and hazards (by landmark name or explicit geometry), the rubric
//    (weights, thresholds, technique requirements), limits, learning aids in detail and the
//    expert reference values the efficiency score compares against. Version 1 files still
//    read (their scoring fields take the defaults below).
// Landmark names are checked against the standard patient's landmark list
// (standard_landmark_names), so a typo is an error naming the file, line and field.
#include <set>
#include <string>
#include <vector>

#include <glm/glm.hpp>

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

// A target or hazard region. By landmark: the landmark's point (or the centroid of its
// polygon/polyline) with a radius. Explicit: a sphere (centre + radius) or an axis-aligned box,
// patient frame, mm.
enum class ZoneShape { landmark, sphere, box };

struct Zone {
    std::string label;             // how reports name it ("L4 medial branch (L5 SAP-TP junction)")
    ZoneShape shape = ZoneShape::landmark;
    std::string landmark;          // shape == landmark
    glm::dvec3 offset_mm{0.0};     // landmark zones: centre shifted from the landmark (patient frame)
    glm::dvec3 centre{0.0};        // shape == sphere
    glm::dvec3 box_min{0.0};       // shape == box
    glm::dvec3 box_max{0.0};
    double radius_mm = 3.0;        // landmark and sphere zones
    // Optional tissue the tip must be in as well (a TissueClass name: "joint_capsule",
    // "epidural_fat", ...); "" = any.
    std::string tissue;
    std::string message;           // hazards: the sentence a trainee reads when it is touched

    bool operator==(const Zone&) const = default;
};

// RF neurotomy: the cannula must lie along the nerve (clinical.md 1.3 RF: angle <= 20 deg [P]).
struct ParallelCriterion {
    bool enabled = false;
    glm::dvec3 axis{0.0, 0.0, 1.0};  // nerve direction, patient frame (sign irrelevant)
    // Or the nerve's course in this patient: a polyline landmark, axis = first to last point
    // (then `axis` is unused).
    std::string landmark;
    double max_angle_deg = 20.0;

    bool operator==(const ParallelCriterion&) const = default;
};

struct Rubric {
    // Points per section; safety is a gate (any critical error fails with 0 points).
    double accuracy_weight = 40.0;
    double efficiency_weight = 30.0;
    double technique_weight = 30.0;
    double pass_score = 70.0;          // and the tip in the target zone, no gate, no limit exceeded
    double partial_mm = 10.0;          // beyond the zone radius, accuracy credit falls to 0 over this
    double endplate_tolerance_deg = 3.0;  // "squared": secondary within this of the endplate tilt [P]
    double oblique_min_deg = 10.0;     // |primary| from here counts as an oblique view [P]
    double depth_view_min_deg = 35.0;  // |primary| from here: CLO (~45-50 deg) or lateral [P]
    double coaxial_tolerance_deg = 10.0;  // needle within this of the beam = down-the-beam view [P]
    double depth_margin_mm = 5.0;      // a depth view must come while the tip is this far short of the target
    double max_depth_mm = 0.0;         // tip deeper than this past the skin = too deep (0: no limit)
    bool require_bone_contact = false;      // MBB: the tip on bone at the target
    bool require_loss_of_resistance = false;  // ILESI
    bool require_contrast = false;          // SIJ: arthrogram needed for success
    bool require_live_contrast = false;     // TFESI: live fluoroscopy while contrast goes in
    bool require_contrast_before_injectate = true;
    std::string expected_pattern;           // contrast pattern (contrast.hpp names) or ""
    ParallelCriterion parallel;

    bool operator==(const Rubric&) const = default;
};

// Hard caps: exceeding one fails the attempt (0 = no cap).
struct Limits {
    int shots = 0;
    double fluoro_s = 0.0;
    double dap_gy_cm2 = 0.0;
    double time_s = 0.0;

    bool operator==(const Limits&) const = default;
};

// What an expert needs for this case: efficiency deductions grow from these.
struct ExpertReference {
    int shots = 15;
    double fluoro_s = 15.0;
    double dap_gy_cm2 = 0.5;  // an expert TFESI ~0.5-1 Gy.cm2 (clinical.md 3.4)
    int redirections = 1;
    double time_s = 300.0;

    bool operator==(const ExpertReference&) const = default;
};

struct LearningAidSettings {
    bool preset_views = true;    // carm.preset
    bool learning_view = true;   // the 3D view
    bool target_marker = false;  // target drawn in the 3D view
    bool hints = true;           // step-by-step hints in the scenario panel

    bool operator==(const LearningAidSettings&) const = default;
};

struct Scenario {
    static constexpr int format_version = 2;

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
    LearningAidSettings aids;
    std::string difficulty = "standard";  // beginner | standard | expert
    std::string instructions;
    // Version 2: scoring.
    int version = 1;                     // the file's fluorosim_scenario
    std::vector<Zone> targets;           // the tip must end in one of them
    std::vector<Zone> hazards;           // touching one is a critical error
    Rubric rubric;
    Limits limits;
    ExpertReference expert;
};

// Throws InputError naming the file, line and field of the first problem found. Landmark
// names are checked against `landmarks` (default: the standard patient's).
Scenario load_scenario(const std::string& path);
Scenario parse_scenario(const std::string& yaml_text, const std::string& name);
Scenario parse_scenario(const std::string& yaml_text, const std::string& name, const std::set<std::string>& landmarks);

// The landmark names of the shipped standard patient (read once from its patient.json under
// assets/patients/standard_adult; InputError if that file is missing).
const std::set<std::string>& standard_landmark_names();
// The values a scenario's procedure, level and rubric.expected_pattern may take (authoring lists).
const std::vector<std::string>& scenario_procedures();
const std::vector<std::string>& scenario_levels();
const std::vector<std::string>& contrast_pattern_names();
// TissueClass names a zone's `tissue` may use.
const std::vector<std::string>& zone_tissue_names();

}  // namespace fluorosim
