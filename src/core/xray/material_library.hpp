#pragma once
// The named materials of the simulator (assets/materials.yaml) and their X-ray attenuation.
//
// Names are the contract with the rest of the program (scenes say "bone_cortical", the needle
// says "steel"): air, water, adipose, soft_tissue, muscle, skin, blood, csf, disc, ligament,
// nerve, bone_cancellous, bone_cortical, steel, aluminium, copper, tungsten, iodine_contrast,
// caesium_iodide.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/xray/material.hpp"

namespace fluorosim {

class MaterialLibrary {
  public:
    // Reads a materials file; throws InputError naming the file, line and field of the first
    // problem (unknown element, missing density, fractions not summing to 1, unknown key, ...).
    static MaterialLibrary load(const std::filesystem::path& file);
    // assets/materials.yaml from the data folder (read once, then copied).
    static MaterialLibrary standard();

    bool has(std::string_view name) const;
    // Throws InputError for an unknown name (names usually come from scene or scenario files).
    const Material& material(std::string_view name) const;
    std::vector<std::string> names() const;  // in file order

    double density(std::string_view name) const;  // g/cm3
    double mass_attenuation_cm2_per_g(std::string_view name, double keV) const;
    double mu_per_mm(std::string_view name, double keV) const;  // linear attenuation, 1/mm

    // Iodinated contrast at any concentration: mg_iodine_per_ml mg of iodine in each mL of the
    // diluent, which keeps its own density (clinical.md 3.1 mixture rule). Iohexol 300 diluted
    // 1:4 in tissue is 60 mgI/mL; undiluted, 300 mgI/mL. Named "iodine_contrast_<c>mgI".
    Material iodinated_contrast(double mg_iodine_per_ml,
                                std::string_view diluent = "soft_tissue") const;

    // Adds a material built in code (e.g. a contrast concentration); its name must be new.
    void add(Material m);

  private:
    std::vector<Material> materials_;
    std::map<std::string, std::size_t, std::less<>> index_;
};

}  // namespace fluorosim
