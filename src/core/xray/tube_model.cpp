#include "core/xray/tube_model.hpp"

#include <yaml-cpp/yaml.h>

#include <set>
#include <string>

#include "core/util/error.hpp"
#include "core/util/paths.hpp"

namespace fluorosim {
namespace {

struct Range {
    double lo, hi;
};

double read(const std::string& file, const YAML::Node& root, const char* key, Range r) {
    const YAML::Node n = root[key];
    const YAML::Mark mark = n ? n.Mark() : root.Mark();
    const SourceLocation where{file, mark.line >= 0 ? mark.line + 1 : 0,
                               std::string("tube.") + key};
    if (!n) throw InputError(where, "missing");
    double v = 0.0;
    try {
        v = n.as<double>();
    } catch (const YAML::Exception&) {
        throw InputError(where, "expected a number");
    }
    if (!(v >= r.lo && v <= r.hi)) {
        throw InputError(where, "must be in " + std::to_string(r.lo) + ".." + std::to_string(r.hi));
    }
    return v;
}

}  // namespace

TubeModel TubeModel::load(const std::filesystem::path& file) {
    const std::string f = file.string();
    YAML::Node root;
    try {
        root = YAML::LoadFile(f);
    } catch (const YAML::BadFile&) {
        throw InputError(SourceLocation{f, 0, ""}, "cannot read the spectrum file");
    } catch (const YAML::ParserException& e) {
        throw InputError(SourceLocation{f, e.mark.line + 1, ""}, e.msg);
    }
    if (!root.IsMap()) throw InputError(SourceLocation{f, 1, "tube"}, "expected a map 'tube:'");
    const YAML::Node tube = root["tube"];
    if (!tube || !tube.IsMap())
        throw InputError(SourceLocation{f, 1, "tube"}, "expected a map 'tube:'");
    const std::set<std::string> known{"anode", "anode_angle_deg", "inherent_filtration_mm_al",
                                      "output_calibration"};
    for (const auto& kv : tube) {
        if (!known.count(kv.first.Scalar())) {
            throw InputError(
                SourceLocation{f, kv.first.Mark().line + 1, "tube." + kv.first.Scalar()},
                "unknown key");
        }
    }
    if (tube["anode"] && tube["anode"].Scalar() != "W") {
        throw InputError(SourceLocation{f, tube["anode"].Mark().line + 1, "tube.anode"},
                         "only a tungsten anode ('W') is modelled");
    }
    TubeModel m;
    m.anode_angle_deg = read(f, tube, "anode_angle_deg", {5.0, 30.0});
    m.inherent_filtration_mm_al = read(f, tube, "inherent_filtration_mm_al", {0.0, 10.0});
    m.output_calibration = read(f, tube, "output_calibration", {1e-3, 10.0});
    return m;
}

TubeModel TubeModel::standard() {
    static const TubeModel model = load(paths::asset_dir() / "spectrum.yaml");
    return model;
}

}  // namespace fluorosim
