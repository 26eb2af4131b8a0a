// The tube spectrum model: binning, lines, hardening, mean energies, the asset file.
#include <gtest/gtest.h>

#include <cmath>

#include "core/util/paths.hpp"
#include "core/xray/material_library.hpp"
#include "core/xray/spectrum.hpp"

namespace fluorosim {
namespace {

TEST(TubeModel, AssetMatchesCodeDefaults) {
    const TubeModel asset = TubeModel::load(paths::asset_dir() / "spectrum.yaml");
    const TubeModel code;
    EXPECT_DOUBLE_EQ(asset.anode_angle_deg, code.anode_angle_deg);
    EXPECT_DOUBLE_EQ(asset.inherent_filtration_mm_al, code.inherent_filtration_mm_al);
    EXPECT_DOUBLE_EQ(asset.output_calibration, code.output_calibration);
}

TEST(Spectrum, RenderingBinsHoldExactlyTheFineSpectrum) {
    for (double kvp : {50.0, 72.5, 80.0, 120.0, 150.0}) {
        const Spectrum fine = tube_spectrum_fine(kvp, {0.0, 0.1});
        const Spectrum bins = tube_spectrum(kvp, {0.0, 0.1});
        ASSERT_EQ(bins.bins.size(), 16u);
        EXPECT_NEAR(bins.total_photons(), fine.total_photons(), 1e-12 * fine.total_photons());
        EXPECT_NEAR(bins.mean_energy_keV(), fine.mean_energy_keV(), 1e-9);
        // Bins tile 10 keV..kVp; each one's energy lies inside it.
        double lo = kSpectrumMinKeV;
        for (const auto& b : bins.bins) {
            EXPECT_NEAR(b.width_keV, (kvp - kSpectrumMinKeV) / 16.0, 1e-9);
            EXPECT_GE(b.energy_keV, lo);
            EXPECT_LE(b.energy_keV, lo + b.width_keV);
            lo += b.width_keV;
        }
        EXPECT_NEAR(lo, kvp, 1e-9);
    }
    EXPECT_EQ(tube_spectrum(80.0, {}, {}, 8).bins.size(), 8u);
}

TEST(Spectrum, FineGridIsHalfKeVAndEndsAtKvp) {
    const Spectrum s = tube_spectrum_fine(80.0);
    ASSERT_EQ(s.bins.size(), 140u);  // (80 - 10) / 0.5
    EXPECT_DOUBLE_EQ(s.bins.front().width_keV, 0.5);
    EXPECT_NEAR(s.bins.back().energy_keV, 79.75, 1e-9);
    EXPECT_GT(s.bins.back().photons, 0.0);
}

// Photons in the fine bin that contains `keV`.
double photons_in_bin_of(const Spectrum& s, double keV) {
    const double w = s.bins.front().width_keV;
    return s.bins.at(static_cast<std::size_t>((keV - kSpectrumMinKeV) / w)).photons;
}

TEST(Spectrum, TungstenKLinesAppearAboveTheKEdgeOnly) {
    // 1-keV bins, so the Ka1 bin (59.32 keV) can be compared with the continuum beside it.
    auto ka1_over_continuum = [](double kvp) {
        const Spectrum s = tube_spectrum_fine(kvp, {}, {}, 1.0);
        return photons_in_bin_of(s, 59.32) /
               (0.5 * (photons_in_bin_of(s, 55.5) + photons_in_bin_of(s, 62.5)));
    };
    EXPECT_GT(ka1_over_continuum(80.0), 1.15);
    EXPECT_GT(ka1_over_continuum(100.0), 1.5);  // line yield grows as (kVp/69.5 - 1)^1.63
    // Below the 69.5 keV edge there are no K vacancies: a smooth, convex continuum.
    EXPECT_LT(ka1_over_continuum(65.0), 1.0);
}

TEST(Spectrum, MeanEnergyOfLumbarBeams) {
    const MaterialLibrary lib = MaterialLibrary::standard();
    for (double kvp : {70.0, 75.0, 80.0}) {
        const Spectrum beam = tube_spectrum_fine(kvp);
        // Beam entering the patient: ~0.5-0.55 kVp, inside the 35-50 keV of clinical.md 3.2.
        EXPECT_GT(beam.mean_energy_keV(), 35.0) << kvp;
        EXPECT_LT(beam.mean_energy_keV(), 50.0) << kvp;
        // Behind 20 cm of tissue the primary beam is hardened to ~50-55 keV: harder, but
        // still well below kVp.
        const Spectrum exit = attenuated(beam, lib.material("soft_tissue"), 200.0);
        EXPECT_GT(exit.mean_energy_keV(), beam.mean_energy_keV() + 5.0) << kvp;
        EXPECT_LT(exit.mean_energy_keV(), 0.75 * kvp) << kvp;
    }
}

TEST(Spectrum, FiltrationHardensAndRemovesPhotons) {
    const Spectrum base = tube_spectrum_fine(80.0);
    const Spectrum al = tube_spectrum_fine(80.0, {1.0, 0.0});
    const Spectrum cu = tube_spectrum_fine(80.0, {0.0, 0.3});
    EXPECT_LT(al.total_photons(), base.total_photons());
    EXPECT_LT(cu.total_photons(), al.total_photons());
    EXPECT_GT(al.mean_energy_keV(), base.mean_energy_keV());
    EXPECT_GT(cu.mean_energy_keV(), al.mean_energy_keV());
    // attenuated() by a material equals the same filter built into the tube (to 1e-6: the tube
    // filters a K line at its own energy, attenuated() at its bin's mean energy).
    const Spectrum same = attenuated(base, MaterialLibrary::standard().material("aluminium"), 1.0);
    EXPECT_NEAR(same.total_photons(), al.total_photons(), 1e-6 * al.total_photons());
}

TEST(Spectrum, SteeperAnodeAngleFiltersMore) {
    TubeModel steep;
    steep.anode_angle_deg = 7.0;
    const Spectrum normal = tube_spectrum_fine(80.0);
    const Spectrum s = tube_spectrum_fine(80.0, {}, steep);
    EXPECT_LT(s.total_photons(), normal.total_photons());
    EXPECT_GT(s.mean_energy_keV(), normal.mean_energy_keV());
}

}  // namespace
}  // namespace fluorosim
