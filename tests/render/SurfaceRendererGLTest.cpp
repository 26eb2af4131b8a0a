// The 3D learning view draws what it is given, hides what is switched off, and shows the needle.
#include <gtest/gtest.h>

#include <memory>
#include <utility>

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
    r.set_needle({{0, 80, 0}, {0, 0, 0}, {0, -10, 0}}, NeedleLook{});
    const CArmGeometry g = carm_geometry(CArmPose{});
    r.draw(camera, &g);
    const Image8 with = snapshot(r);
    int changed = 0;
    for (std::size_t i = 0; i < with.pixels.size(); i += 4) changed += with.pixels[i] != empty.pixels[i];
    EXPECT_GT(changed, 30);
}

// Red pixels of the hub's bevel notch in the upper and lower halves of the image (rows are
// bottom-up, so the upper half has the larger row numbers).
std::pair<int, int> notch_pixels_up_down(const Image8& img) {
    int up = 0, down = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            const bool red = img.at(x, y, 0) > 180 && img.at(x, y, 1) < 90 && img.at(x, y, 2) < 90;
            (y >= img.height / 2 ? up : down) += red;
        }
    return {up, down};
}

TEST(SurfaceRendererGLTest, HubNotchShowsTheBevelSide) {
    HeadlessContext context;
    SurfaceRenderer r(128, 128);
    r.set_scene(Scene{});
    OrbitCamera camera;  // from above the patient's back (+y), head (+z) up the image
    camera.yaw_deg = 0.0f;
    camera.pitch_deg = 0.0f;
    camera.distance_mm = 170.0f;  // 75 mm behind the hub: 0.37 mm per pixel
    NeedleLook look;
    look.hub_colour = gauge_colour(0.51);  // 25G orange
    look.bevel = {0.0f, 0.0f, 1.0f};       // bevel face toward the head
    const std::vector<glm::vec3> needle{{0, 80, 0}, {0, 0, 0}};  // hub nearest the camera
    r.set_needle(needle, look);
    EXPECT_EQ(r.needle_part_count(), 3u) << "shaft, hub, notch";
    r.draw(camera, nullptr);
    const auto [up_head, down_head] = notch_pixels_up_down(snapshot(r));
    EXPECT_GT(up_head, 10);
    EXPECT_EQ(down_head, 0) << "the notch sits on the bevel's side of the hub";

    look.bevel = {0.0f, 0.0f, -1.0f};  // hub turned 180 degrees
    r.set_needle(needle, look);
    r.draw(camera, nullptr);
    const auto [up_feet, down_feet] = notch_pixels_up_down(snapshot(r));
    EXPECT_GT(down_feet, 10);
    EXPECT_EQ(up_feet, 0);

    int orange = 0;
    const Image8 img = snapshot(r);
    for (std::size_t i = 0; i < img.pixels.size(); i += 4)
        orange += img.pixels[i] > 150 && img.pixels[i + 1] > 60 && img.pixels[i + 1] < 140 && img.pixels[i + 2] < 60;
    EXPECT_GT(orange, 20) << "the hub shows the 25G gauge colour";
}

TEST(SurfaceRendererGLTest, RfCannulaShowsItsElectrode) {
    HeadlessContext context;
    SurfaceRenderer r(64, 64);
    r.set_scene(Scene{});
    NeedleLook look;
    look.active_tip_mm = 10.0f;
    r.set_needle({{0, 100, 0}, {0, 0, 0}}, look);
    EXPECT_EQ(r.needle_part_count(), 4u) << "insulated shaft, electrode, hub, notch";
}

}  // namespace
}  // namespace fluorosim::render
