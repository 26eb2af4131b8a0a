// Patient variability parameters change the meshes as they should, and generation is
// deterministic. Variants are generated skeleton-only at half resolution (resolution_scale 2,
// ~1 s each) and compared with a baseline generated the same way; several independent
// parameters share one variant where their effects do not interact.
#include <gtest/gtest.h>

#include <cstring>
#include <map>

#include "anatomy_test_support.hpp"
#include "core/anatomy/pelvis_shape.hpp"
#include "core/anatomy/trunk_shape.hpp"
#include "core/geometry/mesh_query.hpp"

namespace fluorosim {
namespace {

using anatomy_test::mesh_of;
using anatomy_test::ray_hits;

PatientParameters quick() {
    PatientParameters p;
    p.resolution_scale = 2.0f;
    p.skeleton_only = true;
    return p;
}

const Patient& variant(const std::string& key) {
    static std::map<std::string, Patient> cache;
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
    PatientParameters p = quick();
    if (key == "combo") {
        p.bmi = 35.0f;
        p.scoliosis_cobb_deg = 30.0f;
        p.fracture_level = "L1";
        p.fracture_height_loss = 0.4f;
        p.disc_degeneration = 1.0f;
        p.facet_hypertrophy = 1.0f;
    } else if (key == "lumbarized") {
        p.transitional = TransitionalVertebra::lumbarized_s1;
        p.seed = 7;
    } else if (key == "sacralized") {
        p.transitional = TransitionalVertebra::sacralized_l5;
        p.skeleton_only = false;
        p.radiculomedullary_level = "L2";
        p.radiculomedullary_left = false;
    }
    return cache.emplace(key, generate_patient(p)).first->second;
}

float formula_depth_mm(const PatientParameters& p) {
    const float weight = p.bmi * (p.height_cm / 100.0f) * (p.height_cm / 100.0f);
    return 10.0f * (0.05f * weight + 0.36f);
}

// Midline skin-to-epidural depth at L3-L4, measured on the skin mesh along -y.
float measured_depth(const Patient& p) {
    const glm::vec3 ref = p.epidural_reference;
    const glm::vec3 o(0.0f, 1000.0f, ref.z);
    const auto hits = ray_hits(mesh_of(p, "skin"), o, {0, -1, 0});
    EXPECT_FALSE(hits.empty());
    return hits.empty() ? 0.0f : (o.y - hits.front()) - ref.y;
}

// Vertebral body anterior height by rays (as in dimensions_test).
float anterior_height(const Patient& p, const std::string& level) {
    const auto& v = p.layout.vertebrae[p.layout.index_of(level)];
    const TriangleMesh& m = mesh_of(p, level + " cortical");
    const glm::vec3 o = v.frame.to_world({0.0f, -0.5f * v.dims.body_depth + 3.5f, 0.0f});
    const auto up = ray_hits(m, o, v.frame.dir({0, 0, 1}));
    const auto down = ray_hits(m, o, v.frame.dir({0, 0, -1}));
    return (up.empty() || down.empty()) ? 0.0f : up.front() + down.front();
}

float disc_height(const Patient& p, const std::string& upper, const std::string& lower) {
    for (const auto& d : p.layout.discs) {
        if (d.name != upper + "-" + lower) continue;
        const glm::vec3 axis = d.frame.dir({0, 0, 1});
        const auto up = ray_hits(mesh_of(p, upper + " cortical"), d.frame.origin, axis);
        const auto down = ray_hits(mesh_of(p, lower + " cortical"), d.frame.origin, -axis);
        return (up.empty() || down.empty()) ? 0.0f : up.front() + down.front();
    }
    return 0.0f;
}

// Coronal tilt (deg) of a vertebra's superior endplate, fitted to the mesh: z = a x + b y + c
// over the endplate's top vertices (the symmetric 1 mm cup does not tilt the fit).
float endplate_coronal_tilt(const Patient& p, const std::string& level) {
    const auto& v = p.layout.vertebrae[p.layout.index_of(level)];
    const float h = 0.5f * v.height_posterior;
    glm::dmat3 ata(0.0);
    glm::dvec3 atb(0.0);
    for (const auto& w : mesh_of(p, level + " cortical").vertices) {
        const glm::vec3 l = v.frame.to_local(w);
        if (l.z < h - 2.5f || std::abs(l.x) > 0.5f * v.dims.body_width - 4.0f ||
            std::abs(l.y) > 0.5f * v.dims.body_depth - 4.0f)
            continue;
        const glm::dvec3 r(w.x, w.y, 1.0);
        ata += glm::outerProduct(r, r);
        atb += r * double(w.z);
    }
    const glm::dvec3 abc = glm::inverse(ata) * atb;
    return static_cast<float>(std::atan(abc.x) * 57.29577951308232);
}

void check_SameParametersGiveABitIdenticalPatient() {
    const Patient& a = variant("base");
    const Patient b = generate_patient(quick());
    ASSERT_EQ(a.scene.objects.size(), b.scene.objects.size());
    for (std::size_t i = 0; i < a.scene.objects.size(); ++i) {
        const auto& ma = a.scene.objects[i].mesh;
        const auto& mb = b.scene.objects[i].mesh;
        EXPECT_EQ(a.scene.objects[i].name, b.scene.objects[i].name);
        ASSERT_EQ(ma.vertices.size(), mb.vertices.size()) << a.scene.objects[i].name;
        ASSERT_EQ(ma.triangles.size(), mb.triangles.size()) << a.scene.objects[i].name;
        EXPECT_EQ(0, std::memcmp(ma.vertices.data(), mb.vertices.data(),
                                 ma.vertices.size() * sizeof(glm::vec3)))
            << a.scene.objects[i].name;
        EXPECT_EQ(0, std::memcmp(ma.triangles.data(), mb.triangles.data(),
                                 ma.triangles.size() * sizeof(glm::uvec3)))
            << a.scene.objects[i].name;
    }
    ASSERT_EQ(a.landmarks.size(), b.landmarks.size());
    for (const auto& [name, l] : a.landmarks)
        for (std::size_t k = 0; k < l.points.size(); ++k)
            EXPECT_EQ(0,
                      std::memcmp(&l.points[k], &b.landmarks.at(name).points[k], sizeof(glm::vec3)))
                << name;
}

void check_EveryVariantIsValid() {
    for (const char* key : {"base", "combo", "lumbarized", "sacralized"}) {
        const Patient& p = variant(key);
        for (const auto& o : p.scene.objects) {
            const MeshCheck c = check_mesh(o.mesh);
            EXPECT_TRUE(c.ok() && o.mesh.triangle_count() > 0)
                << key << " " << o.name << ": " << c.describe();
        }
        EXPECT_LE(p.scene.triangle_count(), p.parameters.triangle_budget) << key;
    }
}

// BMI sets the skin-to-epidural depth: 0.05 x weight(kg) + 0.36 cm [S: clinical.md 2.3].
// Skin mesh: 7 mm grid (never coarsened) on a nearly flat back, decimation 0.5 mm: 1.5 mm.
void check_BmiSetsSkinToEpiduralDepthByTheFormula() {
    const Patient& base = variant("base");
    const Patient& obese = variant("combo");
    const float d0 = measured_depth(base), d1 = measured_depth(obese);
    EXPECT_NEAR(d0, formula_depth_mm(base.parameters), 1.5f);   // 75 kg -> 41.1 mm
    EXPECT_NEAR(d1, formula_depth_mm(obese.parameters), 1.5f);  // 107 kg -> 57.2 mm
    EXPECT_NEAR(d1 - d0, 0.5f * (obese.parameters.bmi - base.parameters.bmi) * 1.75f * 1.75f, 1.5f);
}

// Below ~66 kg the formula would put the skin inside the spinous processes; the model keeps
// the supraspinous ligament, 1.5 mm of fat and the skin over the tips instead (analytic check).
void check_LeanPatientKeepsTheAnatomicalMinimumDepth() {
    PatientParameters lean;
    lean.bmi = 17.0f;
    const SpineLayout L = layout_spine(lean);
    const SacrumGeometry sg = sacrum_geometry(L, lean);
    const TrunkGeometry t =
        trunk_geometry(L, sg, lean, sdf::make_box({-150, -150, -200}, {150, 150, 300}));
    EXPECT_GE(t.skin_y(t.epidural_z) - t.epidural_y, formula_depth_mm(lean));
    EXPECT_GE(t.fat, 1.5f - 1e-4f);
}

void check_ScoliosisShiftsTiltsAndRotatesTheVertebrae() {
    const Patient& base = variant("base");
    const Patient& sco = variant("combo");
    // Cobb angle between the end vertebrae L1 and L5 (apex L3), from the fitted endplates:
    // 1 deg of fit noise per endplate plus the layout's small-angle composition: 4 deg.
    const float cobb =
        std::abs(endplate_coronal_tilt(sco, "L1") - endplate_coronal_tilt(sco, "L5"));
    const float cobb0 =
        std::abs(endplate_coronal_tilt(base, "L1") - endplate_coronal_tilt(base, "L5"));
    EXPECT_NEAR(cobb, sco.parameters.scoliosis_cobb_deg, 4.0f);
    EXPECT_LT(cobb0, 2.0f);
    // The apex deviates toward the convexity (left, +x) by several mm.
    auto centroid_x = [](const TriangleMesh& m) {
        double x = 0;
        for (const auto& v : m.vertices) x += double(v.x);
        return x / double(m.vertices.size());
    };
    EXPECT_GT(centroid_x(mesh_of(sco, "L3 cortical")) - centroid_x(mesh_of(base, "L3 cortical")),
              5.0);
    // Axial rotation of the apex (1/3 of the Cobb angle = 10 deg toward the convexity): the
    // spinous tip, ~60 mm behind the body centre, swings ~10 mm toward the concavity (right).
    auto tip_offset = [](const Patient& p) {
        const auto& v = p.layout.vertebrae[p.layout.index_of("L3")];
        glm::vec3 tip(0.0f, -1e9f, 0.0f);
        for (const auto& w : mesh_of(p, "L3 cortical").vertices)
            if (w.y > tip.y) tip = w;
        return tip.x - v.frame.origin.x;
    };
    EXPECT_LT(tip_offset(sco) - tip_offset(base), -5.0f);
}

void check_CompressionFractureReducesThatBodysHeight() {
    const Patient& base = variant("base");
    const Patient& fx = variant("combo");
    const float h0 = anterior_height(base, "L1"), h1 = anterior_height(fx, "L1");
    // 40% anterior loss; ray heights carry ~0.6 mm of grid error each at half resolution.
    EXPECT_NEAR(h1, 0.6f * h0, 1.2f);
    EXPECT_NEAR(anterior_height(fx, "L3"), anterior_height(base, "L3"), 1.2f);  // others unchanged
}

void check_DiscDegenerationLowersTheLowDiscsMost() {
    const Patient& base = variant("base");
    const Patient& deg = variant("combo");
    // Full effect (50% height loss) at L4-L5 and L5-S1, half above [patient_parameters.hpp].
    EXPECT_NEAR(disc_height(deg, "L4", "L5"), 0.5f * disc_height(base, "L4", "L5"), 1.0f);
    EXPECT_NEAR(disc_height(deg, "L2", "L3"), 0.75f * disc_height(base, "L2", "L3"), 1.0f);
}

// SAP thickness across the L4-L5 joint, measured on the L5 mesh along the joint normal from
// the middle of the joint space: up to 60% thicker with full hypertrophy.
float sap_thickness(const Patient& p, int side) {
    for (const auto& j : p.layout.facets) {
        if (j.name != "L4-L5" || j.side != side) continue;
        const auto hits =
            ray_hits(mesh_of(p, "L5 cortical"), j.frame.origin, j.frame.dir({0, -1, 0}));
        return hits.size() >= 2 ? hits[1] - hits[0] : 0.0f;
    }
    return 0.0f;
}

void check_FacetHypertrophyThickensTheArticularProcesses() {
    const Patient& base = variant("base");
    const Patient& hyp = variant("combo");
    for (int side : {1, -1}) {
        const float t0 = sap_thickness(base, side), t1 = sap_thickness(hyp, side);
        // 7 mm -> 11.2 mm; rounded edges and half-resolution grids: 1.5 mm.
        EXPECT_NEAR(t0, 7.0f, 1.5f) << side;
        EXPECT_NEAR(t1, 7.0f * 1.6f, 1.5f) << side;
    }
}

void check_TransitionalVertebraChangesTheLumbarCount() {
    EXPECT_EQ(variant("base").lumbar_levels().size(), 5u);
    const Patient& six = variant("lumbarized");
    EXPECT_EQ(six.lumbar_levels().size(), 6u);
    EXPECT_GE(six.find("L6 cortical"), 0);
    EXPECT_GE(six.layout.index_of("L6"), 0);
    const Patient& four = variant("sacralized");
    EXPECT_EQ(four.lumbar_levels().size(), 4u);
    EXPECT_LT(four.find("L5 cortical"), 0);
    EXPECT_LT(four.find("L5-S1 annulus"), 0);
    EXPECT_GE(four.find("L4-L5 annulus"), 0);
    // The fused L5 is part of the sacrum: the sacrum reaches up to the L4-L5 disc.
    EXPECT_GT(bounds(mesh_of(four, "sacrum cortical")).max.z,
              four.layout.vertebrae[four.layout.index_of("L5")].frame.origin.z);
}

void check_SeedChangesIndividualDimensions() {
    const Patient& a = variant("base");
    const Patient& b = variant("lumbarized");  // seed 7
    const float wa = a.layout.vertebrae[a.layout.index_of("L3")].dims.body_width;
    const float wb = b.layout.vertebrae[b.layout.index_of("L3")].dims.body_width;
    EXPECT_GT(std::abs(wa - wb), 0.05f);
    EXPECT_NEAR(wa, wb, 0.12f * wa);  // within +-6% of the table each
}

void check_RadiculomedullaryArteryFollowsLevelAndSide() {
    const Patient& p = variant("sacralized");
    EXPECT_GE(p.find("radiculomedullary artery L2 right"), 0);
    EXPECT_LT(p.find("radiculomedullary artery L1 left"), 0);
    ASSERT_TRUE(p.landmarks.count("L2-L3.right.radiculomedullary_entry"));
    EXPECT_LT(p.landmark("L2-L3.right.radiculomedullary_entry").points[0].x,
              0.0f);  // patient right = -x
}

// Landmarks follow the anatomy on a transitional patient too (L5 fused into the sacrum): every
// landmark names an existing structure and lies in or on it; half-resolution meshes move
// surfaces by up to ~0.7 mm more than the standard patient's, hence +0.7 mm.
void check_LandmarksHoldOnATransitionalPatient() {
    const Patient& p = variant("sacralized");
    EXPECT_FALSE(p.landmarks.count("L5.left.pedicle_centre"));
    EXPECT_TRUE(p.landmarks.count("L4-L5.left.safe_triangle"));
    for (const auto& [name, l] : p.landmarks) {
        const int i = p.find(l.structure);
        ASSERT_GE(i, 0) << name << " names missing structure " << l.structure;
        for (const auto& pt : l.points)
            EXPECT_LE(signed_distance(p.scene.objects[i].mesh, pt), l.tolerance_mm + 0.7f) << name;
    }
}

// CTest runs every TEST in its own process; grouping the checks that share the variants keeps
// each variant to one generation per process.
TEST(Variation, SameParametersGiveABitIdenticalPatient) {
    {
        SCOPED_TRACE("SameParametersGiveABitIdenticalPatient");
        check_SameParametersGiveABitIdenticalPatient();
    }
}

TEST(Variation, LeanPatientKeepsTheAnatomicalMinimumDepth) {
    {
        SCOPED_TRACE("LeanPatientKeepsTheAnatomicalMinimumDepth");
        check_LeanPatientKeepsTheAnatomicalMinimumDepth();
    }
}

TEST(Variation, ParametersChangeTheMeshesAsExpected) {
    {
        SCOPED_TRACE("EveryVariantIsValid");
        check_EveryVariantIsValid();
    }
    {
        SCOPED_TRACE("BmiSetsSkinToEpiduralDepthByTheFormula");
        check_BmiSetsSkinToEpiduralDepthByTheFormula();
    }
    {
        SCOPED_TRACE("ScoliosisShiftsTiltsAndRotatesTheVertebrae");
        check_ScoliosisShiftsTiltsAndRotatesTheVertebrae();
    }
    {
        SCOPED_TRACE("CompressionFractureReducesThatBodysHeight");
        check_CompressionFractureReducesThatBodysHeight();
    }
    {
        SCOPED_TRACE("DiscDegenerationLowersTheLowDiscsMost");
        check_DiscDegenerationLowersTheLowDiscsMost();
    }
    {
        SCOPED_TRACE("FacetHypertrophyThickensTheArticularProcesses");
        check_FacetHypertrophyThickensTheArticularProcesses();
    }
    {
        SCOPED_TRACE("TransitionalVertebraChangesTheLumbarCount");
        check_TransitionalVertebraChangesTheLumbarCount();
    }
    {
        SCOPED_TRACE("SeedChangesIndividualDimensions");
        check_SeedChangesIndividualDimensions();
    }
    {
        SCOPED_TRACE("RadiculomedullaryArteryFollowsLevelAndSide");
        check_RadiculomedullaryArteryFollowsLevelAndSide();
    }
    {
        SCOPED_TRACE("LandmarksHoldOnATransitionalPatient");
        check_LandmarksHoldOnATransitionalPatient();
    }
}

}  // namespace
}  // namespace fluorosim
