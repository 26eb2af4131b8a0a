#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "core/analytic_chords.hpp"
#include "core/geometry/primitives.hpp"
#include "core/geometry/tissue_query.hpp"
#include "core/geometry/tissue_query_bench.hpp"
#include "core/lumbar_phantom.hpp"

namespace fluorosim {
namespace {

// skin [-50, 50]^3 > bone [-20, 20]^3 > core [-5, 5]^3, and a disc beside the bone in the skin.
enum : int { kSkin = 0, kBone = 1, kCore = 2, kDisc = 3 };
Scene nested_boxes() {
    Scene s;
    s.add({"skin", "soft_tissue", -1, primitives::box({-50, -50, -50}, {50, 50, 50})});
    s.add({"bone", "bone_cortical", kSkin, primitives::box({-20, -20, -20}, {20, 20, 20})});
    s.add({"core", "bone_cancellous", kBone, primitives::box({-5, -5, -5}, {5, 5, 5})});
    s.add({"disc", "disc", kSkin, primitives::box({25, -5, -5}, {35, 5, 5})});
    return s;
}

struct Expected {
    int object;
    double entry_mm, exit_mm;
};

void expect_stretches(const TissueQuery& q, const glm::dvec3& a, const glm::dvec3& b,
                      const std::vector<Expected>& want, double tol = 1e-9) {
    SCOPED_TRACE(::testing::Message() << "segment (" << a.x << "," << a.y << "," << a.z << ") -> ("
                                    << b.x << "," << b.y << "," << b.z << ")");
    const std::vector<TissueStretch> got = q.segment(a, b);
    ASSERT_EQ(got.size(), want.size());
    const double len = glm::length(b - a);
    const glm::dvec3 u = len > 0.0 ? (b - a) / len : glm::dvec3(0.0);
    for (std::size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(got[i].object, want[i].object) << "stretch " << i;
        EXPECT_EQ(got[i].name, q.name(want[i].object));
        EXPECT_EQ(got[i].material, q.material(want[i].object));
        EXPECT_NEAR(got[i].entry_mm, want[i].entry_mm, tol) << "stretch " << i;
        EXPECT_NEAR(got[i].exit_mm, want[i].exit_mm, tol) << "stretch " << i;
        EXPECT_LT(glm::length(got[i].entry - (a + want[i].entry_mm * u)), tol + 1e-12);
        EXPECT_LT(glm::length(got[i].exit - (a + want[i].exit_mm * u)), tol + 1e-12);
    }
}

TEST(TissueQuery, PointsInNestedBoxes) {
    const TissueQuery q(nested_boxes());
    EXPECT_EQ(q.innermost_at({0, 0, 0}), kCore);
    EXPECT_EQ(q.innermost_at({10, 0.3, 0}), kBone);
    EXPECT_EQ(q.innermost_at({30, 0, 1}), kDisc);
    EXPECT_EQ(q.innermost_at({45, 0, 0}), kSkin);
    EXPECT_EQ(q.innermost_at({0, 0, -49.9}), kSkin);
    EXPECT_EQ(q.innermost_at({60, 0, 0}), -1);
    EXPECT_EQ(q.innermost_at({0, 0, 0}), kCore);  // on the fan centres of both caps' axes
    EXPECT_EQ(q.depth(kCore), 2);
}

TEST(TissueQuery, SegmentThroughNestedBoxesListsEveryStretchInOrder) {
    const TissueQuery q(nested_boxes());
    const glm::dvec3 a(-100, 0.5, 0.25), b(100, 0.5, 0.25);
    expect_stretches(q, a, b,
                     {{kSkin, 50, 80}, {kBone, 80, 95}, {kCore, 95, 105}, {kBone, 105, 120},
                      {kSkin, 120, 125}, {kDisc, 125, 135}, {kSkin, 135, 150}});
    // Reversed: the same stretches mirrored.
    expect_stretches(q, b, a,
                     {{kSkin, 50, 65}, {kDisc, 65, 75}, {kSkin, 75, 80}, {kBone, 80, 95},
                      {kCore, 95, 105}, {kBone, 105, 120}, {kSkin, 120, 150}});
}

TEST(TissueQuery, SegmentsStartingOrEndingInsideOrOnSurfaces) {
    const TissueQuery q(nested_boxes());
    // Starts inside the core, ends inside the disc.
    expect_stretches(q, {0, 0.5, 0.25}, {30, 0.5, 0.25},
                     {{kCore, 0, 5}, {kBone, 5, 20}, {kSkin, 20, 25}, {kDisc, 25, 30}});
    // Starts on the bone's surface: the tissue just beyond the start counts.
    expect_stretches(q, {-20, 0.5, 0.25}, {0, 0.5, 0.25}, {{kBone, 0, 15}, {kCore, 15, 20}});
    expect_stretches(q, {-20, 0.5, 0.25}, {-40, 0.5, 0.25}, {{kSkin, 0, 20}});
    // Ends on a surface: no zero-length stretch of what lies beyond.
    expect_stretches(q, {-40, 0.5, 0.25}, {-20, 0.5, 0.25}, {{kSkin, 0, 20}});
    // All in air, and a zero-length segment.
    expect_stretches(q, {60, 60, 60}, {70, 80, 90}, {});
    expect_stretches(q, {1, 2, 3}, {1, 2, 3}, {{kCore, 0, 0}});
    expect_stretches(q, {90, 2, 3}, {90, 2, 3}, {});

    const TissueQuery nothing{Scene{}};
    EXPECT_EQ(nothing.innermost_at({0, 0, 0}), -1);
    EXPECT_TRUE(nothing.segment({0, 0, 0}, {1, 0, 0}).empty());
}

TEST(TissueQuery, SegmentThroughCornersOfEveryBoxIsExact) {
    // The diagonal passes exactly through a corner vertex of each box (6 triangles meet there).
    const TissueQuery q(nested_boxes());
    const double s3 = std::sqrt(3.0);
    expect_stretches(q, {-60, -60, -60}, {60, 60, 60},
                     {{kSkin, 10 * s3, 40 * s3}, {kBone, 40 * s3, 55 * s3}, {kCore, 55 * s3, 65 * s3},
                      {kBone, 65 * s3, 80 * s3}, {kSkin, 80 * s3, 110 * s3}},
                     1e-12 * 200);
}

TEST(TissueQuery, NestedSpheresWithinTheTessellationBracket) {
    const glm::dvec3 c(3, -2, 7);
    Scene s;
    s.add({"skin", "soft_tissue", -1, primitives::sphere(glm::vec3(c), 50.0f, 64, 32)});
    s.add({"bone", "bone_cortical", 0, primitives::sphere(glm::vec3(c), 20.0f, 64, 32)});
    s.add({"core", "bone_cancellous", 1, primitives::sphere(glm::vec3(c), 5.0f, 64, 32)});
    testkit::RadiusBracket rb[3];
    for (int i = 0; i < 3; ++i) rb[i] = testkit::radius_bracket(s.objects[std::size_t(i)].mesh, c);
    const TissueQuery q(s);
    EXPECT_EQ(q.innermost_at(c), 2);
    EXPECT_EQ(q.innermost_at(c + glm::dvec3(0, 10, 0)), 1);
    EXPECT_EQ(q.innermost_at(c + glm::dvec3(0, 0, -40)), 0);
    EXPECT_EQ(q.innermost_at(c + glm::dvec3(60, 0, 0)), -1);

    std::mt19937_64 rng(17);
    std::normal_distribution<double> g(0.0, 1.0);
    for (int k = 0; k < 300; ++k) {
        const glm::dvec3 u = glm::normalize(glm::dvec3(g(rng), g(rng), g(rng)));
        // Through a point within 4 mm of the centre: every sphere is crossed in and out.
        const glm::dvec3 p = c + glm::dvec3(g(rng), g(rng), g(rng));
        if (glm::length(p - c) > 4.0) continue;
        const glm::dvec3 a = p - 80.0 * u, b = p + 80.0 * u;
        const auto got = q.segment(a, b);
        const int order[] = {0, 1, 2, 1, 0};
        ASSERT_EQ(got.size(), 5u) << k;
        for (int i = 0; i < 5; ++i) {
            const int o = order[i];
            ASSERT_EQ(got[std::size_t(i)].object, o);
            // Entry into / exit out of sphere o: within the inscribed and circumscribed balls.
            const glm::dvec2 in = testkit::ball_interval(a, u, c, rb[o].r_in);
            const glm::dvec2 out = testkit::ball_interval(a, u, c, rb[o].r_out);
            const double entry = got[std::size_t(i)].entry_mm, exit = got[std::size_t(i)].exit_mm;
            if (i <= 2) {  // entering o
                EXPECT_GE(entry, out.x - 1e-9);
                EXPECT_LE(entry, in.x + 1e-9);
            }
            if (i >= 2) {  // leaving o
                EXPECT_GE(exit, in.y - 1e-9);
                EXPECT_LE(exit, out.y + 1e-9);
            }
            if (i > 0) {
                EXPECT_EQ(entry, got[std::size_t(i - 1)].exit_mm);  // contiguous
            }
        }
    }
}

// Every stretch agrees with point queries at its middle, every gap is air, and the first
// stretch starts at 0 exactly when the start point is inside something: segment and point
// queries cast rays in different directions, so this also checks watertightness at scale.
TEST(TissueQuery, SegmentsAgreeWithPointQueriesOnAPhantom) {
    const TissueQuery q(testkit::lumbar_phantom(24));
    const Aabb box = q.bounds();
    std::mt19937_64 rng(23);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<double> g(0.0, 1.0);
    std::vector<TissueStretch> out;
    int stretches = 0;
    for (int k = 0; k < 2000; ++k) {
        const glm::dvec3 a = glm::dvec3(box.min) + glm::dvec3(unit(rng), unit(rng), unit(rng)) *
                                                       glm::dvec3(box.size());
        const glm::dvec3 u = glm::normalize(glm::dvec3(g(rng), g(rng), g(rng)));
        const double len = 10.0 + 150.0 * unit(rng);
        const glm::dvec3 b = a + len * u;
        q.segment(a, b, out);
        stretches += static_cast<int>(out.size());
        const int at_a = q.innermost_at(a);
        if (at_a >= 0) {
            ASSERT_FALSE(out.empty());
            EXPECT_EQ(out.front().object, at_a);
            EXPECT_EQ(out.front().entry_mm, 0.0);
        } else if (!out.empty()) {
            EXPECT_GT(out.front().entry_mm, 0.0);
        }
        double previous_exit = 0.0;
        for (std::size_t i = 0; i < out.size(); ++i) {
            const TissueStretch& st = out[i];
            ASSERT_LT(st.entry_mm, st.exit_mm);
            ASSERT_GE(st.entry_mm, previous_exit);
            ASSERT_LE(st.exit_mm, len + 1e-12);
            if (i > 0 && st.entry_mm == previous_exit) {
                EXPECT_NE(st.object, out[i - 1].object);
            }
            if (st.entry_mm > previous_exit) {
                const double mid = 0.5 * (previous_exit + st.entry_mm);
                EXPECT_EQ(q.innermost_at(a + mid * u), -1) << "gap before stretch " << i;
            }
            const double mid = 0.5 * (st.entry_mm + st.exit_mm);
            EXPECT_EQ(q.innermost_at(a + mid * u), st.object) << "stretch " << i << " of " << k;
            previous_exit = st.exit_mm;
        }
    }
    EXPECT_GT(stretches, 1000);
}

// Not a timed test: prints the figure for the report; asserts only that queries ran.
TEST(TissueQuery, ThroughputOnAThreeHundredThousandTrianglePhantom) {
    const Scene s = testkit::lumbar_phantom(136);
    const auto t0 = std::chrono::steady_clock::now();
    const TissueQuery q(s);
    const double build_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double rate = bench_tissue_queries(q, 20000, 1);
    EXPECT_GT(rate, 0.0);
    std::printf("[ figures  ] tissue queries: %zu triangles, BVH build %.3f s (depth %d), "
                "%.0f segment queries/s on one thread\n",
                s.triangle_count(), build_s, q.bvh().depth(), rate);
}

}  // namespace
}  // namespace fluorosim

namespace fluorosim {
namespace {

TEST(SkinAbove, FindsTheBackSurfaceOrNothing) {
    Scene scene;
    scene.add({"skin", "skin", -1, primitives::box({-100, -80, -100}, {100, 50, 100})});
    const TissueQuery query(scene);
    const auto p = skin_above(query, 10.0, -20.0);
    ASSERT_TRUE(p.has_value());
    EXPECT_NEAR(p->y, 50.0, 1e-9);
    EXPECT_NEAR(p->x, 10.0, 1e-9);
    EXPECT_NEAR(p->z, -20.0, 1e-9);
    EXPECT_FALSE(skin_above(query, 300.0, 0.0).has_value());
}

}  // namespace
}  // namespace fluorosim
