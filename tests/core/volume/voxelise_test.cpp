// The voxeliser against volumes known in closed form: boxes whose faces lie on voxel
// boundaries (exact counts), tessellated spheres and cylinders (counts against the meshes' own
// volumes), nested shells (innermost material wins), and the mu / HU mapping.
#include <gtest/gtest.h>

#include <cmath>

#include "core/geometry/primitives.hpp"
#include "core/scene/test_phantom.hpp"
#include "core/util/error.hpp"
#include "core/volume/attenuation_volume.hpp"
#include "core/volume/voxelise.hpp"
#include "core/xray/material_library.hpp"

namespace fluorosim {
namespace {

Scene one_object(TriangleMesh mesh, const std::string& material = "water") {
    Scene s;
    s.add({"object", material, -1, std::move(mesh)});
    return s;
}

TEST(VolumeGrid, CoversTheBoxSymmetrically) {
    Aabb box;
    box.grow(glm::vec3(-10, -6, -4));
    box.grow(glm::vec3(10, 6, 4.5f));
    const VolumeGrid g = grid_covering(box, 1.0, 3.0);
    EXPECT_EQ(g.dims, glm::ivec3(26, 18, 15));  // 26 mm, 18 mm, 14.5 mm -> 15 voxels
    // Centred: first and last voxel centres mirror each other about the box centre.
    EXPECT_DOUBLE_EQ(g.origin.x, -12.5);
    EXPECT_DOUBLE_EQ(g.centre(25, 0, 0).x, 12.5);
    EXPECT_NEAR(g.origin.z + 0.5 * 14.0, 0.25, 1e-12);
    EXPECT_THROW(grid_covering(Aabb{}, 1.0), InputError);
    EXPECT_THROW(grid_covering(box, 0.0), InputError);
}

TEST(Voxelise, BoxWithFacesOnVoxelBoundariesIsExact) {
    const Scene s = one_object(primitives::box({-10, -6, -4}, {10, 6, 4}));
    const VolumeGrid g = grid_covering(s.bounds(), 1.0, 3.0);  // voxel boundaries on whole mm
    const LabelledVolume v = voxelise(s, g, 2);
    EXPECT_EQ(v.count("water"), std::size_t(20 * 12 * 8));
    EXPECT_EQ(v.count("air"), g.voxel_count() - 20 * 12 * 8);
    EXPECT_EQ(v.labels.at(3, 3, 3), 1);   // (-9.5, -5.5, -3.5): inside, one voxel from a corner
    EXPECT_EQ(v.labels.at(2, 3, 3), 0);   // (-10.5, ...): outside
}

TEST(Voxelise, SphereCountMatchesTheMeshVolume) {
    const TriangleMesh mesh = primitives::sphere({0.3f, -0.2f, 0.1f}, 20.0f, 96, 48);
    const Scene s = one_object(mesh, "bone_cortical");
    const LabelledVolume v = voxelise(s, grid_covering(s.bounds(), 0.5, 1.0));
    // 33.5k mm3 in 0.125 mm3 voxels: sampling error over a 5000 mm2 surface averages out to
    // well under 0.5% (centres are points; boundary voxels fall in or out at random).
    const double counted = double(v.count("bone_cortical")) * 0.125;
    EXPECT_NEAR(counted / signed_volume(mesh), 1.0, 0.005);
}

TEST(Voxelise, CylinderCapsOnVoxelCentrePlanesDoNotSpillAlongRows) {
    // Caps at z = +-10 and voxel centres on whole mm: rows run in the caps' planes.
    // Radius 7.5: no whole-mm point lies between the 64-gon's edges (7.4991 mm) and its
    // vertices, so each slice holds exactly the centres with x^2 + y^2 < 56.25.
    const TriangleMesh mesh = primitives::cylinder({0, 0, -10}, {0, 0, 10}, 7.5f, 64);
    const Scene s = one_object(mesh);
    VolumeGrid g;
    g.origin = {-12, -12, -14};
    g.dims = {25, 25, 29};
    const LabelledVolume v = voxelise(s, g, 1);
    std::size_t per_slice = 0;
    for (int y = -12; y <= 12; ++y)
        for (int x = -12; x <= 12; ++x) per_slice += x * x + y * y < 56.25 ? 1 : 0;
    for (int k = 0; k < g.dims.z; ++k)
        for (int j = 0; j < g.dims.y; ++j)
            for (int i = 0; i < g.dims.x; ++i) {
                const glm::dvec3 p = g.centre(i, j, k);
                if (std::hypot(p.x, p.y) > 7.5 || std::abs(p.z) > 10.0) {
                    ASSERT_EQ(v.labels.at(i, j, k), 0) << "voxel " << i << "," << j << "," << k;
                }
            }
    // 19 whole slices strictly inside, and each cap row falls wholly in or wholly out.
    const std::size_t n = v.count("water");
    EXPECT_EQ(n % per_slice, 0u) << n << " voxels, " << per_slice << " per slice";
    EXPECT_GE(n / per_slice, 19u);
    EXPECT_LE(n / per_slice, 21u);
}

TEST(Voxelise, NestedShellsGiveTheInnermostMaterial) {
    Scene s;
    const int outer = s.add({"outer", "soft_tissue", -1, primitives::sphere({0, 0, 0}, 30.0f, 96, 48)});
    const int mid = s.add({"shell", "bone_cortical", outer, primitives::sphere({0, 0, 0}, 20.0f, 96, 48)});
    s.add({"core", "bone_cancellous", mid, primitives::sphere({0, 0, 0}, 10.0f, 96, 48)});
    const LabelledVolume v = voxelise(s, grid_covering(s.bounds(), 0.5, 1.0));
    ASSERT_EQ(v.materials, (std::vector<std::string>{"soft_tissue", "bone_cortical", "bone_cancellous"}));
    const double pi = 3.14159265358979;
    auto ball = [&](double r) { return 4.0 / 3.0 * pi * r * r * r; };
    // Tessellation makes each ball ~0.2% smaller than the analytic one; shells are differences,
    // so 1.5% allows for that and for sampling.
    EXPECT_NEAR(double(v.count("bone_cancellous")) * 0.125 / ball(10), 1.0, 0.015);
    EXPECT_NEAR(double(v.count("bone_cortical")) * 0.125 / (ball(20) - ball(10)), 1.0, 0.015);
    EXPECT_NEAR(double(v.count("soft_tissue")) * 0.125 / (ball(30) - ball(20)), 1.0, 0.015);
    // Voxel centres at +-0.25 mm around the origin: the core.
    const glm::ivec3 c = v.labels.grid.dims / 2;
    EXPECT_EQ(v.labels.at(c.x, c.y, c.z), 3);
}

TEST(Voxelise, ResultDoesNotDependOnTheThreadCount) {
    const Scene s = make_test_phantom();
    const VolumeGrid g = grid_covering(s.bounds(), 4.0);
    EXPECT_EQ(voxelise(s, g, 1).labels.voxels, voxelise(s, g, 3).labels.voxels);
}

TEST(Voxelise, PhantomBodyCoreIsCancellousInsideCortex) {
    const Scene s = make_test_phantom();  // middle level centred on the origin, body radius 20
    VolumeGrid g;
    g.origin = {0.1, 0.1, 0.1};
    g.dims = {1, 1, 1};
    EXPECT_EQ(voxelise(s, g).materials[std::size_t(voxelise(s, g).labels.voxels[0] - 1)], "bone_cancellous");
    g.origin = {0.1, 19.0, 0.1};  // 1 mm inside the 2.5 mm cortex
    EXPECT_EQ(voxelise(s, g).materials[std::size_t(voxelise(s, g).labels.voxels[0] - 1)], "bone_cortical");
    g.origin = {0.1, -60.0, 0.1};  // anterior soft tissue
    EXPECT_EQ(voxelise(s, g).materials[std::size_t(voxelise(s, g).labels.voxels[0] - 1)], "soft_tissue");
}

TEST(AttenuationVolume, MuAndHounsfieldUnits) {
    const MaterialLibrary lib = MaterialLibrary::standard();
    const Scene s = one_object(primitives::box({-2, -2, -2}, {2, 2, 2}), "water");
    const LabelledVolume v = voxelise(s, grid_covering(s.bounds(), 1.0, 1.0));
    const double kev = 40.0;
    const VolumeF mu = mu_volume(v, lib, kev);
    const VolumeF hu = hu_volume(v, lib, kev);
    const VolumeF hu_vacuum = hu_volume(v, lib, kev, RoomAir::vacuum);
    // Voxel (1,1,1) is inside the box, (0,0,0) is the margin of room air.
    EXPECT_FLOAT_EQ(mu.at(1, 1, 1), float(lib.mu_per_mm("water", kev)));
    EXPECT_NEAR(hu.at(1, 1, 1), 0.0f, 1e-3f);
    // Air is about 1/800 as dense as water: HU -999 and a bit; vacuum is -1000 exactly.
    EXPECT_NEAR(hu.at(0, 0, 0), -999.0f, 1.0f);
    EXPECT_FLOAT_EQ(hu_vacuum.at(0, 0, 0), -1000.0f);
    EXPECT_FLOAT_EQ(mu_volume(v, lib, kev, RoomAir::vacuum).at(0, 0, 0), 0.0f);
    // Cortical bone at 40 keV: well above 1000 HU, as in CT (1000-2000+ at lower energies).
    EXPECT_GT(hounsfield(lib.mu_per_mm("bone_cortical", kev), lib.mu_per_mm("water", kev)), 1000.0);
}

}  // namespace
}  // namespace fluorosim
