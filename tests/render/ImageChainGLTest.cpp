// The detector chain and the needle on the GPU, against physics: Poisson statistics of the
// noise, the scatter veil's size, seeded determinism, collimation, polychromatic compositing
// of a real spectrum, and a thin needle that stays continuous with the right attenuation.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <numeric>

#include <glm/gtc/constants.hpp>

#include "core/geometry/primitives.hpp"
#include "core/xray/image_chain.hpp"
#include "core/xray/material_library.hpp"
#include "render/fluoro_imager.hpp"
#include "render/gl_context.hpp"
#include "render/xray_renderer.hpp"

namespace fluorosim::render {
namespace {

class ImageChainGLTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        context_ = std::make_unique<HeadlessContext>();
        library_ = std::make_unique<MaterialLibrary>(MaterialLibrary::standard());
    }
    static void TearDownTestSuite() {
        library_.reset();
        context_.reset();
    }
    static std::unique_ptr<HeadlessContext> context_;
    static std::unique_ptr<MaterialLibrary> library_;
};
std::unique_ptr<HeadlessContext> ImageChainGLTest::context_;
std::unique_ptr<MaterialLibrary> ImageChainGLTest::library_;

// 100 mm of water filling the whole field.
Scene water_slab() {
    Scene s;
    s.add({"slab", "water", -1, primitives::box({-300, -50, -300}, {300, 50, 300})});
    return s;
}

struct Stats {
    double mean = 0, variance = 0;
};
Stats central_stats(const ImageF& img, int half) {
    std::vector<double> v;
    for (int y = img.height / 2 - half; y < img.height / 2 + half; ++y)
        for (int x = img.width / 2 - half; x < img.width / 2 + half; ++x) v.push_back(double(img.at(x, y)));
    Stats s;
    s.mean = std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
    for (double x : v) s.variance += (x - s.mean) * (x - s.mean);
    s.variance /= double(v.size() - 1);
    return s;
}

TEST_F(ImageChainGLTest, PolychromaticSlabMatchesSpectrumClosedForm) {
    XrayRenderer r(64, 64);
    r.set_scene(water_slab(), {});
    Exposure technique;
    technique.kvp = 80;
    const CArmGeometry g = carm_geometry(CArmPose{});
    const BeamModel beam = beam_model(*library_, r.channels().materials, technique, g, 64);
    r.render(g, beam.attenuation);
    // Closed form: sum_b w_b exp(-mu_b * 100 mm) along the central ray (perpendicular slab).
    double expected = 0;
    for (std::size_t b = 0; b < beam.attenuation.bin_weight.size(); ++b)
        expected += double(beam.attenuation.bin_weight[b]) * std::exp(-double(beam.attenuation.mu_per_mm[b][0]) * 100.0);
    EXPECT_NEAR(double(r.read_signal().at(32, 32)), expected, 2e-3 * expected);
    // Beam hardening: the polychromatic transmission exceeds exp(-mu(mean energy) * t)'s
    // hardest-case counterpart at the lowest bin and lies below the highest bin's.
    EXPECT_GT(expected, std::exp(-double(beam.attenuation.mu_per_mm.front()[0]) * 100.0));
    EXPECT_LT(expected, std::exp(-double(beam.attenuation.mu_per_mm.back()[0]) * 100.0));
}

TEST_F(ImageChainGLTest, NoiseIsPoissonWithTheExpectedCount) {
    XrayRenderer r(128, 128);
    r.set_scene(water_slab(), {});
    const Attenuation a = fixed_attenuation({0.02f});  // transmission exp(-2) = 0.135
    r.render(carm_geometry(CArmPose{}), a);
    for (float quanta : {50.0f, 2000.0f}) {  // Knuth's sampler below 30 expected, normal above
        ChainParameters c;
        c.noise = true;
        c.quanta_open_per_pixel = quanta;
        c.seed = 11;
        r.process(c);
        // Relative fluctuation detected / primary per pixel (oblique rays off the centre cross a
        // little more water, so the primary itself varies by up to 0.5 % over the region).
        const ImageF detected = r.read_detected(), primary = r.read_signal();
        ImageF ratio(detected.width, detected.height, 1);
        for (std::size_t i = 0; i < ratio.pixels.size(); ++i) ratio.pixels[i] = detected.pixels[i] / primary.pixels[i];
        const Stats s = central_stats(ratio, 40);
        const double q = double(quanta) * std::exp(-2.0);
        // Mean 1 within 3 standard errors; relative variance 1/q within 10 % (6400 samples give
        // the variance to ~2 %).
        EXPECT_NEAR(s.mean, 1.0, 3.0 / std::sqrt(q * 6400.0)) << quanta;
        EXPECT_NEAR(s.variance * q, 1.0, 0.1) << quanta;
    }
}

TEST_F(ImageChainGLTest, SameSeedSameImageOtherSeedOtherNoise) {
    XrayRenderer r(64, 64);
    r.set_scene(water_slab(), {});
    const Attenuation a = fixed_attenuation({0.02f});
    r.render(carm_geometry(CArmPose{}), a);
    ChainParameters c;
    c.noise = true;
    c.quanta_open_per_pixel = 500.0f;
    c.seed = 5;
    r.process(c);
    const ImageF first = r.read_detected();
    r.process(c);
    EXPECT_EQ(first.pixels, r.read_detected().pixels);
    c.seed = 6;
    r.process(c);
    EXPECT_NE(first.pixels, r.read_detected().pixels);
}

