// GL tests: need an OpenGL 4.5 core context (headless EGL; llvmpipe in CI). CTest label "gl".
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "core/carm/carm_pose.hpp"
#include "core/geometry/primitives.hpp"
#include "core/util/error.hpp"
#include "render/gl_context.hpp"
#include "render/shader.hpp"
#include "render/xray_renderer.hpp"

namespace fluorosim::render {
namespace {

class XrayRendererGLTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { context_ = std::make_unique<HeadlessContext>(true); }
    static void TearDownTestSuite() { context_.reset(); }
    static std::unique_ptr<HeadlessContext> context_;
};
std::unique_ptr<HeadlessContext> XrayRendererGLTest::context_;

Attenuation mono(const std::vector<float>& mu) { return fixed_attenuation(mu); }

TEST_F(XrayRendererGLTest, ContextIsOpenGL45Core) {
    const GlInfo info = query_gl_info();
    GLint major = 0, minor = 0, profile = 0;
    glGetIntegerv(GL_MAJOR_VERSION, &major);
    glGetIntegerv(GL_MINOR_VERSION, &minor);
    glGetIntegerv(GL_CONTEXT_PROFILE_MASK, &profile);
    EXPECT_GE(major * 10 + minor, 45) << info.version;
    EXPECT_TRUE(profile & GL_CONTEXT_CORE_PROFILE_BIT);
}

// A sphere of radius 40 mm at the isocentre, AP view: every pixel's path length must equal the
// analytic chord of the ray from the focal spot through that pixel centre.
TEST_F(XrayRendererGLTest, SpherePathLengthsMatchAnalyticChords) {
    const double r = 40.0;
    Scene scene;
    scene.add({"sphere", "water", -1, primitives::sphere({0, 0, 0}, float(r), 128, 64)});
    const CArmPose pose{};
    const CArmGeometry g = carm_geometry(pose);
    const int n = 128;
    XrayRenderer renderer(n, n);
    renderer.set_closure_check(true);
    renderer.set_scene(scene, {});
    renderer.render(g, mono({0.02f}));
    const ImageF lengths = renderer.read_path_length(0);
    const ImageF closure = renderer.read_closure();
    // Inscribed 128x64 UV sphere: radial error r(1 - cos(pi/64)) = 0.048 mm, so chords away from
    // the rim are short by at most ~0.1 mm + float error; near the rim chords change fast, so
    // only pixels whose ray passes > 2 mm inside the rim are compared.
    double max_err = 0.0;
    int compared = 0;
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            EXPECT_EQ(closure.at(x, y), 0.0f) << x << "," << y;
            const glm::dvec3 s = g.source;
            const glm::dvec3 dir = glm::normalize(g.pixel_centre(x, y, n, n) - s);
            const double tca = glm::dot(-s, dir);
            const double d2 = glm::dot(s, s) - tca * tca;
            const double inside = r * r - d2;
            if (std::sqrt(std::max(d2, 0.0)) < r - 2.0) {
                max_err = std::max(max_err, std::abs(double(lengths.at(x, y)) - 2.0 * std::sqrt(inside)));
                ++compared;
            } else if (d2 > (r + 1) * (r + 1)) {
                EXPECT_NEAR(lengths.at(x, y), 0.0f, 1e-3f);
            }
        }
    }
    EXPECT_GT(compared, 1000);
    EXPECT_LT(max_err, 0.25) << "largest chord error in mm";
}

// Nesting: a cortical shell (sphere r=30) around a cancellous core (sphere r=20), both inside a
// soft-tissue cylinder. Channels must hold the exact per-material lengths along the central ray.
TEST_F(XrayRendererGLTest, NestedObjectsSeparateMaterialsExactly) {
    Scene scene;
    const int body = scene.add({"body", "soft_tissue", -1,
                                primitives::elliptic_cylinder_z({0, 0}, 150, 100, -100, 100, 128)});
    const int shell = scene.add({"shell", "bone_cortical", body, primitives::sphere({0, 0, 0}, 30, 96, 48)});
    scene.add({"core", "bone_cancellous", shell, primitives::sphere({0, 0, 0}, 20, 96, 48)});
    XrayRenderer renderer(65, 65);
    renderer.set_scene(scene, {});
    ASSERT_EQ(renderer.channels().materials.size(), 3u);
    renderer.render(carm_geometry(CArmPose{}), mono({0.02f, 0.05f, 0.03f}));
    // The central pixel's ray is the central ray (odd size): along y through the centre.
    const float soft = renderer.read_path_length(0).at(32, 32);
    const float cortical = renderer.read_path_length(1).at(32, 32);
    const float cancellous = renderer.read_path_length(2).at(32, 32);
    EXPECT_NEAR(soft, 200.0f - 60.0f, 0.05f);
    EXPECT_NEAR(cortical, 60.0f - 40.0f, 0.05f);
    EXPECT_NEAR(cancellous, 40.0f, 0.05f);
    // Beer-Lambert, one energy: line integral and signal follow in closed form.
    const double line = 0.02 * 140 + 0.05 * 20 + 0.03 * 40;
    EXPECT_NEAR(renderer.read_line_integral().at(32, 32), line, 1e-3);
    EXPECT_NEAR(renderer.read_signal().at(32, 32), std::exp(-line), 1e-4);
}

