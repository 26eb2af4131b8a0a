#include "core/xray/material_library.hpp"

#include <yaml-cpp/yaml.h>

#include <cassert>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/util/error.hpp"
#include "core/util/paths.hpp"

namespace fluorosim {
namespace {

// Published compositions are rounded to 0.1% per element; nine elements can drift 0.2% from 1.
constexpr double kFractionSumTolerance = 0.002;

// Densities outside this range are typos (lightest: air 0.0012; densest: W 19.3, Au 19.3).
constexpr double kMinDensity = 1e-4;
constexpr double kMaxDensity = 23.0;

struct Reader {
    std::string file;

    [[noreturn]] void fail(const YAML::Node& at, const std::string& field,
                           const std::string& msg) const {
        const YAML::Mark mark = at.Mark();
        throw InputError(SourceLocation{file, mark.line >= 0 ? mark.line + 1 : 0, field}, msg);
    }

    double number(const YAML::Node& n, const std::string& field) const {
        if (!n.IsScalar()) fail(n, field, "expected a number");
        try {
            return n.as<double>();
        } catch (const YAML::Exception&) {
            fail(n, field, "expected a number, got '" + n.Scalar() + "'");
        }
    }

    std::string text(const YAML::Node& n, const std::string& field) const {
        if (!n.IsScalar() || n.Scalar().empty()) fail(n, field, "expected a non-empty string");
        return n.Scalar();
    }

    double density(const YAML::Node& entry, const std::string& field) const {
        const YAML::Node d = entry["density"];
        if (!d) fail(entry, field + ".density", "missing density (g/cm3)");
        const double rho = number(d, field + ".density");
        if (!(rho >= kMinDensity && rho <= kMaxDensity)) {
            fail(d, field + ".density", "density " + d.Scalar() + " g/cm3 is outside 0.0001..23");
        }
        return rho;
    }
};

std::vector<ElementFraction> read_mass_fractions(const Reader& r, const YAML::Node& node,
                                                 const std::string& field) {
    if (!node.IsMap() || node.size() == 0) {
        r.fail(node, field, "expected a map of element symbol to mass fraction");
    }
    std::vector<ElementFraction> out;
    double sum = 0.0;
    for (const auto& kv : node) {
        const std::string symbol = kv.first.Scalar();
        const std::string f = field + "." + symbol;
        const int z = atomic_number(symbol);
        if (z == 0) r.fail(kv.first, f, "unknown element '" + symbol + "'");
        const double w = r.number(kv.second, f);
        if (!(w > 0.0 && w <= 1.0)) r.fail(kv.second, f, "mass fraction must be in (0, 1]");
        for (const auto& e : out) {
            if (e.z == z) r.fail(kv.first, f, "element listed twice");
        }
        out.push_back({z, w});
        sum += w;
    }
    if (std::abs(sum - 1.0) > kFractionSumTolerance) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "mass fractions sum to %.4f, not 1 (tolerance %.3f)", sum,
                      kFractionSumTolerance);
        r.fail(node, field, buf);
    }
    for (auto& e : out) e.mass_fraction /= sum;
    return out;
}

void check_keys(const Reader& r, const YAML::Node& entry, const std::string& field,
                const std::set<std::string>& allowed) {
    for (const auto& kv : entry) {
        const std::string key = kv.first.Scalar();
        if (!allowed.count(key)) r.fail(kv.first, field + "." + key, "unknown key '" + key + "'");
    }
}

