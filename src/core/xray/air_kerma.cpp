#include "core/xray/air_kerma.hpp"

#include <array>
#include <cmath>

namespace fluorosim {
namespace {

struct Point {
    double keV;
    double mu_en_cm2_per_g;
};
// NIST SRD 126, air (dry, near sea level), as quoted in clinical.md section 3.1.
constexpr std::array<Point, 10> kAirMuEn{{{10, 4.742},
                                          {15, 1.334},
                                          {20, 0.5389},
                                          {30, 0.1539},
                                          {40, 0.06833},
                                          {50, 0.04098},
                                          {60, 0.03041},
                                          {80, 0.02407},
                                          {100, 0.02325},
                                          {150, 0.02496}}};

constexpr double kJoulePerKeV = 1.602176634e-16;

}  // namespace

double air_mass_energy_absorption_cm2_per_g(double keV) {
    std::size_t i = 1;
    while (i + 1 < kAirMuEn.size() && keV > kAirMuEn[i].keV) ++i;
    const Point& a = kAirMuEn[i - 1];
    const Point& b = kAirMuEn[i];
    const double t = std::log(keV / a.keV) / std::log(b.keV / a.keV);
    return a.mu_en_cm2_per_g * std::pow(b.mu_en_cm2_per_g / a.mu_en_cm2_per_g, t);
}

double air_kerma_uGy(const Spectrum& spectrum) {
    // photons/mm2 -> /cm2 (x100); keV*cm2/g -> J/kg (x kJoulePerKeV x 1000); Gy -> uGy (x1e6).
    constexpr double scale = 100.0 * kJoulePerKeV * 1000.0 * 1e6;
    double sum = 0.0;
    for (const auto& b : spectrum.bins) {
        sum += b.photons * b.energy_keV * air_mass_energy_absorption_cm2_per_g(b.energy_keV);
    }
    return sum * scale;
}

}  // namespace fluorosim
