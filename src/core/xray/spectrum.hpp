#pragma once
// Tungsten-anode X-ray tube spectra, computed from a physical model (no spectrum tables).
//
// Model (a Kramers / Birch-Marshall thick-target model; details and numbers in spectrum.cpp):
//  1. Bremsstrahlung: an electron slowing from T to T - dT in the anode emits photons with a flat
//     energy intensity below T (Kramers): d2N/(dE dT) = 2 k Z / E, k = 1.1e-6 /keV, so the
//     thick target gives the classic N(E) ~ Z (T0 - E) / E.
//  2. Depth: the electron has energy T at mass depth (T0^2 - T^2) / C (Thomson-Whiddington law,
//     C from Birch & Marshall 1979); the photon leaves at the anode angle and is attenuated by
//     the tungsten in its path (xraylib W cross-sections): the anode's self-filtration.
//  3. Characteristic W K lines (Ka1 59.3, Ka2 58.0, Kb 67.2 keV ...) above the 69.5 keV K edge,
//     with a Green-Cosslett (U-1)^1.63 yield, produced over the same depths.
//  4. Filtration: inherent (Al equivalent) + added Al + added Cu, Beer-Lambert.
//  5. Absolute scale: photons per mm2 per mAs at 1 m (isotropic emission, times the tube's
//     output calibration).
// Assumptions: constant potential (high-frequency generator), central ray, no heel effect,
// no air between focus and point of interest, no L lines (below 12 keV, removed by filtration).
#include <vector>

#include "core/xray/material.hpp"
#include "core/xray/tube_model.hpp"

namespace fluorosim {

struct SpectrumBin {
    double energy_keV = 0.0;  // representative energy (fluence-weighted mean inside the bin)
    double width_keV = 0.0;
    double photons = 0.0;  // photons per mm2 in this bin (per mAs at 1 m for tube spectra)
};

struct Spectrum {
    std::vector<SpectrumBin> bins;  // ascending energy

    double total_photons() const;
    double mean_energy_keV() const;  // fluence-weighted
};

struct Filtration {
    double added_mm_al = 0.0;
    double added_mm_cu = 0.0;

    bool operator==(const Filtration&) const = default;
};

// Lowest energy of every spectrum: below 10 keV a filtered diagnostic beam carries nothing
// (10 keV through 2.5 mm Al: transmission e^-17.7 = 2e-8).
constexpr double kSpectrumMinKeV = 10.0;
// Validated range (IEC 61267 RQR3..RQR10).
constexpr double kMinKvp = 50.0;
constexpr double kMaxKvp = 150.0;

// Fine spectrum for validation: equal bins of about bin_keV (0.5 keV default) from 10 keV to kVp.
Spectrum tube_spectrum_fine(double kvp, const Filtration& added = {}, const TubeModel& tube = {},
                            double bin_keV = 0.5);
// Spectrum for rendering: n_bins equal-width bins from 10 keV to kVp, each holding exactly the
// photons of the fine spectrum inside it, at their fluence-weighted mean energy.
Spectrum tube_spectrum(double kvp, const Filtration& added = {}, const TubeModel& tube = {},
                       int n_bins = 16);
// Groups a fine spectrum into n_bins equal-width bins spanning its range (photon count conserved).
Spectrum rebin(const Spectrum& fine, int n_bins);

// The spectrum behind thickness_mm of a material (narrow beam, Beer-Lambert per bin).
Spectrum attenuated(const Spectrum& spectrum, const Material& material, double thickness_mm);

}  // namespace fluorosim
