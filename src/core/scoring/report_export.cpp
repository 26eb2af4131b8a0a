#include "core/scoring/report_export.hpp"

#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/util/text_format.hpp"

namespace fluorosim {
namespace {

std::string join(const std::vector<std::string>& v, const std::string& sep) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
    return out;
}

// The measures both the text and the HTML report list, in order; `dap_unit` differs only in
// spelling (ASCII for terminals, "Gy·cm²" in HTML).
std::vector<std::pair<std::string, std::string>> measure_rows(const ScoreMetrics& m, const char* dap_unit) {
    return {
        {"target", m.target.empty() ? "-" : m.target},
        {"distance to target", m.distance_mm < 0 ? "-" : format_number("%.1f mm", m.distance_mm)},
        {"in target zone", m.in_zone ? "yes" : "no"},
        {"tip in", m.tip_structure.empty() ? m.tip_tissue : m.tip_structure + " (" + m.tip_tissue + ")"},
        {"depth past skin", format_number("%.1f mm", m.depth_mm)},
        {"shots", format_number("%.0f", m.shots) + " (" + format_number("%.0f", m.images) + " images)"},
        {"fluoroscopy time", format_number("%.1f s", m.fluoro_s)},
        {"dose-area product", format_number("%.3f ", m.dap_gy_cm2) + dap_unit},
        {"air kerma (IRP)", format_number("%.2f mGy", m.air_kerma_mgy)},
        {"redirections", format_number("%.0f", m.redirections)},
        {"skin punctures", format_number("%.0f", m.skin_punctures)},
        {"bone contacts", format_number("%.0f", m.bone_contacts)},
        {"procedure time", format_number("%.0f s", m.time_s)},
        {"contrast", format_number("%.2f mL", m.contrast_ml) +
                         (m.contrast_patterns.empty() ? "" : " (" + join(m.contrast_patterns, ", ") + ")")},
    };
}

}  // namespace

std::string base64(const std::vector<std::uint8_t>& in) {
    static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < in.size(); i += 3) {
        const unsigned a = in[i], b = i + 1 < in.size() ? in[i + 1] : 0u, c = i + 2 < in.size() ? in[i + 2] : 0u;
        const unsigned v = (a << 16) | (b << 8) | c;
        out += k[(v >> 18) & 63];
        out += k[(v >> 12) & 63];
        out += i + 1 < in.size() ? k[(v >> 6) & 63] : '=';
        out += i + 2 < in.size() ? k[v & 63] : '=';
    }
    return out;
}

std::string report_text(const ScoreReport& r) {
    std::ostringstream o;
    const ScoreMetrics& m = r.metrics;
    o << "Scenario   " << r.scenario << " (" << r.procedure << (r.level.empty() ? "" : " " + r.level) << ", " << r.side
      << ", " << r.difficulty << ")\n";
    o << "Result     " << (r.passed ? "PASS" : "FAIL") << "   score " << format_number("%.1f", r.score) << " / 100 (pass mark "
      << format_number("%.0f", r.pass_score) << ")\n";
    for (const std::string& f : r.fail_reasons) o << "  why      " << f << "\n";
    o << "\nSection        points\n";
    for (const SectionScore& s : r.sections)
        o << "  " << s.name << std::string(s.name.size() < 12 ? 12 - s.name.size() : 1, ' ') << format_number("%5.1f", s.earned)
          << " / " << format_number("%.0f", s.possible) << "\n";
    o << "\nMeasure                value\n";
    auto row = [&](const char* k, const std::string& v) {
        o << "  " << k << std::string(21 - std::string(k).size(), ' ') << v << "\n";
    };
    for (const auto& [k, v] : measure_rows(m, "Gy.cm2")) row(k.c_str(), v);
    if (!r.deductions.empty()) {
        o << "\nDeductions\n";
        for (const Deduction& d : r.deductions) o << "  " << format_number("%5.1f", d.points) << "  " << d.section << ": " << d.sentence << "\n";
    }
    if (!r.notes.empty()) {
        o << "\nDone well\n";
        for (const std::string& s : r.notes) o << "  " << s << "\n";
    }
    return o.str();
}

std::string report_json(const ScoreReport& r) {
    using nlohmann::json;
    const ScoreMetrics& m = r.metrics;
    json j;
    j["scenario"] = r.scenario;
    j["scenario_file"] = r.scenario_file;
    j["procedure"] = r.procedure;
    j["level"] = r.level;
    j["side"] = r.side;
    j["difficulty"] = r.difficulty;
    j["score"] = r.score;
    j["pass_score"] = r.pass_score;
    j["passed"] = r.passed;
    j["critical"] = r.critical_codes;
    j["fail_reasons"] = r.fail_reasons;
    j["sections"] = json::array();
    for (const SectionScore& s : r.sections) j["sections"].push_back({{"name", s.name}, {"earned", s.earned}, {"possible", s.possible}});
    j["deductions"] = json::array();
    for (const Deduction& d : r.deductions)
        j["deductions"].push_back({{"section", d.section}, {"points", d.points}, {"sentence", d.sentence}});
    j["notes"] = r.notes;
    j["metrics"] = {{"shots", m.shots},
                    {"images", m.images},
                    {"fluoro_s", m.fluoro_s},
                    {"dap_gy_cm2", m.dap_gy_cm2},
                    {"air_kerma_mgy", m.air_kerma_mgy},
                    {"redirections", m.redirections},
                    {"skin_punctures", m.skin_punctures},
                    {"bone_contacts", m.bone_contacts},
                    {"time_s", m.time_s},
                    {"distance_mm", m.distance_mm},
                    {"in_zone", m.in_zone},
                    {"target", m.target},
                    {"tip_structure", m.tip_structure},
                    {"tip_tissue", m.tip_tissue},
                    {"depth_mm", m.depth_mm},
                    {"contrast_ml", m.contrast_ml},
                    {"contrast_patterns", m.contrast_patterns}};
    return j.dump(2) + "\n";
}

