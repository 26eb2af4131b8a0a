#include "core/xray/attenuation.hpp"

#include "core/xray/material_library.hpp"

namespace fluorosim {

double effective_energy_kev(double kvp) { return 0.42 * kvp + 7.0; }

Attenuation fixed_attenuation(const std::vector<float>& mu_per_mm) {
    Attenuation a;
    a.bin_weight = {1.0f};
    a.bin_count_weight = {1.0f};
    a.mu_per_mm = {mu_per_mm};
    a.mu_reference_per_mm = mu_per_mm;
    return a;
}

Attenuation monoenergetic_attenuation(const MaterialLibrary& library,
                                      const std::vector<std::string>& materials, double kev) {
    std::vector<float> mu;
    for (const auto& m : materials) mu.push_back(float(library.mu_per_mm(m, kev)));
    Attenuation a = fixed_attenuation(mu);
    a.reference_kev = kev;
    return a;
}

}  // namespace fluorosim
