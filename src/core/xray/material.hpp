#pragma once
// A material as the x-ray physics sees it: a density and an elemental make-up by mass. Every way
// of describing a material in assets/materials.yaml (element mass fractions, a NIST compound, a
// mixture of other materials, iodinated contrast) reduces to this, so the attenuation of any of
// them is the mixture rule over elements:
//   mu/rho(E) = sum_i w_i * (mu/rho)_i(E),   mu(E) = rho * mu/rho(E).
#include <string>
#include <vector>

#include "core/xray/element_data.hpp"

namespace fluorosim {

struct Material {
    std::string name;
    double density_g_per_cm3 = 0.0;
    std::vector<ElementFraction> elements;  // mass fractions summing to 1
    std::string source;                     // where the composition and density come from

    // Total mass attenuation coefficient (cm2/g), coherent scattering included.
    double mass_attenuation_cm2_per_g(double keV) const;
    // Linear attenuation coefficient in 1/mm (the renderer's length unit): rho * mu/rho / 10.
    double mu_per_mm(double keV) const;
};

// A pure element at the given density (filters, anode, needle-steel stand-ins in tests).
Material element_material(int z, double density_g_per_cm3);

// One ingredient of a mixture and how much of it there is per cm3 of the mixture (g/cm3).
struct PartialDensity {
    const Material* material = nullptr;
    double grams_per_cm3 = 0.0;
};
// Mixes ingredients given as partial densities: the mixture's density is their sum and each
// element's mass fraction is its share of that sum. Volume mixtures (v_i * rho_i), mass
// mixtures (w_i * rho) and "add iodine to tissue" all reduce to this.
Material mix_materials(std::string name, const std::vector<PartialDensity>& parts);

}  // namespace fluorosim
