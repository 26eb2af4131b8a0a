// A workshop on one machine, in separate processes as it runs for real: `fluorosim workshop
// serve` is a child process (the instructor's machine); each `fluorosim workshop post/sync` is
// another (a station). The server is killed mid-workshop (SIGKILL: no chance to tidy up), the
// station goes on posting into its outbox, the server restarts on the same database, the station
// syncs, and the server must hold every result exactly once, a re-sent one included.
#include <gtest/gtest.h>

#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/records/attempt_json.hpp"
#include "core/records/cohort.hpp"
#include "support/process.hpp"
#include "support/server_process.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::test {
namespace {

namespace fs = std::filesystem;

AttemptResult result(int n) {
    AttemptResult a;
    a.attempt_id = "attempt-" + std::to_string(n);
    a.trainee = n % 2 ? "ana" : "ben";
    a.station = "station-" + std::to_string(n % 2 + 1);
    a.scenario = "Medial branch block L4, left";
    a.started_at = "2026-11-29T10:0" + std::to_string(n) + ":00Z";
    a.score = 10.0 * n + 0.5;
    a.passed = n >= 3;
    a.shots = 30 - n;
    a.dap_gy_cm2 = 0.1 * n;
    a.fluoro_s = 5.0 * n;
    a.time_s = 600.0 - 20.0 * n;
    return a;
}

TEST(WorkshopProcesses, StationCatchesUpAfterLosingTheServerWithoutLossOrDuplicates) {
    const fs::path dir = output_dir() / "workshop_two_processes";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string db = (dir / "results.db").string(), outbox = (dir / "outbox.db").string();
    auto result_file = [&](int n) {
        const fs::path p = dir / ("result-" + std::to_string(n) + ".json");
        std::ofstream(p) << attempt_to_json(result(n)).dump(2);
        return quoted(p.string());
    };

    auto server = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--port", "0", "--bind", "127.0.0.1", "--db", db},
        dir / "server-1.log");
    const int port = server->port();
    ASSERT_GT(port, 0) << server->log();
    const std::string station =
        "--server 127.0.0.1:" + std::to_string(port) + " --outbox " + quoted(outbox);

    for (int n : {1, 2}) {
        const auto r = run_fluorosim("workshop post " + station + " --result " + result_file(n));
        EXPECT_EQ(r.exit_code, 0) << r.output;
        EXPECT_NE(r.output.find("sent 1 result(s)"), std::string::npos) << r.output;
    }

    // The instructor's machine goes away.
    EXPECT_EQ(server->stop(SIGKILL), -1);
    for (int n : {3, 4}) {
        const auto r = run_fluorosim("workshop post " + station + " --result " + result_file(n));
        EXPECT_EQ(r.exit_code, 3) << r.output;  // kept, not delivered
        EXPECT_NE(r.output.find("kept in the outbox"), std::string::npos) << r.output;
        EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
    }
    const auto waiting = run_fluorosim("workshop status --outbox " + quoted(outbox));
    EXPECT_EQ(waiting.exit_code, 3);
    EXPECT_NE(waiting.output.find("2 result(s) pending"), std::string::npos) << waiting.output;

