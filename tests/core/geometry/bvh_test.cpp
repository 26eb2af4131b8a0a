#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <tuple>
#include <vector>

#include "core/geometry/bvh.hpp"
#include "core/geometry/primitives.hpp"
#include "core/geometry/ray_triangle.hpp"
#include "core/analytic_chords.hpp"

namespace fluorosim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Path length and closure of the whole line o + t u (t over all reals), as the x-ray does it.
struct LineResult {
    double length = 0.0;
    int closure = 0;
    std::size_t hits = 0;
};
LineResult along_line(const Bvh& bvh, const glm::dvec3& o, const glm::dvec3& u) {
    std::vector<BvhHit> hits;
    bvh.intersect_all(o, u, -kInf, kInf, hits);
    LineResult r;
    for (const auto& h : hits) {
        r.length += h.facing * h.t;  // exits add their distance, entries subtract it
        r.closure += h.facing;
    }
    r.hits = hits.size();
    return r;
}

TEST(RayTriangle, ExactSignWhereRoundedProductsTie) {
    // (1 + e)(1 - e) - 1 * 1 = -e^2 with e = 2^-52: both products round to 1, the exact sign
    // is negative, and swapping the points must negate it.
    const double e = 0x1p-52;
    double value = 0.0;
    EXPECT_EQ(detail::edge_sign(1.0 + e, 1.0, 1.0, 1.0 - e, value), -1);
    EXPECT_EQ(value, 0.0);  // the rounded value alone could not tell
    EXPECT_EQ(detail::edge_sign(1.0, 1.0 - e, 1.0 + e, 1.0, value), 1);
    // Exactly zero: the (eps, eps^2) tie-break, antisymmetric; 0 only for coincident points.
    EXPECT_EQ(detail::cross_sign_exact(1.0, 2.0, 2.0, 4.0), -1);  // eps (p1y - p2y) = -2 eps
    EXPECT_EQ(detail::cross_sign_exact(2.0, 4.0, 1.0, 2.0), 1);
    EXPECT_EQ(detail::cross_sign_exact(3.0, 0.0, -1.0, 0.0), -1);  // p1y == p2y: eps^2 (p2x - p1x)
    EXPECT_EQ(detail::cross_sign_exact(-1.0, 0.0, 3.0, 0.0), 1);
    EXPECT_EQ(detail::cross_sign_exact(2.0, 5.0, 2.0, 5.0), 0);
}

TEST(RayTriangle, FacingIsSignOfDirDotOutwardNormalAlongEveryAxis) {
    const TriangleMesh cube = primitives::box({-1, -1, -1}, {1, 1, 1});
    const Bvh bvh(cube);
    for (int axis = 0; axis < 3; ++axis) {
        for (const double s : {1.0, -1.0}) {
            glm::dvec3 dir(0.0), origin(0.3, -0.2, 0.1);
            dir[axis] = s;
            origin[axis] = -5.0 * s;
            std::vector<BvhHit> hits;
            bvh.intersect_all(origin, dir, 0.0, kInf, hits);
            ASSERT_EQ(hits.size(), 2u) << "axis " << axis << " sign " << s;
            std::sort(hits.begin(), hits.end(), [](auto& a, auto& b) { return a.t < b.t; });
            EXPECT_EQ(hits[0].facing, -1);  // enters through the near face
            EXPECT_EQ(hits[1].facing, +1);
            EXPECT_NEAR(hits[0].t, 4.0, 1e-12);
            EXPECT_NEAR(hits[1].t, 6.0, 1e-12);
            const glm::dvec3 n(cube.triangle_normal(hits[1].triangle));
            EXPECT_GT(glm::dot(n, dir), 0.0);
        }
    }
}

TEST(RayTriangle, DegenerateTrianglesAreNeverHit) {
    const WatertightRay ray({0.25, 0.25, -1.0}, {0.0, 0.0, 1.0});
    TriangleHit hit;
    // Zero area (collinear), and a proper triangle containing the ray but seen edge-on.
    EXPECT_FALSE(intersect_triangle(ray, {0, 0, 0}, {1, 1, 0}, {2, 2, 0}, -kInf, kInf, hit));
    EXPECT_FALSE(intersect_triangle(ray, {0.25, 0.25, 0}, {0.25, 0.25, 1}, {0.25, 1, 0}, -kInf,
                                    kInf, hit));
    EXPECT_TRUE(intersect_triangle(ray, {0, 0, 0}, {1, 0, 0}, {0, 1, 0}, -kInf, kInf, hit));
    EXPECT_DOUBLE_EQ(hit.t, 1.0);
}

