#pragma once
// A score report as the trainee and the instructor read it: a text table (CLI), JSON (tools),
// a self-contained HTML page (images embedded as base64 PNG when given; it reads the same
// without them) and one CSV line per attempt (cohort spreadsheets).
#include <cstdint>
#include <string>
#include <vector>

#include "core/scoring/score.hpp"

namespace fluorosim {

struct ReportImage {
    std::string caption;             // "Final AP", ...
    std::vector<std::uint8_t> png;   // encoded PNG bytes (io/image_file writes them)
};

std::string report_text(const ScoreReport& report);
std::string report_json(const ScoreReport& report);  // pretty-printed, 2-space indent
std::string report_html(const ScoreReport& report, const std::vector<ReportImage>& images = {});
// The CSV header and one line (no newline) for an attempt; `attempt` labels it (trainee,
// date, recording file: whatever the caller knows; core reads no clock).
std::string report_csv_header();
std::string report_csv_line(const ScoreReport& report, const std::string& attempt = "");

std::string base64(const std::vector<std::uint8_t>& bytes);

}  // namespace fluorosim
