// The dashboard on one machine reads the trainee database: its table and learning curves, made
// from the store's attempts, carry exactly the scores and figures stored per session.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/records/cohort.hpp"
#include "io/session_store.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::io {
namespace {
namespace fs = std::filesystem;

ScoreReport report(double score, bool passed, int shots, double dap) {
    ScoreReport r;
    r.scenario = "MBB L4 left";
    r.scenario_file = "scenarios/mbb_l4_left.yaml";
    r.score = score;
    r.pass_score = 70;
    r.passed = passed;
    r.metrics.shots = shots;
    r.metrics.dap_gy_cm2 = dap;
    r.metrics.time_s = 100.0 + shots;
    return r;
}

TEST(SessionStoreCohortTest, DashboardFiguresEqualTheStoredScores) {
    const fs::path file = test::output_dir() / "session_store_cohort" / "sessions.db";
    fs::remove_all(file.parent_path());
    fs::create_directories(file.parent_path());
    SessionStore store(file);
    // ana: three attempts (stored out of time order), ben: one; one unfinished attempt of ana's.
    const struct {
        const char* trainee;
        const char* started;
        double score;
        bool passed;
        int shots;
        double dap;
    } attempts[] = {{"ana", "2026-11-29T10:00:00Z", 55.0, false, 14, 0.9},
                    {"ana", "2026-11-29T09:00:00Z", 40.5, false, 20, 1.4},
                    {"ana", "2026-11-29T11:00:00Z", 88.25, true, 7, 0.4},
                    {"ben", "2026-11-29T10:30:00Z", 91.0, true, 6, 0.3}};
    for (const auto& a : attempts) {
        const auto id = store.begin_session({a.trainee, "MBB L4 left", "scenarios/mbb_l4_left.yaml",
                                             1, 1, true, "practice", a.started, 1, ""});
        store.finish_session(id, report(a.score, a.passed, a.shots, a.dap));
    }
    store.begin_session({"ana", "MBB L4 left", "scenarios/mbb_l4_left.yaml", 1, 1, true, "practice",
                         "2026-11-29T12:00:00Z", 1, ""});
    store.commit();

    const auto rows = cohort_table(store.attempts());
    ASSERT_EQ(rows.size(), 2u)
        << "one row per trainee and scenario; the unfinished session is left out";
    const CohortRow& ana = rows[0].trainee == "ana" ? rows[0] : rows[1];
    EXPECT_EQ(ana.attempts, 3);
    EXPECT_EQ(ana.passes, 1);
    EXPECT_DOUBLE_EQ(ana.best_score, 88.25);
    EXPECT_DOUBLE_EQ(ana.last_score, 88.25);
    EXPECT_DOUBLE_EQ(ana.mean_score, (55.0 + 40.5 + 88.25) / 3.0);
    EXPECT_DOUBLE_EQ(ana.mean_shots, (14.0 + 20.0 + 7.0) / 3.0);
    EXPECT_DOUBLE_EQ(ana.mean_dap_gy_cm2, (0.9 + 1.4 + 0.4) / 3.0);

    for (const LearningCurve& c : learning_curves(store.attempts()))
        if (c.trainee == "ana") {
            EXPECT_EQ(c.score, (std::vector<double>{40.5, 55.0, 88.25})) << "oldest first";
            EXPECT_EQ(c.shots, (std::vector<double>{20, 14, 7}));
        }
}

}  // namespace
}  // namespace fluorosim::io
