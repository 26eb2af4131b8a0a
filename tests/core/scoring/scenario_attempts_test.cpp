// For every shipped scenario with targets, on the standard patient and generated patients:
// an expert attempt passes, a near miss fails accuracy with the distance sentence, and each
// critical error (dural puncture + intrathecal injection, intra-arterial injection, nerve-root
// contact, intradiscal needle, too deep) fails with its reason; for RF, the cannula across the
// nerve fails on the parallel criterion. Trajectories come from the patients' landmarks and
// tissue queries (core/scoring/expert_plan.hpp, the planner `fluorosim expert` uses), never
// from coordinates.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "core/contrast/contrast.hpp"
#include "core/scoring/report_export.hpp"
#include "core/scoring/scoring_test_support.hpp"  // tests/core on the include path
#include "core/session/recording.hpp"
#include "core/util/paths.hpp"
#include <cstdlib>

namespace fluorosim {
namespace {

using namespace scoring_test;

// The scored scenarios (a test below checks this list against scenarios/, so a new file
// cannot be left out). A fixed list: test parameters are made before main() runs.
const char* const k_scored[] = {
    "facet_ia_l4l5_degenerate", "facet_ia_l4l5_left", "facet_ia_l5s1_left", "ilesi_l5s1", "l5_dorsal_ramus_left",
    "mbb_l3_left", "mbb_l3_left_transitional", "mbb_l4_left", "mbb_l4_left_beginner", "mbb_l4_left_scoliosis",
    "rf_l4_medial_branch_left", "si_joint_left", "tfesi_l4l5_left", "tfesi_l4l5_left_expert", "tfesi_l4l5_obese",
    "tfesi_s1_left"};

std::string scenario_path(const std::string& stem) { return (paths::scenario_dir() / (stem + ".yaml")).string(); }

bool contains(const std::vector<std::string>& v, const std::string& what) {
    for (const std::string& s : v)
        if (s.find(what) != std::string::npos) return true;
    return false;
}

// The expert's attempt along `plan` (shifted sideways by `shift` for a near miss).
Script attempt(const Scenario& s, const TestPatient& tp, const Plan& plan, glm::dvec3 shift = glm::dvec3(0.0)) {
    return expert_attempt(s, tp, plan, shift);
}

std::string event_log(const Session& session) {
    std::string log;
    for (const Event& e : session.events())
        if (e.kind != EventKind::image_requested) log += std::string(to_string(e.kind)) + ": " + e.message + "\n";
    return log;
}

struct Totals {
    int attempts = 0, expert_passes = 0, near_misses = 0, criticals = 0, across_nerve = 0;
};
Totals& totals() {
    static Totals t;
    return t;
}

// A critical error: a straight path to a point inside the nearest structure of one kind.
struct Critical {
    const char* code;
    std::vector<StructureKind> kinds;
    std::vector<TissueClass> allowed;
    bool inject;  // inject contrast at the end
};

void run_critical(const Scenario& s, const TestPatient& tp, const Critical& c) {
    const Patient& p = *tp.patient;
    const glm::dvec3 target = zone_centre(s.targets.front(), p);
    std::vector<std::pair<double, int>> objects;
    for (std::size_t i = 0; i < p.structures.size(); ++i)
        if (std::find(c.kinds.begin(), c.kinds.end(), p.structures[i].kind) != c.kinds.end() &&
            p.scene.objects[i].name.find("aorta") == std::string::npos)
            objects.push_back({glm::length(glm::dvec3(bounds(p.scene.objects[i].mesh).centre()) - target), int(i)});
    std::sort(objects.begin(), objects.end());
    for (const auto& [d, object] : objects) {
        (void)d;
        Plan plan;
        for (const glm::dvec3& inside : points_inside(tp, object, target, 12)) {
            PlanRequest rq;
            rq.target = inside;
            rq.also_allowed = c.allowed;
            rq.max_depth_mm = 115.0;
            plan = plan_path(tp, rq);
            if (plan.ok) break;
        }
        if (!plan.ok) continue;
        Script run(s, tp);
        run(K::session_start, {}, {}, 0.0);
        run(K::needle_select, {}, "quincke_22g_127mm");  // long enough for any of them
        place(run, plan);
        run(K::needle_depth, {plan.depth_mm});
        if (c.inject) {
            run(K::aspirate);
            run(K::inject_contrast, {0.5});
        }
        run(K::session_end);
        const ScoreReport r = score_attempt(s, p, run.session.events(), run.session.state());
        SCOPED_TRACE(std::string(c.code) + " via " + p.scene.objects[std::size_t(object)].name + "\n" +
                     report_text(r) + event_log(run.session));
        EXPECT_FALSE(r.passed);
        EXPECT_EQ(r.score, 0.0);
        EXPECT_TRUE(contains(r.critical_codes, c.code));
        EXPECT_TRUE(contains(r.fail_reasons, "Critical"));
        ++totals().criticals;
        return;
    }
    ADD_FAILURE() << "no straight path to any " << c.code << " structure on " << tp.label;
}

const std::vector<Critical>& criticals() {
    using T = TissueClass;
    using S = StructureKind;
    static const std::vector<Critical> list = {
        {"dural_puncture", {S::csf}, {T::dura, T::csf, T::epidural_fat}, true},
        {"intra_arterial_injection", {S::artery}, {T::artery}, true},
        {"nerve_root_contact", {S::nerve_root}, {T::nerve_root}, false},
        {"intradiscal", {S::disc_annulus}, {T::disc_annulus, T::disc_nucleus}, false},
        {"too_deep", {S::kidney, S::bowel}, {T::organ}, false},
    };
    return list;
}

class ScenarioAttempts : public ::testing::TestWithParam<std::string> {};

TEST_P(ScenarioAttempts, ExpertPassesNearMissAndCriticalErrorsFail) {
    const Scenario s = load_scenario(scenario_path(GetParam()));
    for (const TestPatient* tp : patients_for(s)) {
        SCOPED_TRACE(s.name + " on the " + tp->label);
        const Patient& p = *tp->patient;
        // Expert.
        Plan plan = plan_expert(s, *tp);
        // Every shipped scenario has a straight expert path on every patient it is tested on
        // (RF: along the nerve's course; the obese patient: within the 127 mm needle).
        ASSERT_TRUE(plan.ok) << "no straight expert path";
        {
            const Script expert = attempt(s, *tp, plan);
            const ScoreReport good = score_attempt(s, p, expert.session.events(), expert.session.state());
            ++totals().attempts;
            EXPECT_TRUE(good.passed) << report_text(good) << event_log(expert.session);
            EXPECT_TRUE(good.critical_codes.empty());
            EXPECT_GE(good.score, s.rubric.pass_score);
            if (good.passed) ++totals().expert_passes;
        }
        if (s.rubric.parallel.enabled) {
            // The same target reached across the nerve (more than 10 degrees past the limit)
            // touches the bone in the zone but fails on the parallel criterion, with its sentence.
            PlanRequest rq = expert_request(s, *tp);
            const glm::dvec3 axis = nerve_axis(s.rubric.parallel, p);
            const double cmax = std::cos(glm::radians(s.rubric.parallel.max_angle_deg + 10.0));
            rq.accept_direction = [axis, cmax](const glm::dvec3& d) {
                return std::abs(glm::dot(d, axis)) < cmax;
            };
            rq.zone = &s.targets.front();
            rq.target = plan.target;
            const Plan across = plan_path(*tp, rq);
            ASSERT_TRUE(across.ok) << "no path across the nerve";
            const Script off = attempt(s, *tp, across);
            const ScoreReport r = score_attempt(s, p, off.session.events(), off.session.state());
            EXPECT_FALSE(r.passed);
            EXPECT_TRUE(r.critical_codes.empty()) << report_text(r);
            EXPECT_TRUE(r.metrics.in_zone) << report_text(r);
            EXPECT_TRUE(contains(r.fail_reasons, "parallel to the nerve")) << report_text(r);
            ++totals().across_nerve;
        }

        // Near miss: the same path moved sideways by the zone radius + 3 mm (then more).
        glm::dvec3 u, v;
        u = glm::normalize(glm::cross(plan.direction, glm::dvec3(0, 0, 1)));
        v = glm::normalize(glm::cross(plan.direction, u));
        const double r = s.targets.front().radius_mm;
        bool found = false;
        std::string tried;
        for (double k : {3.0, 5.0, 7.0}) {
            for (const glm::dvec3& dir : {v, -v, u, -u}) {
                const Script miss = attempt(s, *tp, plan, (r + k) * dir);
                const ScoreReport bad = score_attempt(s, p, miss.session.events(), miss.session.state());
                if (!bad.critical_codes.empty() || bad.metrics.in_zone || !miss.session.state().needle.in_tissue) {
                    tried += report_text(bad) + "\n";
                    continue;
                }
                EXPECT_FALSE(bad.passed) << report_text(bad);
                EXPECT_TRUE(contains(bad.fail_reasons, "from the target") && contains(bad.fail_reasons, "outside its"))
                    << report_text(bad);
                EXPECT_GT(bad.metrics.distance_mm, r);
                found = true;
                ++totals().near_misses;
                break;
            }
            if (found) break;
        }
        EXPECT_TRUE(found) << "no near miss without a critical error\n" << tried;

        for (const Critical& c : criticals()) run_critical(s, *tp, c);
    }
    std::printf(
        "[ figures  ] running totals: %d expert attempts (%d passed), %d near misses, %d critical "
        "errors, "
        "%d RF cannulas across the nerve; patient generation %.1f s\n",
        totals().attempts, totals().expert_passes, totals().near_misses, totals().criticals,
        totals().across_nerve, generation_seconds());
}

INSTANTIATE_TEST_SUITE_P(Shipped, ScenarioAttempts, ::testing::ValuesIn(std::vector<std::string>(std::begin(k_scored), std::end(k_scored))),
                         [](const ::testing::TestParamInfo<std::string>& param) { return param.param; });

TEST(ScenarioAttemptsList, CoversEveryScoredScenario) {
    std::vector<std::string> found;
    for (const auto& e : std::filesystem::directory_iterator(paths::scenario_dir()))
        if (e.path().extension() == ".yaml" && !load_scenario(e.path().string()).targets.empty())
            found.push_back(e.path().stem().string());
    std::sort(found.begin(), found.end());
    EXPECT_EQ(found, std::vector<std::string>(std::begin(k_scored), std::end(k_scored)));
    EXPECT_GE(found.size(), 12u);
}

}  // namespace
}  // namespace fluorosim

