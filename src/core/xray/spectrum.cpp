#include "core/xray/spectrum.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numbers>

#include "core/xray/element_data.hpp"

namespace fluorosim {
namespace {

constexpr int kTungsten = 74;
constexpr int kAluminium = 13;
constexpr double kAluminiumDensity = 2.699;
constexpr int kCopper = 29;
constexpr double kCopperDensity = 8.96;

// Kramers' thick-target law: total bremsstrahlung energy per electron = k Z T0^2 (keV), i.e. the
// familiar efficiency 1.1e-9 Z V (V in volts) [Bushberg, Essential Physics of Medical Imaging;
// published values range 0.9e-9..1.4e-9]. Per keV of electron energy lost, the emitted energy
// per keV of photon energy is 2 k Z, flat up to the electron's energy.
constexpr double kKramers = 1.1e-6;  // 1/keV

// Thomson-Whiddington constant C of tungsten (keV2 cm2/g): an electron that entered with T0 has
// energy T at mass depth (T0^2 - T^2) / C. Birch & Marshall (Phys Med Biol 1979) tabulate C
// rising with T0: ~0.54e6 at 50 keV, ~0.70e6 at 100 keV, ~0.84e6 at 150 keV; a straight line
// through those follows the table to ~2%. (100 keV electrons then stop within 0.014 g/cm2 =
// 7.4 um of W, about half their CSDA range: the TW depth is a mean penetration, not a path.)
double thomson_whiddington(double t0_keV) { return (0.38 + 0.0032 * t0_keV) * 1e6; }

// K-line yield per electron, all lines together: c_K * 2kZ * (U - 1)^1.63, U = T0 / E_K
// (exponent of Green & Cosslett 1968, as in Tucker et al. Med Phys 1991). c_K = 5.1 keV makes
// the Ka1 line at 100 kVp carry as many photons as 1 keV of continuum beside it (a 1-keV-binned
// W spectrum's Ka1 bin about twice the continuum, as in published 100 kVp spectra). Rough: the
// lines add 2% to the air kerma at 100 kVp and 5% at 150 kVp, and raise the first HVL by 0.6%
// at 80 kVp and 2% at 100-150 kVp (measured by switching them off).
constexpr double kCharacteristicKeV = 5.1;
constexpr double kGreenCosslettExponent = 1.63;

constexpr double kElectronsPerMAs = 1e-3 / 1.602176634e-19;
// Fluence at 1 m of isotropic emission: 1 / (4 pi (1000 mm)^2) per mm2.
constexpr double kPerMm2At1m = 1.0 / (4.0 * std::numbers::pi * 1e6);

// Integral over the electron energies T in [t_lo, t0] of the anode's self-attenuation
// exp(-k (t0^2 - T^2)), k = (mu/rho)_W / (C sin(angle)) in 1/keV^2: the slowing-down path
// along which photons of one energy are made, weighted by their escape probability.
// The integrand peaks at T = t0 with a width of 1/(2 k t0) when absorption is strong, so the
// range is cut where it falls below e^-28 (1e-12) and Simpson's rule with 64 panels covers the
// rest: at most 6e-4 relative error for any (mu/rho)_W up to 230 cm2/g (W above its L1 edge),
// against a 200000-panel reference.
double self_attenuated_path(double k, double t_lo, double t0) {
    constexpr double kNegligible = 28.0;
    double t_min = t_lo;
    if (k * (t0 * t0 - t_lo * t_lo) > kNegligible) t_min = std::sqrt(t0 * t0 - kNegligible / k);
    constexpr int n = 64;
    const double h = (t0 - t_min) / n;
    double sum = 0.0;
    for (int i = 0; i <= n; ++i) {
        const double t = t_min + i * h;
        const double w = (i == 0 || i == n) ? 1.0 : (i % 2 ? 4.0 : 2.0);
        sum += w * std::exp(-k * (t0 * t0 - t * t));
    }
    return sum * h / 3.0;
}

double filter_transmission(double keV, const TubeModel& tube, const Filtration& added) {
    const double al_cm = (tube.inherent_filtration_mm_al + added.added_mm_al) / 10.0;
    const double cu_cm = added.added_mm_cu / 10.0;
    return std::exp(-element_mass_attenuation_cm2_per_g(kAluminium, keV) * kAluminiumDensity *
                        al_cm -
                    element_mass_attenuation_cm2_per_g(kCopper, keV) * kCopperDensity * cu_cm);
}

}  // namespace

double Spectrum::total_photons() const {
    double n = 0.0;
    for (const auto& b : bins) n += b.photons;
    return n;
}

double Spectrum::mean_energy_keV() const {
    double n = 0.0, e = 0.0;
    for (const auto& b : bins) {
        n += b.photons;
        e += b.photons * b.energy_keV;
    }
    return n > 0.0 ? e / n : 0.0;
}

Spectrum tube_spectrum_fine(double kvp, const Filtration& added, const TubeModel& tube,
                            double bin_keV) {
    assert(kvp > kSpectrumMinKeV && bin_keV > 0.0);
    const double t0 = kvp;  // electron kinetic energy at the anode (keV)
    const double sin_angle = std::sin(tube.anode_angle_deg * std::numbers::pi / 180.0);
    const double c_tw = thomson_whiddington(t0);
    const double z = kTungsten;
    const double scale = kElectronsPerMAs * kPerMm2At1m * tube.output_calibration;
    auto k_of = [&](double keV) {
        return element_mass_attenuation_cm2_per_g(kTungsten, keV) / (c_tw * sin_angle);
    };

    const int n =
        std::max(1, static_cast<int>(std::ceil((kvp - kSpectrumMinKeV) / bin_keV - 1e-9)));
    const double width = (kvp - kSpectrumMinKeV) / n;
    Spectrum s;
    s.bins.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const double e = kSpectrumMinKeV + (i + 0.5) * width;
        const double brems = 2.0 * kKramers * z / e * self_attenuated_path(k_of(e), e, t0) * width;
        s.bins[static_cast<std::size_t>(i)] = {e, width,
                                               brems * scale * filter_transmission(e, tube, added)};
    }

