#include <gtest/gtest.h>

#include <glm/gtc/constants.hpp>

#include "core/anatomy/decimate.hpp"
#include "core/anatomy/isosurface.hpp"
#include "core/geometry/mesh_query.hpp"

namespace fluorosim {
namespace {

sdf::Field blobby() {
    // Two spheres and a capsule, smoothly blended: concave creases, a saddle and a thin neck.
    return [](const glm::vec3& p) {
        const float a = sdf::sphere(p, {-8, 0, 0}, 7.0f);
        const float b = sdf::sphere(p, {9, 1, 0}, 6.0f);
        const float c = sdf::capsule(p, {-8, 0, 0}, {9, 1, 0}, 2.0f);
        return sdf::smin(sdf::smin(a, b, 2.0f), c, 3.0f);
    };
}

TEST(Isosurface, SphereIsClosedOutwardAndNearAnalyticVolume) {
    const auto f = [](const glm::vec3& p) { return sdf::sphere(p, {1, 2, 3}, 10.0f); };
    const auto field = sample_field(f, sdf::make_box({-9, -8, -7}, {11, 12, 13}), 0.5f);
    const TriangleMesh m = extract_isosurface(field);
    const MeshCheck c = check_mesh(m);
    EXPECT_TRUE(c.ok()) << c.describe();
    const double analytic = 4.0 / 3.0 * glm::pi<double>() * 1000.0;
    // Linear interpolation cuts chords: about h^2/(8R) inward, well under 1% of the volume here.
    EXPECT_NEAR(c.volume, analytic, 0.01 * analytic);
}

TEST(Isosurface, BlendedShapeAndNestedLevelSetsAreClosedAndNested) {
    const auto field = sample_field(blobby(), sdf::make_box({-16, -8, -8}, {16, 8, 8}), 0.7f, -1.5f, 0.0f);
    const TriangleMesh outer = extract_isosurface(field, 0.0f);
    const TriangleMesh inner = extract_isosurface(field, -1.5f);
    EXPECT_TRUE(check_mesh(outer).ok()) << check_mesh(outer).describe();
    EXPECT_TRUE(check_mesh(inner).ok()) << check_mesh(inner).describe();
    for (std::size_t i = 0; i < inner.vertices.size(); i += 17) EXPECT_TRUE(point_inside(outer, inner.vertices[i]));
}

TEST(Decimate, KeepsMeshValidAndWithinError) {
    const auto field = sample_field(blobby(), sdf::make_box({-16, -8, -8}, {16, 8, 8}), 0.5f);
    const TriangleMesh fine = extract_isosurface(field);
    TriangleMesh coarse = fine;
    decimate(coarse, DecimateOptions{0.1f, 0, 0.2f});
    const MeshCheck c = check_mesh(coarse);
    EXPECT_TRUE(c.ok()) << c.describe();
    EXPECT_EQ(c.degenerate_triangles, 0u);
    EXPECT_LT(coarse.triangle_count(), fine.triangle_count() / 3);
    // Volume within 1% and every kept vertex within the error bound (+ slack for the bound
    // being measured to planes, not to the surface) of the fine surface.
    EXPECT_NEAR(c.volume, check_mesh(fine).volume, 0.01 * check_mesh(fine).volume);
    for (std::size_t i = 0; i < coarse.vertices.size(); i += 7)
        EXPECT_LT(distance_to_surface(fine, coarse.vertices[i]), 0.2f);
}

}  // namespace
}  // namespace fluorosim