namespace fluorosim {
namespace {

using namespace scoring_test;

// The README's example: the expert attempt at scenarios/mbb_l4_left.yaml on the standard
// patient, as a recording (written to the test output folder; FLUOROSIM_WRITE_EXAMPLE=1 also
// refreshes scenarios/recordings/mbb_l4_left_expert.txt). The shipped file must replay to a pass.
TEST(ScenarioAttemptsExample, ShippedRecordingReplaysToAPass) {
    const Scenario s = load_scenario((paths::scenario_dir() / "mbb_l4_left.yaml").string());
    const TestPatient& tp = standard_patient();
    const std::string shipped = (paths::scenario_dir() / "recordings" / "mbb_l4_left_expert.txt").string();
    if (std::getenv("FLUOROSIM_WRITE_EXAMPLE")) {
        const Plan plan = plan_expert(s, tp);
        ASSERT_TRUE(plan.ok);
        const Script run = expert_attempt(s, tp, plan);
        Recording rec = record(run.session, "scenarios/mbb_l4_left.yaml");
        rec.bevel_deflection = false;
        save_recording(rec, shipped);
    }
    const Recording rec = load_recording(shipped);
    const Session replayed = replay(rec, s, tp.query, &tp.patient->structures);
    const ScoreReport r = score_attempt(s, *tp.patient, replayed.events(), replayed.state());
    EXPECT_TRUE(r.passed) << report_text(r);
}

}  // namespace
}  // namespace fluorosim
