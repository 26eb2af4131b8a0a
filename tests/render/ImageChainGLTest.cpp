// The detector chain and the needle on the GPU, against physics: Poisson statistics of the
// noise, the scatter veil's size, seeded determinism, collimation, polychromatic compositing
// of a real spectrum, edge enhancement, the recursive noise filter's steady state, and a thin
// needle that stays continuous with the right attenuation.
#include <gtest/gtest.h>

#include <algorithm>
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

// A 20 mm bone step (1 attenuation unit) over 100 mm of water, its edge along the central
// column: the profile across it, on the displayed image, with and without edge enhancement.
Scene bone_step() {
    Scene s = water_slab();
    s.add({"step", "bone_cortical", -1, primitives::box({0, -70, -300}, {300, -50, 300})});
    return s;
}

struct StepImages {
    Image8 off, on;
    ImageF detected;
    DisplaySettings display;
};
// Noiseless, no blur. With a scatter veil (SPR 0.5) the edge enhancement's low-pass must add
// the same veil, or flat areas would shift by 0.7 * ln(1.5) = 0.28 units (36 grey levels).
StepImages render_step(XrayRenderer& r, const Scene& scene, bool round_field, float spr) {
    r.set_scene(scene, {});
    std::vector<float> mu;
    for (const auto& m : r.channels().materials) mu.push_back(m == "water" ? 0.02f : 0.05f);
    r.render(carm_geometry(CArmPose{}), fixed_attenuation(mu));
    ChainParameters c;
    c.scatter = spr > 0.0f;
    c.scatter_to_primary = spr;
    r.process(c);
    StepImages out;
    out.detected = r.read_detected();
    // Window 2: 1 attenuation unit is 128 grey levels; water ~190, bone ~62, so overshoots of
    // ~30 levels stay clear of black and white.
    out.display.level = 2.0f - std::log(1.0f + spr) + 0.5f;
    out.display.window = 2.0f;
    out.display.round_field = round_field;
    out.display.vignetting = 0.0f;
    r.display(out.display);
    out.off = r.read_display();
    out.display.edge_gain = float(kEdgeEnhancementGain);
    r.display(out.display);
    out.on = r.read_display();
    return out;
}
int grey(const Image8& img, int x, int y) { return int(img.at(x, y, 0)); }

TEST_F(ImageChainGLTest, EdgeEnhancementOvershootsBothSidesOfAStepAndKeepsFlatAreas) {
    XrayRenderer r(256, 256);
    const StepImages img = render_step(r, bone_step(), false, 0.0f);
    const int y = 128;
    // The step: the largest grey change along the row of the unenhanced image; `dense` points
    // from it into the bone side (the patient's x may run either way on the detector).
    int step = 0, drop = 0;
    for (int x = 60; x < 196; ++x)
        if (std::abs(grey(img.off, x - 1, y) - grey(img.off, x, y)) > drop)
            drop = std::abs(grey(img.off, x - 1, y) - grey(img.off, x, y)), step = x;
    ASSERT_GT(drop, 60) << "1 attenuation unit at 128 levels per unit, over ~1.5 px";
    const int dense = grey(img.off, step + 10, y) < grey(img.off, step - 10, y) ? 1 : -1;
    // at(d): d = 0 is the first pixel on the dense side, d < 0 the light side.
    const auto at = [&](const Image8& image, int d) { return grey(image, (dense > 0 ? step : step - 1) + dense * d, y); };
    // The profile off/on from 8 px outside to 8 px inside, for a failure's message.
    std::string row;
    for (int d = -8; d <= 8; ++d) row += std::to_string(at(img.off, d)) + "/" + std::to_string(at(img.on, d)) + " ";
    SCOPED_TRACE(row);
    // Off: the old display exactly, window/level of -ln(detected) (1 level for rounding).
    for (int x = 0; x < 256; ++x) {
        const double att = -std::log(double(img.detected.at(x, y)));
        const double t = std::clamp((att - double(img.display.level)) / double(img.display.window) + 0.5, 0.0, 1.0);
        EXPECT_NEAR(grey(img.off, x, y), 255.0 * (1.0 - t), 1.0) << x;
    }
    // On: darker just inside the dense (bone) side, brighter just outside, than both the old
    // image there and the plateau beyond the low-pass's reach, by a visible margin: near the
    // edge att - att_low is ~half the step, times k = 0.7.
    EXPECT_LT(at(img.on, 0), at(img.off, 0) - 10);
    EXPECT_LT(at(img.on, 0), at(img.off, 20) - 10);
    EXPECT_LT(at(img.on, 1), at(img.off, 1) - 6);
    EXPECT_GT(at(img.on, -1), at(img.off, -1) + 10);
    EXPECT_GT(at(img.on, -1), at(img.off, -21) + 10);
    EXPECT_GT(at(img.on, -2), at(img.off, -2) + 6);
    // Far from the edge (the low-pass spans ~20 px at 256) the grey level is unchanged, with
    // a scatter veil too (the veil spreads the step over ~64 px: its slow gradient stays).
    for (int d : {-61, -46, 45, 60}) EXPECT_NEAR(at(img.on, d), at(img.off, d), 1) << d;
    const StepImages veiled = render_step(r, bone_step(), false, 0.5f);
    for (int d : {-61, -46, 45, 60}) EXPECT_NEAR(at(veiled.on, d), at(veiled.off, d), 1) << d;
    EXPECT_LT(at(veiled.on, 0), at(veiled.off, 0) - 10);
    EXPECT_GT(at(veiled.on, -1), at(veiled.off, -1) + 10);
}

