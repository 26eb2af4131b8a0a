#pragma once
// Golden-image comparison in the f3d / Magnum manner.
//
// A test renders at a fixed size and seed and compares with tests/golden/<name>.png using two
// thresholds on 8-bit per-pixel differences: the largest difference anywhere (catches a
// structure that moved or vanished) and the mean difference (catches a global shift in
// brightness or contrast). Each caller states why its numbers are what they are.
// On failure it writes <output>/<name>.actual.png and <name>.diff.png (difference x8, so a
// difference of 32 is white).
//
// Re-bless (after a deliberate change, once you have looked at the new image):
//   FLUOROSIM_BLESS=1 ctest --preset release -R <TestName>
// then inspect tests/golden/<name>.png and commit it.
#include <string>

#include <gtest/gtest.h>

#include "core/image/image.hpp"

namespace fluorosim::test {

struct GoldenThresholds {
    int max_abs;      // largest per-pixel, per-channel difference allowed (0-255)
    double mean_abs;  // mean per-pixel, per-channel difference allowed (0-255)
};

struct ImageDifference {
    int max_abs = 0;
    double mean_abs = 0.0;
};
ImageDifference difference(const Image8& a, const Image8& b);

::testing::AssertionResult matches_golden(const std::string& name, const Image8& actual,
                                          GoldenThresholds thresholds);

}  // namespace fluorosim::test
