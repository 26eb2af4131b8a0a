#include "io/patient_file.hpp"

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/util/error.hpp"
#include "core/util/log.hpp"
#include "core/util/paths.hpp"
#include "io/mesh_file.hpp"

namespace fluorosim::io {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json parameters_json(const PatientParameters& p) {
    return {{"height_cm", p.height_cm},
            {"sex", p.sex == Sex::female ? "female" : "male"},
            {"bmi", p.bmi},
            {"lordosis_deg", p.lordosis_deg},
            {"sacral_slope_deg", p.sacral_slope_deg},
            {"scoliosis_cobb_deg", p.scoliosis_cobb_deg},
            {"scoliosis_apex", p.scoliosis_apex},
            {"apical_rotation_deg", p.apical_rotation_deg},
            {"disc_degeneration", p.disc_degeneration},
            {"facet_hypertrophy", p.facet_hypertrophy},
            {"fracture_level", p.fracture_level},
            {"fracture_height_loss", p.fracture_height_loss},
            {"transitional", int(p.transitional)},
            {"radiculomedullary_level", p.radiculomedullary_level},
            {"radiculomedullary_left", p.radiculomedullary_left},
            {"seed", p.seed},
            {"triangle_budget", p.triangle_budget},
            {"resolution_scale", p.resolution_scale},
            {"skeleton_only", p.skeleton_only}};
}

PatientParameters parameters_from(const json& j) {
    PatientParameters p;
    p.height_cm = j.at("height_cm");
    p.sex = j.at("sex") == "female" ? Sex::female : Sex::male;
    p.bmi = j.at("bmi");
    p.lordosis_deg = j.at("lordosis_deg");
    p.sacral_slope_deg = j.at("sacral_slope_deg");
    p.scoliosis_cobb_deg = j.at("scoliosis_cobb_deg");
    p.scoliosis_apex = j.at("scoliosis_apex");
    p.apical_rotation_deg = j.at("apical_rotation_deg");
    p.disc_degeneration = j.at("disc_degeneration");
    p.facet_hypertrophy = j.at("facet_hypertrophy");
    p.fracture_level = j.at("fracture_level");
    p.fracture_height_loss = j.at("fracture_height_loss");
    p.transitional = TransitionalVertebra(int(j.at("transitional")));
    p.radiculomedullary_level = j.at("radiculomedullary_level");
    p.radiculomedullary_left = j.at("radiculomedullary_left");
    p.seed = j.at("seed");
    p.triangle_budget = j.at("triangle_budget");
    p.resolution_scale = j.at("resolution_scale");
    p.skeleton_only = j.at("skeleton_only");
    return p;
}

StructureKind kind_from(const std::string& name, const std::string& file) {
    for (int k = 0; k <= int(StructureKind::bowel_gas); ++k)
        if (name == to_string(StructureKind(k))) return StructureKind(k);
    throw InputError({file, 0, "structures"}, "unknown structure kind '" + name + "'");
}

LandmarkKind landmark_kind_from(const std::string& name, const std::string& file) {
    for (int k = 0; k <= int(LandmarkKind::plane); ++k)
        if (name == to_string(LandmarkKind(k))) return LandmarkKind(k);
    throw InputError({file, 0, "landmarks"}, "unknown landmark kind '" + name + "'");
}

json vec(const glm::vec3& v) { return json::array({v.x, v.y, v.z}); }
glm::vec3 vec_from(const json& j) { return {j.at(0).get<float>(), j.at(1).get<float>(), j.at(2).get<float>()}; }

}  // namespace

void save_patient(const Patient& patient, const fs::path& dir) {
    fs::create_directories(dir);
    export_scene(patient.scene, dir / "patient.glb");
    json j;
    j["generator_version"] = kPatientGeneratorVersion;
    j["parameters"] = parameters_json(patient.parameters);
    j["skin_to_epidural_mm"] = patient.skin_to_epidural_mm;
    j["epidural_reference"] = vec(patient.epidural_reference);
    json structures = json::array();
    for (std::size_t i = 0; i < patient.structures.size(); ++i) {
        const auto& s = patient.structures[i];
        structures.push_back({{"object", patient.scene.objects[i].name},
                              {"kind", to_string(s.kind)},
                              {"level", s.level},
                              {"side", s.side}});
    }
    j["structures"] = structures;
    json landmarks = json::object();
    for (const auto& [name, l] : patient.landmarks) {
        json points = json::array();
        for (const auto& p : l.points) points.push_back(vec(p));
        landmarks[name] = {{"kind", to_string(l.kind)},
                           {"points", points},
                           {"normal", vec(l.normal)},
                           {"structure", l.structure},
                           {"tolerance_mm", l.tolerance_mm}};
    }
    j["landmarks"] = landmarks;
    std::ofstream out(dir / "patient.json");
    out << j.dump(1) << '\n';
    if (!out) throw InputError({(dir / "patient.json").string(), 0, ""}, "cannot write patient description");
}

