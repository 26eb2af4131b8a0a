// 'fluorosim sessions' on a database written through the store: list, show, trainees, report,
// export (whose recording 'fluorosim score' reads back to the same score), replay, recover, and
// one clear line for every mistake.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/scoring/report_export.hpp"
#include "core/xray/material_library.hpp"
#include "io/patient_file.hpp"
#include "io/session_store.hpp"
#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::test {
namespace {
namespace fs = std::filesystem;

struct Fixture {
    fs::path db;
    std::int64_t finished = 0, crashed = 0;
    ScoreReport report;
    std::vector<Event> crashed_events;  // the headless replay of the crashed session's commands
};

// A finished session (the expert recording, scored) and one a dead process left in progress
// (its first 7 commands), as the window would have written them.
const Fixture& fixture() {
    static const Fixture f = [] {
        Fixture x;
        // One folder per process: CTest runs each test in its own process, some at once.
        x.db = output_dir() / ("sessions-cli-" + std::to_string(getpid())) / "sessions.db";
        fs::remove_all(x.db.parent_path());
        const std::string scenario_file = (source_dir() / "scenarios/mbb_l4_left.yaml").string();
        const Scenario scenario = load_scenario(scenario_file);
        const Patient patient =
            io::obtain_patient(scenario.patient.parameters, MaterialLibrary::standard());
        const Recording rec =
            load_recording((source_dir() / "scenarios/recordings/mbb_l4_left_expert.txt").string());
        io::SessionStore store(x.db);

        const Session s = replay(rec, scenario, patient.scene, &patient.structures);
        x.report = score_attempt(scenario, patient, s.events(), s.state());
        x.finished = store.begin_session({"ana", scenario.name, scenario_file,
                                          scenario.patient.seed, rec.seed, rec.bevel_deflection,
                                          "practice", "2026-11-29T10:00:00Z", 1, ""});
        for (const Command& c : rec.commands) store.append_command(x.finished, c);
        for (const Event& e : s.events()) store.append_event(x.finished, e);
        store.append_image(
            x.finished,
            {2, 0, true, 0, 18.4, "AP  CRA 18°", 70, 10, {0x89, 'P', 'N', 'G', 13, 10, 26, 10}});
        store.finish_session(x.finished, x.report, "2026-11-29T10:00:15Z");

        Recording prefix = rec;
        prefix.commands.resize(7);
        const Session p = replay(prefix, scenario, patient.scene, &patient.structures);
        x.crashed_events = p.events();
        const pid_t child = fork();
        if (child == 0) _exit(0);
        waitpid(child, nullptr, 0);
        x.crashed = store.begin_session({"ben", scenario.name, scenario_file, scenario.patient.seed,
                                         rec.seed, rec.bevel_deflection, "practice",
                                         "2026-11-29T11:00:00Z", child, ""});
        for (const Command& c : prefix.commands) store.append_command(x.crashed, c);
        store.append_event(x.crashed, p.events().front());  // a crash cut the events short
        store.commit();
        return x;
    }();
    return f;
}

RunResult sessions(const std::string& args) {
    return run_fluorosim("sessions " + args + " --db " + quoted(fixture().db.string()));
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(SessionsCli, ListShowAndTrainees) {
    const auto all = sessions("list");
    ASSERT_EQ(all.exit_code, 0) << all.output;
    EXPECT_NE(all.output.find("finished"), std::string::npos) << all.output;
    EXPECT_NE(all.output.find("in_progress (orphaned)"), std::string::npos) << all.output;
    const auto ana = sessions("list --trainee ana");
    EXPECT_EQ(std::count(ana.output.begin(), ana.output.end(), '\n'), 2)
        << ana.output;  // header + 1
    const auto finished = sessions("list --status finished");
    EXPECT_EQ(finished.output.find("ben"), std::string::npos) << finished.output;

    const auto show = sessions("show " + std::to_string(fixture().finished));
    ASSERT_EQ(show.exit_code, 0) << show.output;
    for (const char* s : {"trainee   ana", "status    finished", "image_requested", "AP  CRA 18°",
                          "8-byte thumbnail"})
        EXPECT_NE(show.output.find(s), std::string::npos) << s << "\n" << show.output;
    EXPECT_NE(show.output.find(report_text(fixture().report)), std::string::npos) << show.output;

    const auto trainees = sessions("trainees");
    EXPECT_NE(trainees.output.find("ana"), std::string::npos);
    EXPECT_NE(trainees.output.find("1 scored"), std::string::npos) << trainees.output;
}

TEST(SessionsCli, ReportAndExportGiveTheStoredReport) {
    const std::string id = std::to_string(fixture().finished);
    const auto json = sessions("report " + id + " --json");
    ASSERT_EQ(json.exit_code, 0) << json.output;
    EXPECT_EQ(json.output, report_json(fixture().report));
    const fs::path dir = fixture().db.parent_path() / "export";
    const auto html =
        sessions("report " + id + " --html " + quoted((dir.parent_path() / "r.html").string()));
    EXPECT_EQ(html.output, report_text(fixture().report));
    EXPECT_NE(slurp(dir.parent_path() / "r.html").find("data:image/png;base64,"),
              std::string::npos);

    const auto exported = sessions("export " + id + " --out " + quoted(dir.string()));
    ASSERT_EQ(exported.exit_code, 0) << exported.output;
    for (const char* f : {"report.json", "report.html", "report.csv", "image-01.png"})
        EXPECT_TRUE(fs::exists(dir / f)) << f;
    EXPECT_EQ(slurp(dir / "report.json"), report_json(fixture().report));
    EXPECT_EQ(slurp(dir / "image-01.png").substr(0, 4), "\x89PNG");
    const std::string csv = slurp(dir / "report.csv");
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 2);
    // The exported recording scores the same with 'fluorosim score'.
    const auto scored =
        run_fluorosim("score --json --scenario " +
                      quoted((source_dir() / "scenarios/mbb_l4_left.yaml").string()) +
                      " --recording " + quoted((dir / ("session-" + id + ".txt")).string()));
    EXPECT_EQ(scored.output, report_json(fixture().report));
}

TEST(SessionsCli, ReplayReproducesAndRecoverMarksRecovered) {
    const auto replayed = sessions("replay " + std::to_string(fixture().finished));
    EXPECT_EQ(replayed.exit_code, 0) << replayed.output;
    EXPECT_NE(replayed.output.find("identical to the stored"), std::string::npos)
        << replayed.output;
    EXPECT_NE(replayed.output.find("reproduces the stored score"), std::string::npos)
        << replayed.output;

    const std::string crashed = std::to_string(fixture().crashed);
    const auto recovered = sessions("recover " + crashed);
    ASSERT_EQ(recovered.exit_code, 0) << recovered.output;
    EXPECT_NE(recovered.output.find("recovered session " + crashed + " of ben"), std::string::npos)
        << recovered.output;
    io::SessionStore store(fixture().db);
    EXPECT_EQ(store.session(fixture().crashed).status, io::SessionStatus::recovered);
    std::vector<io::StoredEvent> want;
    for (const Event& e : fixture().crashed_events) want.push_back(io::stored(e));
    EXPECT_EQ(store.events(fixture().crashed), want);
    const auto again = sessions("recover " + crashed);
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.output.find("is recovered: nothing to recover"), std::string::npos)
        << again.output;
}

