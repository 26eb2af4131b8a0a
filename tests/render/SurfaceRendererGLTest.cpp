// The 3D learning view draws what it is given, hides what is switched off, and shows the needle.
#include <gtest/gtest.h>

#include <memory>

#include "core/geometry/primitives.hpp"
#include "core/image/image.hpp"
#include "render/gl_context.hpp"
#include "render/surface_renderer.hpp"

namespace fluorosim::render {
namespace {

Image8 snapshot(const SurfaceRenderer& r) {
    Image8 img(r.width(), r.height(), 4);
    glGetTextureImage(r.texture(), 0, GL_RGBA, GL_UNSIGNED_BYTE, GLsizei(img.pixels.size()), img.pixels.data());
    return img;  // bottom-up rows; the tests look at the centre and a corner only
}

TEST(SurfaceRendererGLTest, DrawsVisibleStructuresAndHidesOthers) {
    HeadlessContext context;
    Scene scene;
    scene.add({"vertebra", "bone_cortical", -1, primitives::sphere({0, 0, 0}, 60, 32, 16)});
    SurfaceRenderer r(64, 64);
    r.set_scene(scene);
    OrbitCamera camera;
    r.draw(camera, nullptr);
    Image8 img = snapshot(r);
    const auto centre = img.at(32, 32, 0), corner = img.at(1, 1, 0);
    EXPECT_GT(centre, 150) << "bone is ivory and lit";
    EXPECT_LT(corner, 50) << "background";
    r.set_visible("bone_cortical", false);
    r.draw(camera, nullptr);
    img = snapshot(r);
    EXPECT_LT(img.at(32, 32, 0), 50) << "hidden bone is not drawn";
}

TEST(SurfaceRendererGLTest, ShowsTheNeedleAndTheCArm) {
    HeadlessContext context;
    SurfaceRenderer r(96, 96);
    r.set_scene(Scene{});
    OrbitCamera camera;
    camera.distance_mm = 300;
    r.draw(camera, nullptr);
    const Image8 empty = snapshot(r);
    r.set_needle({{0, 80, 0}, {0, 0, 0}, {0, -10, 0}}, 0.36f);
    const CArmGeometry g = carm_geometry(CArmPose{});
    r.draw(camera, &g);
    const Image8 with = snapshot(r);
    int changed = 0;
    for (std::size_t i = 0; i < with.pixels.size(); i += 4) changed += with.pixels[i] != empty.pixels[i];
    EXPECT_GT(changed, 30);
}

}  // namespace
}  // namespace fluorosim::render