TEST_F(ImageChainGLTest, ScatterVeilAddsSprTimesPrimaryInAUniformField) {
    XrayRenderer r(128, 128);
    r.set_scene(water_slab(), {});
    const Attenuation a = fixed_attenuation({0.02f});
    r.render(carm_geometry(CArmPose{}), a);
    ChainParameters c;
    c.scatter = true;
    c.scatter_to_primary = 0.5f;
    r.process(c);
    const Stats s = central_stats(r.read_detected(), 10);
    EXPECT_NEAR(s.mean, 1.5 * std::exp(-2.0), 0.01 * std::exp(-2.0));
    // The veil grows with thickness and with the field (core's model).
    EXPECT_GT(scatter_to_primary_ratio(250, 400), scatter_to_primary_ratio(150, 400));
    EXPECT_GT(scatter_to_primary_ratio(200, 400), scatter_to_primary_ratio(200, 100));
}

TEST_F(ImageChainGLTest, CollimationBlanksTheImageAndCutsTheDose) {
    FluoroImager imager(128, *library_);
    imager.set_patient(water_slab());
    AcquisitionSettings open, collimated;
    open.stages = collimated.stages = disable_stages(ChainStages{}, "noise,scatter,abc");
    collimated.pose.collimation = {1.0, 0.5, 1.0};  // shutters close to half the width
    const Acquisition a = imager.acquire(open);
    const Acquisition b = imager.acquire(collimated);
    const ImageF detected = imager.renderer().read_detected();
    EXPECT_EQ(detected.at(10, 64), 0.0f);                  // behind a shutter
    EXPECT_GT(detected.at(64, 64), 0.05f);                 // in the open slot (~exp(-2.4))
    EXPECT_LT(b.dose.dap_gy_cm2, 0.65 * a.dose.dap_gy_cm2);  // round field cut to a half-width slot: 61 %
    EXPECT_GT(b.dose.dap_gy_cm2, 0.55 * a.dose.dap_gy_cm2);
}

// A 22G needle (0.72 mm) across the field, perpendicular to the beam at the isocentre, imaged
// at 128 px over a 12-inch field: 2.4 mm pixels at the detector, 1.6 mm at the isocentre, so the
// needle is less than half a pixel wide. Every column it crosses must still show it, and the
// steel in a column, summed across the line and scaled by the pixel size at the isocentre,
// must equal the tube's cross-section pi r^2 (within 3 %).
TEST_F(ImageChainGLTest, SubPixelNeedleStaysContinuousWithTheRightCrossSection) {
    XrayRenderer r(128, 128);
    r.set_scene(Scene{}, {"steel"});
    const float radius = 0.36f;
    r.set_needles({{{-60.0f, 0.0f, 5.0f}, {60.0f, 0.0f, -3.0f}, radius, "steel", ""}});
    CArmPose pose;
    set_field(pose, DetectorType::ii12, 0);
    const CArmGeometry g = carm_geometry(pose);
    const Attenuation a = fixed_attenuation({1.0f});
    r.render(g, a);
    const ImageF steel = r.read_path_length(0);
    const double pitch_at_iso = g.detector_mm / 128.0 / g.magnification();
    const double area = glm::pi<double>() * double(radius) * double(radius);
    const int first = int(g.project_px({-55, 0, 0}, 128, 128).x), last = int(g.project_px({55, 0, 0}, 128, 128).x);
    for (int x = std::min(first, last); x <= std::max(first, last); ++x) {
        double column = 0;
        for (int y = 0; y < 128; ++y) column += double(steel.at(x, y));
        // The needle is tilted 4 degrees in z: cross-section per unit length along x grows by
        // 1/cos; negligible (0.2 %).
        EXPECT_NEAR(column * pitch_at_iso, area, 0.03 * area) << "column " << x;
    }
}

// Down the beam: a needle parallel to the central ray projects to a dot whose steel path
// equals the needle's length (the "hub over tip" view trainees aim with).
TEST_F(ImageChainGLTest, CoaxialNeedleShowsItsFullLength) {
    XrayRenderer r(65, 65);
    r.set_scene(Scene{}, {"steel"});
    r.set_needles({{{0.0f, -40.0f, 0.0f}, {0.0f, 50.0f, 0.0f}, 0.36f, "steel", ""}});
    const Attenuation a = fixed_attenuation({1.0f});
    r.render(carm_geometry(CArmPose{}), a);
    // The central pixel is 3.5 mm wide at the isocentre, the needle 0.72 mm: the ray through
    // the pixel centre runs inside the whole 90 mm, sub-pixel rays miss it, so the average
    // (0.72^2 * pi/4 / 3.5^2 of the rays see 90 mm) is about 3 mm, and sums to 90 * area.
    const ImageF steel = r.read_path_length(0);
    double total = 0;
    for (float v : steel.pixels) total += double(v);
    const CArmGeometry g = carm_geometry(CArmPose{});
    const double pitch_at_iso = g.detector_mm / 65.0 / g.magnification();
    const double area = glm::pi<double>() * 0.36 * 0.36;
    // Perspective: the needle's pixel footprint shrinks 10 % from its far to its near end;
    // the volume seen is within 15 % of 90 mm * area.
    EXPECT_NEAR(total * pitch_at_iso * pitch_at_iso, 90.0 * area, 0.15 * 90.0 * area);
    EXPECT_GT(steel.at(32, 32), 1.0f);
}

}  // namespace
}  // namespace fluorosim::render
