#pragma once
// The instructor's cohort dashboard, computed from finished attempts only: one row per trainee
// and scenario (attempts, best/last/mean score, pass rate, mean shots, DAP, fluoro time and
// procedure time), and per trainee + scenario learning curves (one point per attempt, in the
// order the attempts started). Every figure is an AttemptResult's own value or a plain mean of
// them, so the dashboard never disagrees with the per-session score reports.
#include <string>
#include <vector>

#include "core/records/attempt_result.hpp"

namespace fluorosim {

struct CohortRow {
    std::string trainee;
    std::string scenario;
    int attempts = 0;
    int passes = 0;
    double best_score = 0.0;
    double last_score = 0.0;  // of the attempt that started last
    double mean_score = 0.0;
    double pass_rate = 0.0;  // passes / attempts, 0-1
    double mean_shots = 0.0;
    double mean_dap_gy_cm2 = 0.0;
    double mean_fluoro_s = 0.0;
    double mean_time_s = 0.0;
};

struct LearningCurve {
    std::string trainee;
    std::string scenario;
    std::vector<std::string> started_at;  // one per attempt, oldest first
    std::vector<double> score;
    std::vector<double> shots;
    std::vector<double> dap_gy_cm2;
    std::vector<double> time_s;
};

// Attempts ordered by (trainee, scenario, started_at, attempt_id): the order both the table's
// "last" and the curves use. started_at is ISO 8601 UTC, so text order is time order.
std::vector<AttemptResult> ordered_attempts(std::vector<AttemptResult> attempts);
// Rows sorted by trainee, then scenario.
std::vector<CohortRow> cohort_table(const std::vector<AttemptResult>& attempts);
std::vector<LearningCurve> learning_curves(const std::vector<AttemptResult>& attempts);

// RFC 4180 CSV: a header line, then one line per attempt (in ordered_attempts order) or per
// table row; fields holding a comma, quote, CR or LF are quoted with quotes doubled.
std::string attempts_csv(const std::vector<AttemptResult>& attempts);
std::string cohort_csv(const std::vector<CohortRow>& rows);
std::string csv_quote(const std::string& field);

// The table as fixed-width text for a terminal.
std::string cohort_text(const std::vector<CohortRow>& rows);

}  // namespace fluorosim
