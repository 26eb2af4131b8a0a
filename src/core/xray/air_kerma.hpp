#pragma once
// Air kerma: the dose quantity of the tube output, the HVL check and the dose-area product.
//   K = sum_E  Phi(E) * E * (mu_en/rho)_air(E)
// with (mu_en/rho)_air from the NIST table (Hubbell & Seltzer, NIST SRD 126, dry air near sea
// level), interpolated log-log, because xraylib 4.0's CS_Energy is wrong (clinical.md 3.1).
#include "core/xray/spectrum.hpp"

namespace fluorosim {

// (mu_en/rho) of dry air in cm2/g at E keV; the table spans 10-150 keV and is extended outside
// it along its end segments (log-log), which is only used for stray bins of filtered beams.
double air_mass_energy_absorption_cm2_per_g(double keV);

// Air kerma in uGy of a spectrum given as photons per mm2 (per mAs at 1 m for tube spectra).
double air_kerma_uGy(const Spectrum& spectrum);

}  // namespace fluorosim