// The round field's rim: the low-pass averages only the exposed pixels, so a uniform slab
// shows no bright or dark ring inside the rim, and the black outside stays black.
TEST_F(ImageChainGLTest, EdgeEnhancementDrawsNoRingAtTheRoundFieldsRim) {
    XrayRenderer r(256, 256);
    const StepImages img = render_step(r, water_slab(), true, 0.5f);
    int worst = 0;
    for (int x = 0; x < 256; ++x)
        for (int y = 0; y < 256; y += 4) {
            const double radius = std::hypot(x + 0.5 - 128.0, y + 0.5 - 128.0) / 128.0;
            if (radius < 0.97) worst = std::max(worst, std::abs(grey(img.on, x, y) - grey(img.off, x, y)));
            if (radius > 1.01) {
                EXPECT_EQ(grey(img.on, x, y), 0) << x << "," << y;
            }
        }
    EXPECT_LE(worst, 2);
}

// The recursive filter's steady state: the noise of -ln(detected) in a flat area drops by
// sqrt((2 - a) / a) = sqrt(7) = 2.65, while everything the dose and the brightness control
// read stays identical.
TEST_F(ImageChainGLTest, RecursiveNoiseFilterLowersTheNoiseNotTheDose) {
    FluoroImager imager(128, *library_);
    imager.set_patient(water_slab());
    AcquisitionSettings filtered, raw;
    filtered.stages = disable_stages(ChainStages{}, "abc,scatter,blur");
    raw.stages = disable_stages(filtered.stages, "noise_filter");
    // A low-dose technique so the per-pixel noise is well above float rounding.
    filtered.technique.ma = raw.technique.ma = 0.5;
    filtered.seed = raw.seed = 3;
    const auto log_std = [&](const AcquisitionSettings& s, Acquisition& a) {
        a = imager.acquire(s);
        ImageF att = imager.renderer().read_detected();
        for (float& v : att.pixels) v = -std::log(v);
        return std::sqrt(central_stats(att, 40).variance);
    };
    Acquisition a_filtered, a_raw;
    const double std_filtered = log_std(filtered, a_filtered), std_raw = log_std(raw, a_raw);
    // 6400 pixels give a std to ~1 %; the ratio within 6 %.
    EXPECT_NEAR(std_raw / std_filtered, std::sqrt(recursive_filter_quanta_factor()), 0.06 * std::sqrt(7.0));
    EXPECT_GT(std_raw, 1e-3);  // real noise, not float rounding
    EXPECT_EQ(a_filtered.dose, a_raw.dose);
    EXPECT_EQ(a_filtered.detector_kerma_uGy, a_raw.detector_kerma_uGy);
    EXPECT_EQ(a_filtered.quanta_open_per_pixel, a_raw.quanta_open_per_pixel);
    EXPECT_EQ(a_filtered.water_equivalent_mm, a_raw.water_equivalent_mm);
    EXPECT_EQ(a_filtered.window.level, a_raw.window.level);
    EXPECT_EQ(abc_step(a_filtered.technique, a_filtered.detector_kerma_uGy).ma,
              abc_step(a_raw.technique, a_raw.detector_kerma_uGy).ma);
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
