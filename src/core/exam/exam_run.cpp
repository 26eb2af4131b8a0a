#include "core/exam/exam_run.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>

namespace fluorosim {
namespace {

// "No limit" as a number the arithmetic below can carry: 10 days.
constexpr double k_unlimited_s = 864000.0;

std::string score_text(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", v);
    return b;
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
    return out;
}

}  // namespace

const char* to_string(ExamEnd end) {
    switch (end) {
        case ExamEnd::running:
            return "running";
        case ExamEnd::all_done:
            return "all scenarios done";
        case ExamEnd::time_up:
            return "time ran out";
        case ExamEnd::ended_by_trainee:
            return "ended by the trainee";
    }
    return "?";
}

ExamRun::ExamRun(ExamDefinition exam, std::string trainee, std::uint64_t exam_seed,
                 std::string date)
    : exam_(std::move(exam)),
      trainee_(std::move(trainee)),
      date_(std::move(date)),
      exam_seed_(exam_seed) {
    assert(!exam_.scenarios.empty());
}

std::uint32_t ExamRun::patient_seed(std::size_t index) const {
    return scenario(index).patient.seed;
}

Scenario ExamRun::current_scenario() const {
    assert(!finished());
    return scenario(current_index());
}

double ExamRun::limit_for(std::size_t index) const {
    const double own = exam_.scenarios[index].time_limit_s;
    return own > 0 ? own : k_unlimited_s;
}

double ExamRun::scenario_time_left(double t) const {
    if (finished()) return 0.0;
    const double total_left =
        exam_.time_limit_s > 0 ? exam_.time_limit_s - elapsed_s_ : k_unlimited_s;
    return std::min(limit_for(current_index()), total_left) - t;
}

ExamProgress ExamRun::progress(double t) const {
    ExamProgress p;
    p.count = count();
    p.current = current_index();
    p.submitted = results_.size();
    p.finished = finished();
    if (!finished()) {
        if (exam_.time_limit_s > 0)
            p.exam_time_left_s = std::max(0.0, exam_.time_limit_s - elapsed_s_ - t);
        const bool limited =
            exam_.time_limit_s > 0 || exam_.scenarios[current_index()].time_limit_s > 0;
        if (limited) p.scenario_time_left_s = std::max(0.0, scenario_time_left(t));
    }
    return p;
}

void ExamRun::submit(const ScoreReport& report, double t) {
    assert(!finished());
    const std::size_t i = current_index();
    ExamItemResult r;
    r.index = i;
    r.patient_seed = patient_seed(i);
    r.attempted = true;
    r.time_limit_s = exam_.scenarios[i].time_limit_s;
    // Frames come every 15-70 ms, so a caller may notice the limit a little late: charge the
    // limit, never more.
    const double left = scenario_time_left(t);
    r.timed_out = left <= 0.0;
    r.time_s = r.timed_out ? t + left : t;
    r.report = report;
    if (r.timed_out)
        r.report.notes.push_back(
            "The attempt was stopped at the time limit and scored as it stood.");
    results_.push_back(std::move(r));
    elapsed_s_ += results_.back().time_s;
    if (results_.size() == count())
        finish(ExamEnd::all_done);
    else if (exam_.time_limit_s > 0 && elapsed_s_ >= exam_.time_limit_s)
        finish(ExamEnd::time_up);
}

void ExamRun::end_by_trainee(double t) {
    if (finished()) return;
    elapsed_s_ += std::max(0.0, t);
    finish(ExamEnd::ended_by_trainee);
}

void ExamRun::time_up(double t) {
    if (finished()) return;
    elapsed_s_ += std::max(0.0, std::min(t, t + scenario_time_left(t)));
    finish(ExamEnd::time_up);
}

ExamItemResult ExamRun::unattempted(std::size_t index, const std::string& why) const {
    ExamItemResult r;
    r.index = index;
    r.patient_seed = patient_seed(index);
    r.time_limit_s = exam_.scenarios[index].time_limit_s;
    r.report = report_for(scenario(index));
    ScoreReport& rep = r.report;
    rep.score = 0.0;
    rep.passed = false;
    rep.fail_reasons.push_back("Not attempted: " + why + ".");
    return r;
}

void ExamRun::finish(ExamEnd how) {
    const std::string why = how == ExamEnd::time_up ? "the exam's time ran out before it"
                                                    : "the exam was ended before it";
    if (how == ExamEnd::ended_by_trainee || how == ExamEnd::time_up)
        for (std::size_t i = results_.size(); i < count(); ++i)
            results_.push_back(unattempted(i, why));
    end_ = how;
}

std::optional<ExamReport> ExamRun::final_report() const {
    if (!finished()) return std::nullopt;
    ExamReport r = judge_exam(exam_, results_);
    r.trainee = trainee_;
    r.date = date_;
    r.exam_seed = exam_seed_;
    r.ended = end_;
    r.time_s = elapsed_s_;
    return r;
}

ExamReport judge_exam(const ExamDefinition& exam, std::vector<ExamItemResult> items) {
    ExamReport r;
    r.exam = exam.name;
    r.exam_file = exam.file;
    r.description = exam.description;
    r.randomised_patients = exam.randomise_patients;
    r.time_limit_s = exam.time_limit_s;
    r.items = std::move(items);
    double sum = 0.0;
    for (const ExamItemResult& it : r.items) {
        sum += it.report.score;
        r.scenarios_passed += it.report.passed ? 1 : 0;
        r.time_s += it.time_s;
    }
    const std::size_t n = exam.scenarios.size();
    r.mean_score = n ? sum / double(n) : 0.0;  // not-attempted scenarios count as 0
    std::vector<std::string> rule;
    if (exam.rule == ExamPassRule::every_scenario) {
        rule.push_back("every scenario passed");
        for (const ExamItemResult& it : r.items)
            if (!it.report.passed)
                r.fail_reasons.push_back("Scenario " + std::to_string(it.index + 1) + " (" +
                                         it.report.scenario + ") did not pass: score " +
                                         score_text(it.report.score) + ".");
    } else {
        rule.push_back("mean score at least " + score_text(exam.min_mean_score));
        if (r.mean_score < exam.min_mean_score)
            r.fail_reasons.push_back("The mean score " + score_text(r.mean_score) +
                                     " is below the pass mark of " +
                                     score_text(exam.min_mean_score) + ".");
    }
    if (exam.no_critical_errors) {
        rule.push_back("no critical error");
        for (const ExamItemResult& it : r.items)
            if (!it.report.critical_codes.empty())
                r.fail_reasons.push_back("Critical error in scenario " +
                                         std::to_string(it.index + 1) + " (" + it.report.scenario +
                                         "): " + join(it.report.critical_codes, ", ") + ".");
    }
    if (r.items.size() < n) r.fail_reasons.push_back("Not every scenario has a result.");
    r.pass_rule = join(rule, "; ");
    r.passed = r.fail_reasons.empty();
    return r;
}

}  // namespace fluorosim