// {by: volume|mass, parts: {material: fraction}} of materials defined earlier in the file.
Material read_mixture(const Reader& r, const MaterialLibrary& lib, const YAML::Node& entry,
                      const std::string& field, Material m) {
    const YAML::Node mix = entry["mixture"];
    const std::string f = field + ".mixture";
    if (!mix.IsMap()) r.fail(mix, f, "expected {by: volume|mass, parts: {material: fraction}}");
    check_keys(r, mix, f, {"by", "parts"});
    if (!mix["by"]) r.fail(mix, f + ".by", "missing 'by' (volume or mass)");
    const std::string by = r.text(mix["by"], f + ".by");
    if (by != "volume" && by != "mass") r.fail(mix["by"], f + ".by", "must be 'volume' or 'mass'");
    const YAML::Node parts = mix["parts"];
    if (!parts || !parts.IsMap() || parts.size() == 0)
        r.fail(mix, f + ".parts", "expected a map of material to fraction");
    const bool by_volume = by == "volume";
    if (by_volume && entry["density"]) {
        r.fail(entry["density"], field + ".density",
               "a volume mixture's density follows from its parts; remove it");
    }
    const double rho = by_volume ? 0.0 : r.density(entry, field);
    std::vector<PartialDensity> pd;
    double sum = 0.0;
    for (const auto& kv : parts) {
        const std::string part = kv.first.Scalar();
        const std::string pf = f + ".parts." + part;
        if (!lib.has(part))
            r.fail(kv.first, pf, "unknown material '" + part + "' (define it above the mixture)");
        const double frac = r.number(kv.second, pf);
        if (!(frac > 0.0 && frac <= 1.0)) r.fail(kv.second, pf, "fraction must be in (0, 1]");
        const Material& p = lib.material(part);
        pd.push_back({&p, by_volume ? frac * p.density_g_per_cm3 : frac * rho});
        sum += frac;
    }
    if (std::abs(sum - 1.0) > kFractionSumTolerance) {
        r.fail(parts, f + ".parts", by + " fractions sum to " + std::to_string(sum) + ", not 1");
    }
    for (auto& p : pd) p.grams_per_cm3 /= sum;
    std::string source = std::move(m.source);
    m = mix_materials(m.name, pd);
    m.source = std::move(source);
    return m;
}

// {iodine_mg_per_ml: c, diluent: material}: iodine added to a diluent defined earlier.
Material read_contrast(const Reader& r, const MaterialLibrary& lib, const YAML::Node& entry,
                       const std::string& field, Material m) {
    const YAML::Node ic = entry["iodinated_contrast"];
    const std::string f = field + ".iodinated_contrast";
    if (!ic.IsMap()) r.fail(ic, f, "expected {iodine_mg_per_ml: c, diluent: material}");
    check_keys(r, ic, f, {"iodine_mg_per_ml", "diluent"});
    if (entry["density"]) {
        r.fail(entry["density"], field + ".density",
               "contrast density follows from diluent and iodine; remove it");
    }
    if (!ic["iodine_mg_per_ml"])
        r.fail(ic, f + ".iodine_mg_per_ml", "missing iodine concentration");
    const double c = r.number(ic["iodine_mg_per_ml"], f + ".iodine_mg_per_ml");
    // 400 mgI/mL is the most concentrated contrast agent sold (iomeprol 400).
    if (!(c > 0.0 && c <= 400.0))
        r.fail(ic["iodine_mg_per_ml"], f + ".iodine_mg_per_ml", "must be in (0, 400] mgI/mL");
    if (!ic["diluent"]) r.fail(ic, f + ".diluent", "missing diluent material");
    const std::string diluent = r.text(ic["diluent"], f + ".diluent");
    if (!lib.has(diluent))
        r.fail(ic["diluent"], f + ".diluent",
               "unknown material '" + diluent + "' (define it above)");
    Material contrast = lib.iodinated_contrast(c, diluent);
    contrast.name = std::move(m.name);
    contrast.source = std::move(m.source);
    m = std::move(contrast);
    return m;
}

}  // namespace

