#include "cli/cli.hpp"

#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "core/util/error.hpp"

namespace fluorosim::cli {
namespace {

struct Command {
    std::function<int(const std::vector<std::string>&)> run;
    const char* summary;
};

const std::map<std::string, Command>& commands() {
    static const std::map<std::string, Command> table = {
        {"render", {render_command, "render an X-ray image of a scenario headless and write a PNG"}},
        {"validate", {validate_command, "check scenario files and report problems by file, line and field"}},
        {"info", {info_command, "print the OpenGL renderer, versions and the paths in use"}},
        {"generate-patient", {generate_patient_command, "generate a procedural lumbar patient and write its meshes and landmarks"}},
        {"bench", {bench_command, "time the X-ray renderer and compare it with the CPU reference and plastimatch"}},
        {"sessions", {sessions_command, "the trainee database: list, show, export, report, replay and recover sessions"}},
        {"score", {score_command, "replay a session recording on its scenario and print the score report"}},
        {"expert", {expert_command, "plan an expert attempt at a scenario and write it as a session recording"}},
        {"bench-interactive", {bench_interactive_command, "measure 3D view redraw, fluoro pulse and input-to-image latency"}},
        {"exam", {exam_command, "sit a self-assessment exam headless: score one recording per scenario, print the final report"}},
        {"export-volume", {export_volume_command, "write the scenario's patient as a labelled CT-like volume (MHA/NRRD)"}},
        {"workshop", {workshop_command, "workshop results service (serve), station outbox (post, sync, status), dashboard"}},
    };
    return table;
}

void print_usage() {
    std::printf(
        "usage: fluorosim [--scenario FILE] [--screenshot FILE --frames N]   open the simulator\n"
        "       fluorosim COMMAND [options]                                 run headless\n\n"
        "FluoroSim: training simulator for fluoroscopy-guided lumbar needle placement.\n\n"
        "commands:\n");
    for (const auto& [name, c] : commands()) std::printf("  %-14s %s\n", name.c_str(), c.summary);
    std::printf("\nwindow options:\n"
                "  --scenario FILE    scenario to open (default: scenarios/standard_patient_ap.yaml)\n"
                "  --screenshot FILE  save a PNG of the whole window after --frames frames, then exit\n"
                "  --frames N         frames to draw before the screenshot (default 5)\n"
                "  --no-persist       do not read or write settings, layout or the trainee database\n"
                "  --db FILE          trainee database (default $XDG_DATA_HOME/fluorosim/sessions.db)\n"
                "  --trainee NAME     whose sessions are recorded (default $USER)\n"
                "  --workshop-server HOST:PORT  workshop station: send scored attempts to the instructor\n"
                "  --instructor-pin PIN         unlock instructor mode (cohort dashboard, big screen)\n"
                "\n'fluorosim COMMAND --help' describes each command.\n");
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    const std::string first = args.empty() ? "" : args.front();
    if (first == "--help" || first == "-h" || first == "help") {
        print_usage();
        return 0;
    }
    if (first == "--version") {
        std::printf("fluorosim %s\n", FLUOROSIM_VERSION);
        return 0;
    }
    const bool is_command = !first.empty() && first[0] != '-';
    try {
        if (!is_command) return app::run(args);
        auto it = commands().find(first);
        if (it == commands().end())
            throw UsageError("unknown command '" + first + "' (see 'fluorosim --help')");
        return it->second.run(std::vector<std::string>(args.begin() + 1, args.end()));
    } catch (const UsageError& e) {
        std::fprintf(stderr, "fluorosim: %s\n", e.what());
        return 2;
    } catch (const InputError& e) {
        std::fprintf(stderr, "fluorosim: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fluorosim: error: %s\n", e.what());
        return 1;
    }
}

}  // namespace fluorosim::cli