// Axis-aligned rays make the projected coordinates exact, so a ray through an edge or vertex
// has edge functions exactly zero and only the tie-break decides. Every lattice point of the
// top face (fan centre, fan diagonals, outer edges, corners) must give one entry and one exit.
TEST(BvhWatertight, AxisRaysThroughSharedEdgesAndVerticesOfABoxCountOnce) {
    const glm::dvec3 lo(-10, -10, -10), hi(10, 10, 10);
    const Bvh bvh(primitives::box(glm::vec3(lo), glm::vec3(hi)));
    int interior = 0, boundary = 0;
    for (int axis = 0; axis < 3; ++axis) {
        for (const double s : {1.0, -1.0}) {
            for (int i = -10; i <= 10; i += 1) {
                for (int j = -10; j <= 10; j += 1) {
                    glm::dvec3 o(0.0), u(0.0);
                    o[(axis + 1) % 3] = i;
                    o[(axis + 2) % 3] = j;
                    o[axis] = -40.0 * s;
                    u[axis] = s;
                    const LineResult r = along_line(bvh, o, u);
                    EXPECT_EQ(r.closure, 0) << "axis " << axis << " at " << i << "," << j;
                    if (std::abs(i) < 10 && std::abs(j) < 10) {
                        ++interior;
                        EXPECT_EQ(r.hits, 2u) << "axis " << axis << " at " << i << "," << j;
                        EXPECT_NEAR(r.length, 20.0, 1e-12);
                    } else {
                        // Grazing along a face: the ray lies in the face plane; either both
                        // bounding faces count or neither, never one.
                        ++boundary;
                        EXPECT_TRUE(std::abs(r.length) < 1e-12 || std::abs(r.length - 20.0) < 1e-12)
                            << r.length;
                    }
                }
            }
        }
    }
    EXPECT_GT(interior, 0);
    EXPECT_GT(boundary, 0);
}

// Random directions through points exactly on edges and vertices of the box mesh (outer edges,
// corners, the fan centre and diagonals of the caps, the diagonals of the sides): the shear is
// rounded, so these exercise the near-tie filter and the exact fallback.
TEST(BvhWatertight, ObliqueLinesThroughEdgesAndVerticesMatchSlabClipping) {
    const glm::dvec3 lo(-10, -10, -10), hi(10, 10, 10);
    const Bvh bvh(primitives::box(glm::vec3(lo), glm::vec3(hi)));
    std::vector<glm::dvec3> points;
    for (const double s : {-10.0, -7.5, -3.0, 0.0, 2.25, 10.0}) {
        points.push_back({s, s, 10.0});     // top cap: fan diagonal (centre, corners included)
        points.push_back({s, -s, -10.0});   // bottom cap: the other diagonal
        points.push_back({s, -10.0, s});    // side y = -10: its triangle diagonal
        points.push_back({10.0, 10.0, s});  // a vertical box edge
        points.push_back({s, 10.0, -10.0}); // a horizontal box edge
    }
    std::mt19937_64 rng(7);
    std::normal_distribution<double> g(0.0, 1.0);
    double worst = 0.0;
    for (const auto& p : points) {
        for (int k = 0; k < 200; ++k) {
            const glm::dvec3 u = glm::normalize(glm::dvec3(g(rng), g(rng), g(rng)));
            const LineResult r = along_line(bvh, p, u);
            ASSERT_EQ(r.closure, 0) << "through " << p.x << "," << p.y << "," << p.z;
            const double expected = testkit::box_chord(p, u, lo, hi);
            worst = std::max(worst, std::abs(r.length - expected));
            ASSERT_NEAR(r.length, expected, 1e-9);
        }
    }
    RecordProperty("worst_error_mm", std::to_string(worst));
}

TEST(BvhWatertight, LinesThroughEveryVertexOfASphereCloseExactly) {
    const TriangleMesh sphere = primitives::sphere({1, 2, 3}, 10.0f, 24, 12);
    const Bvh bvh(sphere);
    std::mt19937_64 rng(11);
    std::normal_distribution<double> g(0.0, 1.0);
    for (const auto& v : sphere.vertices) {
        for (int k = 0; k < 20; ++k) {
            const glm::dvec3 u = glm::normalize(glm::dvec3(g(rng), g(rng), g(rng)));
            const LineResult r = along_line(bvh, glm::dvec3(v), u);
            ASSERT_EQ(r.closure, 0);
            // A convex mesh: a line meets it in 0 or 2 points (2 also when only touching).
            ASSERT_TRUE(r.hits == 0 || r.hits == 2) << r.hits;
            ASSERT_GE(r.length, -1e-9);
        }
    }
}