std::string patient_parameters_text(const PatientParameters& parameters) { return parameters_json(parameters).dump(); }

PatientParameters parse_patient_parameters(const std::string& text, const SourceLocation& where) {
    try {
        return parameters_from(json::parse(text));
    } catch (const json::exception& e) {
        throw InputError(where, std::string("malformed patient parameters: ") + e.what());
    }
}

Patient load_patient(const fs::path& dir, const MaterialLibrary& library) {
    const fs::path json_path = dir / "patient.json";
    std::ifstream in(json_path);
    if (!in) throw InputError({json_path.string(), 0, ""}, "cannot open patient description");
    Patient patient;
    try {
        const json j = json::parse(in);
        if (j.at("generator_version") != kPatientGeneratorVersion)
            throw InputError({json_path.string(), 0, "generator_version"},
                             "made by another generator version (" + j.at("generator_version").dump() + ", this is " +
                                 std::to_string(kPatientGeneratorVersion) + ")");
        patient.parameters = parameters_from(j.at("parameters"));
        patient.skin_to_epidural_mm = j.at("skin_to_epidural_mm");
        patient.epidural_reference = vec_from(j.at("epidural_reference"));
        Scene imported = import_scene(dir / "patient.glb", {}, library);
        // Put the objects back in the described order (structures[] runs parallel to them).
        std::map<std::string, int> by_name;
        for (std::size_t i = 0; i < imported.objects.size(); ++i) by_name[imported.objects[i].name] = int(i);
        std::vector<int> new_index(imported.objects.size(), -1);
        for (const auto& s : j.at("structures")) {
            const std::string name = s.at("object");
            const auto it = by_name.find(name);
            if (it == by_name.end()) throw InputError({json_path.string(), 0, "structures"}, "object '" + name + "' is not in patient.glb");
            SceneObject o = imported.objects[std::size_t(it->second)];
            o.parent = o.parent >= 0 ? new_index[std::size_t(o.parent)] : -1;
            if (imported.objects[std::size_t(it->second)].parent >= 0 && o.parent < 0)
                throw InputError({json_path.string(), 0, "structures"}, "object '" + name + "' is listed before its container");
            new_index[std::size_t(it->second)] = patient.scene.add(std::move(o));
            patient.structures.push_back({kind_from(s.at("kind"), json_path.string()), s.at("level"), s.at("side")});
        }
        if (patient.scene.objects.size() != imported.objects.size())
            throw InputError({json_path.string(), 0, "structures"}, "lists " + std::to_string(patient.scene.objects.size()) +
                                                                     " objects, patient.glb holds " +
                                                                     std::to_string(imported.objects.size()));
        for (const auto& [name, l] : j.at("landmarks").items()) {
            Landmark lm;
            lm.kind = landmark_kind_from(l.at("kind"), json_path.string());
            for (const auto& p : l.at("points")) lm.points.push_back(vec_from(p));
            lm.normal = vec_from(l.at("normal"));
            lm.structure = l.at("structure");
            lm.tolerance_mm = l.at("tolerance_mm");
            patient.landmarks[name] = lm;
        }
    } catch (const json::exception& e) {
        throw InputError({json_path.string(), 0, ""}, std::string("malformed patient description: ") + e.what());
    }
    patient.scene.name = "patient";
    patient.layout = layout_spine(patient.parameters);
    return patient;
}

std::string patient_key(const PatientParameters& parameters) {
    // FNV-1a over the canonical JSON of the parameters and the generator version.
    const std::string text = parameters_json(parameters).dump() + "#" + std::to_string(kPatientGeneratorVersion);
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
    std::ostringstream out;
    out << std::hex << h;
    return out.str();
}

fs::path standard_patient_dir() { return paths::asset_dir() / "patients" / "standard_adult"; }

fs::path patient_cache_dir() {
    const char* v = std::getenv("XDG_CACHE_HOME");
    const fs::path base = v && *v && fs::path(v).is_absolute() ? fs::path(v) : fs::path(std::getenv("HOME") ? std::getenv("HOME") : "/tmp") / ".cache";
    return base / "fluorosim" / "patients";
}

Patient obtain_patient(const PatientParameters& parameters, const MaterialLibrary& library) {
    const std::string key = patient_key(parameters);
    for (const fs::path& dir : {standard_patient_dir(), patient_cache_dir() / key}) {
        if (!fs::exists(dir / "patient.json")) continue;
        try {
            Patient p = load_patient(dir, library);
            if (patient_key(p.parameters) == key) return p;
        } catch (const InputError& e) {
            log::warning(std::string("ignoring stored patient: ") + e.what());
        }
    }
    log::info("generating patient " + key + " (takes a few seconds; cached afterwards)");
    Patient p = generate_patient(parameters);
    try {
        save_patient(p, patient_cache_dir() / key);
    } catch (const InputError& e) {
        log::warning(std::string("cannot cache the patient: ") + e.what());
    }
    return p;
}

}  // namespace fluorosim::io
