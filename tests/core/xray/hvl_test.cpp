// The tube model against IEC 61267 RQR half-value layers (clinical.md 3.3), and the fit of the
// one free parameter, the inherent filtration.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "core/xray/air_kerma.hpp"
#include "core/xray/hvl.hpp"

namespace fluorosim {
namespace {

TEST(AirKerma, NistTableInterpolatedLogLog) {
    EXPECT_DOUBLE_EQ(air_mass_energy_absorption_cm2_per_g(30.0), 0.1539);
    EXPECT_NEAR(air_mass_energy_absorption_cm2_per_g(60.0), 0.03041, 1e-12);
    EXPECT_NEAR(air_mass_energy_absorption_cm2_per_g(150.0), 0.02496, 1e-12);
    // Halfway in log E between 30 and 40 keV: the geometric mean of the two values.
    EXPECT_NEAR(air_mass_energy_absorption_cm2_per_g(std::sqrt(30.0 * 40.0)),
                std::sqrt(0.1539 * 0.06833), 1e-12);
}

TEST(Hvl, FittedInherentFiltrationIsTheDefault) {
    const InherentFiltrationFit fit = fit_inherent_filtration(TubeModel{});
    std::printf("fitted inherent filtration %.3f mm Al, worst RQR HVL1 error %.2f%%\n",
                fit.inherent_mm_al, 100.0 * fit.worst_relative_error);
    EXPECT_NEAR(TubeModel{}.inherent_filtration_mm_al, fit.inherent_mm_al, 0.01);
    EXPECT_LT(fit.worst_relative_error, 0.05);
}

TEST(Hvl, EveryRqrQualityWithinFivePercent) {
    for (const auto& q : iec61267_rqr()) {
        const double hvl = model_hvl1_mm_al(q.kvp, TubeModel{});
        std::printf("%-5s %3.0f kV  HVL1 %.2f mm Al (IEC %.2f, %+.1f%%)\n", q.name, q.kvp, hvl,
                    q.hvl1_mm_al, 100.0 * (hvl / q.hvl1_mm_al - 1.0));
        EXPECT_NEAR(hvl, q.hvl1_mm_al, 0.05 * q.hvl1_mm_al) << q.name;
    }
}

TEST(Hvl, RisesWithKvpAndWithCopper) {
    double last = 0.0;
    for (double kvp = 50.0; kvp <= 150.0; kvp += 10.0) {
        const double hvl = half_value_layers(tube_spectrum_fine(kvp)).first_mm_al;
        EXPECT_GT(hvl, last) << kvp;
        last = hvl;
    }
    last = 0.0;
    for (double cu : {0.0, 0.1, 0.2, 0.3, 0.6, 0.9}) {
        const double hvl = half_value_layers(tube_spectrum_fine(80.0, {0.0, cu})).first_mm_al;
        EXPECT_GT(hvl, last) << cu;
        last = hvl;
    }
}

TEST(Hvl, SecondHvlExceedsFirstBecauseTheBeamHardens) {
    for (double kvp : {50.0, 80.0, 120.0}) {
        const HalfValueLayers h = half_value_layers(tube_spectrum_fine(kvp));
        EXPECT_GT(h.second_mm_al, h.first_mm_al) << kvp;
        // Homogeneity coefficient HVL1/HVL2 of unfiltered-ish diagnostic beams: ~0.6-0.9.
        EXPECT_GT(h.first_mm_al / h.second_mm_al, 0.6) << kvp;
    }
}

}  // namespace
}  // namespace fluorosim
