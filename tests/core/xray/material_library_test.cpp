// Attenuation of the standard materials against the NIST values of clinical.md 3.1, and the
// errors a broken materials file gives.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "core/util/error.hpp"
#include "core/xray/material_library.hpp"
#include "support/test_paths.hpp"

namespace fluorosim {
namespace {

constexpr double kEnergies[3] = {30.0, 60.0, 100.0};

struct Expected {
    const char* what;
    double at30, at60, at100;
};

const MaterialLibrary& lib() {
    static const MaterialLibrary l = MaterialLibrary::standard();
    return l;
}

void expect_within_1pct(double got, const Expected& e, double keV) {
    const double want = keV == 30.0 ? e.at30 : keV == 60.0 ? e.at60 : e.at100;
    EXPECT_NEAR(got, want, 0.01 * want) << e.what << " at " << keV << " keV";
}

TEST(MaterialLibrary, StandardHasEveryNameOtherCodeUses) {
    for (const char* name :
         {"air", "water", "adipose", "soft_tissue", "muscle", "skin", "blood", "csf", "disc",
          "ligament", "nerve", "bone_cancellous", "bone_cortical", "steel", "aluminium", "copper",
          "tungsten", "iodine_contrast", "caesium_iodide"}) {
        EXPECT_TRUE(lib().has(name)) << name;
        EXPECT_FALSE(lib().material(name).source.empty()) << name;
    }
    EXPECT_EQ(lib().names().size(), 19u);
    EXPECT_FALSE(lib().has("bone"));
    EXPECT_THROW(lib().mu_per_mm("bone", 60.0), InputError);
}

TEST(MaterialLibrary, MassAttenuationMatchesNistTable) {
    // mu/rho in cm2/g at 30 / 60 / 100 keV, clinical.md 3.1 (NIST XCOM; ICRU-44 tissues).
    const std::pair<const char*, Expected> rows[] = {
        {"water", {"water", 0.3756, 0.2059, 0.1707}},
        {"muscle", {"muscle ICRU-44", 0.3783, 0.2048, 0.1693}},
        {"adipose", {"adipose ICRU-44", 0.3063, 0.1974, 0.1688}},
        {"bone_cortical", {"cortical bone ICRU-44", 1.331, 0.3148, 0.1855}},
        {"air", {"dry air", 0.3538, 0.1875, 0.1541}},
        {"aluminium", {"aluminium", 1.128, 0.2778, 0.1704}},
        {"copper", {"copper", 10.91, 1.593, 0.4585}},
        {"tungsten", {"tungsten", 22.73, 3.713, 4.437}},
        {"caesium_iodide", {"caesium iodide", 9.047, 7.921, 2.035}},
    };
    for (const auto& [name, e] : rows) {
        for (double keV : kEnergies)
            expect_within_1pct(lib().mass_attenuation_cm2_per_g(name, keV), e, keV);
    }
    // Elements that are not materials of their own: iron (needle steel's base) and iodine.
    const Material iron = element_material(26, 7.874);
    const Material iodine = element_material(53, 4.93);
    for (double keV : kEnergies) {
        expect_within_1pct(iron.mass_attenuation_cm2_per_g(keV), {"iron", 8.176, 1.205, 0.3717},
                           keV);
        expect_within_1pct(iodine.mass_attenuation_cm2_per_g(keV), {"iodine", 8.561, 7.579, 1.942},
                           keV);
    }
}

TEST(MaterialLibrary, LinearAttenuationIsDensityTimesMassAttenuationPerMm) {
    // Linear rows of the table (1/cm): muscle rho 1.05, cortical bone rho 1.92.
    for (double keV : kEnergies) {
        expect_within_1pct(lib().mu_per_mm("muscle", keV) * 10.0,
                           {"muscle mu", 0.3972, 0.2150, 0.1778}, keV);
        expect_within_1pct(lib().mu_per_mm("bone_cortical", keV) * 10.0,
                           {"cortical mu", 2.556, 0.6044, 0.3562}, keV);
        EXPECT_DOUBLE_EQ(lib().mu_per_mm("steel", keV),
                         8.0 * lib().mass_attenuation_cm2_per_g("steel", keV) / 10.0);
    }
    EXPECT_DOUBLE_EQ(lib().density("steel"), 8.0);
    EXPECT_DOUBLE_EQ(lib().density("air"), 0.001205);
}

TEST(MaterialLibrary, DerivedRowsMatch) {
    // Cancellous bone (15 vol% cortical + 85 vol% water) and contrast, mu in 1/cm.
    for (double keV : kEnergies) {
        expect_within_1pct(lib().mu_per_mm("bone_cancellous", keV) * 10.0,
                           {"cancellous", 0.7026, 0.2657, 0.1985}, keV);
        expect_within_1pct(lib().mu_per_mm("iodine_contrast", keV) * 10.0,
                           {"contrast 60 mgI/mL", 0.908, 0.6709, 0.2958}, keV);
        expect_within_1pct(lib().iodinated_contrast(300.0).mu_per_mm(keV) * 10.0,
                           {"iohexol 300", 2.963, 2.490, 0.7618}, keV);
    }
    EXPECT_NEAR(lib().density("bone_cancellous"), 0.15 * 1.92 + 0.85 * 1.0, 1e-12);
    EXPECT_NEAR(lib().density("iodine_contrast"), 1.05 + 0.060, 1e-12);
    // The K edge of iodine at 33.17 keV makes contrast jump just above it.
    const Material c = lib().iodinated_contrast(60.0);
    EXPECT_GT(c.mu_per_mm(33.3), 3.0 * c.mu_per_mm(33.0));
}

TEST(MaterialLibrary, ContrastAtAnyConcentration) {
    const Material none = lib().iodinated_contrast(0.0);
    const Material c60 = lib().iodinated_contrast(60.0);
    const Material c120 = lib().iodinated_contrast(120.0);
    EXPECT_NEAR(none.mu_per_mm(50.0), lib().mu_per_mm("soft_tissue", 50.0), 1e-12);
    for (double keV : kEnergies) {
        EXPECT_NEAR(c60.mu_per_mm(keV), lib().mu_per_mm("iodine_contrast", keV), 1e-12);
        // Iodine's contribution is linear in its concentration.
        const double tissue = none.mu_per_mm(keV);
        EXPECT_NEAR(c120.mu_per_mm(keV) - tissue, 2.0 * (c60.mu_per_mm(keV) - tissue), 1e-12);
    }
    MaterialLibrary l = lib();
    l.add(c120);
    EXPECT_TRUE(l.has(c120.name));
}

// --- broken files ---------------------------------------------------------------------------

std::filesystem::path write(const std::string& name, const std::string& text) {
    const auto p = test::output_dir() / name;
    std::ofstream(p) << text;
    return p;
}

InputError load_error(const std::filesystem::path& p) {
    try {
        MaterialLibrary::load(p);
    } catch (const InputError& e) {
        return e;
    }
    ADD_FAILURE() << "no InputError for " << p;
    return InputError("none");
}

const char* kHeader =
    "materials:\n"
    "  - name: water\n"
    "    nist_compound: \"Water, Liquid\"\n"
    "    source: test\n";

TEST(MaterialLibraryErrors, UnknownElementNamesFileLineAndField) {
    const auto p =
        write("materials_unknown_element.yaml", std::string(kHeader) +
                                                    "  - name: goo\n"
                                                    "    density: 1.0\n"
                                                    "    mass_fractions: {H: 0.5, Xx: 0.5}\n"
                                                    "    source: test\n");
    const InputError e = load_error(p);
    EXPECT_EQ(e.where().file, p.string());
    EXPECT_EQ(e.where().line, 7);
    EXPECT_EQ(e.where().field, "materials.goo.mass_fractions.Xx");
    EXPECT_NE(std::string(e.what()).find("unknown element 'Xx'"), std::string::npos) << e.what();
}

TEST(MaterialLibraryErrors, MissingDensity) {
    const auto p = write("materials_no_density.yaml", std::string(kHeader) +
                                                          "  - name: goo\n"
                                                          "    mass_fractions: {H: 0.5, O: 0.5}\n"
                                                          "    source: test\n");
    const InputError e = load_error(p);
    EXPECT_EQ(e.where().line, 5);  // the entry that lacks it
    EXPECT_EQ(e.where().field, "materials.goo.density");
    EXPECT_NE(std::string(e.what()).find(p.string() + ":5:"), std::string::npos) << e.what();
}

TEST(MaterialLibraryErrors, FractionsNotSummingToOne) {
    const auto p = write("materials_bad_sum.yaml",
                         std::string(kHeader) +
                             "  - name: goo\n"
                             "    density: 1.0\n"
                             "    mass_fractions:\n"
                             "      H: 0.2\n"
                             "      O: 0.7\n"
                             "    source: test\n"
                             "  - name: mush\n"
                             "    mixture: {by: volume, parts: {water: 0.5, goo: 0.4}}\n"
                             "    source: test\n");
    InputError e = load_error(p);
    EXPECT_EQ(e.where().line, 8);
    EXPECT_EQ(e.where().field, "materials.goo.mass_fractions");
    EXPECT_NE(std::string(e.what()).find("sum to 0.9000"), std::string::npos) << e.what();
}

TEST(MaterialLibraryErrors, OtherMistakes) {
    struct Case {
        const char* body;
        int line;
        const char* field;
    } cases[] = {
        {"  - name: goo\n    density: 1.0\n    mass_fraction: {H: 1.0}\n    source: t\n", 7,
         "materials.goo.mass_fraction"},
        {"  - name: goo\n    mixture: {by: volume, parts: {water: 0.5, milk: 0.5}}\n    source: "
         "t\n",
         6, "materials.goo.mixture.parts.milk"},
        {"  - name: water\n    nist_compound: \"Water, Liquid\"\n    source: t\n", 5,
         "materials.water.name"},
        {"  - name: goo\n    nist_compound: \"Unobtainium\"\n    source: t\n", 6,
         "materials.goo.nist_compound"},
        {"  - name: goo\n    density: -1\n    mass_fractions: {H: 1.0}\n    source: t\n", 6,
         "materials.goo.density"},
        {"  - name: goo\n    density: 1.0\n    mass_fractions: {H: 1.0}\n", 5,
         "materials.goo.source"},
        {"  - name: goo\n    iodinated_contrast: {iodine_mg_per_ml: 900, diluent: water}\n    "
         "source: t\n",
         6, "materials.goo.iodinated_contrast.iodine_mg_per_ml"},
    };
    int i = 0;
    for (const auto& c : cases) {
        const auto p = write("materials_mistake_" + std::to_string(i++) + ".yaml",
                             std::string(kHeader) + c.body);
        const InputError e = load_error(p);
        EXPECT_EQ(e.where().line, c.line) << c.field << ": " << e.what();
        EXPECT_EQ(e.where().field, c.field) << e.what();
    }
}

}  // namespace
}  // namespace fluorosim
