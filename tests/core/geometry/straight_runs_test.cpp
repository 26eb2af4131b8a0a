// Runs of a stepped path: straight stretches merge, a bend or a tissue change starts a new run,
// and no point strays more than the tolerance from its run's chord.
#include <gtest/gtest.h>

#include <cmath>

#include "core/geometry/straight_runs.hpp"

namespace fluorosim {
namespace {

// 0.5 mm steps along y, then an arc of radius 200 mm (a bevelled needle's bend in muscle).
std::vector<glm::dvec3> stepped_path() {
    std::vector<glm::dvec3> p;
    for (int i = 0; i <= 40; ++i) p.emplace_back(0.0, -0.5 * i, 0.0);  // 20 mm straight
    const double r = 200.0;
    for (int i = 1; i <= 60; ++i) {
        const double a = 0.5 * i / r;
        p.emplace_back(r * (1.0 - std::cos(a)), -20.0 - r * std::sin(a), 0.0);
    }
    return p;
}

double chord_distance(const glm::dvec3& p, const glm::dvec3& a, const glm::dvec3& b) {
    const glm::dvec3 c = b - a;
    return glm::length(glm::cross(p - a, c)) / glm::length(c);
}

TEST(StraightRunsTest, MergesStraightStepsAndFollowsABend) {
    const auto p = stepped_path();
    const double tolerance = 0.01;
    const auto runs = straight_runs(p, {}, tolerance);
    ASSERT_GE(runs.size(), 2u);
    EXPECT_EQ(runs.front(), 0u);
    EXPECT_EQ(runs.back(), p.size() - 1);
    EXPECT_GE(runs[1], 40u) << "the 20 mm straight stretch is one run";
    // A chord of length c on radius r sags c^2 / (8 r): 0.01 mm allows c = 4 mm, so the 30 mm
    // arc needs about 8 runs (the straight run takes its tangent start along), far fewer than
    // its 60 steps.
    EXPECT_GE(runs.size() - 1, 7u);
    EXPECT_LE(runs.size() - 1, 20u);
    for (std::size_t k = 0; k + 1 < runs.size(); ++k)
        for (std::size_t i = runs[k]; i <= runs[k + 1]; ++i)
            EXPECT_LE(chord_distance(p[i], p[runs[k]], p[runs[k + 1]]), tolerance + 1e-12) << i;
}

TEST(StraightRunsTest, ATissueChangeStartsANewRun) {
    std::vector<glm::dvec3> p;
    std::vector<int> tissue;
    for (int i = 0; i <= 10; ++i) p.emplace_back(0.0, -0.5 * i, 0.0);
    for (int i = 0; i < 10; ++i) tissue.push_back(i < 4 ? 1 : 2);  // fat for 2 mm, then muscle
    EXPECT_EQ(straight_runs(p, tissue, 0.01), (std::vector<std::size_t>{0, 4, 10}));
    EXPECT_TRUE(straight_runs({glm::dvec3(0.0)}, {}, 0.01).empty());
}

}  // namespace
}  // namespace fluorosim