    const double edge = tungsten_k_edge_keV();
    if (t0 > edge) {
        const double lines_total = kCharacteristicKeV * 2.0 * kKramers * z *
                                   std::pow(t0 / edge - 1.0, kGreenCosslettExponent);
        for (const auto& line : tungsten_k_lines()) {
            if (line.energy_keV >= kvp) continue;
            // K vacancies are made wherever the electrons still exceed the edge: average the
            // line's self-attenuation over that part of the slowing-down path.
            const double escape =
                self_attenuated_path(k_of(line.energy_keV), edge, t0) / (t0 - edge);
            const int i =
                std::min(n - 1, static_cast<int>((line.energy_keV - kSpectrumMinKeV) / width));
            auto& b = s.bins[static_cast<std::size_t>(i)];
            const double photons = lines_total * line.relative_rate * escape * scale *
                                   filter_transmission(line.energy_keV, tube, added);
            // Keep the bin's energy the fluence-weighted mean of continuum and line.
            b.energy_keV =
                (b.energy_keV * b.photons + line.energy_keV * photons) / (b.photons + photons);
            b.photons += photons;
        }
    }
    return s;
}

Spectrum rebin(const Spectrum& fine, int n_bins) {
    assert(n_bins >= 1 && !fine.bins.empty());
    const double lo = fine.bins.front().energy_keV - fine.bins.front().width_keV / 2.0;
    const double hi = fine.bins.back().energy_keV + fine.bins.back().width_keV / 2.0;
    const double width = (hi - lo) / n_bins;
    Spectrum out;
    out.bins.assign(static_cast<std::size_t>(n_bins), SpectrumBin{0.0, width, 0.0});
    std::vector<double> energy_sum(static_cast<std::size_t>(n_bins), 0.0);
    for (const auto& b : fine.bins) {
        // Assign each fine bin by its nominal centre (line energies can sit off-centre).
        const double centre =
            lo + (std::floor((b.energy_keV - lo) / b.width_keV) + 0.5) * b.width_keV;
        const int i = std::clamp(static_cast<int>((centre - lo) / width), 0, n_bins - 1);
        out.bins[static_cast<std::size_t>(i)].photons += b.photons;
        energy_sum[static_cast<std::size_t>(i)] += b.photons * b.energy_keV;
    }
    for (std::size_t i = 0; i < out.bins.size(); ++i) {
        auto& b = out.bins[i];
        const double centre = lo + (static_cast<double>(i) + 0.5) * width;
        b.energy_keV = b.photons > 0.0 ? energy_sum[i] / b.photons : centre;
    }
    return out;
}

Spectrum tube_spectrum(double kvp, const Filtration& added, const TubeModel& tube, int n_bins) {
    return rebin(tube_spectrum_fine(kvp, added, tube), n_bins);
}

Spectrum attenuated(const Spectrum& spectrum, const Material& material, double thickness_mm) {
    Spectrum out = spectrum;
    for (auto& b : out.bins)
        b.photons *= std::exp(-material.mu_per_mm(b.energy_keV) * thickness_mm);
    return out;
}

}  // namespace fluorosim
