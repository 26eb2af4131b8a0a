// fluorosim exam: sits an exam headless. --plan prints the scenarios with the patients a given
// exam seed draws; with --recordings it replays one recording per scenario (in order) on those
// patients, scores each sealed through ExamRun exactly as the app does, and prints the final
// report (text or JSON; --html writes the HTML page).
#include <cstdio>
#include <fstream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "core/exam/exam_run.hpp"
#include "core/scoring/exam_report_export.hpp"
#include "core/session/recording.hpp"
#include "core/util/error.hpp"
#include "core/xray/material_library.hpp"
#include "io/patient_file.hpp"
#include "io/session_store.hpp"  // utc_now

namespace fluorosim::cli {
namespace {

std::uint64_t exam_seed(const Args& args, const ExamDefinition& exam) {
    if (args.has("--exam-seed"))
        return std::uint64_t(args.integer("--exam-seed", 0, 0, 2147483647));
    if (!exam.randomise_patients) return 0;
    if (exam.seed_policy == SeedPolicy::fixed) return exam.seed;
    throw UsageError("exam '" + exam.name +
                     "' draws new patients at every sitting: give --exam-seed N (the seed on the "
                     "sitting's report)");
}

// One recording on the sitting's scenario and patient, cut at the time left for it (the app
// stops an attempt there and scores it as it stands); returns the report and the time used.
std::pair<ScoreReport, double> sit(const Scenario& scenario, const std::string& recording_file,
                                   double time_left) {
    Recording recording = load_recording(recording_file);
    const Patient patient =
        io::obtain_patient(scenario.patient.parameters, MaterialLibrary::standard());
    double used = recording.commands.empty() ? 0.0 : recording.commands.back().time;
    const bool cut = used > time_left;
    if (cut) {
        std::erase_if(recording.commands, [&](const Command& c) { return c.time > time_left; });
        used = time_left;
    }
    Session session = replay(recording, scenario, patient.scene, &patient.structures);
    if (cut) {
        session.advance_to(time_left);
        session.apply(make_command(time_left, CommandKind::session_end));
    }
    return {score_attempt(scenario, patient, session.events(), session.state()), used};
}

}  // namespace

int exam_command(const std::vector<std::string>& argv) {
    Args args("exam",
              "Sit a self-assessment exam headless: replay one recording per scenario (in the "
              "exam's order) on\n"
              "the patients the exam seed draws, learning aids off, and print the final report "
              "with each\n"
              "scenario's score and the exam's pass or fail. Results are sealed until every "
              "recording is\n"
              "scored. --plan prints the scenarios and their patient seeds instead.\n"
              "Exit status 0 when the exam passes, 3 when it fails.");
    args.option("--exam", "FILE",
                "exam file (YAML, fluorosim_exam 1; shipped ones under scenarios/exams/)")
        .flag("--plan", "print the scenarios with their patient seeds and limits, score nothing")
        .option("--exam-seed", "N",
                "the sitting's exam seed (needed when the exam draws new patients per sitting)")
        .flag("--recordings",
              "the arguments that follow are the recordings, one per scenario in order; fewer "
              "than the scenarios = the trainee ended the exam there")
        .option("--trainee", "NAME", "trainee name for the report")
        .flag("--json", "print the final report as JSON instead of the text table")
        .option("--html", "FILE", "also write the final report as a self-contained HTML page");
    // The words after --recordings up to the next option are the recordings.
    std::vector<std::string> rest, recordings;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        rest.push_back(argv[i]);
        if (argv[i] != "--recordings") continue;
        while (i + 1 < argv.size() && argv[i + 1].rfind("--", 0) != 0)
            recordings.push_back(argv[++i]);
    }
    if (!args.parse(rest)) return 0;
    if (!args.has("--exam")) throw UsageError("exam needs --exam FILE");
    const ExamDefinition exam = load_exam(args.get("--exam"));
    ExamRun run(exam, args.get("--trainee"), exam_seed(args, exam), io::utc_now());
    if (args.has("--plan")) {
        if (args.has("--recordings"))
            throw UsageError("give either --plan or --recordings, not both");
        std::fputs(exam_plan_text(run).c_str(), stdout);
        return 0;
    }
    if (!args.has("--recordings")) throw UsageError("exam needs --plan or --recordings R1 R2 ...");
    if (recordings.empty()) throw UsageError("--recordings needs at least one recording file");
    if (recordings.size() > run.count())
        throw UsageError("the exam has " + std::to_string(run.count()) + " scenarios but " +
                         std::to_string(recordings.size()) + " recordings were given");
    for (const std::string& file : recordings) {
        if (run.finished()) break;  // the total time ran out
        const Scenario scenario = run.current_scenario();
        std::fprintf(stderr, "scenario %zu/%zu: %s (patient seed %u)\n", run.current_index() + 1,
                     run.count(), scenario.name.c_str(), scenario.patient.seed);
        const auto [report, used] = sit(scenario, file, run.scenario_time_left(0.0));
        run.submit(report, used);
    }
    if (!run.finished()) run.end_by_trainee(0.0);
    const ExamReport report = *run.final_report();
    std::fputs((args.has("--json") ? exam_report_json(report) : exam_report_text(report)).c_str(),
               stdout);
    if (args.has("--html")) {
        std::ofstream out(args.get("--html"), std::ios::binary);
        if (!out || !(out << exam_report_html(report)))
            throw InputError({args.get("--html"), 0, ""}, "cannot write the file");
    }
    return report.passed ? 0 : 3;
}

}  // namespace fluorosim::cli
