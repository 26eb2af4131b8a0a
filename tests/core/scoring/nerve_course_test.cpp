// RF targets along a nerve's course: a polyline landmark is a tube-shaped target zone, and
// `parallel_to_nerve: {landmark: ...}` takes the nerve's direction from that course in each
// patient (scenario errors name the field).
#include <gtest/gtest.h>

#include "core/scoring/scoring_test_support.hpp"  // tests/core on the include path

namespace fluorosim {
namespace {

using namespace scoring_test;

const char* const k_course = "L5.left.medial_branch_course";

std::string rf_yaml(const std::string& parallel) {
    return std::string(
               "fluorosim_scenario: 2\nname: x\nprocedure: rf_neurotomy\nlevel: L4\nside: left\n") +
           "targets:\n  - landmark: " + k_course + "\n    radius_mm: 2\n" +
           "rubric:\n  parallel_to_nerve:\n" + parallel;
}

std::set<std::string> standard_names() {
    std::set<std::string> names;
    for (const auto& [name, l] : standard_patient().patient->landmarks) names.insert(name);
    return names;
}

std::string error_of(const std::string& text) {
    try {
        parse_scenario(text, "rf.yaml", standard_names());
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST(NerveCourse, IsAPolylineOnTheBoneRunningDorsallyAndCaudally) {
    const Patient& p = *standard_patient().patient;
    const Landmark& l = p.landmark(k_course);
    ASSERT_EQ(l.kind, LandmarkKind::polyline);
    ASSERT_GE(l.points.size(), 3u);
    EXPECT_EQ(l.structure, "L5 cortical");
    // Starts at the SAP-TP junction (the medial branch block target) and runs back (+y) and
    // down (-z) along the SAP neck, 8-20 mm long.
    EXPECT_LT(glm::length(l.points.front() - p.landmark("L5.left.sap_tp_junction").points.front()),
              1.0f);
    const glm::vec3 d = l.points.back() - l.points.front();
    EXPECT_GT(d.y, 4.0f);
    EXPECT_LT(d.z, -2.0f);
    EXPECT_GT(glm::length(d), 8.0f);
    EXPECT_LT(glm::length(d), 20.0f);
}

TEST(NerveCourse, ZoneIsATubeAroundTheCourseAndTheAxisFollowsIt) {
    const Patient& p = *standard_patient().patient;
    const Scenario s = parse_scenario(
        rf_yaml("    landmark: L5.left.medial_branch_course\n    max_angle_deg: 20\n"), "rf.yaml",
        standard_names());
    ASSERT_EQ(s.rubric.parallel.landmark, k_course);
    const Landmark& l = p.landmark(k_course);
    const glm::dvec3 a(l.points.front()), b(l.points.back());
    const glm::dvec3 axis = nerve_axis(s.rubric.parallel, p);
    EXPECT_NEAR(glm::dot(axis, glm::normalize(b - a)), 1.0, 1e-9);
    const Zone& z = s.targets.front();
    // On the course (any vertex): radius inside; 5 mm off it, perpendicular: 3 mm outside.
    for (const glm::vec3& v : l.points) EXPECT_NEAR(zone_distance(z, p, glm::dvec3(v)), -2.0, 1e-6);
    const glm::dvec3 off = glm::normalize(glm::cross(axis, glm::dvec3(1, 0, 0)));
    EXPECT_NEAR(zone_distance(z, p, glm::dvec3(l.points.front()) + 5.0 * off), 3.0, 0.8);
    // Beyond the end along the course: distance from the end point.
    EXPECT_NEAR(zone_distance(z, p, b + 10.0 * axis), 8.0, 1e-6);
}

TEST(NerveCourse, ScenarioErrorsNameTheField) {
    EXPECT_NE(error_of(rf_yaml("    axis: [0, 1, 0]\n    landmark: L5.left.medial_branch_course\n"))
                  .find("either axis or landmark"),
              std::string::npos);
    const std::string unknown = error_of(rf_yaml("    landmark: L5.left.nerve_of_nothing\n"));
    EXPECT_NE(unknown.find("unknown landmark 'L5.left.nerve_of_nothing'"), std::string::npos)
        << unknown;
    EXPECT_NE(unknown.find("rf.yaml"), std::string::npos) << unknown;
    EXPECT_EQ(error_of(rf_yaml("    axis: [0, 0.8, -0.6]\n")), "");
}

}  // namespace
}  // namespace fluorosim
