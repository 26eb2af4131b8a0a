// The cohort dashboard's figures are the attempts' own figures: counts, plain means, the best
// and the last score, and learning-curve points that are the attempts' scores in start order.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/records/cohort.hpp"

namespace fluorosim {
namespace {

AttemptResult attempt(const std::string& id, const std::string& trainee,
                      const std::string& scenario, const std::string& started_at, double score,
                      bool passed, int shots, double dap, double fluoro, double time) {
    AttemptResult a;
    a.attempt_id = id;
    a.trainee = trainee;
    a.scenario = scenario;
    a.started_at = started_at;
    a.score = score;
    a.passed = passed;
    a.shots = shots;
    a.dap_gy_cm2 = dap;
    a.fluoro_s = fluoro;
    a.time_s = time;
    return a;
}

// Given out of time order on purpose: the table's "last" and the curves follow started_at.
std::vector<AttemptResult> cohort() {
    return {
        attempt("a3", "ana", "MBB L4", "2026-11-29T10:40:00Z", 82.0, true, 9, 0.30, 12.0, 300.0),
        attempt("b1", "ben", "MBB L4", "2026-11-29T10:05:00Z", 20.0, false, 30, 1.20, 50.0, 900.0),
        attempt("a1", "ana", "MBB L4", "2026-11-29T10:00:00Z", 40.0, false, 21, 0.90, 31.0, 700.0),
        attempt("a2", "ana", "MBB L4", "2026-11-29T10:20:00Z", 91.0, true, 12, 0.45, 16.0, 420.0),
        attempt("a4", "ana", "TFESI L5", "2026-11-29T11:00:00Z", 66.5, true, 14, 0.60, 20.0,
                500.0)};
}

TEST(Cohort, TableFiguresAreTheAttemptsFigures) {
    const auto rows = cohort_table(cohort());
    ASSERT_EQ(rows.size(), 3u);
    const CohortRow& r = rows[0];
    EXPECT_EQ(r.trainee, "ana");
    EXPECT_EQ(r.scenario, "MBB L4");
    EXPECT_EQ(r.attempts, 3);
    EXPECT_EQ(r.passes, 2);
    EXPECT_DOUBLE_EQ(r.pass_rate, 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(r.best_score, 91.0);
    EXPECT_DOUBLE_EQ(r.last_score, 82.0);  // a3 started last, though it was listed first
    EXPECT_DOUBLE_EQ(r.mean_score, (40.0 + 91.0 + 82.0) / 3.0);
    EXPECT_DOUBLE_EQ(r.mean_shots, (21.0 + 12.0 + 9.0) / 3.0);
    EXPECT_DOUBLE_EQ(r.mean_dap_gy_cm2, (0.90 + 0.45 + 0.30) / 3.0);
    EXPECT_DOUBLE_EQ(r.mean_fluoro_s, (31.0 + 16.0 + 12.0) / 3.0);
    EXPECT_DOUBLE_EQ(r.mean_time_s, (700.0 + 420.0 + 300.0) / 3.0);
    EXPECT_EQ(rows[1].scenario, "TFESI L5");
    EXPECT_EQ(rows[1].attempts, 1);
    EXPECT_DOUBLE_EQ(rows[1].best_score, 66.5);
    EXPECT_DOUBLE_EQ(rows[1].last_score, 66.5);
    EXPECT_EQ(rows[2].trainee, "ben");
    EXPECT_DOUBLE_EQ(rows[2].pass_rate, 0.0);
    EXPECT_TRUE(cohort_table({}).empty());
}

TEST(Cohort, LearningCurvePointsAreTheScoresInStartOrder) {
    const auto curves = learning_curves(cohort());
    ASSERT_EQ(curves.size(), 3u);
    EXPECT_EQ(curves[0].trainee, "ana");
    EXPECT_EQ(curves[0].scenario, "MBB L4");
    EXPECT_EQ(curves[0].score, (std::vector<double>{40.0, 91.0, 82.0}));
    EXPECT_EQ(curves[0].shots, (std::vector<double>{21.0, 12.0, 9.0}));
    EXPECT_EQ(curves[0].dap_gy_cm2, (std::vector<double>{0.90, 0.45, 0.30}));
    EXPECT_EQ(curves[0].time_s, (std::vector<double>{700.0, 420.0, 300.0}));
    EXPECT_EQ(curves[0].started_at.front(), "2026-11-29T10:00:00Z");
    EXPECT_EQ(curves[2].score, (std::vector<double>{20.0}));
}

TEST(Cohort, CsvQuotesCommasQuotesAndNewlines) {
    EXPECT_EQ(csv_quote("plain"), "plain");
    EXPECT_EQ(csv_quote("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_quote("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_quote("two\nlines"), "\"two\nlines\"");
    auto attempts = cohort();
    attempts[0].trainee = "O'Neil, \"Jo\"";
    attempts[0].fail_reasons = "dural puncture; too deep";
    const std::string csv = attempts_csv(attempts);
    EXPECT_EQ(csv.rfind("attempt_id,trainee,station,scenario,", 0), 0u) << csv;
    EXPECT_NE(csv.find("a3,\"O'Neil, \"\"Jo\"\"\",,MBB L4,"), std::string::npos) << csv;
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 6);  // header + 5 attempts
    EXPECT_NE(csv.find(",82.0,1,9,0,12.00,0.30000,300.0,0,-1.0,dural puncture; too deep\n"),
              std::string::npos)
        << csv;
    const std::string table = cohort_csv(cohort_table(cohort()));
    EXPECT_NE(table.find("ana,MBB L4,3,2,0.667,91.0,82.0,71.0,14.00,0.55000,19.67,473.3\n"),
              std::string::npos)
        << table;
}

TEST(Cohort, FiguresComeFromTheScoreReport) {
    ScoreReport report;
    report.scenario = "MBB L4";
    report.score = 73.4;
    report.passed = true;
    report.metrics.shots = 11;
    report.metrics.dap_gy_cm2 = 0.42;
    report.metrics.fluoro_s = 14.5;
    report.metrics.time_s = 380.0;
    report.fail_reasons = {"one", "two"};
    AttemptResult a = attempt_figures(report);
    a.trainee = "ana";
    a.started_at = "2026-11-29T10:00:00Z";
    const auto rows = cohort_table({a});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_DOUBLE_EQ(rows[0].mean_score, report.score);
    EXPECT_DOUBLE_EQ(rows[0].mean_shots, report.metrics.shots);
    EXPECT_DOUBLE_EQ(rows[0].mean_dap_gy_cm2, report.metrics.dap_gy_cm2);
    EXPECT_DOUBLE_EQ(rows[0].mean_fluoro_s, report.metrics.fluoro_s);
    EXPECT_DOUBLE_EQ(rows[0].mean_time_s, report.metrics.time_s);
    EXPECT_EQ(a.fail_reasons, "one; two");
}

}  // namespace
}  // namespace fluorosim
