#pragma once
// The one place that talks to xraylib (Debian libxrl 4.0): element symbols, total photon
// cross-sections, NIST compound compositions and tungsten K lines. Everything else in the x-ray
// code goes through here, so the library's quirks are handled once.
//
// Deliberately absent: CS_Energy / CS_Energy_CP (mass energy-absorption). In xraylib 4.0 they
// disagree with the NIST tables (upstream issues #176, #255: air at 30 keV gives ~0.11 cm2/g
// against NIST's 0.154); air_kerma.hpp carries the NIST air table instead.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fluorosim {

struct ElementFraction {
    int z = 0;                   // atomic number
    double mass_fraction = 0.0;  // 0..1
};

// Atomic number of an element symbol ("Fe", "I"); 0 if it is not one (case-sensitive, as
// chemists write them).
int atomic_number(std::string_view symbol);
std::string element_symbol(int z);

// Total photon mass attenuation coefficient mu/rho (cm2/g) of element z at E keV, coherent
// scattering included (xraylib CS_Total: photoelectric from Scofield, scattering from
// Hubbell; the NIST XCOM values to <0.1% in 10-150 keV). Requires 1 <= z <= 94, E > 0.
double element_mass_attenuation_cm2_per_g(int z, double keV);

struct NistCompound {
    std::vector<ElementFraction> elements;
    double density_g_per_cm3 = 0.0;
};
// A compound from xraylib's copy of the NIST compound list ("Water, Liquid",
// "Air, Dry (near sea level)", "Cesium Iodide", ...); nullopt if the name is not in it.
std::optional<NistCompound> nist_compound(const std::string& name);

// One characteristic K line of tungsten (the anode).
struct KLine {
    double energy_keV = 0.0;
    double relative_rate = 0.0;  // share of all K radiative transitions, sums to 1 over lines
};
double tungsten_k_edge_keV();  // 69.525 keV
// K-alpha1/2 and K-beta1/2/3 with xraylib's energies and radiative rates (the five lines carry
// ~98% of W K emission; the rates are renormalised over them).
const std::vector<KLine>& tungsten_k_lines();

}  // namespace fluorosim
