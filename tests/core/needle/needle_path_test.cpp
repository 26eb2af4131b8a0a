#include <gtest/gtest.h>

#include <cmath>

#include "core/needle/needle_path.hpp"
#include "core/needle/tissue_mechanics.hpp"

namespace fluorosim {
namespace {

constexpr double kTight = 1e-12;

TEST(NeedlePath, BevelFaceFollowsTheHub) {
    const glm::dvec3 down(0, -1, 0);
    // 0 deg: toward the head; turning right-handed about the shaft (pointing -y): +90 faces
    // the patient's right (-x), 180 the feet.
    EXPECT_LT(glm::length(bevel_face(down, 0.0) - glm::dvec3(0, 0, 1)), kTight);
    EXPECT_LT(glm::length(bevel_face(down, 90.0) - glm::dvec3(-1, 0, 0)), kTight);
    EXPECT_LT(glm::length(bevel_face(down, 180.0) - glm::dvec3(0, 0, -1)), kTight);
    // Always across the shaft, even for a shaft along z.
    EXPECT_NEAR(glm::dot(bevel_face({0, 0, 1}, 30.0), glm::dvec3(0, 0, 1)), 0.0, kTight);
}

TEST(NeedlePath, ArcBendsAwayFromTheBevelByKappaLSquaredOverTwo) {
    const double kappa = 0.002, length = 40.0;
    const TipFrame start{{0, 0, 0}, {0, -1, 0}, {0, 0, 1}, 0.0};
    const TipFrame end = arc_step(start, length, kappa);
    // Exact arc: lateral R(1 - cos(L/R)), along R sin(L/R); away from the bevel (+z) = -z.
    const double r = 1.0 / kappa;
    EXPECT_NEAR(end.position.z, -r * (1.0 - std::cos(length / r)), kTight);
    EXPECT_NEAR(end.position.y, -r * std::sin(length / r), kTight);
    EXPECT_NEAR(end.position.x, 0.0, kTight);
    // Small-angle size: kappa L^2 / 2 = 1.6 mm; the arc differs by (kappa L)^2 / 12 relative = 5e-4.
    EXPECT_NEAR(-end.position.z, kappa * length * length / 2.0, 1e-3 * kappa * length * length / 2.0);
    EXPECT_DOUBLE_EQ(end.s, length);
    // The frame stays orthonormal and turns by kappa * L.
    EXPECT_NEAR(glm::length(end.direction), 1.0, kTight);
    EXPECT_NEAR(glm::dot(end.direction, end.bevel), 0.0, kTight);
    EXPECT_NEAR(std::acos(glm::dot(end.direction, start.direction)), kappa * length, 1e-9);
    // Two half steps make the same arc (the frame is carried along).
    const TipFrame half = arc_step(arc_step(start, length / 2, kappa), length / 2, kappa);
    EXPECT_LT(glm::length(half.position - end.position), 1e-12);
}

TEST(NeedlePath, StraightStepsStayOneSegmentAndRetractExactly) {
    NeedlePath p(TipFrame{{0, 10, 0}, {0, -1, 0}, {0, 0, 1}, 0.0});
    for (int i = 0; i < 20; ++i) p.extend(0.5, 0.0);
    EXPECT_EQ(p.nodes().size(), 2u);
    EXPECT_DOUBLE_EQ(p.length(), 10.0);
    EXPECT_LT(glm::length(p.tip().position - glm::dvec3(0, 0, 0)), kTight);
    EXPECT_DOUBLE_EQ(p.retract(4.0), 4.0);
    EXPECT_LT(glm::length(p.tip().position - glm::dvec3(0, 4, 0)), kTight);
    EXPECT_DOUBLE_EQ(p.retract(100.0), 6.0);  // not beyond the start
    EXPECT_LT(glm::length(p.tip().position - glm::dvec3(0, 10, 0)), kTight);
    EXPECT_EQ(p.nodes().size(), 1u);
}

TEST(NeedlePath, RetractFollowsACurvedPathBack) {
    NeedlePath p(TipFrame{{0, 0, 0}, {0, -1, 0}, {0, 0, 1}, 0.0});
    for (int i = 0; i < 40; ++i) p.extend(0.5, 0.004);
    const TipFrame mid = p.at(7.0);
    p.retract(13.0);
    EXPECT_NEAR(p.length(), 7.0, kTight);
    EXPECT_LT(glm::length(p.tip().position - mid.position), kTight);
    // Interpolated frames stay on the arc to within its chord sag (kappa ds^2 / 8 = 1.3e-4 mm).
    const TipFrame exact = arc_step(p.start(), 7.0, 0.004);
    EXPECT_LT(glm::length(p.tip().position - exact.position), 2e-4);
}

TEST(NeedlePath, TurningTheHubTurnsEveryNode) {
    NeedlePath p(TipFrame{{0, 0, 0}, {0, -1, 0}, {0, 0, 1}, 0.0});
    for (int i = 0; i < 10; ++i) p.extend(0.5, 0.003);
    p.rotate_bevel(180.0);
    for (const TipFrame& f : p.nodes()) {
        EXPECT_NEAR(glm::dot(f.direction, f.bevel), 0.0, 1e-12);
        EXPECT_LT(f.bevel.z, -0.99);  // all face the feet now
    }
}

TEST(TissueMechanics, ResistanceOrderAsCliniciansDescribeIt) {
    auto r = [](TissueClass t) { return mechanics(t).resistance; };
    EXPECT_LT(r(TissueClass::epidural_fat), r(TissueClass::fat));
    EXPECT_LT(r(TissueClass::fat), r(TissueClass::muscle));
    EXPECT_LT(r(TissueClass::muscle), r(TissueClass::ligament));
    EXPECT_LT(r(TissueClass::ligament), r(TissueClass::ligamentum_flavum));
    EXPECT_LT(r(TissueClass::ligamentum_flavum), r(TissueClass::bone));
    EXPECT_TRUE(mechanics(TissueClass::bone).hard_stop);
    // The LOR plunger resists in the flavum and muscle, gives way in epidural fat.
    EXPECT_GE(r(TissueClass::muscle), kPlungerResistanceThreshold);
    EXPECT_LT(r(TissueClass::epidural_fat), kPlungerResistanceThreshold);
    for (int i = 0; i <= int(TissueClass::gas); ++i) {
        EXPECT_GE(r(TissueClass(i)), 0.0);
        EXPECT_LE(r(TissueClass(i)), 1.0);
    }
}

TEST(TissueMechanics, ClassesFromLabelsAndFromMaterials) {
    EXPECT_EQ(tissue_class(StructureKind::ligament, "ligamentum flavum L4-L5"), TissueClass::ligamentum_flavum);
    EXPECT_EQ(tissue_class(StructureKind::ligament, "supraspinous ligament"), TissueClass::ligament);
    EXPECT_EQ(tissue_class(StructureKind::bone_cancellous, "L4 cancellous"), TissueClass::bone);
    EXPECT_EQ(tissue_class(StructureKind::bowel_gas, "bowel gas"), TissueClass::gas);
    EXPECT_EQ(tissue_class_from_material("bone_cortical", "level 1 body cortex"), TissueClass::bone);
    EXPECT_EQ(tissue_class_from_material("adipose", "dorsal epidural fat"), TissueClass::epidural_fat);
    EXPECT_EQ(tissue_class_from_material("blood", "aorta"), TissueClass::artery);
    EXPECT_EQ(tissue_class_from_material("blood", "inferior vena cava"), TissueClass::vein);
    EXPECT_EQ(tissue_class_from_material("soft_tissue", "trunk"), TissueClass::soft_tissue);
}

TEST(TissueMechanics, ThinnerNeedlesBendMore) {
    const NeedleSpec q22{"a", "a", 0.72, 90.0};
    const NeedleSpec q25{"b", "b", 0.51, 90.0};
    NeedleSpec tuohy{"c", "c", 0.91, 90.0};
    tuohy.tip = NeedleTip::tuohy;
    EXPECT_DOUBLE_EQ(curvature_scale(q22), 1.0);
    EXPECT_NEAR(curvature_scale(q25), (0.72 / 0.51) * (0.72 / 0.51), 1e-12);
    EXPECT_NEAR(curvature_scale(tuohy), 1.5 * (0.72 / 0.91) * (0.72 / 0.91), 1e-12);
}

}  // namespace
}  // namespace fluorosim
