#pragma once
// The scorer (DESIGN.md "Scoring", clinical.md 1.3 and 4): pure, scenario + patient + the
// session's events and final state in, report out. Same inputs, same report.
//
// Order of judgement:
//  1. Safety gates: dural puncture (CSF at the hub), intrathecal injection, intra-arterial
//     injection, injectate into a vein, nerve-root or cauda-equina contact, intradiscal tip,
//     too deep (organ/bowel, or deeper than the rubric's max_depth_mm), a scenario hazard
//     touched. Any one fails the attempt with 0 points.
//  2. Accuracy (rubric accuracy_weight): tip in a target zone (and its tissue), distance to the
//     target in mm, right level and side, and the procedure's requirements (bone contact, loss
//     of resistance, contrast and its pattern, parallel to the nerve). The tip outside every
//     zone or a requirement missed fails the attempt.
//  3. Efficiency (efficiency_weight, shared by 7 measures): shots, fluoro time, DAP,
//     redirections, skin punctures, bone contacts, procedure time against the scenario's expert
//     values; a measure's share is lost linearly from the expert value to twice it [P]. Over a
//     scenario limit fails the attempt.
//  4. Technique (technique_weight, shared by the items that apply): endplate squared before the
//     skin puncture, an oblique or coaxial view, a depth view (lateral or CLO) while still short
//     of the target, aspiration before injecting, contrast before injectate, live fluoroscopy
//     while transforaminal contrast goes in.
// Passing needs no gate, the tip in a zone with the requirements met, no limit exceeded, and a
// score of at least the rubric's pass_score. Every deduction is a sentence with its numbers.
#include <string>
#include <vector>

#include "core/anatomy/patient.hpp"
#include "core/scenario/scenario.hpp"
#include "core/session/event.hpp"
#include "core/session/session_state.hpp"

namespace fluorosim {

struct Deduction {
    std::string section;  // "safety", "accuracy", "efficiency", "technique"
    double points = 0.0;  // points taken off (positive)
    std::string sentence;

    bool operator==(const Deduction&) const = default;
};

struct SectionScore {
    std::string name;
    double earned = 0.0;
    double possible = 0.0;

    bool operator==(const SectionScore&) const = default;
};

struct ScoreMetrics {
    int shots = 0;          // single shots + live-fluoroscopy runs (pedal presses)
    int images = 0;         // pulses
    double fluoro_s = 0.0;
    double dap_gy_cm2 = 0.0;
    double air_kerma_mgy = 0.0;
    int redirections = 0;
    int skin_punctures = 0;
    int bone_contacts = 0;
    double time_s = 0.0;
    double distance_mm = -1.0;  // tip to the nearest target (-1: no needle)
    bool in_zone = false;
    std::string target;         // label of the nearest target
    std::string tip_structure;  // object at the tip at the end
    std::string tip_tissue;
    double depth_mm = 0.0;
    double contrast_ml = 0.0;
    std::vector<std::string> contrast_patterns;  // per contrast injection, in order

    bool operator==(const ScoreMetrics&) const = default;
};

struct ScoreReport {
    std::string scenario;  // name
    std::string scenario_file;
    std::string procedure, level, side, difficulty;
    double score = 0.0;    // 0-100
    double pass_score = 0.0;
    bool passed = false;
    std::vector<std::string> critical_codes;  // "dural_puncture", "intrathecal_injection", ...
    std::vector<std::string> fail_reasons;    // one sentence per reason the attempt failed
    std::vector<SectionScore> sections;       // accuracy, efficiency, technique
    std::vector<Deduction> deductions;
    std::vector<std::string> notes;           // what went well, in words
    ScoreMetrics metrics;

    bool operator==(const ScoreReport&) const = default;
};

// A report naming the scenario (name, file, procedure, level, side, difficulty, pass mark) and
// nothing else: what score_attempt starts from, and an exam's unattempted item.
ScoreReport report_for(const Scenario& scenario);

// Throws InputError when a scenario landmark is missing from this patient (e.g. an L5 target
// on a sacralized-L5 patient).
ScoreReport score_attempt(const Scenario& scenario, const Patient& patient, const std::vector<Event>& events,
                          const SessionState& final_state);

// Centre of a zone in this patient (landmark point, polygon/polyline centroid, sphere centre,
// box centre); throws InputError for a landmark the patient lacks.
glm::dvec3 zone_centre(const Zone& zone, const Patient& patient);
// Millimetres from p to the zone's surface, negative inside (box: 0 inside; a polyline
// landmark is a tube of the zone's radius around it).
double zone_distance(const Zone& zone, const Patient& patient, const glm::dvec3& p);
// The nerve direction a parallel criterion judges against in this patient (unit; the
// criterion's landmark course, or its fixed axis).
glm::dvec3 nerve_axis(const ParallelCriterion& criterion, const Patient& patient);
// The endplate the technique check wants squared ("L5.superior_endplate"; "" if none).
std::string endplate_landmark(const Scenario& scenario, const Patient& patient);
// The secondary angle (deg) that squares a plane with this normal at a primary angle (deg):
// the central ray lies in the plane (carm_pose.cpp's beam direction).
double squaring_secondary_deg(const glm::dvec3& normal, double primary_deg);

}  // namespace fluorosim
