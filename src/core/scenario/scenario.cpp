#include "core/scenario/scenario.hpp"

#include <filesystem>

#include "core/scenario/yaml_reader.hpp"

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

Scenario read(const YamlReader& r) {
    r.only_keys({"fluorosim_scenario", "name", "procedure", "level", "side", "needle", "patient",
                 "carm", "exposure", "learning_aids", "instructions"});
    const int version = r.integer_or("fluorosim_scenario", -1, 1, 1000);
    if (version < 0) r.fail("", "missing 'fluorosim_scenario: 1' (the format version) at the top");
    if (version > Scenario::format_version)
        r.fail("fluorosim_scenario", "format version " + std::to_string(version) +
                                         " is newer than this program reads (" +
                                         std::to_string(Scenario::format_version) + ")");
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
    s.learning_aids = r.boolean_or("learning_aids", true);
    s.instructions = r.string_or("instructions", "");
    return s;
}

}  // namespace

Scenario load_scenario(const std::string& path) { return read(YamlReader::open(path)); }
Scenario parse_scenario(const std::string& text, const std::string& name) {
    return read(YamlReader::parse(text, name));
}

}  // namespace fluorosim