    // It comes back on the same database and port; the station catches up.
    server = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--port", std::to_string(port), "--bind", "127.0.0.1", "--db", db},
        dir / "server-2.log");
    ASSERT_EQ(server->port(), port) << server->log();
    EXPECT_NE(server->log().find("(2 held)"), std::string::npos)
        << server->log();  // nothing acknowledged was lost
    const auto sync = run_fluorosim("workshop sync " + station);
    EXPECT_EQ(sync.exit_code, 0) << sync.output;
    EXPECT_NE(sync.output.find("sent 2 result(s)"), std::string::npos) << sync.output;
    EXPECT_EQ(run_fluorosim("workshop sync " + station).output.find("sent 0 result(s)"), 0u);

    // An acknowledgement lost on the way: the station sends attempt 1 again.
    const auto again = run_fluorosim("workshop post " + station + " --result " + result_file(1));
    EXPECT_EQ(again.exit_code, 0) << again.output;
    const auto status = run_fluorosim("workshop status --outbox " + quoted(outbox));
    EXPECT_EQ(status.exit_code, 0) << status.output;
    EXPECT_NE(status.output.find("0 result(s) pending"), std::string::npos) << status.output;

    // The server holds each of the four exactly once, with the figures the station sent.
    const auto listed =
        run_fluorosim("workshop dashboard --json --server 127.0.0.1:" + std::to_string(port));
    ASSERT_EQ(listed.exit_code, 0) << listed.output;
    const std::vector<AttemptResult> held =
        attempts_from_json_text(listed.output, "dashboard --json");
    EXPECT_EQ(held, (std::vector<AttemptResult>{result(1), result(2), result(3), result(4)}));
    EXPECT_NE(server->log().find("already held attempt-1"), std::string::npos) << server->log();

    // The dashboard's table is the per-attempt figures: ana = attempts 1 and 3.
    const fs::path csv = dir / "cohort.csv";
    const auto table =
        run_fluorosim("workshop dashboard --server 127.0.0.1:" + std::to_string(port) + " --csv " +
                      quoted(csv.string()));
    ASSERT_EQ(table.exit_code, 0) << table.output;
    EXPECT_EQ(read_all(csv), cohort_csv(cohort_table(held)));
    EXPECT_NE(read_all(csv).find("ana,\"Medial branch block L4, "
                                 "left\",2,1,0.500,30.5,30.5,20.5,28.00,0.20000,10.00,560.0\n"),
              std::string::npos)
        << read_all(csv);

    // SIGTERM stops it cleanly; the database file alone gives the same four.
    EXPECT_EQ(server->stop(SIGTERM), 0);
    EXPECT_NE(server->log().find("stopped; 4 results"), std::string::npos) << server->log();
    const auto from_db = run_fluorosim("workshop dashboard --json --db " + quoted(db));
    ASSERT_EQ(from_db.exit_code, 0) << from_db.output;
    EXPECT_EQ(attempts_from_json_text(from_db.output, "dashboard --db"), held);
}

void expect_one_line_error(const std::string& args, const std::string& needle, int code) {
    const auto r = run_fluorosim(args);
    EXPECT_EQ(r.exit_code, code) << args << "\n" << r.output;
    EXPECT_NE(r.output.find(needle), std::string::npos) << args << "\n" << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
}

TEST(WorkshopProcesses, MistakesGetOneClearLine) {
    const fs::path dir = output_dir() / "workshop_mistakes";
    fs::create_directories(dir);
    const std::string bad = (dir / "bad.json").string();
    std::ofstream(bad)
        << R"({"attempt_id":"x","trainee":"t","scenario":"s","started_at":"2026-11-29T10:00:00Z","score":"high"})";
    expect_one_line_error("workshop", "workshop needs a subcommand", 2);
    expect_one_line_error("workshop frob", "unknown workshop subcommand 'frob'", 2);
    expect_one_line_error("workshop post --result x.json", "missing --server HOST:PORT", 2);
    expect_one_line_error("workshop post --server nowhere --result x.json",
                          "'--server': expected HOST:PORT, got 'nowhere'", 1);
    expect_one_line_error("workshop post --server 127.0.0.1:9 --result /nope/r.json",
                          "/nope/r.json: cannot open file", 1);
    expect_one_line_error("workshop post --server 127.0.0.1:9 --result " + quoted(bad),
                          bad + ": 'score': expected a number", 1);
    expect_one_line_error("workshop serve --port 70000",
                          "option '--port' must be between 0 and 65535", 2);
    expect_one_line_error("workshop serve --bind nowhere --db " + quoted((dir / "s.db").string()),
                          "cannot listen on 'nowhere'", 1);
    expect_one_line_error("workshop dashboard", "either --server HOST:PORT or --db FILE", 2);
    expect_one_line_error("workshop dashboard --db /nope/results.db",
                          "/nope/results.db: no such results database", 1);
    // Port 9 (discard) on this machine has no listener in a test environment.
    expect_one_line_error("workshop dashboard --server 127.0.0.1:9",
                          "results service unreachable: 127.0.0.1:9: cannot connect", 1);
    expect_one_line_error("workshop dashboard --db " + quoted(bad), "not a usable results database",
                          1);
    for (const char* sub : {"serve", "post", "sync", "status", "dashboard"}) {
        const auto r = run_fluorosim(std::string("workshop ") + sub + " --help");
        EXPECT_EQ(r.exit_code, 0) << sub;
        EXPECT_NE(r.output.find(std::string("usage: fluorosim workshop ") + sub), std::string::npos)
            << r.output;
    }
}

}  // namespace
}  // namespace fluorosim::test
