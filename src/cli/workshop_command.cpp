// fluorosim workshop: the instructor's results service and a station's side of it.
//   serve      run the results service (HTTP on the instructor's machine, SQLite behind it)
//   post       queue a result (JSON) in this station's outbox and send the outbox
//   sync       send what waits in the outbox
//   status     how many results wait in the outbox (and whether the server answers)
//   dashboard  the cohort table from the server or a results database, CSV on request
// Exit status: 0 done, 1 bad file, 2 bad flags, 3 results still waiting in the outbox.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "core/records/attempt_json.hpp"
#include "core/records/cohort.hpp"
#include "core/util/error.hpp"
#include "io/workshop/attempt_db.hpp"
#include "io/workshop/results_client.hpp"
#include "io/workshop/results_service.hpp"

namespace fluorosim::cli {
namespace {

namespace fs = std::filesystem;

constexpr int k_default_port = 8377;
constexpr int k_exit_pending = 3;

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) { g_stop = true; }

void say(const std::string& line) {
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);  // the log is read live (a terminal, a test reading the child's file)
}

io::Endpoint server_flag(const Args& args) {
    if (!args.has("--server"))
        throw UsageError(
            "missing --server HOST:PORT (the instructor's machine running 'fluorosim workshop "
            "serve')");
    return io::parse_endpoint(args.get("--server"), "--server");
}

fs::path outbox_flag(const Args& args) {
    return args.has("--outbox") ? fs::path(args.get("--outbox")) : io::default_outbox_file();
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError({path, 0, ""}, "cannot open file");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    if (!out || !(out << text)) throw InputError({path, 0, ""}, "cannot write the file");
}

// "sent 2 results to HOST:PORT; 0 waiting" or why they wait, and the exit status.
int report_sync(const io::SyncReport& r, const io::Endpoint& server, const fs::path& outbox) {
    if (r.pending == 0) {
        say("sent " + std::to_string(r.sent) + " result(s) to " + server.text() + "; outbox empty");
        return 0;
    }
    say("sent " + std::to_string(r.sent) + ", " + std::to_string(r.pending) +
        " result(s) kept in the outbox " + outbox.string() + " (" + r.error +
        "); run 'fluorosim workshop sync --server " + server.text() + "' later");
    return k_exit_pending;
}

int serve(const std::vector<std::string>& argv) {
    Args args(
        "workshop serve",
        "Run the workshop results service on the instructor's machine. Stations post each "
        "finished\n"
        "attempt to it; 'fluorosim workshop dashboard' and the app's instructor mode read it.\n"
        "Stops on Ctrl-C (or SIGTERM); results are on disk as soon as they are acknowledged.");
    args.option("--port", "N", "TCP port (default 8377; 0 picks a free one and prints it)")
        .option("--db", "FILE",
                "results database (SQLite; default $XDG_DATA_HOME/fluorosim/workshop_results.db)")
        .option("--bind", "ADDRESS",
                "IPv4 address to listen on (default 0.0.0.0: every network interface; "
                "127.0.0.1 for this machine only)");
    if (!args.parse(argv)) return 0;
    const int port = args.integer("--port", k_default_port, 0, 65535);
    const fs::path db_file =
        args.has("--db") ? fs::path(args.get("--db")) : io::default_results_db_file();
    io::AttemptDb db(db_file);
    io::HttpServer server(args.get("--bind", "0.0.0.0"), port);
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
    say("fluorosim workshop service listening on " + args.get("--bind", "0.0.0.0") + ":" +
        std::to_string(server.port()) + ", results in " + db_file.string() + " (" +
        std::to_string(db.count()) + " held)");
    if (args.get("--bind", "0.0.0.0") == "0.0.0.0")
        for (const std::string& address : io::local_ipv4_addresses())
            say("stations: fluorosim --workshop-server " + address + ":" +
                std::to_string(server.port()));
    server.serve([&](const io::HttpRequest& r) { return io::handle_results_request(db, r, say); },
                 g_stop);
    say("stopped; " + std::to_string(db.count()) + " results in " + db_file.string());
    return 0;
}

int post(const std::vector<std::string>& argv) {
    Args args(
        "workshop post",
        "Send one finished attempt (JSON, as 'fluorosim workshop dashboard --json' or the app "
        "writes\n"
        "it) to the results service. It goes into this station's outbox first and leaves it only\n"
        "when the service acknowledges it, so nothing is lost while the server is unreachable.");
    args.option("--server", "HOST:PORT", "the instructor's results service")
        .option("--result", "FILE.json",
                "the attempt (fields: attempt_id, trainee, scenario, started_at, score, ...)")
        .option("--outbox", "FILE", "outbox database (default $XDG_DATA_HOME/fluorosim/outbox.db)");
    if (!args.parse(argv)) return 0;
    const io::Endpoint server = server_flag(args);
    if (!args.has("--result")) throw UsageError("missing --result FILE.json");
    const std::string file = args.get("--result");
    const AttemptResult a = attempt_from_json_text(read_text(file), file);
    const fs::path outbox_file = outbox_flag(args);
    io::AttemptDb outbox(outbox_file);
    if (!outbox.add(a)) say(a.attempt_id + " is already waiting in the outbox");
    return report_sync(io::sync_outbox(outbox, server), server, outbox_file);
}

int sync(const std::vector<std::string>& argv) {
    Args args("workshop sync",
              "Send the results waiting in this station's outbox to the results service.");
    args.option("--server", "HOST:PORT", "the instructor's results service")
        .option("--outbox", "FILE", "outbox database (default $XDG_DATA_HOME/fluorosim/outbox.db)");
    if (!args.parse(argv)) return 0;
    const io::Endpoint server = server_flag(args);
    const fs::path outbox_file = outbox_flag(args);
    io::AttemptDb outbox(outbox_file);
    return report_sync(io::sync_outbox(outbox, server), server, outbox_file);
}

