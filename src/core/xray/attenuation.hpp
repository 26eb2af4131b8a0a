#pragma once
// Attenuation coefficients per energy bin and material channel, as the renderer composites
// them: signal = sum_b w_b * exp(-sum_c mu[b][c] * L_c).
#include <string>
#include <vector>

namespace fluorosim {

class MaterialLibrary;

struct Attenuation {
    std::vector<float> bin_weight;              // per bin, energy x detector absorption, sum 1
    std::vector<float> bin_count_weight;        // per bin, detected quanta (for noise), sum 1
    std::vector<std::vector<float>> mu_per_mm;  // [bin][channel], 1/mm
    std::vector<float> mu_reference_per_mm;     // [channel] at the reference energy
    double reference_kev = 0.0;
};

// Single-energy approximation of a filtered tube spectrum after patient hardening:
// E_eff = 0.42 * kVp + 7 keV (clinical.md 3.2: 36 keV at 70 kVp, 41 at 80, 45 at 90).
double effective_energy_kev(double kvp);

// One bin with the given coefficients per channel (1/mm): closed-form tests and tools.
Attenuation fixed_attenuation(const std::vector<float>& mu_per_mm);

// One bin at `kev` for the given material channels.
Attenuation monoenergetic_attenuation(const MaterialLibrary& library,
                                      const std::vector<std::string>& materials, double kev);

}  // namespace fluorosim
