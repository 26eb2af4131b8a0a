#pragma once
// One sitting of an exam: a state machine over the exam's scenarios.
//
//   ExamRun run(exam, "trainee", exam_seed, "2026-11-29T10:15:00Z");
//   while (!run.finished()) {
//       Scenario s = run.current_scenario();   // aids off, the sitting's patient
//       ... the trainee works; t = seconds on this scenario ...
//       if (run.scenario_time_left(t) <= 0) ... stop the attempt ...
//       run.submit(score_attempt(...), t);      // sealed: nothing shows the score
//   }
//   ExamReport r = *run.final_report();
//
// Results are SEALED until the exam is finished: progress() says how far the trainee has got
// and how much time is left, but no accessor returns a score, pass/fail or reason before then;
// final_report() is empty while the exam runs. It finishes when every scenario is submitted,
// when the exam's total time runs out, or when the trainee ends it; scenarios not attempted
// score 0 and fail.
// Time is an input (DESIGN.md): the caller passes the seconds spent on the current scenario.
// The app counts only time a scenario is open (patient generation is not charged); the CLI uses
// each recording's own times.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/exam/exam.hpp"
#include "core/scoring/score.hpp"

namespace fluorosim {

enum class ExamEnd { running, all_done, time_up, ended_by_trainee };
const char* to_string(ExamEnd end);

struct ExamItemResult {
    std::size_t index = 0;
    std::uint32_t patient_seed = 0;
    bool attempted = false;
    bool timed_out = false;     // the attempt was stopped by a time limit and scored as it stood
    double time_s = 0.0;        // seconds spent on it
    double time_limit_s = 0.0;  // the scenario's own limit (0 = none)
    ScoreReport report;         // unattempted: score 0, fail, with the reason
};

struct ExamReport {
    std::string exam, exam_file, description;
    std::string trainee, date;
    std::uint64_t exam_seed = 0;
    bool randomised_patients = true;
    ExamEnd ended = ExamEnd::running;
    std::vector<ExamItemResult> items;
    double mean_score = 0.0;
    int scenarios_passed = 0;
    double time_s = 0.0;
    double time_limit_s = 0.0;
    std::string pass_rule;  // in words: "every scenario passed; no critical error"
    bool passed = false;
    std::vector<std::string> fail_reasons;  // why the exam failed, one sentence each
};

// What the trainee may see while the exam runs: no scores.
struct ExamProgress {
    std::size_t current = 0;  // index of the scenario being sat (== count when finished)
    std::size_t count = 0;
    std::size_t submitted = 0;
    double exam_time_left_s = -1.0;      // -1: no total limit
    double scenario_time_left_s = -1.0;  // the tighter of both limits; -1: none
    bool finished = false;
};

class ExamRun {
  public:
    ExamRun(ExamDefinition exam, std::string trainee, std::uint64_t exam_seed, std::string date);

    const ExamDefinition& exam() const { return exam_; }
    const std::string& trainee() const { return trainee_; }
    std::uint64_t exam_seed() const { return exam_seed_; }
    std::size_t count() const { return exam_.scenarios.size(); }
    bool finished() const { return end_ != ExamEnd::running; }
    bool results_sealed() const { return !finished(); }

    // Scenario `index` as this sitting runs it (aids off, its patient) and that patient's seed.
    Scenario scenario(std::size_t index) const { return exam_ready(exam_, index, exam_seed_); }
    std::uint32_t patient_seed(std::size_t index) const;
    std::size_t current_index() const { return results_.size(); }
    // The scenario being sat; only while the exam runs.
    Scenario current_scenario() const;

    // Seconds left on the current scenario after `scenario_time_s` on it: the tighter of its own
    // limit and what is left of the total; a large number when neither applies.
    double scenario_time_left(double scenario_time_s) const;
    ExamProgress progress(double scenario_time_s) const;

    // The current scenario's scored attempt after `scenario_time_s` on it (sealed). Moves to the
    // next scenario; finishes after the last one or when the total time is used up.
    void submit(const ScoreReport& report, double scenario_time_s);
    // The trainee ends the exam: this and every later scenario count as not attempted.
    void end_by_trainee(double scenario_time_s);
    // The total time ran out during the current scenario before it could be scored (a caller
    // that can score the attempt as it stands submits it instead).
    void time_up(double scenario_time_s);

    // Empty until the exam is finished.
    std::optional<ExamReport> final_report() const;

  private:
    double limit_for(std::size_t index) const;
    void finish(ExamEnd how);
    ExamItemResult unattempted(std::size_t index, const std::string& why) const;

    ExamDefinition exam_;
    std::string trainee_, date_;
    std::uint64_t exam_seed_ = 0;
    std::vector<ExamItemResult> results_;  // sealed
    double elapsed_s_ = 0.0;               // summed time of submitted scenarios
    ExamEnd end_ = ExamEnd::running;
};

// The final report from the per-scenario results (the pass rule applied); used by ExamRun and
// testable on its own.
ExamReport judge_exam(const ExamDefinition& exam, std::vector<ExamItemResult> items);

}  // namespace fluorosim
