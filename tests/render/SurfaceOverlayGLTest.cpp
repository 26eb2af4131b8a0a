// The debrief overlay in the 3D view: the tip path and target zones show through the anatomy
// they lie in (a path inside bone would otherwise be hidden), and clearing it removes them.
#include <gtest/gtest.h>

#include "core/geometry/primitives.hpp"
#include "core/image/image.hpp"
#include "render/gl_context.hpp"
#include "render/surface_renderer.hpp"

namespace fluorosim::render {
namespace {

Image8 snapshot(const SurfaceRenderer& r) {
    Image8 img(r.width(), r.height(), 4);
    glGetTextureImage(r.texture(), 0, GL_RGBA, GL_UNSIGNED_BYTE, GLsizei(img.pixels.size()),
                      img.pixels.data());
    return img;  // bottom-up rows; the test looks at the centre only
}

TEST(SurfaceOverlayGLTest, PathAndTargetsShowThroughBone) {
    HeadlessContext context;
    Scene scene;
    scene.add({"vertebra", "bone_cortical", -1, primitives::sphere({0, 0, 0}, 60, 32, 16)});
    SurfaceRenderer r(96, 96);
    r.set_scene(scene);
    // 120 mm from the centre of a 60 mm bone ball: the bone fills the view at ~1.3 px/mm.
    OrbitCamera camera;
    camera.distance_mm = 120.0f;
    auto orange_pixels = [](const Image8& img) {
        int n = 0;
        for (int y = 0; y < img.height; ++y)
            for (int x = 0; x < img.width; ++x)
                n += img.at(x, y, 0) > 180 && img.at(x, y, 1) > 60 && img.at(x, y, 1) < 170 &&
                     img.at(x, y, 2) < 90;
        return n;
    };
    r.draw(camera, nullptr);
    Image8 img = snapshot(r);
    EXPECT_EQ(orange_pixels(img), 0) << "bone only";
    // A path along z through the centre of the ball, 40 mm long: inside the bone, drawn anyway.
    r.set_overlay({{0, 0, -20}, {0, 0, 20}}, {});
    r.draw(camera, nullptr);
    img = snapshot(r);
    EXPECT_GT(orange_pixels(img), 40) << "the orange path over the ivory bone";

    // A target zone alone: green over the bone.
    r.set_overlay({}, {{{0, 0, 0}, 15.0f}});
    r.draw(camera, nullptr);
    img = snapshot(r);
    EXPECT_GT(img.at(48, 48, 1), img.at(48, 48, 0) + 20) << "green dominates inside the zone";

    r.set_overlay({}, {});
    r.draw(camera, nullptr);
    img = snapshot(r);
    EXPECT_EQ(orange_pixels(img), 0) << "cleared";
    EXPECT_LT(std::abs(int(img.at(48, 48, 0)) - int(img.at(48, 48, 1))), 40) << "ivory bone again";
}

}  // namespace
}  // namespace fluorosim::render
