// Exam definitions (parsing and errors), seeded patients, the sitting's state machine with its
// sealed results, the pass rules and the final report writers.
#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "core/exam/exam.hpp"
#include "core/exam/exam_run.hpp"
#include "core/session/session_test_support.hpp"  // tests/core on the include path
#include "core/scoring/exam_report_export.hpp"
#include "core/util/error.hpp"
#include "core/util/paths.hpp"

namespace fluorosim {
namespace {

std::string exam_path(const std::string& stem) {
    return (paths::scenario_dir() / "exams" / (stem + ".yaml")).string();
}
// Parsed as if it sat in scenarios/exams/, so "../x.yaml" finds the shipped scenarios.
std::string case_name() { return exam_path("case"); }

const char* k_two = R"(fluorosim_exam: 1
name: "Two blocks"
scenarios:
  - file: ../mbb_l4_left.yaml
    time_limit_s: 300
  - ../facet_ia_l4l5_left.yaml
time_limit_s: 500
pass_rule:
  rule: every_scenario
)";

std::string error_of(const std::string& text) {
    try {
        parse_exam(text, case_name());
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

ScoreReport scored(const Scenario& s, double score, bool passed,
                   std::vector<std::string> critical = {}) {
    ScoreReport r;
    r.scenario = s.name;
    r.scenario_file = s.file;
    r.score = score;
    r.passed = passed;
    r.pass_score = 70;
    r.critical_codes = std::move(critical);
    if (!passed) r.fail_reasons.push_back("The tip is 6.0 mm from the target.");
    return r;
}

TEST(Exam, ShippedExamLoadsWithItsScenarios) {
    const ExamDefinition e = load_exam(exam_path("lumbar_basics"));
    EXPECT_EQ(e.name, "Lumbar basics");
    ASSERT_EQ(e.scenarios.size(), 4u);
    EXPECT_EQ(e.scenarios[0].scenario.procedure, "medial_branch_block");
    EXPECT_DOUBLE_EQ(e.scenarios[0].time_limit_s, 600.0);
    EXPECT_DOUBLE_EQ(e.time_limit_s, 2700.0);
    EXPECT_EQ(e.rule, ExamPassRule::mean_score);
    EXPECT_DOUBLE_EQ(e.min_mean_score, 70.0);
    EXPECT_TRUE(e.no_critical_errors);
    EXPECT_EQ(e.seed_policy, SeedPolicy::per_sitting);
    ASSERT_TRUE(e.vary.bmi.has_value());
    EXPECT_DOUBLE_EQ(e.vary.bmi->second, 31.0);
}

TEST(Exam, PlainAndMappedScenarioEntries) {
    const ExamDefinition e = parse_exam(k_two, case_name());
    ASSERT_EQ(e.scenarios.size(), 2u);
    EXPECT_DOUBLE_EQ(e.scenarios[0].time_limit_s, 300.0);
    EXPECT_DOUBLE_EQ(e.scenarios[1].time_limit_s, 0.0);
    EXPECT_EQ(e.scenarios[1].scenario.name, "Facet intra-articular L4-L5 left");
    EXPECT_EQ(e.rule, ExamPassRule::every_scenario);
}

TEST(Exam, ErrorsNameFileLineAndField) {
    const std::string f = case_name();
    EXPECT_EQ(error_of("name: x\nscenarios: [../mbb_l4_left.yaml]\n"),
              f + ":1: missing 'fluorosim_exam: 1' (the format version) at the top");
    EXPECT_EQ(error_of(std::string(k_two) + "time_limt_s: 3\n"),
              f + ":10: 'time_limt_s': unknown field (known here: description, fluorosim_exam, "
                  "name, pass_rule, patients, "
                  "scenarios, time_limit_s)");
    EXPECT_EQ(
        error_of(std::string(k_two) + "  min_mean_score: 60\n"),
        f + ":10: 'pass_rule.min_mean_score': only 'rule: mean_score' takes a minimum mean score");
    EXPECT_EQ(error_of(std::string(k_two) + "patients:\n  seed_policy: fixed\n"),
              f + ":11: 'patients.seed_policy': 'seed_policy: fixed' needs 'seed: N' (the exam "
                  "seed every sitting uses)");
    EXPECT_EQ(error_of(std::string(k_two) + "patients:\n  vary:\n    bmi: [30, 20]\n"),
              f + ":12: 'patients.vary.bmi': low must not exceed high");
    // A scenario that cannot be scored, or cannot be read, names the exam's line and the reason.
    const std::string practice =
        error_of("fluorosim_exam: 1\nname: x\nscenarios:\n  - ../standard_patient_ap.yaml\n");
    EXPECT_NE(practice.find(f + ":4: 'scenarios[0]': scenario 'Standard patient: AP of the lumbar "
                                "spine' has no targets"),
              std::string::npos)
        << practice;
    const std::string missing =
        error_of("fluorosim_exam: 1\nname: x\nscenarios:\n  - file: ../nope.yaml\n");
    EXPECT_NE(missing.find(f + ":4: 'scenarios[0].file': this scenario cannot be used: "),
              std::string::npos)
        << missing;
    EXPECT_NE(missing.find("nope.yaml: cannot open file"), std::string::npos) << missing;
}

TEST(Exam, SameExamSeedSamePatientsOtherSeedOtherPatients) {
    const ExamDefinition e = load_exam(exam_path("lumbar_basics"));
    std::set<std::uint32_t> seen;
    for (std::size_t i = 0; i < e.scenarios.size(); ++i) {
        const Scenario a = exam_ready(e, i, 41), b = exam_ready(e, i, 41), c = exam_ready(e, i, 42);
        EXPECT_EQ(a.patient.seed, b.patient.seed);
        EXPECT_EQ(a.patient.parameters.bmi, b.patient.parameters.bmi);
        EXPECT_EQ(a.patient.parameters.height_cm, b.patient.parameters.height_cm);
        EXPECT_NE(a.patient.seed, c.patient.seed);
        EXPECT_EQ(a.patient.parameters.seed, a.patient.seed);
        EXPECT_LE(a.patient.seed, 2147483647u);
        // The varied parameters stay inside the exam's ranges.
        EXPECT_GE(a.patient.parameters.bmi, 21.0f);
        EXPECT_LE(a.patient.parameters.bmi, 31.0f);
        EXPECT_GE(a.patient.parameters.height_cm, 160.0f);
        EXPECT_LE(a.patient.parameters.height_cm, 190.0f);
        seen.insert(a.patient.seed);
    }
    EXPECT_EQ(seen.size(), e.scenarios.size())
        << "every scenario of a sitting gets its own patient";
    // Over many sittings the BMI spreads over its range (not stuck at one value).
    float lo = 100, hi = 0;
    for (std::uint64_t s = 0; s < 200; ++s) {
        const float bmi = exam_ready(e, 0, s).patient.parameters.bmi;
        lo = std::min(lo, bmi), hi = std::max(hi, bmi);
    }
    EXPECT_LT(lo, 23.0f);
    EXPECT_GT(hi, 29.0f);
}

TEST(Exam, AidsOffAndPresetsDisabledWhateverTheScenarioSays) {
    const ExamDefinition e = load_exam(exam_path("lumbar_basics"));
    ASSERT_TRUE(e.scenarios[0].scenario.learning_aids) << "the test needs a scenario with aids on";
    ASSERT_TRUE(e.scenarios[0].scenario.aids.preset_views);
    const Scenario s = exam_ready(e, 0, 7);
    EXPECT_FALSE(s.learning_aids);  // the session refuses carm.preset when this is off
    EXPECT_FALSE(s.aids.preset_views);
    EXPECT_FALSE(s.aids.learning_view);
    EXPECT_FALSE(s.aids.hints);
    EXPECT_FALSE(s.aids.target_marker);
}

// The session run on an exam scenario refuses the C-arm presets the scenario file allows.
TEST(Exam, ExamSessionRefusesPresets) {
    const ExamDefinition e = load_exam(exam_path("lumbar_basics"));
    const session_test::LabelledScene block = session_test::muscle_block();
    for (const Scenario& s : {e.scenarios[0].scenario, exam_ready(e, 0, 7)}) {
        Session session(s, block.scene, &block.structures);
        session.apply(session_test::cmd(0.0, CommandKind::session_start));
        const auto ev =
            session.apply(session_test::cmd(1.0, CommandKind::carm_preset, {}, "lateral"));
        const bool exam = !s.learning_aids;
        const bool refused = !ev.empty() && ev[0].kind == EventKind::refused;
        EXPECT_EQ(refused, exam) << (exam ? "exam" : "practice");
        // Practice: the preset turned the C-arm to the lateral; exam: it stayed in AP.
        EXPECT_EQ(std::abs(session.state().carm.pose.primary_deg) > 45.0, !exam);
    }
}

TEST(Exam, UnrandomisedExamKeepsTheScenarioPatient) {
    const ExamDefinition e =
        parse_exam(std::string(k_two) + "patients:\n  randomise: false\n", case_name());
    const Scenario s = exam_ready(e, 0, 99);
    EXPECT_EQ(s.patient.seed, e.scenarios[0].scenario.patient.seed);
    EXPECT_FALSE(s.learning_aids);
}

TEST(ExamRun, ResultsAreSealedUntilTheEnd) {
    const ExamDefinition e = parse_exam(k_two, case_name());
    ExamRun run(e, "Dr Test", 5, "2026-11-29T10:00:00Z");
    EXPECT_TRUE(run.results_sealed());
    EXPECT_FALSE(run.final_report().has_value());
    EXPECT_EQ(run.current_scenario().name, e.scenarios[0].scenario.name);
    EXPECT_EQ(run.current_scenario().patient.seed, exam_patient_seed(5, 0));
    run.submit(scored(run.current_scenario(), 88.0, true), 120.0);
    // After a submission the trainee learns only how far they are and how much time is left.
    EXPECT_TRUE(run.results_sealed());
    EXPECT_FALSE(run.final_report().has_value());
    const ExamProgress p = run.progress(10.0);
    EXPECT_EQ(p.current, 1u);
    EXPECT_EQ(p.submitted, 1u);
    EXPECT_DOUBLE_EQ(p.exam_time_left_s, 500.0 - 120.0 - 10.0);
    EXPECT_DOUBLE_EQ(p.scenario_time_left_s,
                     370.0);  // the second has no own limit: what is left of the total
    run.submit(scored(run.current_scenario(), 40.0, false), 200.0);
    ASSERT_TRUE(run.finished());
    EXPECT_FALSE(run.results_sealed());
    const auto r = run.final_report();
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->ended, ExamEnd::all_done);
    ASSERT_EQ(r->items.size(), 2u);
    EXPECT_DOUBLE_EQ(r->items[0].report.score, 88.0);
    EXPECT_DOUBLE_EQ(r->items[1].report.score, 40.0);
    EXPECT_DOUBLE_EQ(r->mean_score, 64.0);
    EXPECT_EQ(r->scenarios_passed, 1);
    EXPECT_FALSE(r->passed);  // every_scenario: the second failed
    ASSERT_EQ(r->fail_reasons.size(), 1u);
    EXPECT_EQ(r->fail_reasons[0],
              "Scenario 2 (Facet intra-articular L4-L5 left) did not pass: score 40.0.");
    EXPECT_EQ(r->trainee, "Dr Test");
    EXPECT_EQ(r->exam_seed, 5u);
    EXPECT_DOUBLE_EQ(r->time_s, 320.0);
}

TEST(ExamRun, ScenarioLimitStopsTheAttemptAndChargesTheLimit) {
    ExamRun run(parse_exam(k_two, case_name()), "t", 1, "");
    EXPECT_DOUBLE_EQ(run.scenario_time_left(250.0), 50.0);  // own limit 300 s
    EXPECT_LE(run.scenario_time_left(300.5), 0.0);
    run.submit(scored(run.current_scenario(), 20.0, false), 300.5);
    run.submit(scored(run.current_scenario(), 90.0, true), 100.0);
    const ExamReport r = *run.final_report();
    EXPECT_TRUE(r.items[0].timed_out);
    EXPECT_DOUBLE_EQ(r.items[0].time_s, 300.0);
    EXPECT_FALSE(r.items[1].timed_out);
}

TEST(ExamRun, TotalTimeRunningOutLeavesTheRestUnattempted) {
    ExamRun run(parse_exam(k_two, case_name()), "t", 1, "");
    run.submit(scored(run.current_scenario(), 95.0, true), 290.0);
    EXPECT_DOUBLE_EQ(run.scenario_time_left(0.0), 210.0);  // 500 - 290
    run.time_up(215.0);
    ASSERT_TRUE(run.finished());
    const ExamReport r = *run.final_report();
    EXPECT_EQ(r.ended, ExamEnd::time_up);
    EXPECT_FALSE(r.items[1].attempted);
    EXPECT_DOUBLE_EQ(r.items[1].report.score, 0.0);
    EXPECT_FALSE(r.items[1].report.passed);
    EXPECT_EQ(r.items[1].report.fail_reasons[0],
              "Not attempted: the exam's time ran out before it.");
    EXPECT_DOUBLE_EQ(r.time_s, 500.0);
    EXPECT_FALSE(r.passed);
}

TEST(ExamRun, TheTraineeCanEndTheExam) {
    ExamRun run(load_exam(exam_path("lumbar_basics")), "t", 3, "");
    run.submit(scored(run.current_scenario(), 90.0, true), 100.0);
    run.end_by_trainee(20.0);
    const ExamReport r = *run.final_report();
    EXPECT_EQ(r.ended, ExamEnd::ended_by_trainee);
    ASSERT_EQ(r.items.size(), 4u);
    for (std::size_t i = 1; i < 4; ++i) EXPECT_FALSE(r.items[i].attempted);
    EXPECT_DOUBLE_EQ(r.mean_score, 22.5);  // 90 / 4: unattempted count as 0
    EXPECT_EQ(r.fail_reasons[0], "The mean score 22.5 is below the pass mark of 70.0.");
}

TEST(ExamRun, MeanRuleWithSafetyGate) {
    const std::string mean =
        std::string(k_two).replace(std::string(k_two).find("rule: every_scenario"), 20,
                                   "rule: mean_score\n  min_mean_score: 60");
    {
        ExamRun run(parse_exam(mean, case_name()), "t", 1, "");
        run.submit(scored(run.current_scenario(), 95.0, true), 10);
        run.submit(scored(run.current_scenario(), 50.0, false), 10);
        EXPECT_TRUE(run.final_report()->passed) << "mean 72.5 >= 60, no critical error";
    }
    {
        ExamRun run(parse_exam(mean, case_name()), "t", 1, "");
        run.submit(scored(run.current_scenario(), 95.0, true), 10);
        run.submit(scored(run.current_scenario(), 0.0, false, {"dural_puncture"}), 10);
        const ExamReport r = *run.final_report();
        EXPECT_FALSE(r.passed);
        ASSERT_EQ(r.fail_reasons.size(), 2u);
        EXPECT_EQ(
            r.fail_reasons[1],
            "Critical error in scenario 2 (Facet intra-articular L4-L5 left): dural_puncture.");
        EXPECT_EQ(r.pass_rule, "mean score at least 60.0; no critical error");
    }
}

TEST(ExamReport, WritersCarryEveryScenarioAndTheVerdict) {
    ExamRun run(parse_exam(k_two, case_name()), "Dr <Test>", 11, "2026-11-29T10:00:00Z");
    run.submit(scored(run.current_scenario(), 88.0, true), 120.0);
    run.end_by_trainee(5.0);
    const ExamReport r = *run.final_report();
    const nlohmann::json j = nlohmann::json::parse(exam_report_json(r));
    EXPECT_EQ(j["exam"], "Two blocks");
    EXPECT_EQ(j["trainee"], "Dr <Test>");
    EXPECT_EQ(j["date"], "2026-11-29T10:00:00Z");
    EXPECT_EQ(j["exam_seed"], 11);
    EXPECT_EQ(j["passed"], false);
    EXPECT_EQ(j["ended"], "ended by the trainee");
    ASSERT_EQ(j["scenarios"].size(), 2u);
    EXPECT_EQ(j["scenarios"][0]["score"], 88.0);
    EXPECT_EQ(j["scenarios"][0]["passed"], true);
    EXPECT_EQ(j["scenarios"][0]["patient_seed"], exam_patient_seed(11, 0));
    EXPECT_EQ(j["scenarios"][0]["report"]["score"], 88.0);
    EXPECT_EQ(j["scenarios"][1]["attempted"], false);
    EXPECT_EQ(j["scenarios"][1]["fail_reasons"][0], "Not attempted: the exam was ended before it.");
    const std::string html = exam_report_html(r);
    EXPECT_NE(html.find("<h2 class=\"fail\">Fail: mean 44.0 / 100, 1 of 2 scenarios passed</h2>"),
              std::string::npos);
    EXPECT_NE(html.find("Dr &lt;Test&gt;"), std::string::npos);
    EXPECT_NE(html.find("Medial branch block L4 left"), std::string::npos);
    EXPECT_NE(html.find("not attempted"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    const std::string text = exam_report_text(r);
    EXPECT_NE(text.find("Result     FAIL   mean score 44.0 / 100, 1 of 2 scenarios passed"),
              std::string::npos)
        << text;
}

TEST(ExamReport, PlanListsEachScenarioWithItsPatientSeed) {
    ExamRun run(load_exam(exam_path("lumbar_basics")), "", 2026, "");
    const std::string plan = exam_plan_text(run);
    for (std::size_t i = 0; i < 4; ++i)
        EXPECT_NE(plan.find(std::to_string(exam_patient_seed(2026, i))), std::string::npos) << plan;
    EXPECT_NE(plan.find("SI joint injection left"), std::string::npos);
}

}  // namespace
}  // namespace fluorosim
