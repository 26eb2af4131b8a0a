#include "core/xray/material.hpp"

#include <algorithm>
#include <cassert>
#include <map>

namespace fluorosim {

double Material::mass_attenuation_cm2_per_g(double keV) const {
    double sum = 0.0;
    for (const auto& e : elements)
        sum += e.mass_fraction * element_mass_attenuation_cm2_per_g(e.z, keV);
    return sum;
}

double Material::mu_per_mm(double keV) const {
    return density_g_per_cm3 * mass_attenuation_cm2_per_g(keV) / 10.0;  // 1/cm -> 1/mm
}

Material element_material(int z, double density_g_per_cm3) {
    assert(z >= 1 && z <= 94 && density_g_per_cm3 > 0.0);
    return Material{element_symbol(z), density_g_per_cm3, {{z, 1.0}}, "element (xraylib)"};
}

Material mix_materials(std::string name, const std::vector<PartialDensity>& parts) {
    std::map<int, double> grams;  // element -> g per cm3 of mixture; ordered, so deterministic
    double total = 0.0;
    for (const auto& p : parts) {
        assert(p.material && p.grams_per_cm3 >= 0.0);
        for (const auto& e : p.material->elements) grams[e.z] += e.mass_fraction * p.grams_per_cm3;
        total += p.grams_per_cm3;
    }
    assert(total > 0.0);
    Material m;
    m.name = std::move(name);
    m.density_g_per_cm3 = total;
    for (const auto& [z, g] : grams) {
        if (g > 0.0) m.elements.push_back({z, g / total});
    }
    return m;
}

}  // namespace fluorosim
