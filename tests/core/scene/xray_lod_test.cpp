// The X-ray level of detail coarsens only objects close in attenuation to what surrounds them,
// and keeps them closed and consistently oriented (the path-length pass relies on it).
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "core/geometry/primitives.hpp"
#include "core/scene/xray_lod.hpp"

namespace fluorosim {
namespace {

TEST(XrayLodTest, CoarsensLowContrastObjectsOnly) {
    Scene scene;
    const int body = scene.add(
        {"body", "soft_tissue", -1, primitives::ellipsoid({0, 0, 0}, {150, 100, 200}, 96, 48)});
    scene.add({"vessel", "blood", body, primitives::ellipsoid({40, 0, 0}, {12, 12, 60}, 96, 48)});
    scene.add({"vertebra", "bone_cortical", body,
               primitives::ellipsoid({0, 0, 0}, {25, 20, 15}, 96, 48)});
    // mu at ~38 keV (1/mm), as the material library gives them (water 0.029).
    const std::map<std::string, double> mu{
        {"water", 0.0290}, {"soft_tissue", 0.0300}, {"blood", 0.0315}, {"bone_cortical", 0.105}};
    const Scene lod =
        xray_lod(scene, [&](const std::string& m) { return m.empty() ? 0.0 : mu.at(m); });
    ASSERT_EQ(lod.objects.size(), 3u);
    EXPECT_EQ(lod.objects[2].mesh.vertices, scene.objects[2].mesh.vertices)
        << "bone keeps every triangle";
    EXPECT_EQ(lod.objects[2].mesh.triangles, scene.objects[2].mesh.triangles);
    EXPECT_EQ(lod.objects[0].mesh.triangles, scene.objects[0].mesh.triangles)
        << "the body against room air keeps its surface";
    EXPECT_LT(lod.objects[1].mesh.triangle_count(), scene.objects[1].mesh.triangle_count() / 2)
        << "blood in soft tissue (contrast 5% of water) is coarsened";
    const MeshCheck check = check_mesh(lod.objects[1].mesh);
    EXPECT_TRUE(check.ok()) << check.describe();
    // Its volume stays within 1%: the surface moved by at most the 0.35 mm error.
    EXPECT_NEAR(signed_volume(lod.objects[1].mesh), signed_volume(scene.objects[1].mesh),
                0.01 * signed_volume(scene.objects[1].mesh));
}

}  // namespace
}  // namespace fluorosim