std::string report_html(const ScoreReport& r, const std::vector<ReportImage>& images) {
    std::ostringstream o;
    const ScoreMetrics& m = r.metrics;
    o << html_page_start("FluoroSim report: " + r.scenario, 60,
                         "figure{display:inline-block;margin:.5em}img{max-width:20em;border:1px solid #444}");
    o << "<h1>" << html_escape(r.scenario) << "</h1>\n<p>" << html_escape(r.procedure)
      << (r.level.empty() ? "" : " " + html_escape(r.level)) << ", " << html_escape(r.side) << ", "
      << html_escape(r.difficulty) << "</p>\n";
    o << "<h2 class=\"" << (r.passed ? "pass" : "fail") << "\">" << (r.passed ? "Pass" : "Fail") << ": "
      << format_number("%.1f", r.score) << " / 100</h2>\n<p>Pass mark " << format_number("%.0f", r.pass_score) << ".</p>\n";
    o << html_list("Why it did not pass", r.fail_reasons);
    o << "<h3>Sections</h3>\n<table><tr><th>section</th><th>points</th><th>of</th></tr>\n";
    for (const SectionScore& s : r.sections)
        o << "<tr><td>" << s.name << "</td><td class=\"n\">" << format_number("%.1f", s.earned) << "</td><td class=\"n\">"
          << format_number("%.0f", s.possible) << "</td></tr>\n";
    o << "</table>\n<h3>Deductions</h3>\n";
    if (r.deductions.empty()) o << "<p>None.</p>\n";
    else {
        o << "<table><tr><th>points</th><th>section</th><th>reason</th></tr>\n";
        for (const Deduction& d : r.deductions)
            o << "<tr><td class=\"n\">-" << format_number("%.1f", d.points) << "</td><td>" << d.section << "</td><td>"
              << html_escape(d.sentence) << "</td></tr>\n";
        o << "</table>\n";
    }
    o << "<h3>Measures</h3>\n<table>\n";
    auto row = [&](const char* k, const std::string& v) { o << "<tr><td>" << k << "</td><td>" << html_escape(v) << "</td></tr>\n"; };
    for (const auto& [k, v] : measure_rows(m, "Gy·cm²")) row(k.c_str(), v);
    o << "</table>\n";
    o << html_list("Done well", r.notes);
    if (!images.empty()) {
        o << "<h3>Images</h3>\n";
        for (const ReportImage& im : images)
            o << "<figure><img alt=\"" << html_escape(im.caption) << "\" src=\"data:image/png;base64," << base64(im.png)
              << "\"><figcaption>" << html_escape(im.caption) << "</figcaption></figure>\n";
    }
    o << "</body></html>\n";
    return o.str();
}

std::string report_csv_header() {
    return "attempt,scenario,procedure,level,side,difficulty,score,passed,critical,distance_mm,in_zone,shots,"
           "fluoro_s,dap_gy_cm2,redirections,skin_punctures,bone_contacts,time_s,contrast_patterns,fail_reasons";
}

std::string report_csv_line(const ScoreReport& r, const std::string& attempt) {
    const ScoreMetrics& m = r.metrics;
    std::vector<std::string> f = {attempt,
                                  r.scenario,
                                  r.procedure,
                                  r.level,
                                  r.side,
                                  r.difficulty,
                                  format_number("%.1f", r.score),
                                  r.passed ? "pass" : "fail",
                                  join(r.critical_codes, ";"),
                                  format_number("%.2f", m.distance_mm),
                                  m.in_zone ? "yes" : "no",
                                  format_number("%.0f", m.shots),
                                  format_number("%.2f", m.fluoro_s),
                                  format_number("%.4f", m.dap_gy_cm2),
                                  format_number("%.0f", m.redirections),
                                  format_number("%.0f", m.skin_punctures),
                                  format_number("%.0f", m.bone_contacts),
                                  format_number("%.1f", m.time_s),
                                  join(m.contrast_patterns, ";"),
                                  join(r.fail_reasons, " | ")};
    std::string out;
    for (std::size_t i = 0; i < f.size(); ++i) out += (i ? "," : "") + csv_field(f[i]);
    return out;
}

}  // namespace fluorosim
