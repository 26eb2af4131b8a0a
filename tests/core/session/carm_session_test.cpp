#include <gtest/gtest.h>

#include "core/session/session_test_support.hpp"

namespace fluorosim {
namespace {

using namespace session_test;
using K = CommandKind;

Session bare_session(const LabelledScene& s, bool aids, SessionOptions o = {}) {
    Session session(scenario_with("quincke_22g_90mm", aids), s.scene, &s.structures, o);
    session.apply(cmd(0.0, K::session_start));
    return session;
}

TEST(CArmSession, PresetsAreRefusedWithoutLearningAids) {
    const LabelledScene block = muscle_block();
    Session s = bare_session(block, false);
    const auto ev = s.apply(cmd(1, K::carm_preset, {}, "lateral"));
    ASSERT_EQ(ev.size(), 1u);
    EXPECT_EQ(ev[0].kind, EventKind::refused);
    EXPECT_NE(ev[0].message.find("learning aid"), std::string::npos) << ev[0].message;
    EXPECT_DOUBLE_EQ(s.state().carm.pose.primary_deg, 0.0);
    // The trainee turns it by hand; with aids on, the preset works.
    s.apply(cmd(2, K::carm_rotate, {25.0, -10.0}));
    EXPECT_DOUBLE_EQ(s.state().carm.pose.primary_deg, 25.0);
    EXPECT_DOUBLE_EQ(s.state().carm.pose.secondary_deg, -10.0);
    EXPECT_EQ(s.apply(cmd(3, K::session_learning_aids, {}, "on"))[0].kind, EventKind::learning_aids_changed);
    EXPECT_TRUE(s.apply(cmd(4, K::carm_preset, {}, "lateral")).empty());
    EXPECT_DOUBLE_EQ(s.state().carm.pose.primary_deg, 90.0);
    EXPECT_DOUBLE_EQ(s.state().carm.pose.secondary_deg, 0.0);
    s.apply(cmd(5, K::carm_preset, {}, "oblique_right"));
    EXPECT_DOUBLE_EQ(s.state().carm.pose.primary_deg, -30.0);
}

TEST(CArmSession, RotationStopsAtTheMechanicalRange) {
    const LabelledScene block = muscle_block();
    Session s = bare_session(block, true);
    const auto ev = s.apply(cmd(1, K::carm_rotate, {200.0, -90.0}));
    ASSERT_EQ(ev.size(), 1u);
    EXPECT_EQ(ev[0].kind, EventKind::carm_limit);
    EXPECT_DOUBLE_EQ(s.state().carm.pose.primary_deg, 120.0);
    EXPECT_DOUBLE_EQ(s.state().carm.pose.secondary_deg, -60.0);
    EXPECT_EQ(s.apply(cmd(2, K::carm_angles, {130.0, 0.0}))[0].kind, EventKind::refused);
}

TEST(CArmSession, PedalPulsesAtTheRateWithSeededImagesAndDose) {
    const LabelledScene block = muscle_block();
    Session s = bare_session(block, true, {77, true});
    EXPECT_EQ(s.apply(cmd(0.5, K::carm_save_reference))[0].kind, EventKind::refused);  // no image yet
    // 15 p/s from t = 1 to t = 2: pulses at 1 + k/15, k = 0..15 (the one at 2.0 included).
    auto down = s.apply(cmd(1.0, K::pedal_down));
    ASSERT_EQ(down.size(), 1u);
    const auto mid = s.advance_to(1.5);  // a live app asks for the pulses due so far
    EXPECT_EQ(mid.size(), 7u);           // k = 1..7 (7/15 = 0.467 s)
    const auto up = s.apply(cmd(2.0, K::pedal_up));
    EXPECT_EQ(up.size(), 8u);  // k = 8..15
    const auto images = of_kind(s.events(), EventKind::image_requested);
    ASSERT_EQ(images.size(), 16u);
    for (int k = 0; k < 16; ++k) {
        const Event& e = images[std::size_t(k)];
        ASSERT_TRUE(e.image.has_value());
        EXPECT_DOUBLE_EQ(e.time, 1.0 + k / 15.0);
        EXPECT_EQ(e.image->index, k);
        EXPECT_EQ(e.image->seed, image_seed(77, k));
        EXPECT_FALSE(e.image->single_shot);
    }
    EXPECT_NE(images[0].image->seed, images[1].image->seed);
    EXPECT_EQ(s.state().dose.pulses, 16);
    EXPECT_NEAR(s.state().dose.fluoro_time_s, 16.0 / 15.0, 1e-12);
    EXPECT_GT(s.state().dose.dap_gy_cm2, 0.0);
    // A single shot is one more pulse; the reference monitor takes the last image.
    const auto shot = s.apply(cmd(3.0, K::carm_shot));
    ASSERT_EQ(shot.size(), 1u);
    EXPECT_TRUE(shot[0].image->single_shot);
    EXPECT_EQ(s.apply(cmd(3.5, K::carm_save_reference))[0].kind, EventKind::reference_saved);
    EXPECT_EQ(s.state().carm.reference_image, 16);
    // Shutters closed to half the field both ways shrink the dose-area product per pulse.
    const double dap_open = s.state().dose.dap_gy_cm2 / 17.0;
    s.apply(cmd(4.0, K::carm_collimate, {1.0, 0.5, 0.5}));
    s.apply(cmd(4.5, K::carm_shot));
    EXPECT_LT(s.state().dose.dap_gy_cm2 - 17.0 * dap_open, dap_open);
}

TEST(CArmSession, PulseRateChangeTakesEffectFromTheLastPulse) {
    const LabelledScene block = muscle_block();
    Session s = bare_session(block, true);
    s.apply(cmd(1.0, K::carm_pulse_rate, {10.0}));
    s.apply(cmd(1.0, K::pedal_down));           // pulse at 1.0
    s.apply(cmd(1.25, K::carm_pulse_rate, {2.0}));  // after the pulse at 1.1 and 1.2
    s.apply(cmd(2.0, K::pedal_up));             // then 1.7 only
    std::vector<double> times;
    for (const Event& e : of_kind(s.events(), EventKind::image_requested)) times.push_back(e.time);
    ASSERT_EQ(times.size(), 4u);
    EXPECT_NEAR(times[1], 1.1, 1e-12);
    EXPECT_NEAR(times[2], 1.2, 1e-12);
    EXPECT_NEAR(times[3], 1.7, 1e-12);
}

TEST(SessionLifecycle, CommandsNeedARunningSessionAndOrderedTimes) {
    const LabelledScene block = muscle_block();
    Session s(scenario_with("quincke_22g_90mm"), block.scene, &block.structures);
    EXPECT_EQ(s.apply(cmd(0.0, K::needle_advance, {1.0}))[0].kind, EventKind::refused);  // not started
    s.apply(cmd(1.0, K::session_start));
    s.apply(cmd(2.0, K::carm_rotate, {5.0, 0.0}));
    EXPECT_EQ(s.apply(cmd(1.5, K::carm_rotate, {5.0, 0.0}))[0].kind, EventKind::refused);  // time went back
    EXPECT_DOUBLE_EQ(s.state().carm.pose.primary_deg, 5.0);
    s.apply(cmd(3.0, K::pedal_down));
    s.apply(cmd(4.0, K::session_pause));  // lifts the pedal
    EXPECT_FALSE(s.state().carm.pedal_down);
    EXPECT_EQ(s.apply(cmd(5.0, K::carm_rotate, {5.0, 0.0}))[0].kind, EventKind::refused);
    s.apply(cmd(10.0, K::session_resume));
    s.apply(cmd(12.0, K::session_end));
    EXPECT_EQ(s.state().phase, SessionPhase::ended);
    EXPECT_DOUBLE_EQ(s.state().active_s(), 3.0 + 2.0);  // 1..4 and 10..12
    EXPECT_EQ(s.apply(cmd(13.0, K::session_start))[0].kind, EventKind::refused);
    EXPECT_EQ(s.state().commands_refused, 4);
    EXPECT_EQ(s.commands().size(), 10u);
}

TEST(SessionLifecycle, BadArgumentsAreRefusedNotThrown) {
    const LabelledScene block = muscle_block();
    Session s = bare_session(block, true);
    for (const Command& c : {cmd(1, K::needle_select, {}, "no_such_needle"), cmd(1, K::needle_advance, {-1.0}),
                             cmd(1, K::carm_collimate, {0.0, 1.0, 1.0}), cmd(1, K::carm_magnification, {1.5}),
                             cmd(1, K::carm_preset, {}, "scotty_dog"), cmd(1, K::inject_steroid, {50.0})}) {
        const auto ev = s.apply(c);
        ASSERT_EQ(ev.size(), 1u) << to_string(c.kind);
        EXPECT_EQ(ev[0].kind, EventKind::refused);
        EXPECT_NE(ev[0].message.find(std::string(to_string(c.kind))), std::string::npos) << ev[0].message;
    }
}

}  // namespace
}  // namespace fluorosim