// A session on the app's "New patient" is re-run on that patient (its stored parameters), not
// on the scenario's: the replay reproduces the events stored from it.
TEST(SessionsCli, ReplayUsesTheSessionsOwnPatient) {
    const fs::path db = output_dir() / ("sessions-cli-patient-" + std::to_string(getpid())) / "sessions.db";
    fs::remove_all(db.parent_path());
    const std::string scenario_file = (source_dir() / "scenarios/mbb_l4_left.yaml").string();
    const Scenario scenario = load_scenario(scenario_file);
    PatientParameters other = scenario.patient.parameters;
    other.seed = 5;
    other.bmi = 31.0f;
    other.resolution_scale = 2.0f;  // coarse: generated in a few seconds
    const Patient patient = io::obtain_patient(other, MaterialLibrary::standard());
    Recording rec = load_recording((source_dir() / "scenarios/recordings/mbb_l4_left_expert.txt").string());
    rec.commands.resize(10);
    const Session s = replay(rec, scenario, patient.scene, &patient.structures);
    std::int64_t id = 0;
    {
        io::SessionStore store(db);
        id = store.begin_session({"nina", scenario.name, scenario_file, other.seed, rec.seed, rec.bevel_deflection,
                                  "practice", "2026-11-29T12:00:00Z", 0, io::patient_parameters_text(other)});
        for (const Command& c : rec.commands) store.append_command(id, c);
        for (const Event& e : s.events()) store.append_event(id, e);
        store.commit();
    }
    const auto r = run_fluorosim("sessions replay " + std::to_string(id) + " --db " + quoted(db.string()));
    EXPECT_EQ(r.exit_code, 0) << r.output;  // 3 when the events differ (the scenario's patient)
    EXPECT_NE(r.output.find("identical to the stored"), std::string::npos) << r.output;
}

void expect_one_line_error(const RunResult& r, const std::string& needle, int code) {
    EXPECT_EQ(r.exit_code, code) << r.output;
    EXPECT_NE(r.output.find(needle), std::string::npos) << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
}

TEST(SessionsCli, HelpAndOneLineMistakes) {
    for (const char* sub : {"list", "show", "trainees", "export", "report", "replay", "recover"}) {
        const auto r = run_fluorosim(std::string("sessions ") + sub + " --help");
        EXPECT_EQ(r.exit_code, 0) << sub;
        EXPECT_NE(r.output.find(std::string("usage: fluorosim sessions ") + sub), std::string::npos)
            << r.output;
    }
    expect_one_line_error(sessions("show 999"), "no session 999 in ", 1);
    expect_one_line_error(sessions("show abc"),
                          "expected a session number (see 'fluorosim sessions list'), got 'abc'",
                          2);
    expect_one_line_error(sessions("list --status done"),
                          "option '--status' expects in_progress, finished", 2);
    expect_one_line_error(sessions("list --bogus"), "unknown option '--bogus'", 2);
    expect_one_line_error(sessions("export 1"), "missing --out DIR", 2);
    expect_one_line_error(sessions("frobnicate"), "unknown sessions subcommand 'frobnicate'", 2);
    expect_one_line_error(run_fluorosim("sessions"), "sessions needs a subcommand", 2);
    expect_one_line_error(run_fluorosim("sessions list --db /nope/none.db"),
                          "/nope/none.db: no session database here", 1);
    expect_one_line_error(sessions("report " + std::to_string(fixture().crashed)), "has no score",
                          1);
}

}  // namespace
}  // namespace fluorosim::test
