// fluorosim expert: plans the expert attempt at a scenario on its patient (straight needle path
// from the patient's landmarks and tissue, core/scoring/expert_plan.hpp) and writes it as a
// session recording, which `fluorosim score`, `--replay` in the app and the replay viewer play.
#include <cstdio>
#include <memory>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "core/scenario/scenario.hpp"
#include "core/scoring/expert_plan.hpp"
#include "core/scoring/report_export.hpp"
#include "core/scoring/score.hpp"
#include "core/session/recording.hpp"
#include "core/util/error.hpp"
#include "core/xray/material_library.hpp"
#include "io/patient_file.hpp"

namespace fluorosim::cli {

int expert_command(const std::vector<std::string>& argv) {
    Args args("expert",
              "Plan an expert attempt at a scenario on its patient (a straight needle path through "
              "safe tissue to\n"
              "the first target, found from the patient's landmarks; square the endplate, oblique, "
              "enter down the\n"
              "beam, lateral depth check, advance, aspirate, contrast under live fluoroscopy where "
              "the rubric asks,\n"
              "injectate) and write it as a session recording. Prints the score it earns.\n"
              "Exit status 0 when it passes, 3 when it does not, 1 when no straight path exists.");
    args.option("--scenario", "FILE", "scenario file (YAML, fluorosim_scenario 2 with targets)");
    args.option("--out", "FILE", "recording to write (fluorosim_recording 1)");
    args.option("--seed", "N", "session seed written to the recording (image noise), default 7");
    args.option("--patient-seed", "N",
                "plan on this patient variation instead of the scenario's (for exploring; `score` "
                "replays on the "
                "scenario's own patient)");
    if (!args.parse(argv)) return 0;
    if (!args.has("--scenario") || !args.has("--out"))
        throw UsageError("expert needs --scenario FILE and --out FILE");
    const std::string scenario_file = args.get("--scenario");
    Scenario scenario = load_scenario(scenario_file);
    if (scenario.patient.source != PatientSource::generated)
        throw InputError(
            {scenario_file, 0, "patient"},
            "an expert plan needs a generated patient (its landmarks define the targets)");
    if (scenario.targets.empty())
        throw InputError({scenario_file, 0, "targets"},
                         "the scenario has no targets to plan for (fluorosim_scenario 2)");
    if (args.has("--patient-seed"))
        scenario.patient.parameters.seed =
            std::uint64_t(args.integer("--patient-seed", 1, 0, 1000000000));
    const auto patient = std::make_shared<const Patient>(
        io::obtain_patient(scenario.patient.parameters, MaterialLibrary::standard()));
    const PlanningPatient pp = planning_patient(patient);
    const Recording rec =
        expert_recording(scenario, pp, std::uint64_t(args.integer("--seed", 7, 0, 2000000000)));
    save_recording(rec, args.get("--out"));
    const Session session = replay(rec, scenario, pp.query, &patient->structures);
    const ScoreReport report = score_attempt(scenario, *patient, session.events(), session.state());
    std::printf("wrote %s: %zu commands; %s %.0f/100 (%s)\n", args.get("--out").c_str(),
                rec.commands.size(), report.passed ? "passes with" : "FAILS with", report.score,
                report.metrics.target.c_str());
    if (!report.passed) std::fputs(report_text(report).c_str(), stdout);
    return report.passed ? 0 : 3;
}

}  // namespace fluorosim::cli
