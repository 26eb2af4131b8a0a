// Anatomy meshes through Assimp: labels, materials and nesting survive glTF, OBJ and STL;
// units and up axis are applied; broken files get messages that name them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/geometry/primitives.hpp"
#include "core/scene/test_phantom.hpp"
#include "core/util/error.hpp"
#include "core/xray/material_library.hpp"
#include "io/mesh_file.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::io {
namespace {

class MeshFile : public ::testing::TestWithParam<const char*> {
protected:
    static void SetUpTestSuite() { library_ = std::make_unique<MaterialLibrary>(MaterialLibrary::standard()); }
    static std::unique_ptr<MaterialLibrary> library_;
};
std::unique_ptr<MaterialLibrary> MeshFile::library_;

TEST_P(MeshFile, RoundTripKeepsLabelsMaterialsNestingAndShape) {
    const Scene original = make_test_phantom();
    const auto path = test::output_dir() / (std::string("phantom") + GetParam());
    export_scene(original, path);
    const Scene back = import_scene(path, {}, *library_);
    ASSERT_EQ(back.objects.size(), original.objects.size());
    for (const auto& o : original.objects) {
        const auto it = std::find_if(back.objects.begin(), back.objects.end(), [&](const auto& b) { return b.name == o.name; });
        ASSERT_NE(it, back.objects.end()) << o.name;
        EXPECT_EQ(it->material, o.material) << o.name;
        EXPECT_EQ(it->mesh.triangles.size(), o.mesh.triangles.size()) << o.name;
        EXPECT_NEAR(signed_volume(it->mesh), signed_volume(o.mesh), 1e-3 * signed_volume(o.mesh)) << o.name;
        const std::string parent = o.parent >= 0 ? original.objects[std::size_t(o.parent)].name : "";
        const std::string back_parent = it->parent >= 0 ? back.objects[std::size_t(it->parent)].name : "";
        EXPECT_EQ(back_parent, parent) << o.name;
    }
}

INSTANTIATE_TEST_SUITE_P(Formats, MeshFile, ::testing::Values(".glb", ".gltf", ".obj", ".stl"),
                         [](const auto& p) { return std::string(p.param + 1); });

TEST_F(MeshFile, UnitsAndUpAxisAreApplied) {
    Scene s;
    s.add({"bone", "bone_cortical", -1, primitives::box({0, 0, 0}, {1, 2, 3})});  // cm, y up
    const auto path = test::output_dir() / "box_cm_yup.obj";
    export_scene(s, path);
    MeshImportOptions o;
    o.millimetres_per_unit = millimetres_per_unit("cm");
    o.up_axis = 'y';
    const Scene back = import_scene(path, o, *library_);
    const Aabb b = bounds(back.objects[0].mesh);
    // File y (2 cm) becomes patient z (20 mm), file z (3 cm) patient -y (30 mm).
    EXPECT_NEAR(b.size().x, 10.0f, 1e-4f);
    EXPECT_NEAR(b.size().z, 20.0f, 1e-4f);
    EXPECT_NEAR(b.size().y, 30.0f, 1e-4f);
    EXPECT_NEAR(b.max.y, 0.0f, 1e-4f);
    EXPECT_TRUE(check_mesh(back.objects[0].mesh).ok());
}

TEST_F(MeshFile, MaterialsFromLabelsAndOverride) {
    Scene s;
    s.add({"Trunk", "soft_tissue", -1, primitives::box({-50, -50, -50}, {50, 50, 50})});
    s.add({"L4 vertebra cortex", "bone_cortical", 0, primitives::sphere({0, 0, 0}, 10, 16, 8)});
    const auto path = test::output_dir() / "labels.obj";
    export_scene(s, path);
    // Our own OBJ carries material names; a foreign file would have only the labels, which
    // the importer reads too ("vertebra cortex" -> bone_cortical).
    MeshImportOptions override_all;
    override_all.material_override = "water";
    const Scene water = import_scene(path, override_all, *library_);
    for (const auto& o : water.objects) EXPECT_EQ(o.material, "water");
    override_all.material_override = "unobtainium";
    EXPECT_THROW(import_scene(path, override_all, *library_), InputError);
}

TEST_F(MeshFile, BadFilesAreNamed) {
    const auto missing = test::output_dir() / "missing.glb";
    try {
        import_scene(missing, {}, *library_);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("missing.glb"), std::string::npos);
    }
    const auto garbage = test::output_dir() / "garbage.obj";
    std::ofstream(garbage) << "this is not an obj file\nv 1 2\nf 1 2 3 4 5\n";
    EXPECT_THROW(import_scene(garbage, {}, *library_), InputError);
    // An open mesh is refused by name.
    Scene s;
    auto open = primitives::box({0, 0, 0}, {10, 10, 10});
    open.triangles.pop_back();
    s.add({"open lamina", "bone_cortical", -1, open});
    const auto path = test::output_dir() / "open.obj";
    export_scene(s, path);
    try {
        import_scene(path, {}, *library_);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("'open lamina': open"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace fluorosim::io