// Two energy bins: signal = sum w_b exp(-mu_b L).
TEST_F(XrayRendererGLTest, PolychromaticCompositingMatchesClosedForm) {
    Scene scene;
    scene.add({"slab", "water", -1, primitives::box({-50, -25, -50}, {50, 25, 50})});
    XrayRenderer renderer(33, 33);
    renderer.set_scene(scene, {});
    Attenuation att;
    att.bin_weight = {0.3f, 0.7f};
    att.bin_count_weight = {0.5f, 0.5f};
    att.mu_per_mm = {{0.04f}, {0.02f}};
    att.mu_reference_per_mm = {0.02f};
    renderer.render(carm_geometry(CArmPose{}), att);
    const double expected = 0.3 * std::exp(-0.04 * 50) + 0.7 * std::exp(-0.02 * 50);
    EXPECT_NEAR(renderer.read_signal().at(16, 16), expected, 1e-5);
}

TEST_F(XrayRendererGLTest, OpenMeshShowsNonZeroClosure) {
    Scene scene;
    auto open_box = primitives::box({-20, -20, -20}, {20, 20, 20});
    open_box.triangles.erase(open_box.triangles.begin());  // a hole in the bottom cap
    scene.add({"open", "water", -1, open_box});
    XrayRenderer renderer(64, 64);
    renderer.set_closure_check(true);
    renderer.set_scene(scene, {});
    CArmPose tilted;
    tilted.secondary_deg = 60.0;
    renderer.render(carm_geometry(tilted), mono({0.02f}));
    const ImageF closure = renderer.read_closure();
    int bad = 0;
    for (float v : closure.pixels) bad += v != 0.0f;
    EXPECT_GT(bad, 0);
}

TEST_F(XrayRendererGLTest, ShaderCompileErrorNamesFileAndLine) {
    try {
        ShaderProgram::from_sources({{GL_FRAGMENT_SHADER, "#version 450 core\nvoid main() {\n  oops;\n}\n"}},
                                    {"shaders/broken.frag"});
        FAIL() << "a broken shader compiled";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("shaders/broken.frag:3"), std::string::npos) << e.what();
    }
}

TEST(ShaderLog, AttributesMesaAndNvidiaLinesToFile) {
    EXPECT_EQ(attribute_log_to_file("0:12(5): error: `x' undeclared", "a.frag"), "a.frag:12:5: error: `x' undeclared");
    EXPECT_EQ(attribute_log_to_file("0(7) : error C1008: undefined variable", "b.vert"),
              "b.vert:7: error C1008: undefined variable");
}

}  // namespace
}  // namespace fluorosim::render

namespace fluorosim::render {
namespace {

// Overlays (injected contrast) add their weighted length to their channel and subtract it from
// the displaced one; replacing them leaves the anatomy untouched.
TEST_F(XrayRendererGLTest, OverlayObjectsAddWeightedLength) {
    Scene scene;
    scene.add({"slab", "water", -1, primitives::box({-50, -25, -50}, {50, 25, 50})});
    XrayRenderer renderer(33, 33);
    renderer.set_closure_check(true);
    renderer.set_scene(scene, {"iodine_contrast"});
    ASSERT_EQ(renderer.channels().materials.size(), 2u);
    renderer.set_overlay({{primitives::box({-5, -10, -5}, {5, 10, 5}), "iodine_contrast", "water", 0.5f}});
    Attenuation a = mono({0.02f, 0.5f});
    renderer.render(carm_geometry(CArmPose{}), a);
    EXPECT_NEAR(renderer.read_path_length(1).at(16, 16), 0.5f * 20.0f, 1e-3f);
    EXPECT_NEAR(renderer.read_path_length(0).at(16, 16), 50.0f - 0.5f * 20.0f, 1e-3f);
    EXPECT_EQ(renderer.read_closure().at(16, 16), 0.0f);
    renderer.set_overlay({});
    renderer.render(carm_geometry(CArmPose{}), a);
    EXPECT_EQ(renderer.read_path_length(1).at(16, 16), 0.0f);
    EXPECT_NEAR(renderer.read_path_length(0).at(16, 16), 50.0f, 1e-3f);
}

}  // namespace
}  // namespace fluorosim::render

namespace fluorosim::render {
namespace {

// Objects wholly outside the beam are skipped; the image must not change. A magnified view
// (mag 2: 114 mm field) of a sphere, with a second sphere 200 mm to the side (outside) and a
// third straddling the field's edge (partly inside: must still be drawn).
TEST_F(XrayRendererGLTest, CullingObjectsOutsideTheBeamChangesNothing) {
    CArmPose pose;
    set_field(pose, DetectorType::ii9, 2);
    Scene inside;
    inside.add({"centre", "water", -1, primitives::sphere({0, 0, 0}, 20, 48, 24)});
    inside.add({"edge", "water", -1, primitives::sphere({40, 0, 0}, 15, 48, 24)});
    Scene with_outside = inside;
    with_outside.add({"far", "water", -1, primitives::sphere({200, 0, 0}, 20, 48, 24)});
    XrayRenderer a(64, 64), b(64, 64);
    a.set_scene(inside, {});
    b.set_scene(with_outside, {});
    const CArmGeometry g = carm_geometry(pose);
    a.render(g, mono({0.02f}));
    b.render(g, mono({0.02f}));
    EXPECT_EQ(a.read_path_length(0).pixels, b.read_path_length(0).pixels);
    // The edge sphere (x 25..55 mm; the field reaches 114.3 / 2 / 1.54 = 37 mm) shows at the rim.
    float rim = 0;
    for (int y = 0; y < 64; ++y) rim = std::max(rim, a.read_path_length(0).at(2, y));
    EXPECT_GT(rim, 1.0f);
}

}  // namespace
}  // namespace fluorosim::render
