#include <gtest/gtest.h>

#include "core/carm/carm_pose.hpp"

namespace fluorosim {
namespace {

TEST(CArmGeometry, IsocentreProjectsToImageCentreAtEveryAngle) {
    for (double p = -90; p <= 90; p += 15)
        for (double s = -45; s <= 45; s += 15) {
            CArmPose pose;
            pose.primary_deg = p;
            pose.secondary_deg = s;
            pose.isocentre = {12, -7, 30};
            const auto g = carm_geometry(pose);
            const glm::dvec2 px = g.project_px(pose.isocentre, 512, 512);
            EXPECT_NEAR(px.x, 256.0, 1e-9) << p << " " << s;
            EXPECT_NEAR(px.y, 256.0, 1e-9) << p << " " << s;
            EXPECT_NEAR(glm::length(g.source - pose.isocentre), pose.sod_mm, 1e-9);
            EXPECT_NEAR(glm::length(g.detector_centre - g.source), pose.sid_mm, 1e-9);
        }
}

TEST(CArmGeometry, MagnificationIsSidOverSod) {
    CArmPose pose;
    pose.sid_mm = 1000;
    pose.sod_mm = 600;
    const auto g = carm_geometry(pose);
    // A 10 mm offset in the isocentre plane (perpendicular to the beam) becomes 10 * SID/SOD.
    const glm::dvec2 mm = g.project_mm(pose.isocentre + 10.0 * g.right);
    EXPECT_NEAR(mm.x, 10.0 * 1000.0 / 600.0, 1e-9);
    EXPECT_NEAR(g.magnification(), 1000.0 / 600.0, 1e-12);
}

TEST(CArmGeometry, KnownAnglesGiveKnownProjections) {
    // AP (prone, tube under the table): the patient's left appears on the monitor's left and
    // the head at the top, as the operator sees the back.
    const auto ap = carm_geometry(CArmPose{});
    EXPECT_LT(ap.project_mm({20, 0, 0}).x, 0.0);
    EXPECT_GT(ap.project_mm({0, 0, 20}).y, 0.0);
    EXPECT_NEAR(ap.source.y, -650.0, 1e-9);  // beneath (anterior to) the patient
    // LAO 90: the detector on the patient's left, beam along +x; anterior-posterior offsets
    // now spread across the image and left-right offsets project onto the centre.
    CArmPose lao90;
    lao90.primary_deg = 90;
    const auto l = carm_geometry(lao90);
    EXPECT_NEAR(l.beam.x, 1.0, 1e-12);
    EXPECT_NEAR(l.project_mm({30, 0, 0}).x, 0.0, 1e-9);
    EXPECT_NEAR(std::abs(l.project_mm({0, 30, 0}).x), 30.0 * 1000.0 / 650.0, 1e-9);
    // CRAN 30: the beam tilts toward the head by 30 degrees.
    CArmPose cran;
    cran.secondary_deg = 30;
    const auto c = carm_geometry(cran);
    EXPECT_NEAR(c.beam.z, 0.5, 1e-12);
    EXPECT_NEAR(glm::dot(c.beam, c.up), 0.0, 1e-12);
    EXPECT_NEAR(glm::dot(c.beam, c.right), 0.0, 1e-12);
}

TEST(CArmGeometry, PixelCentreRoundTripsThroughProjection) {
    CArmPose pose;
    pose.primary_deg = 25;
    pose.secondary_deg = -10;
    const auto g = carm_geometry(pose);
    const glm::dvec3 p = g.pixel_centre(100, 40, 256, 256);
    const glm::dvec2 px = g.project_px(p, 256, 256);
    EXPECT_NEAR(px.x, 100.5, 1e-9);
    EXPECT_NEAR(px.y, 40.5, 1e-9);
}

TEST(CArmGeometry, ConsoleTextReadsLikeAConsole) {
    EXPECT_EQ(console_angles(CArmPose{}), "AP");
    CArmPose p;
    p.primary_deg = 25;
    p.secondary_deg = -10;
    EXPECT_EQ(console_angles(p), "LAO 25\xC2\xB0  CAU 10\xC2\xB0");
    p.primary_deg = -30;
    p.secondary_deg = 15;
    EXPECT_EQ(console_angles(p), "RAO 30\xC2\xB0  CRA 15\xC2\xB0");
}

}  // namespace
}  // namespace fluorosim
