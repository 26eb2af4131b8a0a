// The shipped standard patient is what the generator makes today: same objects, materials,
// nesting, triangle counts and volumes, same landmarks. A stale asset fails here (see
// assets/patients/README.md to refresh it).
#include <gtest/gtest.h>

#include "core/xray/material_library.hpp"
#include "io/patient_file.hpp"

namespace fluorosim::io {
namespace {

TEST(StandardPatientAsset, MatchesTheGenerator) {
    const Patient shipped = load_patient(standard_patient_dir(), MaterialLibrary::standard());
    EXPECT_EQ(patient_key(shipped.parameters), patient_key(PatientParameters{}));
    const Patient fresh = generate_patient(PatientParameters{});
    ASSERT_EQ(shipped.scene.objects.size(), fresh.scene.objects.size());
    for (std::size_t i = 0; i < fresh.scene.objects.size(); ++i) {
        const auto& a = fresh.scene.objects[i];
        const auto& b = shipped.scene.objects[i];
        EXPECT_EQ(b.name, a.name);
        EXPECT_EQ(b.material, a.material) << a.name;
        EXPECT_EQ(b.parent, a.parent) << a.name;
        EXPECT_EQ(b.mesh.triangles.size(), a.mesh.triangles.size()) << a.name;
        EXPECT_NEAR(signed_volume(b.mesh), signed_volume(a.mesh), 1e-5 * std::abs(signed_volume(a.mesh))) << a.name;
    }
    ASSERT_EQ(shipped.landmarks.size(), fresh.landmarks.size());
    for (const auto& [name, l] : fresh.landmarks) EXPECT_EQ(shipped.landmark(name).points, l.points) << name;
}

}  // namespace
}  // namespace fluorosim::io
