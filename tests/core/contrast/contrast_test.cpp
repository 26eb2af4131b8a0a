// Contrast patterns on the standard patient: each compartment gives its pattern (clinical.md
// 1.2), in the right place, evolving as it should (arterial gone by 2 s, venous washing out,
// epidural spreading over levels), as closed meshes with sane concentrations.
#include <gtest/gtest.h>

#include "core/contrast/contrast.hpp"
#include "core/geometry/mesh.hpp"
#include "core/scenario/scenario.hpp"
#include "core/scoring/scoring_test_support.hpp"

namespace fluorosim {
namespace {

using namespace scoring_test;

const Patient& P() { return *standard_patient().patient; }

ContrastDeposit deposit_at(const glm::dvec3& tip, double ml, double time = 0.0) {
    const TestPatient& tp = standard_patient();
    const int object = tp.query->innermost_at(tip);
    Event e;
    e.kind = EventKind::injection;
    e.substance = "contrast";
    e.amount = ml;
    e.time = time;
    e.position = tip;
    e.tissue = object >= 0 ? tp.classes[std::size_t(object)] : TissueClass::air;
    e.structure = object >= 0 ? tp.patient->scene.objects[std::size_t(object)].name : "";
    const auto d = contrast_deposits(P(), {e});
    EXPECT_EQ(d.size(), 1u);
    return d.front();
}

// A point inside the first object of a kind, nearest to `near`.
glm::dvec3 inside(StructureKind kind, const std::string& name_part, const glm::dvec3& near) {
    const TestPatient& tp = standard_patient();
    for (std::size_t i = 0; i < P().structures.size(); ++i)
        if (P().structures[i].kind == kind && P().scene.objects[i].name.find(name_part) != std::string::npos) {
            const auto pts = points_inside(tp, int(i), near, 1);
            if (!pts.empty()) return pts.front();
        }
    ADD_FAILURE() << "no point inside " << name_part;
    return near;
}

double z_extent(const std::vector<ContrastObject>& objs) {
    Aabb b;
    for (const ContrastObject& o : objs) b.grow(bounds(o.mesh));
    return b.empty() ? 0.0 : double(b.size().z);
}

void sound(const std::vector<ContrastObject>& objs) {
    for (const ContrastObject& o : objs) {
        const MeshCheck c = check_mesh(o.mesh);
        EXPECT_TRUE(c.closed() && c.consistently_oriented() && c.outward()) << o.name;
        EXPECT_GT(signed_volume(o.mesh), 0.0) << o.name;
        EXPECT_GT(o.concentration_mg_ml, 0.0) << o.name;
        EXPECT_LE(o.concentration_mg_ml, kInjectedIodineMgPerMl) << o.name;
    }
}

TEST(Contrast, PatternNamesMatchTheScenarioFormat) {
    for (ContrastPattern p : all_contrast_patterns()) {
        const std::string text = "fluorosim_scenario: 2\nname: x\nprocedure: phantom\nrubric:\n  expected_pattern: " +
                                 std::string(to_string(p)) + "\n";
        EXPECT_NO_THROW(parse_scenario(text, "x.yaml")) << to_string(p);
        EXPECT_FALSE(describe(p).empty());
    }
}

TEST(Contrast, FacetArthrogramFillsTheJointAndRecesses) {
    const glm::dvec3 tip = landmark_point(P(), "L4-L5.left.facet_inferior_recess");
    const ContrastDeposit d = deposit_at(tip, 0.3);
    ASSERT_EQ(d.pattern, ContrastPattern::facet_arthrogram);
    const auto objs = contrast_at(P(), {d}, 3.0);
    sound(objs);
    ASSERT_GE(objs.size(), 3u);  // joint line + two recesses
    // Spans the joint from the inferior to the superior recess.
    const double span = glm::length(landmark_point(P(), "L4-L5.left.facet_superior_recess") - tip);
    EXPECT_GT(z_extent(objs), 0.7 * span);
    EXPECT_TRUE(contrast_at(P(), {d}, -0.1).empty());  // nothing before the injection
}

TEST(Contrast, DorsalEpidurogramSpreadsOverLevelsWithTime) {
    const TestPatient& tp = standard_patient();
    const int fat = P().find("dorsal epidural fat");
    ASSERT_GE(fat, 0);
    const glm::dvec3 tip = points_inside(tp, fat, landmark_point(P(), "L4-L5.dorsal_epidural_space"), 1).front();
    const ContrastDeposit d = deposit_at(tip, 4.5);
    ASSERT_EQ(d.pattern, ContrastPattern::epidurogram_dorsal);
    const double early = z_extent(contrast_at(P(), {d}, 0.2)), late = z_extent(contrast_at(P(), {d}, 12.0));
    sound(contrast_at(P(), {d}, 12.0));
    EXPECT_GT(late, 2.0 * early);
    // 4.5 mL covers ~3 levels (1.5 mL per level): more than two segment heights.
    const double segment = landmark_point(P(), "L3-L4.dorsal_epidural_space").z - landmark_point(P(), "L4-L5.dorsal_epidural_space").z;
    EXPECT_GT(late, 2.0 * segment);
    // A smaller volume spreads less far.
    EXPECT_LT(z_extent(contrast_at(P(), {deposit_at(tip, 1.5)}, 12.0)), late);
}

TEST(Contrast, ArterialFlashIsGoneBy2sAndVenousWashesOut) {
    const glm::dvec3 a = inside(StructureKind::artery, "segmental artery L4 left", landmark_point(P(), "L4.left.pedicle_centre"));
    const ContrastDeposit art = deposit_at(a, 0.5, 10.0);
    ASSERT_EQ(art.pattern, ContrastPattern::arterial);
    EXPECT_GE(contrast_at(P(), {art}, 10.3).size(), 3u);  // branching
    sound(contrast_at(P(), {art}, 10.3));
    EXPECT_TRUE(contrast_at(P(), {art}, 12.0).empty());
    const glm::dvec3 v = inside(StructureKind::vein, "", landmark_point(P(), "L4.body_centre"));
    const ContrastDeposit ven = deposit_at(v, 1.0, 0.0);
    ASSERT_EQ(ven.pattern, ContrastPattern::venous);
    const auto c1 = contrast_at(P(), {ven}, 1.0), c5 = contrast_at(P(), {ven}, 5.0);
    ASSERT_FALSE(c1.empty());
    ASSERT_FALSE(c5.empty());
    EXPECT_LT(c5.front().concentration_mg_ml, 0.5 * c1.front().concentration_mg_ml);
    EXPECT_TRUE(contrast_at(P(), {ven}, 60.0).empty());
}

TEST(Contrast, MyelogramLayersAnteriorlyInTheSacAndSpreadsFast) {
    const glm::dvec3 c = inside(StructureKind::csf, "CSF", landmark_point(P(), "L3-L4.dorsal_epidural_space"));
    const ContrastDeposit d = deposit_at(c, 1.0);
    ASSERT_EQ(d.pattern, ContrastPattern::myelogram);
    const auto objs = contrast_at(P(), {d}, 2.0);
    ASSERT_EQ(objs.size(), 1u);
    sound(objs);
    // Dependent layering in a prone patient: the contrast's centre lies anterior (lower y) of
    // the thecal sac's centre at that height.
    const Aabb b = bounds(objs.front().mesh);
    const int csf = P().find("CSF");
    double ymin = 1e9, ymax = -1e9;
    for (const glm::vec3& q : P().scene.objects[std::size_t(csf)].mesh.vertices)
        if (std::abs(double(q.z) - c.z) < 3.0 && std::abs(double(q.x)) < 4.0) {
            ymin = std::min(ymin, double(q.y));
            ymax = std::max(ymax, double(q.y));
        }
    ASSERT_LT(ymin, ymax);
    double cy = 0.0;  // the contrast's centre at the tip's height (the sac curves with the lordosis)
    int n = 0;
    for (const glm::vec3& q : objs.front().mesh.vertices)
        if (std::abs(double(q.z) - c.z) < 3.0) {
            cy += double(q.y);
            ++n;
        }
    ASSERT_GT(n, 0);
    EXPECT_LT(cy / n, 0.5 * (ymin + ymax));  // anterior of the midline sac's centre
    EXPECT_GT(double(b.size().z), 20.0);
    // Fast: most of its spread within 1 s; a subdural injection spreads far slower.
    EXPECT_GT(z_extent(contrast_at(P(), {d}, 1.0)), 0.8 * z_extent(contrast_at(P(), {d}, 20.0)));
    ContrastDeposit sub = d;
    sub.pattern = ContrastPattern::subdural;
    EXPECT_LT(z_extent(contrast_at(P(), {sub}, 1.0)), 0.5 * z_extent(contrast_at(P(), {sub}, 30.0)));
}

TEST(Contrast, TransforaminalGivesNeurogramAndVentralEpidurogram) {
    const glm::dvec3 tip = landmark_point(P(), "L4-L5.left.safe_triangle");
    const ContrastDeposit d = deposit_at(tip, 1.0);
    ASSERT_EQ(d.pattern, ContrastPattern::neurogram);
    EXPECT_EQ(d.structure, "nerve root L4 left");
    const auto objs = contrast_at(P(), {d}, 5.0);
    sound(objs);
    bool root = false, ventral = false;
    for (const ContrastObject& o : objs) {
        root |= o.pattern == ContrastPattern::neurogram;
        ventral |= o.pattern == ContrastPattern::epidurogram_ventral;
    }
    EXPECT_TRUE(root);
    EXPECT_TRUE(ventral);
}

TEST(Contrast, IntradiscalAndIntramuscularAndSiJoint) {
    const glm::dvec3 n = inside(StructureKind::disc_nucleus, "L4-L5", landmark_point(P(), "L4.inferior_endplate"));
    const ContrastDeposit disc = deposit_at(n, 1.0);
    EXPECT_EQ(disc.pattern, ContrastPattern::nucleogram);
    sound(contrast_at(P(), {disc}, 3.0));
    const glm::dvec3 m = inside(StructureKind::muscle, "paraspinal muscles left", landmark_point(P(), "L3.left.transverse_process_tip") + glm::dvec3(0, 20, 0));
    const ContrastDeposit mus = deposit_at(m, 0.5);
    EXPECT_EQ(mus.pattern, ContrastPattern::intramuscular);
    const auto blob = contrast_at(P(), {mus}, 2.0);
    ASSERT_EQ(blob.size(), 1u);
    EXPECT_LT(glm::length(glm::dvec3(bounds(blob.front().mesh).centre()) - m), 1.0);  // at the tip
    const glm::dvec3 si = landmark_point(P(), "left.si_joint_inferior_third");
    const ContrastDeposit sij = deposit_at(si, 0.5);
    EXPECT_EQ(sij.pattern, ContrastPattern::si_arthrogram);
    sound(contrast_at(P(), {sij}, 3.0));
}

TEST(Contrast, Deterministic) {
    const ContrastDeposit d = deposit_at(landmark_point(P(), "L4-L5.left.safe_triangle"), 1.0);
    const auto a = contrast_at(P(), {d}, 2.5), b = contrast_at(P(), {d}, 2.5);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].mesh.vertices, b[i].mesh.vertices);
        EXPECT_EQ(a[i].concentration_mg_ml, b[i].concentration_mg_ml);
    }
}

}  // namespace
}  // namespace fluorosim
