#include "core/scenario/scenario.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/scenario/yaml_reader.hpp"
#include "core/util/paths.hpp"

namespace fluorosim {
namespace {

const std::vector<std::string> k_procedures = {
    "phantom", "medial_branch_block", "rf_neurotomy", "facet_intra_articular",
    "interlaminar_epidural", "transforaminal_epidural", "si_joint"};
const std::vector<std::string> k_levels = {"", "T12", "L1", "L2", "L3", "L4", "L5", "S1",
                                           "T12-L1", "L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1"};
const std::vector<std::string> k_needles = {"quincke_22g_90mm", "quincke_22g_127mm",
                                            "quincke_25g_90mm", "quincke_25g_127mm",
                                            "tuohy_20g_90mm", "rf_cannula_20g_100mm"};


PatientParameters read_patient_parameters(const YamlReader& p, unsigned seed) {
    PatientParameters q;
    q.seed = seed;
    q.height_cm = float(p.number_or("height_cm", q.height_cm, 140, 210));
    q.sex = p.choice_or("sex", {"male", "female"}, "male") == "female" ? Sex::female : Sex::male;
    q.bmi = float(p.number_or("bmi", q.bmi, 16, 50));
    q.lordosis_deg = float(p.number_or("lordosis_deg", q.lordosis_deg, 0, 80));
    q.sacral_slope_deg = float(p.number_or("sacral_slope_deg", q.sacral_slope_deg, 15, 60));
    q.scoliosis_cobb_deg = float(p.number_or("scoliosis_cobb_deg", q.scoliosis_cobb_deg, -60, 60));
    q.scoliosis_apex = p.integer_or("scoliosis_apex", q.scoliosis_apex, 0, 4);
    q.disc_degeneration = float(p.number_or("disc_degeneration", q.disc_degeneration, 0, 1));
    q.facet_hypertrophy = float(p.number_or("facet_hypertrophy", q.facet_hypertrophy, 0, 1));
    q.fracture_level = p.choice_or("fracture_level", {"", "L1", "L2", "L3", "L4", "L5"}, "");
    q.fracture_height_loss = float(p.number_or("fracture_height_loss", q.fracture_height_loss, 0.05, 0.8));
    const std::string t = p.choice_or("transitional", {"none", "sacralized_l5", "lumbarized_s1"}, "none");
    q.transitional = t == "sacralized_l5"   ? TransitionalVertebra::sacralized_l5
                     : t == "lumbarized_s1" ? TransitionalVertebra::lumbarized_s1
                                            : TransitionalVertebra::none;
    q.radiculomedullary_level = p.choice_or("radiculomedullary_level", {"T12", "L1", "L2", "L3"}, q.radiculomedullary_level);
    q.radiculomedullary_left = p.choice_or("radiculomedullary_side", {"left", "right"}, "left") == "left";
    return q;
}

CArmPose read_carm(const YamlReader& r) {
    r.only_keys({"lao_deg", "rao_deg", "cran_deg", "caud_deg", "sid_mm", "sod_mm", "field", "magnification",
                 "iris", "shutter_x", "shutter_y", "isocentre_mm"});
    CArmPose pose;
    if (r.has("lao_deg") && r.has("rao_deg")) r.fail("rao_deg", "give either lao_deg or rao_deg, not both");
    if (r.has("cran_deg") && r.has("caud_deg")) r.fail("caud_deg", "give either cran_deg or caud_deg, not both");
    pose.primary_deg = r.has("rao_deg") ? -r.number("rao_deg", 0, 120) : r.number_or("lao_deg", 0, 0, 120);
    pose.secondary_deg = r.has("caud_deg") ? -r.number("caud_deg", 0, 50) : r.number_or("cran_deg", 0, 0, 50);
    pose.sid_mm = r.number_or("sid_mm", 1000, 700, 1300);
    pose.sod_mm = r.number_or("sod_mm", 650, 300, pose.sid_mm - 100);
    const std::string field = r.choice_or("field", {"ii9", "ii12", "flat_panel"}, "ii9");
    set_field(pose, field == "ii12" ? DetectorType::ii12 : field == "flat_panel" ? DetectorType::flat_panel : DetectorType::ii9,
              r.integer_or("magnification", 0, 0, 2));
    pose.collimation.iris = r.number_or("iris", 1.0, 0.1, 1.0);
    pose.collimation.shutter_x = r.number_or("shutter_x", 1.0, 0.1, 1.0);
    pose.collimation.shutter_y = r.number_or("shutter_y", 1.0, 0.1, 1.0);
    if (auto iso = r.optional_child("isocentre_mm")) {
        const auto items = iso->sequence();
        if (items.size() != 3) iso->fail("", "expected [x, y, z] in mm");
        for (int i = 0; i < 3; ++i) {
            double v = 0;
            if (!YAML::convert<double>::decode(items[std::size_t(i)].node(), v)) iso->fail("", "expected numbers");
            pose.isocentre[i] = v;
        }
    }
    return pose;
}

// Contrast patterns of clinical.md 1.2 (contrast/contrast.hpp names them the same way; a test
// checks the two lists agree).
const std::vector<std::string> k_patterns = {
    "facet_arthrogram", "si_arthrogram", "epidurogram_dorsal", "epidurogram_ventral", "neurogram",
    "myelogram", "subdural", "venous", "arterial", "intramuscular", "nucleogram"};

glm::dvec3 read_vec3(const YamlReader& r, const std::string& key) {
    const YamlReader v = r.child(key);
    const auto items = v.sequence();
    if (items.size() != 3) v.fail("", "expected [x, y, z] (patient frame, mm)");
    glm::dvec3 out(0.0);
    for (int i = 0; i < 3; ++i)
        if (!YAML::convert<double>::decode(items[std::size_t(i)].node(), out[i])) v.fail("", "expected numbers in [x, y, z]");
    return out;
}

Zone read_zone(const YamlReader& z, const std::set<std::string>& landmarks, bool hazard) {
    z.only_keys({"label", "landmark", "offset_mm", "radius_mm", "sphere", "box", "tissue", "message"});
    Zone out;
    const int shapes = int(z.has("landmark")) + int(z.has("sphere")) + int(z.has("box"));
    if (shapes != 1) z.fail("", "give exactly one of 'landmark', 'sphere' or 'box'");
    if (z.has("landmark")) {
        out.landmark = z.string("landmark");
        if (!landmarks.count(out.landmark))
            z.fail("landmark", "unknown landmark '" + out.landmark +
                                   "' (the standard patient's names look like 'L4.left.sap_tp_junction', "
                                   "'L4-L5.left.facet_inferior_recess', 'L5-S1.interlaminar_window'; "
                                   "'fluorosim generate-patient' lists them all)");
        out.radius_mm = z.number_or("radius_mm", out.radius_mm, 0.1, 100);
        // An authored zone may sit beside its landmark (e.g. 2 mm cranial of the SAP-TP junction).
        if (z.has("offset_mm")) out.offset_mm = read_vec3(z, "offset_mm");
        if (glm::length(out.offset_mm) > 50.0) z.fail("offset_mm", "an offset over 50 mm no longer follows its landmark");
    } else if (auto sp = z.optional_child("sphere")) {
        sp->only_keys({"centre", "radius_mm"});
        out.shape = ZoneShape::sphere;
        out.centre = read_vec3(*sp, "centre");
        out.radius_mm = sp->number("radius_mm", 0.1, 100);
    } else if (auto b = z.optional_child("box")) {
        b->only_keys({"min", "max"});
        out.shape = ZoneShape::box;
        out.box_min = read_vec3(*b, "min");
        out.box_max = read_vec3(*b, "max");
        for (int i = 0; i < 3; ++i)
            if (out.box_max[i] <= out.box_min[i]) b->fail("max", "every coordinate of 'max' must exceed 'min'");
    }
    if (z.has("radius_mm") && out.shape != ZoneShape::landmark) z.fail("radius_mm", "only landmark zones take radius_mm here");
    if (z.has("offset_mm") && out.shape != ZoneShape::landmark) z.fail("offset_mm", "only landmark zones take offset_mm");
    out.label = z.string_or("label", out.landmark.empty() ? (hazard ? "hazard" : "target") : out.landmark);
    out.tissue = z.choice_or("tissue", zone_tissue_names(), "");
    out.message = z.string_or("message", "");
    return out;
}

std::vector<Zone> read_zones(const YamlReader& r, const std::string& key, const std::set<std::string>& landmarks,
                             bool hazard) {
    std::vector<Zone> out;
    const YamlReader list = r.child(key);
    for (const YamlReader& z : list.sequence()) out.push_back(read_zone(z, landmarks, hazard));
    return out;
}

void read_rubric(const YamlReader& r, Rubric& q, const std::set<std::string>& landmarks) {
    r.only_keys({"weights", "pass_score", "partial_mm", "endplate_tolerance_deg", "oblique_min_deg",
                 "depth_view_min_deg", "coaxial_tolerance_deg", "depth_margin_mm", "max_depth_mm",
                 "require_bone_contact", "require_loss_of_resistance", "require_contrast",
                 "require_live_contrast", "require_contrast_before_injectate", "expected_pattern",
                 "parallel_to_nerve"});
    if (auto w = r.optional_child("weights")) {
        w->only_keys({"accuracy", "efficiency", "technique"});
        q.accuracy_weight = w->number_or("accuracy", q.accuracy_weight, 0, 100);
        q.efficiency_weight = w->number_or("efficiency", q.efficiency_weight, 0, 100);
        q.technique_weight = w->number_or("technique", q.technique_weight, 0, 100);
        const double sum = q.accuracy_weight + q.efficiency_weight + q.technique_weight;
        if (std::abs(sum - 100.0) > 1e-6)
            w->fail("", "the weights must add up to 100 (they add up to " + std::to_string(int(std::lround(sum))) + ")");
    }
    q.pass_score = r.number_or("pass_score", q.pass_score, 0, 100);
    q.partial_mm = r.number_or("partial_mm", q.partial_mm, 0.1, 100);
    q.endplate_tolerance_deg = r.number_or("endplate_tolerance_deg", q.endplate_tolerance_deg, 0.1, 30);
    q.oblique_min_deg = r.number_or("oblique_min_deg", q.oblique_min_deg, 1, 80);
    q.depth_view_min_deg = r.number_or("depth_view_min_deg", q.depth_view_min_deg, 10, 90);
    q.coaxial_tolerance_deg = r.number_or("coaxial_tolerance_deg", q.coaxial_tolerance_deg, 1, 45);
    q.depth_margin_mm = r.number_or("depth_margin_mm", q.depth_margin_mm, 0, 50);
    q.max_depth_mm = r.number_or("max_depth_mm", q.max_depth_mm, 0, 200);
    q.require_bone_contact = r.boolean_or("require_bone_contact", q.require_bone_contact);
    q.require_loss_of_resistance = r.boolean_or("require_loss_of_resistance", q.require_loss_of_resistance);
    q.require_contrast = r.boolean_or("require_contrast", q.require_contrast);
    q.require_live_contrast = r.boolean_or("require_live_contrast", q.require_live_contrast);
    q.require_contrast_before_injectate =
        r.boolean_or("require_contrast_before_injectate", q.require_contrast_before_injectate);
    q.expected_pattern = r.choice_or("expected_pattern", k_patterns, "");
    if (auto p = r.optional_child("parallel_to_nerve")) {
        p->only_keys({"axis", "landmark", "max_angle_deg"});
        q.parallel.enabled = true;
        if (p->has("landmark") == p->has("axis"))
            p->fail("", "give either axis or landmark (the nerve's course)");
        if (p->has("landmark")) {
            q.parallel.landmark = p->string("landmark");
            if (!landmarks.count(q.parallel.landmark))
                p->fail("landmark", "unknown landmark '" + q.parallel.landmark + "'");
        } else {
            q.parallel.axis = read_vec3(*p, "axis");
            if (glm::length(q.parallel.axis) < 1e-6)
                p->fail("axis", "the nerve axis must not be zero");
            q.parallel.axis = glm::normalize(q.parallel.axis);
        }
        q.parallel.max_angle_deg = p->number_or("max_angle_deg", q.parallel.max_angle_deg, 1, 90);
    }
}

Scenario read(const YamlReader& r, const std::set<std::string>& landmarks) {
    r.only_keys({"fluorosim_scenario", "name", "procedure", "level", "side", "needle", "patient",
                 "carm", "exposure", "learning_aids", "instructions", "difficulty", "targets", "hazards",
                 "rubric", "limits", "expert"});
    const int version = r.format_version("fluorosim_scenario", Scenario::format_version);
    Scenario s;
    s.file = r.file();
    s.name = r.string("name");
    s.procedure = r.choice("procedure", k_procedures);
    s.level = r.choice_or("level", k_levels, "");
    s.side = r.choice_or("side", {"left", "right", "midline"}, "midline");
    s.needle = r.choice_or("needle", k_needles, s.needle);
    if (auto p = r.optional_child("patient")) {
        p->only_keys({"kind", "seed", "mesh", "units", "up", "material", "height_cm", "sex", "bmi", "lordosis_deg",
                      "sacral_slope_deg", "scoliosis_cobb_deg", "scoliosis_apex", "disc_degeneration",
                      "facet_hypertrophy", "fracture_level", "fracture_height_loss", "transitional",
                      "radiculomedullary_level", "radiculomedullary_side"});
        const std::string kind = p->choice("kind", {"test_phantom", "generated", "mesh_file"});
        s.patient.source = kind == "generated"   ? PatientSource::generated
                           : kind == "mesh_file" ? PatientSource::mesh_file
                                                 : PatientSource::test_phantom;
        s.patient.seed = static_cast<unsigned>(p->integer_or("seed", 1, 0, 2147483647));
        if (s.patient.source == PatientSource::generated) s.patient.parameters = read_patient_parameters(*p, s.patient.seed);
        if (s.patient.source == PatientSource::mesh_file) {
            const std::filesystem::path mesh = p->string("mesh");
            s.patient.mesh_file = mesh.is_absolute() ? mesh.string()
                                                     : (std::filesystem::path(r.file()).parent_path() / mesh).string();
            const std::string units = p->choice_or("units", {"mm", "cm", "m"}, "mm");
            s.patient.mesh_mm_per_unit = units == "m" ? 1000.0 : units == "cm" ? 10.0 : 1.0;
            s.patient.mesh_up_axis = p->choice_or("up", {"x", "y", "z"}, "z")[0];
            s.patient.mesh_material = p->string_or("material", "");
        }
    }
    if (auto c = r.optional_child("carm")) s.carm = read_carm(*c);
    if (auto e = r.optional_child("exposure")) {
        e->only_keys({"kvp", "ma", "pulse_rate", "pulse_ms", "added_mm_al", "added_mm_cu", "abc"});
        s.exposure.added_mm_al = e->number_or("added_mm_al", s.exposure.added_mm_al, 0, 10);
        s.exposure.added_mm_cu = e->number_or("added_mm_cu", s.exposure.added_mm_cu, 0, 1);
        s.exposure.abc = e->boolean_or("abc", s.exposure.abc);
        s.exposure.kvp = e->number_or("kvp", s.exposure.kvp, 40, 150);
        s.exposure.ma = e->number_or("ma", s.exposure.ma, 0.1, 30);
        s.exposure.pulse_rate = e->number_or("pulse_rate", s.exposure.pulse_rate, 1, 30);
        s.exposure.pulse_ms = e->number_or("pulse_ms", s.exposure.pulse_ms, 1, 100);
    }
    s.version = version;
    for (const char* v2 : {"difficulty", "targets", "hazards", "rubric", "limits", "expert"})
        if (version < 2 && r.has(v2))
            r.fail(v2, "this field needs 'fluorosim_scenario: 2' (the file says version " + std::to_string(version) + ")");
    if (auto a = r.optional_child("learning_aids"); a && a->node().IsMap()) {
        if (version < 2) r.fail("learning_aids", "learning aids in detail need 'fluorosim_scenario: 2'");
        a->only_keys({"enabled", "preset_views", "learning_view", "target_marker", "hints"});
        s.learning_aids = a->boolean_or("enabled", true);
        s.aids.preset_views = a->boolean_or("preset_views", s.learning_aids);
        s.aids.learning_view = a->boolean_or("learning_view", s.learning_aids);
        s.aids.target_marker = a->boolean_or("target_marker", false);
        s.aids.hints = a->boolean_or("hints", s.learning_aids);
    } else {
        s.learning_aids = r.boolean_or("learning_aids", true);
        s.aids = {s.learning_aids, s.learning_aids, false, s.learning_aids};
    }
    s.difficulty = r.choice_or("difficulty", {"beginner", "standard", "expert"}, "standard");
    s.instructions = r.string_or("instructions", "");
    if (r.has("targets")) {
        s.targets = read_zones(r, "targets", landmarks, false);
        if (s.targets.empty()) r.fail("targets", "give at least one target");
    }
    if (r.has("hazards")) s.hazards = read_zones(r, "hazards", landmarks, true);
    if (auto q = r.optional_child("rubric")) read_rubric(*q, s.rubric, landmarks);
    if (auto l = r.optional_child("limits")) {
        l->only_keys({"shots", "fluoro_s", "dap_gy_cm2", "time_s"});
        s.limits.shots = l->integer_or("shots", 0, 0, 100000);
        s.limits.fluoro_s = l->number_or("fluoro_s", 0, 0, 36000);
        s.limits.dap_gy_cm2 = l->number_or("dap_gy_cm2", 0, 0, 1000);
        s.limits.time_s = l->number_or("time_s", 0, 0, 86400);
    }
    if (auto e = r.optional_child("expert")) {
        e->only_keys({"shots", "fluoro_s", "dap_gy_cm2", "redirections", "time_s"});
        s.expert.shots = e->integer_or("shots", s.expert.shots, 1, 10000);
        s.expert.fluoro_s = e->number_or("fluoro_s", s.expert.fluoro_s, 0.1, 36000);
        s.expert.dap_gy_cm2 = e->number_or("dap_gy_cm2", s.expert.dap_gy_cm2, 0.001, 1000);
        s.expert.redirections = e->integer_or("redirections", s.expert.redirections, 0, 1000);
        s.expert.time_s = e->number_or("time_s", s.expert.time_s, 1, 86400);
    }
    if (s.procedure != "phantom" && version >= 2 && s.targets.empty())
        r.fail("targets", "a version 2 scenario for a procedure needs 'targets' (what the scorer judges)");
    return s;
}

}  // namespace

const std::vector<std::string>& scenario_procedures() { return k_procedures; }
const std::vector<std::string>& scenario_levels() { return k_levels; }
const std::vector<std::string>& contrast_pattern_names() { return k_patterns; }

const std::vector<std::string>& zone_tissue_names() {
    static const std::vector<std::string> names = {
        "skin", "fat", "soft_tissue", "muscle", "ligament", "ligamentum_flavum", "joint_capsule", "bone",
        "disc_annulus", "disc_nucleus", "dura", "csf", "neural", "nerve_root", "epidural_fat", "artery",
        "vein", "organ", "gas"};
    return names;
}

const std::set<std::string>& standard_landmark_names() {
    static const std::set<std::string> names = [] {
        const std::filesystem::path file = paths::asset_dir() / "patients" / "standard_adult" / "patient.json";
        std::ifstream in(file);
        if (!in) throw InputError({file.string(), 0, ""}, "cannot read the standard patient's landmarks");
        std::set<std::string> out;
        try {
            const nlohmann::json j = nlohmann::json::parse(in);
            for (const auto& [name, value] : j.at("landmarks").items()) out.insert(name);
        } catch (const nlohmann::json::exception& e) {
            throw InputError({file.string(), 0, "landmarks"}, e.what());
        }
        return out;
    }();
    return names;
}

Scenario load_scenario(const std::string& path) { return read(YamlReader::open(path), standard_landmark_names()); }
Scenario parse_scenario(const std::string& text, const std::string& name) {
    return read(YamlReader::parse(text, name), standard_landmark_names());
}
Scenario parse_scenario(const std::string& text, const std::string& name, const std::set<std::string>& landmarks) {
    return read(YamlReader::parse(text, name), landmarks);
}

}  // namespace fluorosim
