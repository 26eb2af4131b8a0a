#pragma once
// The test phantom: a soft-tissue trunk holding a short column of bone-like cylinders
// (vertebral bodies: cortical shell around a cancellous core, discs between them), spheres
// (pedicles) and a posterior cylinder (spinous process). Simple enough to check against closed
// forms, shaped enough that C-arm angles read on the image.
#include "core/scene/scene.hpp"

namespace fluorosim {

struct TestPhantomLayout {
    float trunk_half_width = 150.0f;  // mm, left-right semi-axis
    float trunk_half_depth = 110.0f;  // mm, anterior-posterior semi-axis
    float trunk_half_length = 150.0f; // mm along z
    float body_radius = 20.0f;
    float body_height = 25.0f;
    float disc_height = 10.0f;
    float cortical_mm = 2.5f;
    int levels = 3;
};

Scene make_test_phantom(const TestPhantomLayout& layout = {});

}  // namespace fluorosim
