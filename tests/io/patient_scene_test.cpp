#include <gtest/gtest.h>

#include "core/geometry/primitives.hpp"
#include "core/util/error.hpp"
#include "core/xray/material_library.hpp"
#include "io/patient_scene.hpp"

namespace fluorosim::io {
namespace {

TEST(PatientScene, BrokenMeshesAreRefusedByName) {
    Scene scene;
    scene.add({"trunk", "soft_tissue", -1, primitives::box({-10, -10, -10}, {10, 10, 10})});
    auto open = primitives::sphere({0, 0, 0}, 3, 12, 6);
    open.triangles.pop_back();
    scene.add({"L4 body", "bone_cortical", 0, open});
    auto inside_out = primitives::sphere({5, 0, 0}, 1, 12, 6);
    for (auto& t : inside_out.triangles) std::swap(t.y, t.z);
    scene.add({"L4 pedicle", "bone_cortical", 0, inside_out});
    try {
        require_sound_meshes(scene, "patient.glb");
        FAIL() << "broken meshes accepted";
    } catch (const InputError& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("patient.glb"), std::string::npos) << m;
        EXPECT_NE(m.find("'L4 body': open"), std::string::npos) << m;
        EXPECT_NE(m.find("'L4 pedicle': inside-out"), std::string::npos) << m;
        EXPECT_EQ(m.find("trunk"), std::string::npos) << m;
    }
}

TEST(PatientScene, DefaultScenarioBuildsASoundPhantom) {
    Scenario s;
    const Scene scene = build_patient_scene(s, MaterialLibrary::standard());
    EXPECT_GT(scene.objects.size(), 10u);
    EXPECT_TRUE(check_scene_meshes(scene).empty());
}

}  // namespace
}  // namespace fluorosim::io
