#pragma once
// One finished attempt as the instructor's tools see it: who, which scenario, and the figures
// a cohort dashboard plots. The session store (io/session_store) produces these from its
// sessions, a workshop station posts them to the instructor's results service, and the
// dashboard and CSV export read nothing else, so every figure there equals the per-session
// score it came from.
#include <cstdint>
#include <string>

#include "core/scoring/score.hpp"

namespace fluorosim {

struct AttemptResult {
    std::string attempt_id;   // globally unique (UUID text); a re-sent result is a duplicate
    std::string trainee;      // profile name
    std::string station;      // workshop station name ("" for a single machine)
    std::string scenario;     // scenario name
    std::string scenario_file;
    std::string procedure, level, side, difficulty;
    std::string mode;         // "practice" or "exam"
    std::uint64_t patient_seed = 0;
    std::string started_at;   // ISO 8601 UTC, "2026-11-29T10:15:00Z"
    double score = 0.0;       // 0-100
    bool passed = false;
    int shots = 0;
    int images = 0;
    double fluoro_s = 0.0;
    double dap_gy_cm2 = 0.0;
    double time_s = 0.0;
    int redirections = 0;
    double distance_mm = -1.0;
    std::string fail_reasons;  // the report's fail reasons joined by "; "

    bool operator==(const AttemptResult&) const = default;
};

// The dashboard's figures of a scored report (identity fields are left for the caller).
AttemptResult attempt_figures(const ScoreReport& report);

}  // namespace fluorosim
