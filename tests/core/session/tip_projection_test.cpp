#include <gtest/gtest.h>

#include "core/session/phase_sync.hpp"
#include "core/session/tip_projection.hpp"

namespace fluorosim {
namespace {

TEST(TipProjection, ApIsSeenFromBehindAndLateralFromTheLeft) {
    const glm::dvec3 p(10.0, 40.0, -5.0);  // 10 mm left, 40 mm posterior, 5 mm inferior
    EXPECT_EQ(project(p, ProjectionView::ap), glm::dvec2(-10.0, -5.0));
    EXPECT_EQ(project(p, ProjectionView::lateral), glm::dvec2(40.0, -5.0));
    EXPECT_STREQ(projection_labels(ProjectionView::ap).left, "L");  // patient's left at the left
    EXPECT_STREQ(projection_labels(ProjectionView::lateral).right, "P");
}

TEST(TipProjection, PlotFrameKeepsOneScaleAndEveryPointInside) {
    const std::vector<glm::dvec2> pts = {{0, 0}, {40, 10}, {20, -10}};
    const PlotFrame f(pts, 5.0, 20.0, {100, 50}, {300, 200});
    // 50 x 30 mm with margins into 300 x 200 px: the width limits, 6 px/mm.
    EXPECT_DOUBLE_EQ(f.pixels_per_mm(), 6.0);
    for (const auto& p : pts) {
        const glm::dvec2 px = f.to_pixel(p);
        EXPECT_GE(px.x, 100.0);
        EXPECT_LE(px.x, 400.0);
        EXPECT_GE(px.y, 50.0);
        EXPECT_LE(px.y, 250.0);
    }
    // Up in mm is up on screen (rows grow downward), and 10 mm is 60 px both ways.
    const glm::dvec2 a = f.to_pixel({0, 0}), b = f.to_pixel({10, 10});
    EXPECT_NEAR(b.x - a.x, 60.0, 1e-9);
    EXPECT_NEAR(a.y - b.y, 60.0, 1e-9);
    // The centre of the points' box sits at the rectangle's centre.
    EXPECT_NEAR(f.to_pixel({20, 0}).x, 250.0, 1e-9);
    EXPECT_NEAR(f.to_pixel({20, 0}).y, 150.0, 1e-9);
}

TEST(TipProjection, PlotFrameHasAMinimumSpan) {
    const PlotFrame f({{3, 3}}, 0.0, 20.0, {0, 0}, {100, 100});
    EXPECT_DOUBLE_EQ(f.pixels_per_mm(), 5.0);
    EXPECT_DOUBLE_EQ(f.min_mm().x, -7.0);
    EXPECT_DOUBLE_EQ(f.max_mm().y, 13.0);
}

TEST(TipProjection, NiceSteps) {
    EXPECT_DOUBLE_EQ(nice_step(100.0, 5), 20.0);
    EXPECT_DOUBLE_EQ(nice_step(7.0, 5), 2.0);
    EXPECT_DOUBLE_EQ(nice_step(300.0, 6), 50.0);
    EXPECT_DOUBLE_EQ(nice_step(0.0, 5), 1.0);
}

Event at(double t, EventKind k) {
    Event e;
    e.time = t;
    e.kind = k;
    return e;
}

TEST(PhaseSync, MapsBetweenSharedMilestones) {
    // Trainee: skin at 20 s, bone at 100 s, injection at 160 s, end 200 s.
    const std::vector<Event> trainee = {
        at(0, EventKind::session_started), at(20, EventKind::skin_pop),
        at(100, EventKind::bone_contact), at(160, EventKind::injection),
        at(200, EventKind::session_ended)};
    // Expert: skin at 6 s, bone at 10 s, injection at 14 s, end 15 s.
    const std::vector<Event> expert = {at(0, EventKind::session_started),
                                       at(6, EventKind::skin_pop), at(10, EventKind::bone_contact),
                                       at(14, EventKind::injection),
                                       at(15, EventKind::session_ended)};
    const auto a = milestones(trainee, 200), b = milestones(expert, 15);
    ASSERT_EQ(a.size(), 5u);
    EXPECT_EQ(a[2].name, "bone contact");
    EXPECT_DOUBLE_EQ(phase_synced_time(a, b, 20, 15), 6.0);
    EXPECT_DOUBLE_EQ(phase_synced_time(a, b, 60, 15), 8.0);  // half way skin -> bone
    EXPECT_DOUBLE_EQ(phase_synced_time(a, b, 160, 15), 14.0);
    EXPECT_DOUBLE_EQ(phase_synced_time(a, b, 180, 15), 14.5);
    EXPECT_DOUBLE_EQ(phase_synced_time(a, b, 500, 15), 15.0);  // clamped to the expert's end
    // Same attempt on both sides: the identity.
    for (double t : {0.0, 13.0, 99.0, 199.0}) EXPECT_DOUBLE_EQ(phase_synced_time(a, a, t, 200), t);
}

TEST(PhaseSync, MilestonesOnlyOneSideReachedDoNotAnchor) {
    const std::vector<Event> trainee = {at(0, EventKind::session_started),
                                        at(30, EventKind::skin_pop)};
    const std::vector<Event> expert = {at(0, EventKind::session_started),
                                       at(5, EventKind::bone_contact),
                                       at(9, EventKind::session_ended)};
    const auto a = milestones(trainee, 60), b = milestones(expert, 9);
    EXPECT_EQ(a.back().name, "end");  // closed by the duration
    EXPECT_DOUBLE_EQ(a.back().time, 60.0);
    // Anchors: start (0, 0) and end (60, 9): linear in between.
    EXPECT_DOUBLE_EQ(phase_synced_time(a, b, 30, 9), 4.5);
}

}  // namespace
}  // namespace fluorosim
