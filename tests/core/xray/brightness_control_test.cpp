// Automatic brightness control converging for thin and thick patients, with a simple detector
// signal model: S = g * mA * (kVp/70)^2 * exp(-mu_water(E_eff) * t), E_eff = 0.42 kVp + 7 keV
// (the single-energy rule of clinical.md 3.2; tube output ~ kVp^2).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "core/xray/brightness_control.hpp"
#include "core/xray/material_library.hpp"

namespace fluorosim {
namespace {

struct Patient {
    double water_mm;
    double signal(const TubeSetting& s) const {
        static const MaterialLibrary lib = MaterialLibrary::standard();
        const double mu = lib.mu_per_mm("water", 0.42 * s.kvp + 7.0);
        return s.ma * std::pow(s.kvp / 70.0, 2.0) * std::exp(-mu * water_mm);
    }
};

// Target: the signal of a 20 cm patient at 70 kVp, 2 mA.
double target() { return Patient{200.0}.signal({70.0, 2.0}); }

struct ControlRun {
    TubeSetting final;
    int frames_to_converge = -1;  // first frame within 3% of the target
    bool at_limit = false;
};

ControlRun run(const Patient& p, TubeSetting s, int frames = 15) {
    ControlRun r;
    for (int i = 0; i < frames; ++i) {
        const double measured = p.signal(s);
        if (r.frames_to_converge < 0 && std::abs(measured / target() - 1.0) < 0.03)
            r.frames_to_converge = i;
        const BrightnessStep step = next_tube_setting(s, measured, target());
        s = step.next;
        r.at_limit = step.at_limit;
    }
    r.final = s;
    std::printf("ABC, %.0f mm water: %d frames to within 3%%, ends at %.1f kVp %.2f mA%s\n",
                p.water_mm, r.frames_to_converge, s.kvp, s.ma, r.at_limit ? " (at limit)" : "");
    return r;
}

TEST(BrightnessControl, SteadyAtTarget) {
    const BrightnessStep step = next_tube_setting({70.0, 2.0}, target(), target());
    EXPECT_DOUBLE_EQ(step.next.kvp, 70.0);
    EXPECT_DOUBLE_EQ(step.next.ma, 2.0);
    EXPECT_FALSE(step.at_limit);
}

TEST(BrightnessControl, ThinPatientLowersMaOnly) {
    const ControlRun r = run(Patient{170.0}, {70.0, 2.0});
    EXPECT_GE(r.frames_to_converge, 0);
    EXPECT_LE(r.frames_to_converge, 5);
    EXPECT_DOUBLE_EQ(r.final.kvp, 70.0);
    EXPECT_LT(r.final.ma, 2.0);
    EXPECT_GT(r.final.ma, 0.5);
}

TEST(BrightnessControl, VeryThinPatientLowersKvpOnceMaIsAtItsMinimum) {
    const ControlRun r = run(Patient{120.0}, {70.0, 2.0});
    EXPECT_GE(r.frames_to_converge, 0);
    EXPECT_LE(r.frames_to_converge, 8);
    EXPECT_DOUBLE_EQ(r.final.ma, 0.5);
    EXPECT_LT(r.final.kvp, 70.0);
    EXPECT_GE(r.final.kvp, 50.0);
}

TEST(BrightnessControl, ThickPatientSaturatesMaThenRaisesKvp) {
    const ControlRun r = run(Patient{300.0}, {70.0, 2.0});
    EXPECT_GE(r.frames_to_converge, 0);
    EXPECT_LE(r.frames_to_converge, 8);
    EXPECT_DOUBLE_EQ(r.final.ma, 5.0);
    EXPECT_GT(r.final.kvp, 70.0);
    EXPECT_LE(r.final.kvp, 120.0);
    EXPECT_NEAR(Patient{300.0}.signal(r.final) / target(), 1.0, 0.03);
}

TEST(BrightnessControl, ThickThenThinComesBackDownTheCurve) {
    // From a thick patient's setting to a normal one: kVp returns to 70 before mA drops.
    const ControlRun r = run(Patient{200.0}, {95.0, 5.0});
    EXPECT_GE(r.frames_to_converge, 0);
    EXPECT_NEAR(r.final.kvp, 70.0, 1e-9);
    EXPECT_NEAR(r.final.ma, 2.0, 0.1);
}

TEST(BrightnessControl, ImpossiblyThickPatientStopsAtTheLimits) {
    const ControlRun r = run(Patient{600.0}, {70.0, 2.0});
    EXPECT_EQ(r.frames_to_converge, -1);
    EXPECT_TRUE(r.at_limit);
    EXPECT_DOUBLE_EQ(r.final.ma, 5.0);
    EXPECT_DOUBLE_EQ(r.final.kvp, 120.0);
}

TEST(BrightnessControl, ApproachesWithoutOscillating) {
    // Damped: the signal error keeps its sign while it shrinks (no overshoot ringing).
    const Patient p{280.0};
    TubeSetting s{70.0, 1.0};
    double last = std::log(target() / p.signal(s));
    for (int i = 0; i < 10; ++i) {
        s = next_tube_setting(s, p.signal(s), target()).next;
        const double err = std::log(target() / p.signal(s));
        EXPECT_LE(std::abs(err), std::abs(last) + 1e-12);
        EXPECT_GE(err * last, 0.0);
        last = err;
    }
}

}  // namespace
}  // namespace fluorosim