TEST(Bvh, FindsExactlyWhatBruteForceFinds) {
    TriangleMesh a = primitives::sphere({0, 0, 0}, 20.0f, 32, 16);
    TriangleMesh b = primitives::cylinder({-30, 0, 0}, {30, 5, 10}, 6.0f, 24);
    TriangleMesh c = primitives::box({5, 5, 5}, {25, 9, 30});
    const TriangleMesh* meshes[] = {&a, &b, &c};
    const Bvh bvh(meshes);
    EXPECT_EQ(bvh.triangle_count(), a.triangle_count() + b.triangle_count() + c.triangle_count());
    EXPECT_GT(bvh.depth(), 3);

    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> pos(-40.0, 40.0);
    std::normal_distribution<double> g(0.0, 1.0);
    using Key = std::tuple<std::uint32_t, std::uint32_t, int, double>;
    for (int k = 0; k < 300; ++k) {
        const glm::dvec3 o(pos(rng), pos(rng), pos(rng));
        const glm::dvec3 u = glm::normalize(glm::dvec3(g(rng), g(rng), g(rng)));
        const double t0 = k % 2 ? 0.0 : -kInf, t1 = k % 3 ? 50.0 : kInf;
        std::vector<BvhHit> hits;
        bvh.intersect_all(o, u, t0, t1, hits);
        std::vector<Key> got, want;
        for (const auto& h : hits) got.emplace_back(h.mesh, h.triangle, h.facing, h.t);
        const WatertightRay ray(o, u);
        for (std::uint32_t m = 0; m < 3; ++m) {
            for (std::size_t t = 0; t < meshes[m]->triangles.size(); ++t) {
                const glm::uvec3 i = meshes[m]->triangles[t];
                const auto& v = meshes[m]->vertices;
                TriangleHit hit;
                if (intersect_triangle(ray, glm::dvec3(v[i.x]), glm::dvec3(v[i.y]),
                                       glm::dvec3(v[i.z]), t0, t1, hit)) {
                    want.emplace_back(m, static_cast<std::uint32_t>(t), hit.facing, hit.t);
                }
            }
        }
        std::sort(got.begin(), got.end());
        std::sort(want.begin(), want.end());
        ASSERT_EQ(got, want) << "ray " << k;
    }
}

TEST(Bvh, SegmentKeepsOnlyHitsBetweenItsEnds) {
    const Bvh bvh(primitives::box({-1, -1, -1}, {1, 1, 1}));
    std::vector<BvhHit> hits;
    bvh.intersect_segment({-3, 0.1, 0.2}, {0, 0.1, 0.2}, hits);  // ends inside: entry only
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].facing, -1);
    EXPECT_NEAR(hits[0].t, 2.0 / 3.0, 1e-15);
    hits.clear();
    bvh.intersect_segment({-3, 0.1, 0.2}, {-2, 0.1, 0.2}, hits);
    EXPECT_TRUE(hits.empty());
}

TEST(Bvh, EmptyAndDegenerateInputs) {
    const Bvh empty{TriangleMesh{}};
    std::vector<BvhHit> hits;
    empty.intersect_all({0, 0, 0}, {1, 0, 0}, -kInf, kInf, hits);
    EXPECT_TRUE(hits.empty());
    EXPECT_TRUE(empty.bounds().empty());

    // Many triangles with one centroid: the build must still terminate with small leaves.
    TriangleMesh stack;
    for (int i = 0; i < 1000; ++i) {
        const auto n = static_cast<unsigned>(stack.vertices.size());
        const float s = 1.0f + 0.001f * float(i);
        // Bounding-box centre (0, 0, 0) for every triangle.
        stack.vertices.insert(stack.vertices.end(), {{-s, -s, 0}, {s, -s, 0}, {0, s, 0}});
        stack.triangles.push_back({n, n + 1, n + 2});
    }
    const Bvh piled(stack);
    EXPECT_EQ(piled.triangle_count(), 1000u);
    piled.intersect_all({0.0, 0.0, -1.0}, {0, 0, 1}, -kInf, kInf, hits);
    EXPECT_EQ(hits.size(), 1000u);
}

}  // namespace
}  // namespace fluorosim
