// The replay cursor: the session at time t of a recording, however the user got there
// (forward play, backward scrub, jumps), equals a fresh replay of the commands up to t.
#include <gtest/gtest.h>

#include "core/session/replay_cursor.hpp"
#include "core/session/session_test_support.hpp"

namespace fluorosim {
namespace {

using namespace session_test;
using K = CommandKind;

// Live fluoroscopy (15 pulses/s) while the needle advances, a shot, an injection, the end:
// pulses fall between commands, so "state at t" depends on advance_to as well as commands.
Recording procedure() {
    Recording r;
    r.seed = 11;
    r.commands = {
        cmd(0.0, K::session_start),
        cmd(0.5, K::needle_select, {}, "tuohy_20g_90mm"),
        cmd(1.0, K::needle_entry, {1.25, 45.0, -0.5}),
        cmd(2.0, K::pedal_down),
        cmd(2.3, K::needle_advance, {kCoarseStepMm}),
        cmd(2.6, K::needle_advance, {8.0}),
        cmd(3.1, K::pedal_up),
        cmd(4.0, K::carm_rotate, {25.0, -10.0}),
        cmd(4.5, K::carm_shot),
        cmd(5.0, K::needle_advance, {10.0}),
        cmd(6.0, K::inject_contrast, {0.5}),
        cmd(7.0, K::session_end),
    };
    return r;
}

struct Fixture {
    LabelledScene scene = epidural_stack();
    std::shared_ptr<const TissueQuery> query = std::make_shared<const TissueQuery>(scene.scene);
    Scenario scenario = scenario_with("tuohy_20g_90mm");

    // The definition: fresh session, leading commands with time <= t, then the pulses due by t.
    Session fresh_at(const Recording& r, double t) const {
        Session s(scenario, query, &scene.structures, r.options());
        for (const Command& c : r.commands) {
            if (c.time > t) break;
            s.apply(c);
        }
        s.advance_to(t);
        return s;
    }
};

void expect_same(const Session& a, const Session& b, double t) {
    EXPECT_EQ(a.state(), b.state()) << "at t = " << t;
    EXPECT_EQ(a.events(), b.events()) << "at t = " << t;
    EXPECT_EQ(a.commands(), b.commands()) << "at t = " << t;
}

TEST(ReplayCursor, SeekEqualsAFreshReplayUpToT) {
    Fixture f;
    const Recording r = procedure();
    ReplayCursor cursor(r, f.scenario, f.query, &f.scene.structures);
    EXPECT_DOUBLE_EQ(cursor.duration(), 7.0);
    for (double t : {0.0, 0.7, 1.0, 2.0, 2.05, 2.45, 2.95, 3.1, 4.49, 4.5, 6.2, 7.0}) {
        const Session& s = cursor.seek(t);
        expect_same(s, f.fresh_at(r, t), t);
    }
    // The full pass is the whole replay.
    expect_same(cursor.final_session(), replay(r, f.scenario, f.query, &f.scene.structures), 7.0);
}

TEST(ReplayCursor, ScrubbingBackAndForthGivesIdenticalStatesAndEvents) {
    Fixture f;
    const Recording r = procedure();
    ReplayCursor cursor(r, f.scenario, f.query, &f.scene.structures);
    // Jumps in every direction, including past the end (clamped) and before the start.
    for (double t : {6.5, 2.2, 2.9, 0.2, 7.0, 3.0, 3.0, 2.05, 100.0, -5.0, 4.6}) {
        const double clamped = std::clamp(t, 0.0, 7.0);
        const Session& s = cursor.seek(t);
        EXPECT_DOUBLE_EQ(cursor.time(), clamped);
        expect_same(s, f.fresh_at(r, clamped), t);
        EXPECT_EQ(s.state().carm.last_image, cursor.image_at(clamped)) << "at t = " << t;
    }
}

TEST(ReplayCursor, CheckpointsGiveTheSameStateInLongRecordings) {
    // 300 commands: several checkpoints (every 64), seeks land between them.
    Fixture f;
    Recording r;
    r.seed = 3;
    r.commands = {cmd(0.0, K::session_start), cmd(0.1, K::needle_select, {}, "tuohy_20g_90mm"),
                  cmd(0.2, K::needle_entry, {1.25, 45.0, -0.5}), cmd(0.3, K::pedal_down)};
    for (int i = 0; i < 296; ++i)
        r.commands.push_back(cmd(0.4 + 0.05 * i, i % 2 ? K::needle_withdraw : K::needle_advance,
                                 {i % 2 ? 0.5 : 0.6}));
    ReplayCursor cursor(r, f.scenario, f.query, &f.scene.structures);
    for (double t : {14.0, 3.21, 9.999, 0.45, 14.2})
        expect_same(cursor.seek(t), f.fresh_at(r, t), t);
}

TEST(ReplayCursor, ImagesKeepTheNeedleTheyShowed) {
    Fixture f;
    const Recording r = procedure();
    ReplayCursor cursor(r, f.scenario, f.query, &f.scene.structures);
    const auto& images = cursor.images();
    ASSERT_EQ(int(images.size()), cursor.final_session().state().carm.images);
    ASSERT_GE(images.size(), 10u);  // 1.1 s of 15 pulses/s, plus the shot
    for (std::size_t i = 0; i < images.size(); ++i) {
        EXPECT_EQ(images[i].request.index, int(i));
        // The needle in the image is the needle of the session when the pulse fell: the
        // commands before it (a command at the pulse's own time acts after the pulse).
        Session s(f.scenario, f.query, &f.scene.structures, r.options());
        for (const Command& c : r.commands)
            if (c.time < images[i].time ||
                (c.time == images[i].time && images[i].request.single_shot &&
                 c.kind == K::carm_shot))
                s.apply(c);
        s.advance_to(images[i].time);
        EXPECT_EQ(images[i].shaft, s.shaft_polyline()) << "image " << i;
        const Event& e = cursor.events()[images[i].events_before];
        EXPECT_EQ(e.kind, EventKind::image_requested);
        EXPECT_EQ(e.image->index, int(i));
    }
    EXPECT_TRUE(images.back().request.single_shot);
    EXPECT_EQ(cursor.image_at(4.49), int(images.size()) - 2);
    EXPECT_EQ(cursor.image_at(1.99), -1);
}

TEST(ReplayCursor, TipPathFollowsTheNeedle) {
    Fixture f;
    const Recording r = procedure();
    ReplayCursor cursor(r, f.scenario, f.query, &f.scene.structures);
    const auto& path = cursor.tip_path();
    ASSERT_GE(path.size(), 4u);  // set down, two advances, one more advance
    EXPECT_DOUBLE_EQ(path.front().time, 1.0);
    EXPECT_FALSE(path.front().in_tissue);
    for (std::size_t i = 1; i < path.size(); ++i) {
        EXPECT_GE(path[i].time, path[i - 1].time);
        EXPECT_LT(path[i].tip.y, path[i - 1].tip.y);  // every move here is deeper (toward -y)
    }
    EXPECT_EQ(path.back().tip, cursor.final_session().state().needle.tip());
    EXPECT_TRUE(path.back().in_tissue);
}

}  // namespace
}  // namespace fluorosim
