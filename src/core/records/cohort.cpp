#include "core/records/cohort.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

#include "core/util/text_format.hpp"

namespace fluorosim {
namespace {

double mean(const std::vector<double>& v) {
    double sum = 0.0;
    for (double x : v) sum += x;
    return v.empty() ? 0.0 : sum / double(v.size());
}

std::string csv_line(const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_quote(fields[i]);
    return out + "\n";
}

}  // namespace

std::vector<AttemptResult> ordered_attempts(std::vector<AttemptResult> attempts) {
    std::stable_sort(attempts.begin(), attempts.end(),
                     [](const AttemptResult& a, const AttemptResult& b) {
                         return std::tie(a.trainee, a.scenario, a.started_at, a.attempt_id) <
                                std::tie(b.trainee, b.scenario, b.started_at, b.attempt_id);
                     });
    return attempts;
}

std::vector<LearningCurve> learning_curves(const std::vector<AttemptResult>& attempts) {
    std::vector<LearningCurve> curves;
    for (const AttemptResult& a : ordered_attempts(attempts)) {
        if (curves.empty() || curves.back().trainee != a.trainee ||
            curves.back().scenario != a.scenario)
            curves.push_back({a.trainee, a.scenario, {}, {}, {}, {}, {}});
        LearningCurve& c = curves.back();
        c.started_at.push_back(a.started_at);
        c.score.push_back(a.score);
        c.shots.push_back(double(a.shots));
        c.dap_gy_cm2.push_back(a.dap_gy_cm2);
        c.time_s.push_back(a.time_s);
    }
    return curves;
}

std::vector<CohortRow> cohort_table(const std::vector<AttemptResult>& attempts) {
    std::map<std::pair<std::string, std::string>, std::vector<AttemptResult>> groups;
    for (const AttemptResult& a : ordered_attempts(attempts))
        groups[{a.trainee, a.scenario}].push_back(a);
    std::vector<CohortRow> rows;
    for (const auto& [key, group] : groups) {
        CohortRow r;
        r.trainee = key.first;
        r.scenario = key.second;
        r.attempts = int(group.size());
        std::vector<double> score, shots, dap, fluoro, time;
        r.best_score = group.front().score;
        for (const AttemptResult& a : group) {
            r.passes += a.passed ? 1 : 0;
            r.best_score = std::max(r.best_score, a.score);
            score.push_back(a.score);
            shots.push_back(double(a.shots));
            dap.push_back(a.dap_gy_cm2);
            fluoro.push_back(a.fluoro_s);
            time.push_back(a.time_s);
        }
        r.last_score = group.back().score;
        r.mean_score = mean(score);
        r.pass_rate = double(r.passes) / double(r.attempts);
        r.mean_shots = mean(shots);
        r.mean_dap_gy_cm2 = mean(dap);
        r.mean_fluoro_s = mean(fluoro);
        r.mean_time_s = mean(time);
        rows.push_back(r);
    }
    return rows;
}

std::string csv_quote(const std::string& field) { return csv_field(field); }

std::string attempts_csv(const std::vector<AttemptResult>& attempts) {
    std::string out = csv_line(
        {"attempt_id", "trainee",      "station",     "scenario",    "scenario_file", "procedure",
         "level",      "side",         "difficulty",  "mode",        "patient_seed",  "started_at",
         "score",      "passed",       "shots",       "images",      "fluoro_s",      "dap_gy_cm2",
         "time_s",     "redirections", "distance_mm", "fail_reasons"});
    for (const AttemptResult& a : ordered_attempts(attempts))
        out += csv_line({a.attempt_id,
                         a.trainee,
                         a.station,
                         a.scenario,
                         a.scenario_file,
                         a.procedure,
                         a.level,
                         a.side,
                         a.difficulty,
                         a.mode,
                         std::to_string(a.patient_seed),
                         a.started_at,
                         format_number("%.1f", a.score),
                         a.passed ? "1" : "0",
                         std::to_string(a.shots),
                         std::to_string(a.images),
                         format_number("%.2f", a.fluoro_s),
                         format_number("%.5f", a.dap_gy_cm2),
                         format_number("%.1f", a.time_s),
                         std::to_string(a.redirections),
                         format_number("%.1f", a.distance_mm),
                         a.fail_reasons});
    return out;
}

std::string cohort_csv(const std::vector<CohortRow>& rows) {
    std::string out = csv_line({"trainee", "scenario", "attempts", "passes", "pass_rate",
                                "best_score", "last_score", "mean_score", "mean_shots",
                                "mean_dap_gy_cm2", "mean_fluoro_s", "mean_time_s"});
    for (const CohortRow& r : rows)
        out += csv_line(
            {r.trainee, r.scenario, std::to_string(r.attempts), std::to_string(r.passes),
             format_number("%.3f", r.pass_rate), format_number("%.1f", r.best_score), format_number("%.1f", r.last_score),
             format_number("%.1f", r.mean_score), format_number("%.2f", r.mean_shots), format_number("%.5f", r.mean_dap_gy_cm2),
             format_number("%.2f", r.mean_fluoro_s), format_number("%.1f", r.mean_time_s)});
    return out;
}

std::string cohort_text(const std::vector<CohortRow>& rows) {
    char line[512];
    std::snprintf(line, sizeof line, "%-16s %-38s %8s %5s %5s %5s %6s %6s %10s %8s %8s\n",
                  "trainee", "scenario", "attempts", "best", "last", "mean", "pass", "shots",
                  "DAP Gy*cm2", "fluoro s", "time s");
    std::string out = line;
    for (const CohortRow& r : rows) {
        std::snprintf(line, sizeof line,
                      "%-16s %-38s %8d %5.0f %5.0f %5.1f %5.0f%% %6.1f %10.4f %8.1f %8.0f\n",
                      r.trainee.c_str(), r.scenario.c_str(), r.attempts, r.best_score, r.last_score,
                      r.mean_score, 100.0 * r.pass_rate, r.mean_shots, r.mean_dap_gy_cm2,
                      r.mean_fluoro_s, r.mean_time_s);
        out += line;
    }
    if (rows.empty()) out += "(no results yet)\n";
    return out;
}

}  // namespace fluorosim
