#include "core/records/attempt_result.hpp"

namespace fluorosim {

AttemptResult attempt_figures(const ScoreReport& report) {
    AttemptResult r;
    r.scenario = report.scenario;
    r.scenario_file = report.scenario_file;
    r.procedure = report.procedure;
    r.level = report.level;
    r.side = report.side;
    r.difficulty = report.difficulty;
    r.score = report.score;
    r.passed = report.passed;
    r.shots = report.metrics.shots;
    r.images = report.metrics.images;
    r.fluoro_s = report.metrics.fluoro_s;
    r.dap_gy_cm2 = report.metrics.dap_gy_cm2;
    r.time_s = report.metrics.time_s;
    r.redirections = report.metrics.redirections;
    r.distance_mm = report.metrics.distance_mm;
    for (const auto& reason : report.fail_reasons) {
        if (!r.fail_reasons.empty()) r.fail_reasons += "; ";
        r.fail_reasons += reason;
    }
    return r;
}

}  // namespace fluorosim
