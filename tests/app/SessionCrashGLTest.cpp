// The trainee database through the real window (xvfb-run): a run killed with SIGKILL in the
// middle of a session leaves it in_progress with all but its last second of commands; the next
// start offers it; recovering replays it to the state the same commands give headless, and
// the window goes on writing into it. A finished session replays to its stored events and score.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/scenario/scenario.hpp"
#include "core/scoring/score.hpp"
#include "core/session/recording.hpp"
#include "core/xray/material_library.hpp"
#include "io/image_file.hpp"
#include "io/patient_file.hpp"
#include "io/session_store.hpp"
#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::test {
namespace {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

const char* k_scenario = "scenarios/mbb_l4_left.yaml";
const char* k_recording =
    "scenarios/recordings/mbb_l4_left_expert.txt";  // one command a second, 0-15 s

// The window in a virtual display, run from the source folder (the recording names its
// scenario relative to it), with its config and data folders inside `dir`.
std::string window_command(const fs::path& dir, const std::string& args) {
    return "cd " + quoted(source_dir().string()) + " && env " + window_child_env() +
           " XDG_CONFIG_HOME=" + quoted(dir.string()) + " XDG_DATA_HOME=" + quoted(dir.string()) +
           " xvfb-run -a -s '-screen 0 1600x1000x24' " + quoted(fluorosim_executable().string()) +
           " --size 1600x1000 --no-persist " + args;
}

struct Scored {
    Session session;
    ScoreReport report;
};
// The recording's commands replayed headless on the scenario's patient, and their score.
Scored headless(const Recording& recording) {
    static const Scenario scenario = load_scenario((source_dir() / k_scenario).string());
    static const Patient patient =
        io::obtain_patient(scenario.patient.parameters, MaterialLibrary::standard());
    Session s = replay(recording, scenario, patient.scene, &patient.structures);
    ScoreReport r = score_attempt(scenario, patient, s.events(), s.state());
    return {std::move(s), std::move(r)};
}

// The window recovers session `id` from `db`, finishes it and exits.
RunResult recover_and_finish(const fs::path& dir, const fs::path& db, std::int64_t id) {
    return run_shell(window_command(dir, "--db " + quoted(db.string()) + " --recover " + std::to_string(id) +
                                             " --finish --screenshot " + quoted((dir / "recovered.png").string()) +
                                             " --frames 3"));
}

// An empty folder for one test's database and window files.
fs::path fresh_dir(const std::string& name) {
    const fs::path dir = output_dir() / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::vector<io::StoredEvent> stored_events(const Session& s) {
    std::vector<io::StoredEvent> out;
    for (const Event& e : s.events()) out.push_back(io::stored(e));
    return out;
}

TEST(SessionCrashGLTest, KilledRunLeavesARecoverableSession) {
    const fs::path dir = fresh_dir("session-crash");
    const fs::path db = dir / "sessions.db";
    const Recording original = load_recording((source_dir() / k_recording).string());

    // 1. Replay the recording in real time and kill the process 7 s into it.
    const std::string run =
        window_command(dir, "--db " + quoted(db.string()) + " --trainee crash-test --scenario " +
                                k_scenario + " --replay " + k_recording + " --replay-speed 1 2>&1");
    FILE* pipe = popen(run.c_str(), "r");
    ASSERT_TRUE(pipe);
    char line[512];
    int pid = 0;
    std::string output;
    while (!pid && std::fgets(line, sizeof line, pipe)) {
        output += line;
        if (const char* p = std::strstr(line, "(pid ")) pid = std::atoi(p + 5);
    }
    ASSERT_GT(pid, 0) << output;
    const auto started = Clock::now();
    const double kill_after_s = 7.0;
    std::this_thread::sleep_until(started + std::chrono::duration<double>(kill_after_s));
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    while (std::fgets(line, sizeof line, pipe)) output += line;
    pclose(pipe);

    // 2. The session is on disk, in progress, its commands a prefix of the recording that
    //    reaches to within 2 s of the kill (commits come once a second; a frame or two more).
    std::int64_t id = 0;
    std::vector<Command> prefix;
    {
        io::SessionStore store(db);
        const auto sessions = store.sessions({"crash-test", std::nullopt});
        ASSERT_EQ(sessions.size(), 1u) << output;
        id = sessions[0].id;
        EXPECT_EQ(sessions[0].status, io::SessionStatus::in_progress);
        ASSERT_EQ(store.orphans().size(), 1u);
        EXPECT_EQ(store.orphans()[0].id, id);
        prefix = store.recording(id).commands;
        ASSERT_LE(prefix.size(), original.commands.size());
        EXPECT_TRUE(std::equal(prefix.begin(), prefix.end(), original.commands.begin()))
            << "not a prefix of the recording";
        std::size_t due = 0, possible = 0;
        for (const Command& c : original.commands) {
            due += c.time <= kill_after_s - 2.0;
            possible += c.time <= kill_after_s + 0.5;
        }
        EXPECT_GE(prefix.size(), due) << output;
        EXPECT_LE(prefix.size(), possible);
        ASSERT_FALSE(prefix.empty());
        std::printf(
            "killed %.1f s into the replay: stored %zu of %zu commands, the last at %.1f s\n",
            kill_after_s, prefix.size(), original.commands.size(), prefix.back().time);
        EXPECT_GE(store.session(id).images, 2);  // the AP and oblique shots at 2 s and 4 s
    }

    // 3. The next start offers it (and, unanswered, leaves it as it was).
    const auto offered = run_shell(
        window_command(dir, "--db " + quoted(db.string()) + " --trainee crash-test --screenshot " +
                                quoted((dir / "offer.png").string()) + " --frames 3"));
    ASSERT_EQ(offered.exit_code, 0) << offered.output;
    EXPECT_NE(offered.output.find("unfinished session " + std::to_string(id) + " of crash-test"),
              std::string::npos)
        << offered.output;

    // 4. Recover it in the window and finish: the window replays the stored commands, goes on
    //    in the same session and scores it as the same commands score headless.
    const auto recovered = recover_and_finish(dir, db, id);
    ASSERT_EQ(recovered.exit_code, 0) << recovered.output;
    io::SessionStore store(db);
    const io::SessionInfo s = store.session(id);
    EXPECT_EQ(s.status, io::SessionStatus::finished);
    Recording expected = original;
    expected.commands = prefix;
    expected.commands.push_back(make_command(prefix.back().time, CommandKind::session_end));
    EXPECT_EQ(store.recording(id).commands, expected.commands);
    const Scored want = headless(expected);
    EXPECT_EQ(store.events(id), stored_events(want.session));
    ASSERT_TRUE(store.report(id));
    ScoreReport got = *store.report(id);
    got.scenario_file = want.report.scenario_file;  // relative to the source folder there
    EXPECT_EQ(got, want.report);
    EXPECT_TRUE(store.orphans().empty());
}

TEST(SessionCrashGLTest, FinishedSessionReplaysToItsEventsAndScore) {
    const fs::path dir = fresh_dir("session-replay");
    const fs::path db = dir / "sessions.db";
    const auto r = run_shell(window_command(
        dir, "--db " + quoted(db.string()) + " --trainee det --scenario " + k_scenario +
                 " --replay " + k_recording + " --finish --screenshot " +
                 quoted((dir / "finished.png").string()) + " --frames 2"));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    std::int64_t id = 0;
    {
        io::SessionStore store(db);
        const auto sessions = store.sessions({"det", std::nullopt});
        ASSERT_EQ(sessions.size(), 1u)
            << "the scenario's opening session, with nothing done in it, is not kept";
        id = sessions[0].id;
        EXPECT_EQ(sessions[0].status, io::SessionStatus::finished);
        const Scored want = headless(load_recording((source_dir() / k_recording).string()));
        EXPECT_EQ(store.events(id), stored_events(want.session));
        EXPECT_EQ(store.report(id)->score, want.report.score);
        EXPECT_EQ(store.attempts().size(), 1u);
    }
    // The CLI re-runs it and finds the same events and score.
    const auto replayed =
        run_fluorosim("sessions replay " + std::to_string(id) + " --db " + quoted(db.string()),
                      "FLUOROSIM_DATA_DIR=" + quoted(source_dir().string()));
    EXPECT_EQ(replayed.exit_code, 0) << replayed.output;
    EXPECT_NE(replayed.output.find("identical to the stored"), std::string::npos)
        << replayed.output;
    EXPECT_NE(replayed.output.find("reproduces the stored score"), std::string::npos)
        << replayed.output;
}

// Live fluoroscopy keeps one image per run, the one held after it, and a session left without
// finishing is kept as abandoned.
TEST(SessionCrashGLTest, LiveRunKeepsItsHeldImageAndAnUnfinishedSessionIsAbandoned) {
    const fs::path dir = fresh_dir("session-live");
    const fs::path db = dir / "sessions.db", rec = dir / "live.txt";
    std::ofstream(rec) << "fluorosim_recording 1\nseed 3\nscenario " << k_scenario
                       << "\n0 session.start\n1 pedal.down\n2 pedal.up\n3 carm.shot\n";
    const auto r = run_shell(window_command(
        dir, "--db " + quoted(db.string()) + " --trainee live --scenario " + k_scenario +
                 " --replay " + quoted(rec.string()) + " --screenshot " +
                 quoted((dir / "shot.png").string()) + " --frames 2"));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    io::SessionStore store(db);
    const auto sessions = store.sessions({"live", std::nullopt});
    ASSERT_EQ(sessions.size(), 1u);
    EXPECT_EQ(sessions[0].status, io::SessionStatus::abandoned);
    const Scored want = headless(load_recording(rec.string()));
    int last_pulse = -1, shot = -1;
    for (const Event& e : want.session.events())
        if (e.image) (e.image->single_shot ? shot : last_pulse) = e.image->index;
    ASSERT_GT(last_pulse, 5);  // 15 pulses a second for 1 s
    const auto images = store.images(sessions[0].id);
    ASSERT_EQ(images.size(), 2u);
    EXPECT_FALSE(images[0].single_shot);
    EXPECT_EQ(images[0].index, last_pulse);
    EXPECT_TRUE(images[1].single_shot);
    EXPECT_EQ(images[1].index, shot);
    for (const io::StoredImage& i : images) {
        const fs::path png = dir / ("image-" + std::to_string(i.index) + ".png");
        std::ofstream(png, std::ios::binary)
            .write(reinterpret_cast<const char*>(i.png.data()), std::streamsize(i.png.size()));
        const Image8 thumb = io::read_png(png);
        EXPECT_LE(thumb.width, 256);
        EXPECT_GE(thumb.width, 128);
    }
}

// A database the window cannot use is named, and the simulator runs on without it.
TEST(SessionCrashGLTest, CorruptDatabaseIsNamedAndTheWindowRunsOn) {
    const fs::path dir = fresh_dir("session-corrupt");
    const fs::path db = dir / "broken.db";
    std::ofstream(db) << std::string(4096, 'x');
    const auto r =
        run_shell(window_command(dir, "--db " + quoted(db.string()) + " --screenshot " +
                                          quoted((dir / "shot.png").string()) + " --frames 2"));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find(db.string() + ": session database: file is not a database"),
              std::string::npos)
        << r.output;
    EXPECT_TRUE(fs::exists(dir / "shot.png"));
}

}  // namespace
}  // namespace fluorosim::test

