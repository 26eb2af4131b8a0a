#include "core/xray/hvl.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <vector>

#include "core/xray/air_kerma.hpp"
#include "core/xray/element_data.hpp"

namespace fluorosim {
namespace {

constexpr double kAluminiumDensity = 2.699;  // g/cm3, as IEC 61267 HVL work assumes

// [IEC 61267; as quoted in clinical.md 3.3]
constexpr std::array<BeamQuality, 8> kRqr{{{"RQR3", 50, 1.78},
                                           {"RQR4", 60, 2.19},
                                           {"RQR5", 70, 2.58},
                                           {"RQR6", 80, 3.01},
                                           {"RQR7", 90, 3.48},
                                           {"RQR8", 100, 3.97},
                                           {"RQR9", 120, 5.00},
                                           {"RQR10", 150, 6.57}}};

}  // namespace

double aluminium_thickness_for_kerma_fraction(const Spectrum& spectrum, double fraction) {
    assert(fraction > 0.0 && fraction < 1.0);
    // Per bin: kerma contribution and Al attenuation (1/mm), so each trial is one pass of exps.
    std::vector<double> kerma, mu;
    for (const auto& b : spectrum.bins) {
        kerma.push_back(b.photons * b.energy_keV *
                        air_mass_energy_absorption_cm2_per_g(b.energy_keV));
        mu.push_back(element_mass_attenuation_cm2_per_g(13, b.energy_keV) * kAluminiumDensity /
                     10.0);
    }
    double k0 = 0.0;
    for (double k : kerma) k0 += k;
    assert(k0 > 0.0);
    auto remaining = [&](double mm) {
        double sum = 0.0;
        for (std::size_t i = 0; i < kerma.size(); ++i) sum += kerma[i] * std::exp(-mu[i] * mm);
        return sum / k0;
    };
    double lo = 0.0, hi = 1.0;
    while (remaining(hi) > fraction) hi *= 2.0;  // remaining() falls monotonically
    while (hi - lo > 1e-5) {
        const double mid = 0.5 * (lo + hi);
        (remaining(mid) > fraction ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

HalfValueLayers half_value_layers(const Spectrum& spectrum) {
    const double first = aluminium_thickness_for_kerma_fraction(spectrum, 0.5);
    const double quarter = aluminium_thickness_for_kerma_fraction(spectrum, 0.25);
    return {first, quarter - first};
}

std::span<const BeamQuality> iec61267_rqr() { return kRqr; }

double model_hvl1_mm_al(double kvp, const TubeModel& tube) {
    return aluminium_thickness_for_kerma_fraction(tube_spectrum_fine(kvp, {}, tube), 0.5);
}

InherentFiltrationFit fit_inherent_filtration(const TubeModel& tube) {
    auto worst = [&](double inherent) {
        TubeModel t = tube;
        t.inherent_filtration_mm_al = inherent;
        double w = 0.0;
        for (const auto& q : kRqr)
            w = std::max(w, std::abs(model_hvl1_mm_al(q.kvp, t) / q.hvl1_mm_al - 1.0));
        return w;
    };
    // The worst error is unimodal in the filtration (every HVL rises with it), so golden-section
    // search finds its minimum; 30 steps shrink the bracket to ~1e-6 mm.
    const double g = (std::sqrt(5.0) - 1.0) / 2.0;
    double a = 0.5, b = 6.0;
    double c = b - g * (b - a), d = a + g * (b - a);
    double fc = worst(c), fd = worst(d);
    for (int i = 0; i < 30; ++i) {
        if (fc < fd) {
            b = d, d = c, fd = fc;
            c = b - g * (b - a), fc = worst(c);
        } else {
            a = c, c = d, fc = fd;
            d = a + g * (b - a), fd = worst(d);
        }
    }
    const double best = 0.5 * (a + b);
    return {best, worst(best)};
}

}  // namespace fluorosim
