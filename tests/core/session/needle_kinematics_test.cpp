#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "core/needle/needle_placement.hpp"
#include "core/session/session_test_support.hpp"

namespace fluorosim {
namespace {

using namespace session_test;
using K = CommandKind;
constexpr double kTight = 1e-9;

// Needle 10 mm above the muscle block (surface y = 0), aimed straight down.
Session above_block(const LabelledScene& block, const std::string& needle = "quincke_22g_90mm", SessionOptions o = {}) {
    return started(block, scenario_with(needle), {0, 10, 0}, o);
}

TEST(NeedleKinematics, AdvanceMovesTheTipExactlyByTheStep) {
    const LabelledScene block = muscle_block();
    Session s = above_block(block, "quincke_22g_90mm", {1, false});
    s.apply(cmd(1, K::needle_advance, {4.0}));  // in air
    EXPECT_LT(glm::length(s.state().needle.tip() - glm::dvec3(0, 6, 0)), kTight);
    s.apply(cmd(2, K::needle_advance, {kCoarseStepMm}));  // through the skin surface at y = 0
    EXPECT_LT(glm::length(s.state().needle.tip() - glm::dvec3(0, 1, 0)), kTight);
    s.apply(cmd(3, K::needle_advance, {kCoarseStepMm}));
    EXPECT_LT(glm::length(s.state().needle.tip() - glm::dvec3(0, -4, 0)), kTight);
    EXPECT_NEAR(s.state().needle.depth_mm(), 4.0, kTight);
    for (int i = 0; i < 7; ++i) s.apply(cmd(4 + i, K::needle_advance, {kFineStepMm}));
    EXPECT_LT(glm::length(s.state().needle.tip() - glm::dvec3(0, -11, 0)), kTight);
    // With bevel deflection the tip runs on an arc, but the path still grows by the step.
    Session bent = above_block(block);
    bent.apply(cmd(1, K::needle_advance, {30.0}));
    EXPECT_NEAR(bent.state().needle.path.length(), 30.0, kTight);
}

TEST(NeedleKinematics, WithdrawRetracesThePath) {
    const LabelledScene block = muscle_block();
    Session s = above_block(block);
    s.apply(cmd(1, K::needle_advance, {40.0}));
    const TipFrame at25 = s.state().needle.path.at(25.0);
    s.apply(cmd(2, K::needle_withdraw, {15.0}));
    EXPECT_LT(glm::length(s.state().needle.tip() - at25.position), kTight);
    EXPECT_NEAR(s.state().needle.depth_mm(), 15.0, kTight);
    // Out of the skin: an event, the depth is 0 and the next entry is the same hole.
    const auto ev = s.apply(cmd(3, K::needle_withdraw, {20.0}));
    ASSERT_EQ(ev.size(), 1u);
    EXPECT_EQ(ev[0].kind, EventKind::needle_out_of_skin);
    EXPECT_FALSE(s.state().needle.in_tissue);
    EXPECT_DOUBLE_EQ(s.state().needle.depth_mm(), 0.0);
    const auto again = s.apply(cmd(4, K::needle_advance, {10.0}));
    EXPECT_TRUE(of_kind(again, EventKind::skin_pop).empty());
    EXPECT_EQ(s.state().needle.skin_punctures, 1);
}

TEST(NeedleKinematics, AimRefusedDeepInTissueAndAllowedAfterWithdrawing) {
    const LabelledScene block = muscle_block();
    Session s = above_block(block);
    // Outside the skin the needle pivots freely: the tip stays, the direction follows.
    s.apply(cmd(1, K::needle_aim, {10.0, -5.0}));
    EXPECT_LT(glm::length(s.state().needle.tip() - glm::dvec3(0, 10, 0)), kTight);
    s.apply(cmd(2, K::needle_aim, {0.0, 0.0}));
    s.apply(cmd(3, K::needle_advance, {30.0}));  // 20 mm deep
    const glm::dvec3 tip = s.state().needle.tip();
    const auto refused = s.apply(cmd(4, K::needle_aim, {10.0, 0.0}));
    ASSERT_EQ(refused.size(), 1u);
    EXPECT_EQ(refused[0].kind, EventKind::refused);
    EXPECT_NE(refused[0].message.find("withdraw"), std::string::npos) << refused[0].message;
    EXPECT_EQ(s.state().needle.tip(), tip);
    EXPECT_DOUBLE_EQ(s.state().needle.medial_deg, 0.0);

    // At 4 mm it pivots about the skin entry: the tip is 4 mm along the new line.
    s.apply(cmd(5, K::needle_withdraw, {16.0}));
    const auto ok = s.apply(cmd(6, K::needle_aim, {10.0, 0.0}));
    const glm::dvec3 entry = s.state().needle.skin_entry;
    NeedlePlacement p;
    p.medial_deg = 10.0;
    EXPECT_LT(glm::length(s.state().needle.tip() - (entry + 4.0 * p.direction())), 1e-6);
    EXPECT_DOUBLE_EQ(s.state().needle.medial_deg, 10.0);
    ASSERT_EQ(of_kind(ok, EventKind::redirection).size(), 1u);  // 16 mm back, 10 deg
    EXPECT_NEAR(of_kind(ok, EventKind::redirection)[0].amount, 10.0, 1e-9);
}

TEST(NeedleKinematics, RedirectionNeedsBothWithdrawalAndReangling) {
    const LabelledScene block = muscle_block();
    Session s = above_block(block, "quincke_22g_90mm", {1, false});
    double t = 1;
    s.apply(cmd(t++, K::needle_advance, {14.0}));  // 4 mm deep, never deeper
    s.apply(cmd(t++, K::needle_aim, {8.0, 0.0}));  // shallow adjustment: no withdrawal
    EXPECT_EQ(s.state().needle.redirections, 0);
    s.apply(cmd(t++, K::needle_advance, {26.0}));  // 30 mm deep along 8 deg
    s.apply(cmd(t++, K::needle_depth, {4.0}));     // back 26 mm
    s.apply(cmd(t++, K::needle_aim, {11.0, 0.0})); // 3 deg: not a redirection
    EXPECT_EQ(s.state().needle.redirections, 0);
    s.apply(cmd(t++, K::needle_aim, {14.0, 0.0})); // 6 deg from the advancing aim: one
    EXPECT_EQ(s.state().needle.redirections, 1);
    s.apply(cmd(t++, K::needle_aim, {25.0, 0.0})); // no new withdrawal since: still one
    EXPECT_EQ(s.state().needle.redirections, 1);
    s.apply(cmd(t++, K::needle_advance, {20.0}));
    s.apply(cmd(t++, K::needle_withdraw, {3.0}));  // 21 mm deep: still held
    EXPECT_EQ(s.apply(cmd(t++, K::needle_aim, {0.0, 0.0}))[0].kind, EventKind::refused);
    s.apply(cmd(t++, K::needle_depth, {5.0}));
    s.apply(cmd(t++, K::needle_aim, {25.0, 6.0}));  // 6 deg cranial after 19 mm back: two
    EXPECT_EQ(s.state().needle.redirections, 2);
    EXPECT_EQ(s.state().needle.skin_punctures, 1);
}

// Lateral drift off the skin-entry line for a straight-aimed needle, 50 mm into muscle.
struct Drift {
    double lateral;
    glm::dvec3 tip;
};
Drift drift_after(const LabelledScene& block, const std::string& needle, double bevel_deg, double depth) {
    Session s = above_block(block, needle);
    s.apply(cmd(1, K::needle_rotate_bevel, {bevel_deg}));
    s.apply(cmd(2, K::needle_advance, {10.0 + depth}));
    return {s.tip_deflection_mm(), s.state().needle.tip()};
}

TEST(NeedleKinematics, BevelDeflectionFollowsTheBevelWithSizeKappaLSquaredOverTwo) {
    const LabelledScene block = muscle_block();
    const double kappa = mechanics(TissueClass::muscle).curvature_per_mm;  // 22G Quincke: scale 1
    const double L = 50.0;
    const double predicted = kappa * L * L / 2.0;  // 1.5 mm
    // Tolerance 1 %: the exact arc differs from kappa L^2/2 by (kappa L)^2/12 = 3e-4 relative;
    // chord steps at tissue boundaries add < 1e-4 mm.
    const Drift d0 = drift_after(block, "quincke_22g_90mm", 0.0, L);
    EXPECT_NEAR(d0.lateral, predicted, 0.01 * predicted);
    EXPECT_NEAR(d0.tip.z, -predicted, 0.01 * predicted);  // bevel faces the head: drifts to the feet
    EXPECT_NEAR(d0.tip.x, 0.0, 1e-9);
    const Drift d180 = drift_after(block, "quincke_22g_90mm", 180.0, L);
    EXPECT_NEAR(d180.tip.z, predicted, 0.01 * predicted);
    const Drift d90 = drift_after(block, "quincke_22g_90mm", 90.0, L);  // bevel faces right: drifts left
    EXPECT_NEAR(d90.tip.x, predicted, 0.01 * predicted);
    EXPECT_NEAR(d90.tip.z, 0.0, 1e-9);
    // Thinner needle bends more: 25G by (0.72/0.51)^2 = 2.0.
    const Drift thin = drift_after(block, "quincke_25g_90mm", 0.0, L);
    EXPECT_NEAR(thin.lateral / d0.lateral, curvature_scale(needle_spec("quincke_25g_90mm")), 0.01);
    // Switched off: straight.
    Session straight = above_block(block, "quincke_22g_90mm", {1, false});
    straight.apply(cmd(1, K::needle_advance, {60.0}));
    EXPECT_LT(straight.tip_deflection_mm(), 1e-12);
}

TEST(NeedleKinematics, TurningTheBevelHalfwayMakesAnSCurve) {
    const LabelledScene block = muscle_block();
    const double kappa = mechanics(TissueClass::muscle).curvature_per_mm;
    Session s = above_block(block);
    s.apply(cmd(1, K::needle_advance, {35.0}));  // 25 mm in, drifting toward -z
    s.apply(cmd(2, K::needle_rotate_bevel, {180.0}));
    s.apply(cmd(3, K::needle_advance, {25.0}));  // bending back
    // Offset kappa*25^2/2 + (kappa*25)*25 - kappa*25^2/2 = kappa * 625; the tip ends parallel
    // to where it started.
    EXPECT_NEAR(s.state().needle.tip().z, -kappa * 625.0, 0.01 * kappa * 625.0);
    EXPECT_NEAR(s.state().needle.tip_direction().z, 0.0, 1e-9);
    EXPECT_DOUBLE_EQ(s.state().needle.bevel_deg, 180.0);
}

TEST(NeedleKinematics, ShaftPolylineRunsHubToTipAlongTheNeedle) {
    const LabelledScene block = muscle_block();
    Session s = above_block(block, "quincke_22g_127mm");
    EXPECT_EQ(s.shaft_polyline().size(), 2u);
    s.apply(cmd(1, K::needle_advance, {70.0}));
    const std::vector<glm::dvec3> poly = s.shaft_polyline();
    ASSERT_GE(poly.size(), 3u);
    double length = 0.0;
    for (std::size_t i = 1; i < poly.size(); ++i) length += glm::length(poly[i] - poly[i - 1]);
    // Chords of 0.5 mm arcs are shorter by (kappa ds)^2/24 relative: 1e-8.
    EXPECT_NEAR(length, 127.0, 1e-5);
    EXPECT_EQ(poly.back(), s.state().needle.tip());
    EXPECT_EQ(poly[1], s.state().needle.skin_entry);
    EXPECT_NEAR(poly[1].y, 0.0, kTight);
    EXPECT_GT(poly.front().y, 0.0);  // the hub is outside, behind the back
}

TEST(NeedleKinematics, HubStopsTheNeedleAtItsLength) {
    const LabelledScene block = muscle_block();
    Session s = above_block(block, "quincke_22g_90mm", {1, false});
    const auto ev = s.apply(cmd(1, K::needle_advance, {150.0}));
    EXPECT_NEAR(s.state().needle.depth_mm(), 90.0, kTight);
    EXPECT_EQ(of_kind(ev, EventKind::hub_at_skin).size(), 1u);
}

}  // namespace
}  // namespace fluorosim
