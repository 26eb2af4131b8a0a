// A generated patient saved and loaded again is the same patient: objects in the same order
// with the same meshes, structures and landmarks; and a stale or broken file is named.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/util/error.hpp"
#include "core/xray/material_library.hpp"
#include "io/patient_file.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::io {
namespace {

PatientParameters quick() {
    PatientParameters p;
    p.seed = 3;
    p.resolution_scale = 2.0f;  // coarse meshes: this tests the file, not the anatomy
    p.skeleton_only = true;
    return p;
}

TEST(PatientFile, SaveLoadRoundTrip) {
    const Patient original = generate_patient(quick());
    const auto dir = test::output_dir() / "patient_roundtrip";
    std::filesystem::remove_all(dir);
    save_patient(original, dir);
    const MaterialLibrary library = MaterialLibrary::standard();
    const Patient back = load_patient(dir, library);
    ASSERT_EQ(back.scene.objects.size(), original.scene.objects.size());
    for (std::size_t i = 0; i < back.scene.objects.size(); ++i) {
        const auto& a = original.scene.objects[i];
        const auto& b = back.scene.objects[i];
        EXPECT_EQ(b.name, a.name);
        EXPECT_EQ(b.material, a.material);
        EXPECT_EQ(b.parent, a.parent) << a.name;
        EXPECT_EQ(b.mesh.triangles.size(), a.mesh.triangles.size()) << a.name;
        EXPECT_NEAR(signed_volume(b.mesh), signed_volume(a.mesh), 1e-4 * std::abs(signed_volume(a.mesh)) + 1e-6) << a.name;
        EXPECT_EQ(back.structures[i].kind, original.structures[i].kind);
        EXPECT_EQ(back.structures[i].level, original.structures[i].level);
        EXPECT_EQ(back.structures[i].side, original.structures[i].side);
    }
    ASSERT_EQ(back.landmarks.size(), original.landmarks.size());
    for (const auto& [name, l] : original.landmarks) {
        const Landmark& m = back.landmark(name);
        ASSERT_EQ(m.points.size(), l.points.size()) << name;
        for (std::size_t k = 0; k < l.points.size(); ++k) EXPECT_EQ(m.points[k], l.points[k]) << name;
        EXPECT_EQ(m.structure, l.structure);
    }
    EXPECT_EQ(patient_key(back.parameters), patient_key(original.parameters));
    EXPECT_NE(patient_key(back.parameters), patient_key(PatientParameters{}));

    // Another generator version is refused by name.
    std::stringstream buffer;
    buffer << std::ifstream(dir / "patient.json").rdbuf();
    std::string text = buffer.str();
    const std::string stored = "\"generator_version\": " + std::to_string(kPatientGeneratorVersion);
    const auto at = text.find(stored);
    ASSERT_NE(at, std::string::npos);
    text.replace(at, stored.size(), "\"generator_version\": 99");
    std::ofstream(dir / "patient.json") << text;
    try {
        load_patient(dir, library);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("patient.json"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("generator version"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace fluorosim::io
