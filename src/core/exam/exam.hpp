#pragma once
// A self-assessment exam: a named list of scored scenarios, sat in order on randomised
// (seeded) patients with every learning aid off, under a time limit, judged by a pass rule.
// Stored as YAML under scenarios/exams/ (comments with #), versioned by `fluorosim_exam`:
//
//   fluorosim_exam: 1
//   name: "Lumbar basics"
//   description: "..."
//   scenarios:                     # in the order they are sat; paths relative to this file
//     - file: ../mbb_l4_left.yaml
//       time_limit_s: 600          # optional: this scenario's own limit
//     - ../facet_ia_l4l5_left.yaml # a plain path works too
//   time_limit_s: 1800             # the whole exam (0 = none)
//   pass_rule:
//     rule: every_scenario         # every_scenario | mean_score
//     min_mean_score: 70           # mean_score: the mean over all scenarios must reach this
//     no_critical_errors: true     # any safety gate (dural puncture, ...) fails the exam
//   patients:
//     randomise: true              # false: each scenario's own patient
//     seed_policy: per_sitting     # per_sitting: a new exam seed each sitting; fixed: `seed`
//     seed: 2026
//     vary: {bmi: [20, 32], height_cm: [160, 190]}   # drawn per patient from its seed
//
// Errors name the file, line and field (YamlReader); every scenario file is loaded and must
// be scoreable (version 2 with targets, a generated patient).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/scenario/scenario.hpp"

namespace fluorosim {

enum class ExamPassRule { every_scenario, mean_score };
enum class SeedPolicy { per_sitting, fixed };

struct ExamScenario {
    std::string file;           // resolved path
    double time_limit_s = 0.0;  // 0 = only the exam's total limit
    Scenario scenario;          // as loaded (exam_ready() turns aids off and sets the patient)
};

// Closed ranges the patient generator's parameters are drawn from, per exam patient.
struct PatientVariation {
    std::optional<std::pair<double, double>> bmi, height_cm, lordosis_deg;
    bool any_sex = false;  // "sex: any": male or female, drawn from the seed
};

struct ExamDefinition {
    static constexpr int format_version = 1;

    std::string file;
    std::string name;
    std::string description;
    std::vector<ExamScenario> scenarios;
    double time_limit_s = 0.0;  // whole exam (0 = none)
    ExamPassRule rule = ExamPassRule::every_scenario;
    double min_mean_score = 70.0;
    bool no_critical_errors = true;
    bool randomise_patients = true;
    SeedPolicy seed_policy = SeedPolicy::per_sitting;
    std::uint64_t seed = 1;  // the exam seed for seed_policy fixed
    PatientVariation vary;
};

// Throws InputError naming the file, line and field of the first problem (including problems in
// the scenario files it lists).
ExamDefinition load_exam(const std::string& path);
ExamDefinition parse_exam(const std::string& yaml_text, const std::string& name);

// The patient seed of scenario `index` for an exam seed: a splitmix64 hash of both, so the same
// exam seed gives the same patients and neighbouring seeds give unrelated ones. Kept below 2^31
// (scenario files accept seeds up to 2147483647).
std::uint32_t exam_patient_seed(std::uint64_t exam_seed, std::size_t index);

// Scenario `index` as the exam sets it: learning aids and C-arm presets off whatever the file
// says, and (randomise_patients) the patient drawn from the exam seed: its seed, and the
// `vary` parameters drawn from that seed.
Scenario exam_ready(const ExamDefinition& exam, std::size_t index, std::uint64_t exam_seed);

// Every learning aid off (3D view, target marker, hints, preset views): what exam mode runs.
void force_aids_off(Scenario& scenario);

}  // namespace fluorosim