int status(const std::vector<std::string>& argv) {
    Args args("workshop status",
              "How many results wait in this station's outbox, and (with --server) whether the\n"
              "results service answers. Exit status 3 while results wait.");
    args.option("--server", "HOST:PORT", "also ask the results service how many results it holds")
        .option("--outbox", "FILE", "outbox database (default $XDG_DATA_HOME/fluorosim/outbox.db)");
    if (!args.parse(argv)) return 0;
    const fs::path outbox_file = outbox_flag(args);
    int pending = 0;
    if (fs::exists(outbox_file)) pending = io::AttemptDb(outbox_file).count();
    say("outbox " + outbox_file.string() + ": " + std::to_string(pending) + " result(s) pending");
    if (args.has("--server")) {
        const io::Endpoint server = server_flag(args);
        try {
            const io::HttpResponse r =
                io::http_request(server, {"GET", "/health", ""}, io::k_post_timeout_s);
            say("server " + server.text() + ": " +
                (r.ok() ? "up, " + r.body : "answered HTTP " + std::to_string(r.status)));
        } catch (const io::NetworkError& e) {
            say(std::string("server unreachable: ") + e.what());
        }
    }
    return pending ? k_exit_pending : 0;
}

int dashboard(const std::vector<std::string>& argv) {
    Args args(
        "workshop dashboard",
        "The cohort table (per trainee and scenario: attempts, best/last/mean score, pass rate,\n"
        "mean shots, DAP, fluoro time and procedure time) from the results service or its\n"
        "database; learning curves and CSV on request.");
    args.option("--server", "HOST:PORT", "read from the results service")
        .option("--db", "FILE",
                "read the results database directly (the file 'workshop serve' writes)")
        .option("--csv", "FILE", "also write the table as CSV")
        .option("--attempts-csv", "FILE", "also write every attempt as CSV (one line per attempt)")
        .flag("--curves",
              "also print each trainee's learning curve per scenario (score, shots, DAP, time per "
              "attempt)")
        .flag("--json", "print every attempt as JSON instead of the table");
    if (!args.parse(argv)) return 0;
    if (args.has("--server") == args.has("--db"))
        throw UsageError("dashboard needs either --server HOST:PORT or --db FILE");
    std::vector<AttemptResult> attempts;
    if (args.has("--server")) {
        const io::Endpoint server = server_flag(args);
        try {
            attempts = io::fetch_results(server);
        } catch (const io::NetworkError& e) {
            throw InputError(std::string("results service unreachable: ") + e.what());
        }
    } else {
        if (!fs::exists(args.get("--db")))
            throw InputError({args.get("--db"), 0, ""}, "no such results database");
        attempts = io::AttemptDb(args.get("--db")).all();
    }
    const std::vector<CohortRow> rows = cohort_table(attempts);
    if (args.has("--json"))
        std::fputs(attempts_to_json_text(attempts).c_str(), stdout);
    else
        std::fputs(cohort_text(rows).c_str(), stdout);
    if (args.has("--curves")) {
        for (const LearningCurve& c : learning_curves(attempts)) {
            std::printf("\n%s / %s (%zu attempts)\n", c.trainee.c_str(), c.scenario.c_str(),
                        c.score.size());
            const std::pair<const char*, const std::vector<double>*> series[] = {
                {"score", &c.score},
                {"shots", &c.shots},
                {"DAP Gy*cm2", &c.dap_gy_cm2},
                {"time s", &c.time_s}};
            for (const auto& [name, values] : series) {
                std::printf("  %-11s", name);
                for (double v : *values) std::printf(" %8.4g", v);
                std::printf("\n");
            }
        }
    }
    if (args.has("--csv")) write_text(args.get("--csv"), cohort_csv(rows));
    if (args.has("--attempts-csv")) write_text(args.get("--attempts-csv"), attempts_csv(attempts));
    return 0;
}

}  // namespace

int workshop_command(const std::vector<std::string>& argv) {
    const std::string sub = argv.empty() ? "" : argv.front();
    const std::vector<std::string> rest(argv.begin() + (argv.empty() ? 0 : 1), argv.end());
    if (sub == "serve") return serve(rest);
    if (sub == "post") return post(rest);
    if (sub == "sync") return sync(rest);
    if (sub == "status") return status(rest);
    if (sub == "dashboard") return dashboard(rest);
    if (sub == "--help" || sub == "-h") {
        std::printf(
            "usage: fluorosim workshop serve|post|sync|status|dashboard [options]\n\n"
            "A workshop with several stations: the instructor's machine runs 'serve'; each "
            "station's app\n"
            "(--workshop-server HOST:PORT) or 'post' sends finished attempts there; 'dashboard' "
            "shows them.\n\n"
            "  serve      run the results service (HTTP + SQLite) on the instructor's machine\n"
            "  post       queue one result (JSON) in this station's outbox and send the outbox\n"
            "  sync       send what waits in the outbox\n"
            "  status     count the outbox (and check the server with --server)\n"
            "  dashboard  cohort table from --server or --db, --csv FILE, --curves\n\n"
            "'fluorosim workshop SUBCOMMAND --help' describes each.\n");
        return 0;
    }
    throw UsageError(sub.empty()
                         ? "workshop needs a subcommand: serve, post, sync, status or dashboard"
                         : "unknown workshop subcommand '" + sub +
                               "' (serve, post, sync, status, dashboard)");
}

}  // namespace fluorosim::cli
