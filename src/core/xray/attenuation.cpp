#include "core/xray/attenuation.hpp"

#include "core/xray/material_library.hpp"

namespace fluorosim {

double effective_energy_kev(double kvp) { return 0.42 * kvp + 7.0; }

Attenuation monoenergetic_attenuation(const MaterialLibrary& library,
                                      const std::vector<std::string>& materials, double kev) {
    Attenuation a;
    a.bin_weight = {1.0f};
    a.bin_count_weight = {1.0f};
    a.reference_kev = kev;
    std::vector<float> mu;
    for (const auto& m : materials) mu.push_back(float(library.mu_per_mm(m, kev)));
    a.mu_per_mm = {mu};
    a.mu_reference_per_mm = mu;
    return a;
}

}  // namespace fluorosim
