#include "core/scoring/exam_report_export.hpp"

#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/scoring/report_export.hpp"
#include "core/util/text_format.hpp"

namespace fluorosim {
namespace {

std::string limit_text(double s) { return s > 0 ? format_number("%.0f s", s) : "none"; }

std::string status(const ExamItemResult& it) {
    if (!it.attempted) return "not attempted";
    return std::string(it.report.passed ? "pass" : "fail") +
           (it.timed_out ? " (stopped at the time limit)" : "");
}

}  // namespace

std::string exam_report_text(const ExamReport& r) {
    std::ostringstream o;
    o << "Exam       " << r.exam << "\n";
    o << "Trainee    " << (r.trainee.empty() ? "-" : r.trainee) << "   date "
      << (r.date.empty() ? "-" : r.date) << "\n";
    o << "Exam seed  " << r.exam_seed
      << (r.randomised_patients ? "" : " (scenario patients, not randomised)") << "\n";
    o << "Result     " << (r.passed ? "PASS" : "FAIL") << "   mean score "
      << format_number("%.1f", r.mean_score) << " / 100, " << r.scenarios_passed << " of " << r.items.size()
      << " scenarios passed\n";
    o << "Pass rule  " << r.pass_rule << "\n";
    o << "Time       " << format_number("%.0f s", r.time_s) << " (limit " << limit_text(r.time_limit_s)
      << "), " << to_string(r.ended) << "\n";
    for (const std::string& f : r.fail_reasons) o << "  why      " << f << "\n";
    o << "\n  #  score  result          seed        time  scenario\n";
    for (const ExamItemResult& it : r.items) {
        char line[160];
        std::snprintf(line, sizeof line, "%3zu  %5.1f  %-14s %10u  %6.0f s  ", it.index + 1,
                      it.report.score,
                      it.attempted ? (it.report.passed ? "pass" : "fail") : "not attempted",
                      it.patient_seed, it.time_s);
        o << line << it.report.scenario << "\n";
        for (const std::string& f : it.report.fail_reasons) o << "       why  " << f << "\n";
    }
    return o.str();
}

std::string exam_report_json(const ExamReport& r) {
    using nlohmann::json;
    json j;
    j["fluorosim_exam_report"] = 1;
    j["exam"] = r.exam;
    j["exam_file"] = r.exam_file;
    j["description"] = r.description;
    j["trainee"] = r.trainee;
    j["date"] = r.date;
    j["exam_seed"] = r.exam_seed;
    j["randomised_patients"] = r.randomised_patients;
    j["ended"] = to_string(r.ended);
    j["mean_score"] = r.mean_score;
    j["scenarios_passed"] = r.scenarios_passed;
    j["scenario_count"] = r.items.size();
    j["time_s"] = r.time_s;
    j["time_limit_s"] = r.time_limit_s;
    j["pass_rule"] = r.pass_rule;
    j["passed"] = r.passed;
    j["fail_reasons"] = r.fail_reasons;
    j["scenarios"] = json::array();
    for (const ExamItemResult& it : r.items)
        j["scenarios"].push_back({{"index", it.index + 1},
                                  {"scenario", it.report.scenario},
                                  {"scenario_file", it.report.scenario_file},
                                  {"patient_seed", it.patient_seed},
                                  {"attempted", it.attempted},
                                  {"timed_out", it.timed_out},
                                  {"time_s", it.time_s},
                                  {"time_limit_s", it.time_limit_s},
                                  {"score", it.report.score},
                                  {"passed", it.report.passed},
                                  {"fail_reasons", it.report.fail_reasons},
                                  {"report", json::parse(report_json(it.report))}});
    return j.dump(2) + "\n";
}

std::string exam_report_html(const ExamReport& r) {
    std::ostringstream o;
    o << html_page_start("FluoroSim exam: " + r.exam, 64,
                         "details{margin:.5em 0}pre{background:#f6f6f6;padding:.5em}");
    o << "<h1>" << html_escape(r.exam) << "</h1>\n";
    if (!r.description.empty()) o << "<p>" << html_escape(r.description) << "</p>\n";
    o << "<table>\n<tr><td>trainee</td><td>" << html_escape(r.trainee.empty() ? "-" : r.trainee)
      << "</td></tr>\n"
      << "<tr><td>date</td><td>" << html_escape(r.date.empty() ? "-" : r.date) << "</td></tr>\n"
      << "<tr><td>exam seed</td><td>" << r.exam_seed
      << (r.randomised_patients ? "" : " (scenario patients)")
      << "</td></tr>\n<tr><td>time</td><td>" << format_number("%.0f s", r.time_s) << " (limit "
      << limit_text(r.time_limit_s) << "), " << to_string(r.ended)
      << "</td></tr>\n<tr><td>pass rule</td><td>" << html_escape(r.pass_rule)
      << "</td></tr>\n</table>\n";
    o << "<h2 class=\"" << (r.passed ? "pass" : "fail") << "\">" << (r.passed ? "Pass" : "Fail")
      << ": mean " << format_number("%.1f", r.mean_score) << " / 100, " << r.scenarios_passed << " of "
      << r.items.size() << " scenarios passed</h2>\n";
    o << html_list("Why the exam did not pass", r.fail_reasons);
    o << "<h3>Scenarios</h3>\n<table><tr><th>#</th><th>scenario</th><th>patient "
         "seed</th><th>time</th><th>score</th>"
         "<th>result</th><th>why</th></tr>\n";
    for (const ExamItemResult& it : r.items) {
        o << "<tr><td class=\"n\">" << it.index + 1 << "</td><td>"
          << html_escape(it.report.scenario) << "</td><td class=\"n\">" << it.patient_seed
          << "</td><td class=\"n\">" << format_number("%.0f s", it.time_s) << "</td><td class=\"n\">"
          << format_number("%.1f", it.report.score) << "</td><td class=\""
          << (it.report.passed ? "pass" : "fail") << "\">" << html_escape(status(it))
          << "</td><td>";
        for (std::size_t k = 0; k < it.report.fail_reasons.size(); ++k)
            o << (k ? "<br>" : "") << html_escape(it.report.fail_reasons[k]);
        o << "</td></tr>\n";
    }
    o << "</table>\n<h3>Each scenario in detail</h3>\n";
    for (const ExamItemResult& it : r.items)
        if (it.attempted)
            o << "<details><summary>" << it.index + 1 << ". " << html_escape(it.report.scenario)
              << "</summary><pre>" << html_escape(report_text(it.report)) << "</pre></details>\n";
    o << "</body></html>\n";
    return o.str();
}

std::string exam_plan_text(const ExamRun& run) {
    std::ostringstream o;
    const ExamDefinition& e = run.exam();
    o << "Exam       " << e.name << "\nExam seed  " << run.exam_seed()
      << (e.randomise_patients ? "" : " (each scenario's own patient)") << "\nTime limit "
      << limit_text(e.time_limit_s) << "\n\n  #  patient seed  limit    scenario\n";
    for (std::size_t i = 0; i < run.count(); ++i) {
        const Scenario s = run.scenario(i);
        char line[96];
        std::snprintf(line, sizeof line, "%3zu  %12u  %-7s  ", i + 1, s.patient.seed,
                      limit_text(e.scenarios[i].time_limit_s).c_str());
        o << line << s.name << " (" << e.scenarios[i].file << ")";
        const PatientParameters& p = s.patient.parameters;
        o << format_number("  [BMI %.1f", p.bmi) << format_number(", %.0f cm", p.height_cm)
          << (p.sex == Sex::female ? ", female]" : ", male]") << "\n";
    }
    return o.str();
}

}  // namespace fluorosim
