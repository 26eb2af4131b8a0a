#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <thread>

#include <glm/gtc/constants.hpp>

#include "core/analytic_chords.hpp"
#include "core/carm/carm_pose.hpp"
#include "core/geometry/primitives.hpp"
#include "core/lumbar_phantom.hpp"
#include "core/util/error.hpp"
#include "core/xray/cpu_path_length.hpp"

namespace fluorosim {
namespace {

using testkit::radius_bracket;

Scene one_object(TriangleMesh mesh, const std::string& material = "water") {
    Scene s;
    s.add({"object", material, -1, std::move(mesh)});
    return s;
}

// A unit vector perpendicular to u.
glm::dvec3 perpendicular(const glm::dvec3& u) {
    const glm::dvec3 h = std::abs(u.x) < 0.9 ? glm::dvec3(1, 0, 0) : glm::dvec3(0, 1, 0);
    return glm::normalize(glm::cross(u, h));
}

TEST(CpuPathLength, SphereChordsStayWithinTheTessellationBracket) {
    const glm::dvec3 c(1, 2, 3);
    const double r = 10.0;
    const TriangleMesh mesh = primitives::sphere(glm::vec3(c), float(r), 48, 24);
    const auto rb = radius_bracket(mesh, c);
    // 48 x 24 facets: r_in ~ r cos(5.3 deg), i.e. the mesh is up to ~0.04 mm inside the sphere.
    EXPECT_GT(rb.r_in, r * std::cos(glm::pi<double>() / 24.0));
    const CpuPathLengths tracer(one_object(mesh));

    std::mt19937_64 rng(5);
    std::normal_distribution<double> g(0.0, 1.0);
    double worst_error = 0.0;  // against the true sphere, for d <= 0.9 r
    for (int k = 0; k < 2000; ++k) {
        const glm::dvec3 u = glm::normalize(glm::dvec3(g(rng), g(rng), g(rng)));
        const double d = r * 0.999 * (k % 1000) / 1000.0;
        const glm::dvec3 through = c + d * perpendicular(u);
        const RayPathLengths p = tracer.trace(through - 100.0 * u, through + 100.0 * u);
        ASSERT_EQ(p.closure, 0);
        const double lo = 2.0 * std::sqrt(std::max(0.0, rb.r_in * rb.r_in - d * d));
        const double hi = 2.0 * std::sqrt(rb.r_out * rb.r_out - d * d);
        ASSERT_GE(p.length_mm[0], lo - 1e-9) << "d = " << d;
        ASSERT_LE(p.length_mm[0], hi + 1e-9) << "d = " << d;
        if (d <= 0.9 * r) {
            worst_error = std::max(worst_error, std::abs(p.length_mm[0] - 2.0 * std::sqrt(r * r - d * d)));
        }
    }
    std::printf("[ figures  ] sphere r=10 mm, 48x24: max chord error %.4f mm for d <= 0.9 r\n",
                worst_error);
    // Through both poles (mesh vertices): exactly the diameter.
    const RayPathLengths pole = tracer.trace(c + glm::dvec3(0, 0, -50), c + glm::dvec3(0, 0, 50));
    EXPECT_NEAR(pole.length_mm[0], 2.0 * r, 1e-12);
    EXPECT_EQ(pole.closure, 0);
}

TEST(CpuPathLength, CylinderPerpendicularAndObliqueRays) {
    const double r = 10.0, z0 = -30.0, z1 = 30.0;
    const int n = 48;
    const CpuPathLengths tracer(one_object(primitives::cylinder({0, 0, float(z0)}, {0, 0, float(z1)},
                                                                float(r), n)));
    // The cross-section is a regular 48-gon inscribed in the circle: the radial error is
    // r (1 - cos(pi / n)) = 0.0214 mm. Vertices are floats, rotated into place: allow 2^-20 r.
    const double slack = r * 0x1p-20;
    const double r_in = r * std::cos(glm::pi<double>() / n) - slack, r_out = r + slack;
    double worst_perpendicular = 0.0;
    for (int k = 0; k <= 100; ++k) {  // perpendicular to the axis, offsets across the section
        const double d = r_in * k / 100.0;
        const glm::dvec3 o(-50.0, d, 5.0), to(50.0, d, 5.0);
        const RayPathLengths p = tracer.trace(o, to);
        ASSERT_EQ(p.closure, 0);
        ASSERT_GE(p.length_mm[0], 2.0 * std::sqrt(r_in * r_in - d * d) - 1e-9);
        ASSERT_LE(p.length_mm[0], 2.0 * std::sqrt(r_out * r_out - d * d) + 1e-9);
        if (d <= 0.9 * r) {
            worst_perpendicular = std::max(
                worst_perpendicular, std::abs(p.length_mm[0] - 2.0 * std::sqrt(r * r - d * d)));
        }
    }
    const double r_poly = r * std::cos(glm::pi<double>() / n), d9 = 0.9 * r;
    std::printf("[ figures  ] cylinder r=10 mm, 48-gon: max perpendicular chord error %.4f mm "
                "for d <= 0.9 r (bound: %.4f mm at d = 0, %.4f mm at d = 0.9 r)\n",
                worst_perpendicular, 2.0 * (r - r_poly),
                2.0 * (std::sqrt(r * r - d9 * d9) - std::sqrt(r_poly * r_poly - d9 * d9)));

    // Oblique lines through random points inside, some leaving through the side walls, some
    // through the caps: bracketed by the analytic cylinders of radius r_in and r_out.
    std::mt19937_64 rng(9);
    std::uniform_real_distribution<double> in(-0.9, 0.9);
    std::normal_distribution<double> g(0.0, 1.0);
    for (int k = 0; k < 2000; ++k) {
        const glm::dvec3 p0(in(rng) * r / std::sqrt(2.0), in(rng) * r / std::sqrt(2.0), in(rng) * z1);
        const glm::dvec3 u = glm::normalize(glm::dvec3(g(rng), g(rng), 0.3 * g(rng)));
        const RayPathLengths p = tracer.trace(p0 - 200.0 * u, p0 + 200.0 * u);
        ASSERT_EQ(p.closure, 0);
        const double lo = testkit::cylinder_z_chord(p0, u, {0, 0}, r_in, z0 + slack, z1 - slack);
        const double hi = testkit::cylinder_z_chord(p0, u, {0, 0}, r_out, z0 - slack, z1 + slack);
        ASSERT_GE(p.length_mm[0], lo - 1e-9);
        ASSERT_LE(p.length_mm[0], hi + 1e-9);
    }
}

TEST(CpuPathLength, SlabAndBoxAreExact) {
    const glm::dvec3 lo(-100, -100, -2.5), hi(100, 100, 2.5);  // a 5 mm slab
    const CpuPathLengths tracer(one_object(primitives::box(glm::vec3(lo), glm::vec3(hi))));
    std::mt19937_64 rng(13);
    std::normal_distribution<double> g(0.0, 1.0);
    for (int k = 0; k < 1000; ++k) {
        const glm::dvec3 p0(20.0 * g(rng), 20.0 * g(rng), 2.0 * g(rng));
        const glm::dvec3 u = glm::normalize(glm::dvec3(g(rng), g(rng), g(rng)));
        const RayPathLengths p = tracer.trace(p0 - 500.0 * u, p0 + 500.0 * u);
        ASSERT_EQ(p.closure, 0);
        ASSERT_NEAR(p.length_mm[0], testkit::box_chord(p0, u, lo, hi), 1e-9);
    }
    // Through the slab's faces at angle theta to its normal: 5 mm / cos(theta).
    const double theta = glm::radians(60.0);
    const glm::dvec3 u(std::sin(theta), 0.0, std::cos(theta));
    EXPECT_NEAR(tracer.trace(-50.0 * u, 50.0 * u).length_mm[0], 10.0, 1e-12);
}

TEST(CpuPathLength, RaysThroughSharedEdgesAndVerticesOfABoxCountOnce) {
    const CpuPathLengths tracer(one_object(primitives::box({-10, -10, -10}, {10, 10, 10})));
    struct Case {
        glm::dvec3 from, to;
        double expected;
    };
    const double s3 = std::sqrt(3.0), s2 = std::sqrt(2.0);
    const Case cases[] = {
        {{0, 0, -50}, {0, 0, 50}, 20.0},          // the caps' fan centres (4 triangles meet)
        {{3, 3, -50}, {3, 3, 50}, 20.0},          // the caps' fan diagonals (2 triangles)
        {{5, -50, 5}, {5, 50, 5}, 20.0},          // a side face's diagonal
        {{-20, -20, -20}, {20, 20, 20}, 20.0 * s3},  // corner to corner through the box
        {{20, 20, 1}, {-20, -20, 1}, 20.0 * s2},  // in and out through two vertical edges
        {{0, 20, 0}, {20, 0, 0}, 0.0},            // touching one vertical edge only
        {{-10, 30, -10}, {30, -10, 30}, 0.0},     // touching the corner (10, 10, 10) only
    };
    for (const auto& c : cases) {
        const RayPathLengths p = tracer.trace(c.from, c.to);
        EXPECT_EQ(p.closure, 0) << c.from.x << "," << c.from.y << "," << c.from.z;
        EXPECT_NEAR(p.length_mm[0], c.expected, 1e-9) << c.from.x << "," << c.from.y << "," << c.from.z;
    }
}

TEST(CpuPathLength, NestedShellAndCoreSplitIntoTheirMaterials) {
    const glm::dvec3 c(0, 0, 0);
    Scene s;
    const int shell = s.add({"shell", "A", -1, primitives::sphere(glm::vec3(c), 20.0f, 48, 24)});
    s.add({"core", "B", shell, primitives::sphere(glm::vec3(c), 10.0f, 48, 24)});
    const auto outer = radius_bracket(s.objects[0].mesh, c), inner = radius_bracket(s.objects[1].mesh, c);
    const CpuPathLengths tracer(s);
    ASSERT_EQ(tracer.channels().materials, (std::vector<std::string>{"A", "B"}));
    auto chord = [](double radius, double d) {
        return 2.0 * std::sqrt(std::max(0.0, radius * radius - d * d));
    };
    for (int k = 0; k < 200; ++k) {
        const double y = 19.9 * k / 200.0, z = 0.37;
        const double d = std::hypot(y, z);  // the ray's distance from the centre
        const glm::dvec3 from(-100, y, z), to(100, y, z);
        const RayPathLengths p = tracer.trace(from, to);
        ASSERT_EQ(p.closure, 0);
        const double a = p.length_mm[0], b = p.length_mm[1];
        ASSERT_GE(b, chord(inner.r_in, d) - 1e-9) << d;
        ASSERT_LE(b, chord(inner.r_out, d) + 1e-9) << d;
        ASSERT_GE(a, chord(outer.r_in, d) - chord(inner.r_out, d) - 1e-9) << d;
        ASSERT_LE(a, chord(outer.r_out, d) - chord(inner.r_in, d) + 1e-9) << d;
        // The two channels add up to the whole outer chord.
        ASSERT_GE(a + b, chord(outer.r_in, d) - 1e-9);
        ASSERT_LE(a + b, chord(outer.r_out, d) + 1e-9);
    }
}

TEST(CpuPathLength, OpenMeshGivesNonZeroClosure) {
    TriangleMesh sphere = primitives::sphere({0, 0, 0}, 20.0f, 24, 12);
    const glm::uvec3 removed = sphere.triangles[100];
    sphere.triangles.erase(sphere.triangles.begin() + 100);
    ASSERT_FALSE(check_mesh(sphere).closed());
    const glm::dvec3 hole = (glm::dvec3(sphere.vertices[removed.x]) + glm::dvec3(sphere.vertices[removed.y]) +
                             glm::dvec3(sphere.vertices[removed.z])) / 3.0;
    const CpuPathLengths tracer(one_object(sphere));
    // In through the hole, out through the far side: only the exit is found.
    EXPECT_EQ(tracer.trace(3.0 * hole, -3.0 * hole).closure, 1);
    EXPECT_EQ(tracer.trace(-3.0 * hole, 3.0 * hole).closure, -1);
    // A ray missing the hole is fine.
    EXPECT_EQ(tracer.trace({-100, 0.5, 0.5}, {100, 0.5, 0.5}).closure, 0);

    // In an image looking at the hole the hole shows as a patch of open pixels, and only there.
    CArmGeometry g = carm_geometry(CArmPose{});
    g.beam = -glm::normalize(hole);
    g.up = perpendicular(g.beam);
    g.right = glm::cross(-g.beam, g.up);
    g.source = -g.sod_mm * g.beam;
    g.detector_centre = g.source + g.sid_mm * g.beam;
    const PathLengthImages img = tracer.render(g, 64, 64);
    EXPECT_GT(img.open_pixels, 0u);
    EXPECT_LT(img.open_pixels, 64u * 64u / 20u);
    // The hole (about 5 mm across, 2.3 mm pixels at the isocentre) is on the central ray,
    // which passes between the four middle pixels.
    EXPECT_NE(img.closure.at(31, 31) + img.closure.at(32, 32) + img.closure.at(31, 32) +
                  img.closure.at(32, 31), 0);
    EXPECT_EQ(img.closure.at(0, 0), 0);
}

TEST(CpuPathLength, ImageOfASphereAtTheIsocentreIsTheAnalyticChordImage) {
    CArmPose pose;
    pose.primary_deg = 25.0;
    pose.secondary_deg = -10.0;
    pose.isocentre = glm::dvec3(5.0, -3.0, 20.0);
    const CArmGeometry g = carm_geometry(pose);
    const double r = 50.0;
    const TriangleMesh mesh = primitives::sphere(glm::vec3(pose.isocentre), float(r), 96, 48);
    const auto rb = radius_bracket(mesh, pose.isocentre);
    const int w = 96, h = 96;
    const PathLengthImages img = cpu_path_lengths(one_object(mesh, "water"), g, w, h, 2);
    ASSERT_EQ(img.length_mm.size(), 1u);
    EXPECT_EQ(img.open_pixels, 0u);
    double worst = 0.0, worst_inner = 0.0;
    int inside = 0;
    for (int row = 0; row < h; ++row) {
        for (int col = 0; col < w; ++col) {
            const glm::dvec3 u = glm::normalize(g.pixel_centre(col, row, w, h) - g.source);
            const double got = img.length_mm[0].at(col, row);
            const double lo = testkit::ball_chord(g.source, u, pose.isocentre, rb.r_in);
            const double hi = testkit::ball_chord(g.source, u, pose.isocentre, rb.r_out);
            // Stored as float: 2^-24 relative (6e-6 mm at 100 mm).
            ASSERT_GE(got, lo - 1e-5) << col << "," << row;
            ASSERT_LE(got, hi + 1e-5) << col << "," << row;
            const double exact = testkit::ball_chord(g.source, u, pose.isocentre, r);
            worst = std::max(worst, std::abs(got - exact));
            if (exact > 0.0) ++inside;
            if (exact > r) worst_inner = std::max(worst_inner, std::abs(got - exact));
        }
    }
    // The disc covers pi (r M / pitch)^2 pixels: r M = 76.9 mm on the detector, pitch 2.38 mm.
    EXPECT_GT(inside, 3000);
    std::printf("[ figures  ] sphere image r=50 mm 96x48 facets, %dx%d: max |error| %.3f mm "
                "(%.3f mm where the chord > r)\n", w, h, worst, worst_inner);
}

TEST(CpuPathLength, ThreadCountDoesNotChangeTheImageAndBadSizesAreInputErrors) {
    const Scene s = testkit::lumbar_phantom(16);
    const CpuPathLengths tracer(s);
    const CArmGeometry g = carm_geometry(CArmPose{});
    const PathLengthImages one = tracer.render(g, 40, 30, 1), two = tracer.render(g, 40, 30, 2);
    ASSERT_EQ(one.length_mm.size(), two.length_mm.size());
    for (std::size_t c = 0; c < one.length_mm.size(); ++c) {
        EXPECT_EQ(one.length_mm[c].pixels, two.length_mm[c].pixels);
    }
    EXPECT_EQ(one.closure.pixels, two.closure.pixels);
    EXPECT_EQ(one.open_pixels, 0u);
    EXPECT_THROW(tracer.render(g, 0, 10), InputError);
    EXPECT_THROW(tracer.render(g, 10, -1), InputError);
}

// Not a timed test: prints the figure, asserts only that the result is sound.
TEST(CpuPathLength, ThroughputOnAFiftyThousandTrianglePhantom) {
    const Scene s = testkit::lumbar_phantom(56);
    const auto t0 = std::chrono::steady_clock::now();
    const CpuPathLengths tracer(s);
    const auto t1 = std::chrono::steady_clock::now();
    CArmPose pose;
    pose.primary_deg = 20.0;  // oblique, through several vertebrae
    const PathLengthImages img = tracer.render(carm_geometry(pose), 512, 512);
    const auto t2 = std::chrono::steady_clock::now();
    EXPECT_EQ(img.open_pixels, 0u);
    const double build_s = std::chrono::duration<double>(t1 - t0).count();
    const double render_s = std::chrono::duration<double>(t2 - t1).count();
    std::printf("[ figures  ] CPU path lengths: %zu triangles, %zu channels, BVH build %.3f s, "
                "512x512 in %.3f s = %.2f Mrays/s (%u threads)\n",
                s.triangle_count(), img.materials.size(), build_s, render_s,
                512.0 * 512.0 / render_s * 1e-6, std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace
}  // namespace fluorosim
