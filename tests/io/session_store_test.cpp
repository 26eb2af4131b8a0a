// The trainee database: everything written reads back equal (also after reopening), schema
// migration from version 1, refusal of newer and corrupt files, and orphan detection.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/scoring/report_export.hpp"
#include "io/session_schema.hpp"
#include "io/session_store.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::io {
namespace {
namespace fs = std::filesystem;

fs::path fresh(const std::string& name) {
    const fs::path p = test::output_dir() / "session_store" / name;
    fs::create_directories(p.parent_path());
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
    return p;
}

std::string error_of(const fs::path& file) {
    try {
        SessionStore store(file);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

ScoreReport sample_report() {
    ScoreReport r;
    r.scenario = "MBB L4 left";
    r.scenario_file = "scenarios/mbb_l4_left.yaml";
    r.procedure = "medial_branch_block";
    r.level = "L4";
    r.side = "left";
    r.difficulty = "intermediate";
    r.score = 87.25;
    r.pass_score = 70;
    r.passed = true;
    r.sections = {{"accuracy", 50, 50}, {"efficiency", 22.25, 25}, {"technique", 15, 25}};
    r.deductions = {{"efficiency", 2.75, "9 shots against the expert's 6."}};
    r.notes = {"Tip in the target zone."};
    r.metrics.shots = 9;
    r.metrics.images = 9;
    r.metrics.fluoro_s = 0.1 + 0.2;  // a double that prints long: must survive exactly
    r.metrics.dap_gy_cm2 = 0.0123456789;
    r.metrics.time_s = 121.5;
    r.metrics.redirections = 1;
    r.metrics.distance_mm = 1.25;
    r.metrics.in_zone = true;
    r.metrics.target = "L4.left.sap_tp_junction";
    r.metrics.contrast_patterns = {"linear"};
    return r;
}

std::vector<Command> sample_commands() {
    return {make_command(0, CommandKind::session_start),
            make_command(1.5, CommandKind::needle_select, {}, "spinal_22g_90mm"),
            make_command(2.0 / 3.0, CommandKind::needle_entry, {3.5, 80.125, 1e-9}),
            make_command(12.5, CommandKind::carm_shot)};
}

Event sample_event(double t) {
    Event e;
    e.time = t;
    e.kind = EventKind::bone_contact;
    e.position = {1.0 / 3.0, -2.5, 40.0};
    e.structure = "L4";
    e.message = "The tip touches bone (L4).";
    e.amount = 0.5;
    return e;
}

TEST(SessionStore, EverythingWrittenReadsBackEqualAfterReopening) {
    const fs::path file = fresh("roundtrip.db");
    std::int64_t id = 0;
    const std::vector<Command> commands = sample_commands();
    const StoredImage image{
        12.5, 3, true, 25.0, -10.0, "LAO 25°  CAU 10°", 72.5, 1.75, {0x89, 'P', 'N', 'G', 0, 1, 2}};
    {
        SessionStore store(file);
        id = store.begin_session({"ana", "MBB L4 left", "scenarios/mbb_l4_left.yaml", 42, 333,
                                  false, "exam", "2026-11-29T10:15:00Z", 12345, R"({"seed":5,"bmi":31})"});
        for (const Command& c : commands) store.append_command(id, c);
        store.append_event(id, sample_event(1.0));
        store.append_event(id, sample_event(2.0));
        store.append_image(id, image);
        store.finish_session(id, sample_report(), "2026-11-29T10:17:01Z");
        store.commit();
        store.begin_session(
            {"ben", "other", "x.yaml", 1, 1, true, "practice", "2026-11-29T11:00:00Z", 12345, ""});
        store.commit();
    }
    SessionStore store(file);
    EXPECT_EQ(store.trainees(), (std::vector<std::string>{"ana", "ben"}));
    const SessionInfo s = store.session(id);
    EXPECT_EQ(s.trainee, "ana");
    EXPECT_EQ(s.scenario, "MBB L4 left");
    EXPECT_EQ(s.scenario_file, "scenarios/mbb_l4_left.yaml");
    EXPECT_EQ(s.patient_seed, 42u);
    EXPECT_EQ(s.session_seed, 333u);
    EXPECT_FALSE(s.bevel_deflection);
    EXPECT_EQ(s.mode, "exam");
    EXPECT_EQ(s.started_at, "2026-11-29T10:15:00Z");
    EXPECT_EQ(s.ended_at, "2026-11-29T10:17:01Z");
    EXPECT_EQ(s.status, SessionStatus::finished);
    EXPECT_EQ(s.commands, 4);
    EXPECT_EQ(s.events, 2);
    EXPECT_EQ(s.images, 1);
    EXPECT_TRUE(s.scored);
    EXPECT_EQ(s.score, 87.25);
    EXPECT_TRUE(s.passed);
    EXPECT_EQ(s.patient, R"({"seed":5,"bmi":31})");  // a "New patient" session keeps its patient
    EXPECT_EQ(store.session(id + 1).patient, "");     // the scenario's own patient

    const Recording r = store.recording(id);
    EXPECT_EQ(r.commands, commands);
    EXPECT_EQ(r.seed, 333u);
    EXPECT_FALSE(r.bevel_deflection);
    EXPECT_EQ(store.events(id),
              (std::vector<StoredEvent>{stored(sample_event(1.0)), stored(sample_event(2.0))}));
    EXPECT_EQ(store.images(id), std::vector<StoredImage>{image});
    ASSERT_TRUE(store.report(id));
    EXPECT_EQ(*store.report(id), sample_report());

    // Filters and the dashboard's rows: only scored sessions, figures equal to the report's.
    EXPECT_EQ(store.sessions({"ben", std::nullopt}).size(), 1u);
    EXPECT_EQ(store.sessions({"", SessionStatus::in_progress}).size(), 1u);
    const auto attempts = store.attempts();
    ASSERT_EQ(attempts.size(), 1u);
    AttemptResult want = attempt_figures(sample_report());
    want.attempt_id = attempts[0].attempt_id;
    want.trainee = "ana";
    want.mode = "exam";
    want.patient_seed = 42;
    want.started_at = "2026-11-29T10:15:00Z";
    EXPECT_EQ(attempts[0], want);
    EXPECT_EQ(attempts[0].attempt_id.size(), 36u);  // UUID text
}

TEST(SessionStore, UnknownSessionIsAClearError) {
    SessionStore store(fresh("unknown.db"));
    try {
        store.session(7);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("no session 7 in "), std::string::npos) << e.what();
    }
}

TEST(SessionStore, OrphansAreInProgressSessionsOfDeadProcesses) {
    SessionStore store(fresh("orphans.db"));
    const pid_t child = fork();
    if (child == 0) _exit(0);
    waitpid(child, nullptr, 0);  // reaped: the pid names no process now
    const auto dead =
        store.begin_session({"ana", "s", "s.yaml", 1, 1, true, "practice", "", child, ""});
    const auto live =
        store.begin_session({"ana", "s", "s.yaml", 1, 1, true, "practice", "", getpid(), ""});
    const auto done =
        store.begin_session({"ana", "s", "s.yaml", 1, 1, true, "practice", "", child, ""});
    store.set_status(done, SessionStatus::abandoned);
    store.commit();
    const auto orphans = store.orphans();
    ASSERT_EQ(orphans.size(), 1u);
    EXPECT_EQ(orphans[0].id, dead);
    (void)live;
}

// A version-1 file as the first FluoroSim wrote it, from the DDL kept in the source.
void write_v1(const fs::path& file, const ScoreReport& report) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    std::string sql =
        std::string(k_schema_v1) +
        "PRAGMA user_version = 1;"
        "INSERT INTO trainees VALUES ('ana', '2026-01-01T00:00:00Z');"
        "INSERT INTO sessions (id, trainee, scenario, scenario_file, patient_seed, session_seed, "
        "bevel_deflection, "
        "started_at, ended_at, status, score_json, score, passed) VALUES (1, 'ana', 'MBB L4 left', "
        "'scenarios/mbb_l4_left.yaml', 42, 7, 1, '2026-01-01T10:00:00Z', '2026-01-01T10:05:00Z', "
        "'finished', ?, 87.25, 1);"
        "INSERT INTO sessions (id, trainee, scenario, scenario_file, patient_seed, session_seed, "
        "bevel_deflection, "
        "started_at, status) VALUES (2, 'ana', 'x', 'x.yaml', 1, 1, 1, '2026-01-02T10:00:00Z', "
        "'in_progress');"
        "INSERT INTO commands VALUES (1, 0, '0 session.start'), (1, 1, '2 carm.shot');"
        "INSERT INTO events VALUES (1, 0, 2, 'bone_contact', 'The tip touches bone (L4).', 0.5, "
        "-2.5, 40, 'L4', 0);";
    // The report is bound as a parameter (it holds quotes): run the statements one by one.
    const char* tail = sql.c_str();
    while (*tail) {
        sqlite3_stmt* st = nullptr;
        ASSERT_EQ(sqlite3_prepare_v2(db, tail, -1, &st, &tail), SQLITE_OK) << sqlite3_errmsg(db);
        if (!st) continue;
        const std::string json = report_json(report);
        if (sqlite3_bind_parameter_count(st) == 1)
            sqlite3_bind_text(st, 1, json.c_str(), -1, SQLITE_TRANSIENT);
        ASSERT_EQ(sqlite3_step(st), SQLITE_DONE) << sqlite3_errmsg(db);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
}

TEST(SessionStore, MigratesVersion1WithAllDataIntact) {
    const fs::path file = fresh("v1.db");
    write_v1(file, sample_report());
    SessionStore store(file);
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr);
        ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
        EXPECT_EQ(sqlite3_column_int(st, 0), 3);
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
    EXPECT_EQ(store.trainees(), std::vector<std::string>{"ana"});
    const SessionInfo s = store.session(1);
    EXPECT_EQ(s.status, SessionStatus::finished);
    EXPECT_EQ(s.mode, "practice");
    EXPECT_EQ(s.patient_seed, 42u);
    EXPECT_EQ(s.session_seed, 7u);
    EXPECT_EQ(s.started_at, "2026-01-01T10:00:00Z");
    EXPECT_EQ(s.score, 87.25);
    EXPECT_EQ(s.images, 0);
    EXPECT_EQ(s.patient, "");  // v1 and v2 sessions ran on their scenario's patient
    EXPECT_EQ(store.recording(1).commands,
              (std::vector<Command>{make_command(0, CommandKind::session_start),
                                    make_command(2, CommandKind::carm_shot)}));
    ASSERT_EQ(store.events(1).size(), 1u);
    EXPECT_EQ(store.events(1)[0].message, "The tip touches bone (L4).");
    EXPECT_EQ(store.events(1)[0].position, glm::dvec3(0.5, -2.5, 40));
    EXPECT_EQ(*store.report(1), sample_report());
    const auto attempts = store.attempts();
    ASSERT_EQ(attempts.size(), 1u);
    EXPECT_EQ(attempts[0].shots, 9);
    EXPECT_EQ(attempts[0].attempt_id.size(), 36u);
    // A v1 session left in progress has no writer pid: it is an orphan to recover.
    ASSERT_EQ(store.orphans().size(), 1u);
    EXPECT_EQ(store.orphans()[0].id, 2);
    // Versions 2 and 3 work on the migrated file.
    store.append_image(1, {1, 0, true, 0, 0, "AP", 70, 2, {1, 2, 3}});
    store.commit();
    EXPECT_EQ(store.images(1).size(), 1u);
}

TEST(SessionStore, RefusesANewerDatabaseAndNamesACorruptFile) {
    const fs::path newer = fresh("newer.db");
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(newer.c_str(), &db), SQLITE_OK);
        sqlite3_exec(db, "CREATE TABLE future (x); PRAGMA user_version = 4;", nullptr, nullptr,
                     nullptr);
        sqlite3_close(db);
    }
    const std::string n = error_of(newer);
    EXPECT_EQ(n.rfind(newer.string() + ": ", 0), 0u) << n;
    EXPECT_NE(n.find("version 4 comes from a newer FluoroSim"), std::string::npos) << n;

    const fs::path corrupt = fresh("corrupt.db");
    std::ofstream(corrupt) << std::string(4096, 'x');
    const std::string c = error_of(corrupt);
    EXPECT_EQ(c.rfind(corrupt.string() + ": ", 0), 0u) << c;
    EXPECT_NE(c.find("not a database"), std::string::npos) << c;
}

}  // namespace
}  // namespace fluorosim::io