namespace fluorosim::test {
namespace {

// A session on a patient from "New patient" (not the scenario's) is recovered on that patient:
// the database keeps its generator parameters, and the replay's events are those the same
// commands give on it, not on the scenario's patient.
TEST(SessionCrashGLTest, RecoveryUsesTheSessionsOwnPatient) {
    const fs::path dir = fresh_dir("session-new-patient");
    const fs::path db = dir / "sessions.db";
    const Scenario scenario = load_scenario((source_dir() / k_scenario).string());
    PatientParameters other = scenario.patient.parameters;
    other.seed = 5;
    other.bmi = 31.0f;
    other.resolution_scale = 2.0f;  // a coarser grid: generated in a few seconds
    Recording cut = load_recording((source_dir() / k_recording).string());
    cut.commands.resize(10);  // to the lateral check, in progress
    std::int64_t id = 0;
    {
        io::SessionStore store(db);
        // pid 0: no live writer, an orphan to recover.
        id = store.begin_session({"nina", scenario.name, k_scenario, other.seed, cut.seed,
                                  cut.bevel_deflection, "practice", "", 0,
                                  io::patient_parameters_text(other)});
        for (const Command& c : cut.commands) store.append_command(id, c);
        store.commit();
    }
    const auto recovered = recover_and_finish(dir, db, id);
    ASSERT_EQ(recovered.exit_code, 0) << recovered.output;
    io::SessionStore store(db);
    EXPECT_EQ(store.session(id).status, io::SessionStatus::finished);
    EXPECT_EQ(store.session(id).patient, io::patient_parameters_text(other));
    Recording expected = cut;
    expected.commands.push_back(make_command(cut.commands.back().time, CommandKind::session_end));
    ASSERT_EQ(store.recording(id).commands, expected.commands);
    const Patient patient = io::obtain_patient(other, MaterialLibrary::standard());
    const Session on_it = replay(expected, scenario, patient.scene, &patient.structures);
    EXPECT_EQ(store.events(id), stored_events(on_it));
    // The two patients differ along this path, so the check above tells them apart.
    EXPECT_NE(stored_events(on_it), stored_events(headless(expected).session));
}

}  // namespace
}  // namespace fluorosim::test