MaterialLibrary MaterialLibrary::load(const std::filesystem::path& file) {
    const Reader r{file.string()};
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const YAML::BadFile&) {
        throw InputError(SourceLocation{r.file, 0, ""}, "cannot read the materials file");
    } catch (const YAML::ParserException& e) {
        throw InputError(SourceLocation{r.file, e.mark.line + 1, ""}, e.msg);
    }
    if (!root.IsMap()) r.fail(root, "materials", "expected a map with a list 'materials:'");
    const YAML::Node list = root["materials"];
    if (!list || !list.IsSequence()) r.fail(root, "materials", "expected a list 'materials:'");

    MaterialLibrary lib;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node entry = list[i];
        std::string field = "materials[" + std::to_string(i) + "]";
        if (!entry.IsMap())
            r.fail(entry, field, "expected a map with name, source and composition");
        if (!entry["name"]) r.fail(entry, field + ".name", "missing name");
        Material m;
        m.name = r.text(entry["name"], field + ".name");
        field = "materials." + m.name;
        if (lib.has(m.name)) r.fail(entry["name"], field + ".name", "material defined twice");
        if (!entry["source"])
            r.fail(entry, field + ".source", "missing source (cite where the data come from)");
        m.source = r.text(entry["source"], field + ".source");
        check_keys(r, entry, field,
                   {"name", "source", "density", "mass_fractions", "nist_compound", "mixture",
                    "iodinated_contrast"});

        int ways = 0;
        for (const char* k : {"mass_fractions", "nist_compound", "mixture", "iodinated_contrast"}) {
            ways += entry[k] ? 1 : 0;
        }
        if (ways != 1) {
            r.fail(
                entry, field,
                "give exactly one of mass_fractions, nist_compound, mixture, iodinated_contrast");
        }

        if (const YAML::Node mf = entry["mass_fractions"]) {
            m.elements = read_mass_fractions(r, mf, field + ".mass_fractions");
            m.density_g_per_cm3 = r.density(entry, field);
        } else if (const YAML::Node nc = entry["nist_compound"]) {
            const std::string cname = r.text(nc, field + ".nist_compound");
            const auto c = nist_compound(cname);
            if (!c)
                r.fail(nc, field + ".nist_compound",
                       "'" + cname + "' is not in xraylib's NIST compound list");
            m.elements = c->elements;
            m.density_g_per_cm3 = entry["density"] ? r.density(entry, field) : c->density_g_per_cm3;
        } else if (entry["mixture"]) {
            m = read_mixture(r, lib, entry, field, std::move(m));
        } else {
            m = read_contrast(r, lib, entry, field, std::move(m));
        }
        lib.add(std::move(m));
    }
    return lib;
}

MaterialLibrary MaterialLibrary::standard() {
    static const MaterialLibrary lib = load(paths::asset_dir() / "materials.yaml");
    return lib;
}

bool MaterialLibrary::has(std::string_view name) const { return index_.find(name) != index_.end(); }

const Material& MaterialLibrary::material(std::string_view name) const {
    const auto it = index_.find(name);
    if (it == index_.end()) throw InputError("unknown material '" + std::string(name) + "'");
    return materials_[it->second];
}

std::vector<std::string> MaterialLibrary::names() const {
    std::vector<std::string> out;
    for (const auto& m : materials_) out.push_back(m.name);
    return out;
}

double MaterialLibrary::density(std::string_view name) const {
    return material(name).density_g_per_cm3;
}

double MaterialLibrary::mass_attenuation_cm2_per_g(std::string_view name, double keV) const {
    return material(name).mass_attenuation_cm2_per_g(keV);
}

double MaterialLibrary::mu_per_mm(std::string_view name, double keV) const {
    return material(name).mu_per_mm(keV);
}

Material MaterialLibrary::iodinated_contrast(double mg_iodine_per_ml,
                                             std::string_view diluent) const {
    assert(mg_iodine_per_ml >= 0.0);
    const Material& base = material(diluent);
    const Material iodine = element_material(53, 4.93);  // only its composition is used
    char name[64];
    std::snprintf(name, sizeof name, "iodine_contrast_%gmgI", mg_iodine_per_ml);
    Material m = mix_materials(
        name, {{&base, base.density_g_per_cm3}, {&iodine, mg_iodine_per_ml / 1000.0}});
    m.source = "iodine " + std::to_string(mg_iodine_per_ml) + " mg/mL added to " + base.name;
    return m;
}

void MaterialLibrary::add(Material m) {
    assert(!has(m.name) && m.density_g_per_cm3 > 0.0 && !m.elements.empty());
    index_.emplace(m.name, materials_.size());
    materials_.push_back(std::move(m));
}

}  // namespace fluorosim
