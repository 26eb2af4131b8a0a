// fluorosim score: replays a recorded session on its scenario's patient and prints the score
// report the app shows (text table), or writes it as JSON, HTML and a CSV line.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "core/scenario/scenario.hpp"
#include "core/scoring/report_export.hpp"
#include "core/session/recording.hpp"
#include "core/util/error.hpp"
#include "core/xray/material_library.hpp"
#include "io/patient_file.hpp"

namespace fluorosim::cli {
namespace {

void write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    if (!out || !(out << text)) throw InputError({path, 0, ""}, "cannot write the file");
}

}  // namespace

int score_command(const std::vector<std::string>& argv) {
    Args args("score", "Replay a session recording on its scenario's patient and score it: safety gates, accuracy,\n"
                       "efficiency and technique, every deduction with its reason. Prints a text table (or JSON).\n"
                       "Exit status 0 when the attempt passes, 3 when it fails.");
    args.option("--scenario", "FILE", "scenario file (YAML, fluorosim_scenario 2 with targets)");
    args.option("--recording", "FILE", "session recording (fluorosim_recording 1; see README)");
    args.flag("--json", "print the report as JSON instead of the text table");
    args.option("--html", "FILE", "also write a self-contained HTML report");
    args.option("--csv", "FILE", "also append one CSV line for this attempt (header written for a new file)");
    if (!args.parse(argv)) return 0;
    if (!args.has("--scenario") || !args.has("--recording")) throw UsageError("score needs --scenario FILE and --recording FILE");
    const std::string scenario_file = args.get("--scenario"), recording_file = args.get("--recording");
    const Scenario scenario = load_scenario(scenario_file);
    if (scenario.patient.source != PatientSource::generated)
        throw InputError({scenario_file, 0, "patient"}, "scoring needs a generated patient (its landmarks define the targets)");
    if (scenario.targets.empty())
        throw InputError({scenario_file, 0, "targets"}, "the scenario has no targets to score against (fluorosim_scenario 2)");
    const Recording recording = load_recording(recording_file);
    const Patient patient = io::obtain_patient(scenario.patient.parameters, MaterialLibrary::standard());
    const Session session = replay(recording, scenario, patient.scene, &patient.structures);
    const ScoreReport report = score_attempt(scenario, patient, session.events(), session.state());
    if (args.has("--json")) std::fputs(report_json(report).c_str(), stdout);
    else std::fputs(report_text(report).c_str(), stdout);
    if (args.has("--html")) write_file(args.get("--html"), report_html(report));
    if (args.has("--csv")) {
        const std::string path = args.get("--csv");
        const bool fresh = !std::filesystem::exists(path) || std::filesystem::file_size(path) == 0;
        std::ofstream out(path, std::ios::app);
        if (!out) throw InputError({path, 0, ""}, "cannot write the file");
        if (fresh) out << report_csv_header() << "\n";
        out << report_csv_line(report, recording_file) << "\n";
    }
    return report.passed ? 0 : 3;
}

}  // namespace fluorosim::cli
