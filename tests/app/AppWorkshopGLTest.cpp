// The app as a workshop station, against `fluorosim workshop serve` in another process: a
// replayed, finished attempt reaches the instructor's service with the figures of its score
// report (the same as `fluorosim score` prints for the recording); with the service down, the
// attempt waits in the station's outbox and a later sync delivers it once. The instructor's
// windows (dashboard, big screen) are drawn in the same runs and their screenshots kept.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/records/attempt_json.hpp"
#include "io/image_file.hpp"
#include "support/process.hpp"
#include "support/server_process.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::test {
namespace {

namespace fs = std::filesystem;

RunResult run_station(const std::string& args, const fs::path& home) {
    return run_shell("env " + std::string(window_child_env()) +
                     " XDG_CONFIG_HOME=" + quoted((home / "config").string()) +
                     " XDG_DATA_HOME=" + quoted((home / "data").string()) +
                     " xvfb-run -a -s '-screen 0 1600x1000x24' " +
                     quoted(fluorosim_executable().string()) + " --size 1600x1000 --no-persist " +
                     args);
}

std::string replay_args() {
    const std::string src = source_dir().string();
    return "--scenario " + quoted(src + "/scenarios/mbb_l4_left.yaml") + " --replay " +
           quoted(src + "/scenarios/recordings/mbb_l4_left_expert.txt") + " --finish";
}

std::vector<AttemptResult> held_by(int port) {
    const auto r =
        run_fluorosim("workshop dashboard --json --server 127.0.0.1:" + std::to_string(port));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return attempts_from_json_text(r.output, "dashboard --json");
}

TEST(AppWorkshopGLTest, FinishedAttemptReachesTheInstructorWithItsReportFigures) {
    const fs::path dir = output_dir() / "app_workshop";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string db = (dir / "results.db").string();
    ServerProcess server({"--port", "0", "--bind", "127.0.0.1", "--db", db}, dir / "server.log");
    const int port = server.port();
    ASSERT_GT(port, 0) << server.log();
    const std::string station = " --workshop-server 127.0.0.1:" + std::to_string(port) +
                                " --station station-7 --trainee carla";

    const fs::path dashboard_png = dir / "dashboard.png";
    const auto run =
        run_station(replay_args() + station +
                        " --instructor-pin 1234 --instructor-view dashboard --screenshot " +
                        quoted(dashboard_png.string()) + " --frames 4",
                    dir / "home-1");
    ASSERT_EQ(run.exit_code, 0) << run.output;
    const auto held = held_by(port);
    ASSERT_EQ(held.size(), 1u) << server.log();
    const AttemptResult& a = held[0];
    EXPECT_EQ(a.trainee, "carla");
    EXPECT_EQ(a.station, "station-7");
    EXPECT_EQ(a.attempt_id.size(), 36u);

    // The per-session score of the same recording, from the command line.
    const std::string src = source_dir().string();
    const auto scored = run_fluorosim(
        "score --json --scenario " + quoted(src + "/scenarios/mbb_l4_left.yaml") + " --recording " +
        quoted(src + "/scenarios/recordings/mbb_l4_left_expert.txt"));
    ASSERT_EQ(scored.exit_code, 0) << scored.output;
    const auto report = nlohmann::json::parse(scored.output);
    EXPECT_EQ(a.scenario, report["scenario"].get<std::string>());
    EXPECT_DOUBLE_EQ(a.score, report["score"].get<double>());
    EXPECT_EQ(a.passed, report["passed"].get<bool>());
    EXPECT_EQ(a.shots, report["metrics"]["shots"].get<int>());
    EXPECT_DOUBLE_EQ(a.dap_gy_cm2, report["metrics"]["dap_gy_cm2"].get<double>());
    EXPECT_DOUBLE_EQ(a.fluoro_s, report["metrics"]["fluoro_s"].get<double>());
    EXPECT_DOUBLE_EQ(a.time_s, report["metrics"]["time_s"].get<double>());
    // ... and the dashboard's row for carla is that attempt.
    const auto table =
        run_fluorosim("workshop dashboard --server 127.0.0.1:" + std::to_string(port));
    EXPECT_NE(table.output.find("carla"), std::string::npos) << table.output;
    const Image8 shot = io::read_png(dashboard_png);
    EXPECT_EQ(shot.width, 1600);

    // The service goes down: the next attempt waits in the station's outbox, survives the app
    // closing, and a sync after the service is back delivers it once.
    EXPECT_EQ(server.stop(SIGKILL), -1);
    const fs::path big_png = dir / "big_screen.png";
    const auto offline =
        run_station(replay_args() + station +
                        " --instructor-pin 1234 --instructor-view big-screen --screenshot " +
                        quoted(big_png.string()) + " --frames 4",
                    dir / "home-2");
    ASSERT_EQ(offline.exit_code, 0) << offline.output;
    // The big screen (placed at (30, 30), 1540 x 920 on first use) shows the live X-ray on the
    // left, and black where no reference image was saved on the right.
    const Image8 big = io::read_png(big_png);
    auto mean_grey = [&](int x0, int y0, int x1, int y1) {
        double sum = 0;
        for (int y = y0; y < y1; y += 4)
            for (int x = x0; x < x1; x += 4) sum += big.at(x, y, 0);
        return sum / double(((y1 - y0) / 4) * ((x1 - x0) / 4));
    };
    EXPECT_GT(mean_grey(150, 250, 650, 750), 60.0);
    EXPECT_LT(mean_grey(850, 250, 1450, 750), 5.0);
    const std::string outbox = (dir / "home-2" / "data" / "fluorosim" / "outbox.db").string();
    const auto waiting = run_fluorosim("workshop status --outbox " + quoted(outbox));
    EXPECT_EQ(waiting.exit_code, 3) << waiting.output;
    EXPECT_NE(waiting.output.find("1 result(s) pending"), std::string::npos) << waiting.output;
    ServerProcess back({"--port", std::to_string(port), "--bind", "127.0.0.1", "--db", db},
                       dir / "server-2.log");
    ASSERT_EQ(back.port(), port) << back.log();
    const auto sync = run_fluorosim("workshop sync --server 127.0.0.1:" + std::to_string(port) +
                                    " --outbox " + quoted(outbox));
    EXPECT_EQ(sync.exit_code, 0) << sync.output;
    const auto after = held_by(port);
    ASSERT_EQ(after.size(), 2u);
    EXPECT_EQ(after[0], a);
    EXPECT_NE(after[1].attempt_id, a.attempt_id);
    EXPECT_DOUBLE_EQ(after[1].score, a.score);  // the same recording scores the same
}

TEST(AppWorkshopGLTest, BadWorkshopFlagsGetOneLine) {
    const fs::path home = output_dir() / "app_workshop_flags";
    for (const auto& [args, needle] : std::vector<std::pair<std::string, std::string>>{
             {"--workshop-server nowhere",
              "'--workshop-server': expected HOST:PORT, got 'nowhere'"},
             {"--station s1", "--station needs --workshop-server"},
             {"--instructor-view dashboard", "--instructor-view needs --instructor-pin"},
             {"--instructor-pin 12", "--instructor-pin: the PIN must have 4 to 12 digits"},
             {"--instructor-pin 1234 --instructor-view wall",
              "option '--instructor-view' expects dashboard, big-screen or all"}}) {
        const auto r = run_station(args, home);
        EXPECT_NE(r.exit_code, 0) << args;
        EXPECT_NE(r.output.find(needle), std::string::npos) << args << "\n" << r.output;
        EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
    }
}

}  // namespace
}  // namespace fluorosim::test
