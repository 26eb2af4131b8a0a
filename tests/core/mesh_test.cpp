#include <gtest/gtest.h>

#include <glm/gtc/constants.hpp>

#include "core/geometry/mesh.hpp"
#include "core/geometry/primitives.hpp"

namespace fluorosim {
namespace {

TEST(Primitives, SphereIsClosedOutwardAndNearAnalyticVolume) {
    const auto m = primitives::sphere({1, 2, 3}, 10.0f, 64, 32);
    const MeshCheck c = check_mesh(m);
    EXPECT_TRUE(c.ok()) << c.describe();
    const double analytic = 4.0 / 3.0 * glm::pi<double>() * 1000.0;
    // An inscribed 64x32 UV sphere loses about 0.6% of the volume.
    EXPECT_NEAR(c.volume, analytic, 0.01 * analytic);
    EXPECT_LT(c.volume, analytic);
}

TEST(Primitives, CylinderAlongArbitraryAxisIsClosedWithCorrectVolume) {
    const auto m = primitives::cylinder({0, 0, 0}, {30, 40, 0}, 5.0f, 96);
    const MeshCheck c = check_mesh(m);
    EXPECT_TRUE(c.ok()) << c.describe();
    const double analytic = glm::pi<double>() * 25.0 * 50.0;
    EXPECT_NEAR(c.volume, analytic, 0.002 * analytic);  // 96-gon keeps 99.93% of the area
}

TEST(Primitives, BoxVolumeIsExact) {
    const auto m = primitives::box({-1, -2, -3}, {1, 2, 3});
    const MeshCheck c = check_mesh(m);
    EXPECT_TRUE(c.ok()) << c.describe();
    EXPECT_NEAR(c.volume, 48.0, 1e-9);
}

TEST(MeshCheck, DetectsHoleInsideOutAndMiswound) {
    auto open = primitives::box({0, 0, 0}, {1, 1, 1});
    open.triangles.pop_back();
    EXPECT_FALSE(check_mesh(open).closed());
    EXPECT_NE(check_mesh(open).describe().find("open"), std::string::npos);

    auto inside_out = primitives::sphere({0, 0, 0}, 1.0f, 12, 6);
    for (auto& t : inside_out.triangles) std::swap(t.y, t.z);
    const MeshCheck io = check_mesh(inside_out);
    EXPECT_TRUE(io.closed());
    EXPECT_TRUE(io.consistently_oriented());
    EXPECT_FALSE(io.outward());
    EXPECT_NE(io.describe().find("inside-out"), std::string::npos);

    auto miswound = primitives::sphere({0, 0, 0}, 1.0f, 12, 6);
    std::swap(miswound.triangles[5].y, miswound.triangles[5].z);
    EXPECT_FALSE(check_mesh(miswound).consistently_oriented());
}

TEST(Mesh, MirroringTransformKeepsNormalsOutward) {
    auto m = primitives::sphere({0, 0, 0}, 2.0f, 16, 8);
    m.transform(glm::mat4(glm::vec4(-1, 0, 0, 0), glm::vec4(0, 1, 0, 0), glm::vec4(0, 0, 1, 0),
                          glm::vec4(5, 0, 0, 1)));
    EXPECT_TRUE(check_mesh(m).ok());
}

}  // namespace
}  // namespace fluorosim
