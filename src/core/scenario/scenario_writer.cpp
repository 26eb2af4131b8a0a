#include "core/scenario/scenario_writer.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include <yaml-cpp/yaml.h>

#include "core/util/error.hpp"

namespace fluorosim {
namespace {

// Shortest text that reads back to the same double (or float: PatientParameters holds floats,
// read as double then narrowed, which gives back the same float).
template <typename T>
std::string num(T v) {
    char b[64];
    const auto r = std::to_chars(b, b + sizeof b, v);
    return std::string(b, r.ptr);
}

// A plain line-by-line block when the text allows it (readable instructions), else a
// double-quoted scalar with escapes.
std::string text(const std::string& s, const std::string& indent) {
    bool block = s.find('\n') != std::string::npos && !s.empty() && s.front() != ' ' &&
                 s.front() != '\t' && s.find('\r') == std::string::npos;
    std::string body = s;
    const bool one_newline =
        s.size() >= 1 && s.back() == '\n' && (s.size() < 2 || s[s.size() - 2] != '\n');
    const bool no_newline = !s.empty() && s.back() != '\n';
    if (!(one_newline || no_newline)) block = false;
    if (one_newline) body.pop_back();
    if (block) {
        std::istringstream in(body);
        for (std::string line; std::getline(in, line);)
            if (!line.empty() && line.find_first_not_of(" \t") == std::string::npos) block = false;
    }
    if (block) {
        std::string out = one_newline ? "|\n" : "|-\n";
        std::istringstream in(body);
        for (std::string line; std::getline(in, line);)
            out += (line.empty() ? "" : indent + "  " + line) + "\n";
        out.pop_back();
        return out;
    }
    YAML::Emitter e;
    e << YAML::DoubleQuoted << s;
    return e.c_str();
}

std::string vec3(const glm::dvec3& v) {
    return "[" + num(v.x) + ", " + num(v.y) + ", " + num(v.z) + "]";
}

const char* field_name(DetectorType t) {
    return t == DetectorType::ii12 ? "ii12" : t == DetectorType::flat_panel ? "flat_panel" : "ii9";
}

void write_patient(std::ostream& o, const Scenario& s, const std::string& destination) {
    const ScenarioPatient& p = s.patient;
    o << "patient:\n";
    switch (p.source) {
        case PatientSource::test_phantom:
            o << "  kind: test_phantom          # the geometric test phantom\n  seed: " << p.seed
              << "\n";
            return;
        case PatientSource::mesh_file: {
            std::filesystem::path mesh = p.mesh_file;
            if (!destination.empty() && mesh.is_absolute()) {
                const auto folder = std::filesystem::absolute(destination).parent_path();
                mesh = mesh.lexically_relative(folder);
            } else if (!destination.empty()) {
                mesh = std::filesystem::relative(mesh,
                                                 std::filesystem::path(destination).parent_path());
            }
            o << "  kind: mesh_file             # your own anatomy model (Assimp formats)\n  seed: "
              << p.seed << "\n  mesh: " << text(mesh.string(), "  ") << "\n  units: "
              << (p.mesh_mm_per_unit == 1000.0 ? "m"
                  : p.mesh_mm_per_unit == 10.0 ? "cm"
                                               : "mm")
              << "\n  up: " << p.mesh_up_axis << "\n";
            if (!p.mesh_material.empty())
                o << "  material: " << text(p.mesh_material, "  ") << "\n";
            return;
        }
        case PatientSource::generated:
            break;
    }
    const PatientParameters& q = p.parameters;
    o << "  kind: generated             # same parameters + seed = same patient\n"
      << "  seed: " << p.seed << "\n"
      << "  height_cm: " << num(q.height_cm) << "\n"
      << "  sex: " << (q.sex == Sex::female ? "female" : "male") << "\n"
      << "  bmi: " << num(q.bmi) << "\n"
      << "  lordosis_deg: " << num(q.lordosis_deg) << "       # L1-S1, prone\n"
      << "  sacral_slope_deg: " << num(q.sacral_slope_deg) << "\n"
      << "  scoliosis_cobb_deg: " << num(q.scoliosis_cobb_deg) << "   # + = convex to the left\n"
      << "  scoliosis_apex: " << q.scoliosis_apex << "           # 0 = L1 .. 4 = L5\n"
      << "  disc_degeneration: " << num(q.disc_degeneration) << "      # 0 none .. 1 severe\n"
      << "  facet_hypertrophy: " << num(q.facet_hypertrophy) << "\n";
    if (!q.fracture_level.empty()) o << "  fracture_level: " << q.fracture_level << "\n";
    o << "  fracture_height_loss: " << num(q.fracture_height_loss) << "\n"
      << "  transitional: "
      << (q.transitional == TransitionalVertebra::sacralized_l5   ? "sacralized_l5"
          : q.transitional == TransitionalVertebra::lumbarized_s1 ? "lumbarized_s1"
                                                                  : "none")
      << "\n  radiculomedullary_level: " << q.radiculomedullary_level
      << "\n  radiculomedullary_side: " << (q.radiculomedullary_left ? "left" : "right") << "\n";
}

void write_zone(std::ostream& o, const Zone& z) {
    o << "  - label: " << text(z.label, "    ") << "\n";
    switch (z.shape) {
        case ZoneShape::landmark:
            o << "    landmark: " << z.landmark << "\n";
            if (z.offset_mm != glm::dvec3(0.0))
                o << "    offset_mm: " << vec3(z.offset_mm) << "   # from the landmark\n";
            o << "    radius_mm: " << num(z.radius_mm) << "\n";
            break;
        case ZoneShape::sphere:
            o << "    sphere: {centre: " << vec3(z.centre) << ", radius_mm: " << num(z.radius_mm)
              << "}\n";
            break;
        case ZoneShape::box:
            o << "    box: {min: " << vec3(z.box_min) << ", max: " << vec3(z.box_max) << "}\n";
            break;
    }
    if (!z.tissue.empty()) o << "    tissue: " << z.tissue << "\n";
    if (!z.message.empty()) o << "    message: " << text(z.message, "    ") << "\n";
}

void write_rubric(std::ostream& o, const Rubric& r) {
    auto yes = [](bool b) { return b ? "true" : "false"; };
    o << "rubric:                        # safety gates first, then these sections\n"
      << "  weights: {accuracy: " << num(r.accuracy_weight)
      << ", efficiency: " << num(r.efficiency_weight) << ", technique: " << num(r.technique_weight)
      << "}\n"
      << "  pass_score: " << num(r.pass_score) << "\n"
      << "  partial_mm: " << num(r.partial_mm)
      << "              # accuracy credit fades over this beyond the zone\n"
      << "  endplate_tolerance_deg: " << num(r.endplate_tolerance_deg) << "\n"
      << "  oblique_min_deg: " << num(r.oblique_min_deg) << "\n"
      << "  depth_view_min_deg: " << num(r.depth_view_min_deg) << "\n"
      << "  coaxial_tolerance_deg: " << num(r.coaxial_tolerance_deg) << "\n"
      << "  depth_margin_mm: " << num(r.depth_margin_mm) << "\n"
      << "  max_depth_mm: " << num(r.max_depth_mm) << "            # 0 = no limit\n"
      << "  require_bone_contact: " << yes(r.require_bone_contact) << "\n"
      << "  require_loss_of_resistance: " << yes(r.require_loss_of_resistance) << "\n"
      << "  require_contrast: " << yes(r.require_contrast) << "\n"
      << "  require_live_contrast: " << yes(r.require_live_contrast) << "\n"
      << "  require_contrast_before_injectate: " << yes(r.require_contrast_before_injectate)
      << "\n";
    if (!r.expected_pattern.empty()) o << "  expected_pattern: " << r.expected_pattern << "\n";
    if (r.parallel.enabled) {
        o << "  parallel_to_nerve:\n";
        // The nerve's course in each patient (a landmark), or a fixed axis.
        if (!r.parallel.landmark.empty())
            o << "    landmark: " << r.parallel.landmark << "\n";
        else
            o << "    axis: " << vec3(r.parallel.axis) << "\n";
        o << "    max_angle_deg: " << num(r.parallel.max_angle_deg) << "\n";
    }
}

}  // namespace

std::string write_scenario(const Scenario& s, const std::string& destination) {
    std::ostringstream o;
    const bool v2 = s.version >= 2;
    o << "# FluoroSim scenario: " << s.name << "\n"
      << "# Written by the FluoroSim scenario writer; edit freely (see README, 'Scenarios').\n"
      << "fluorosim_scenario: " << s.version << "\n"
      << "name: " << text(s.name, "") << "\n"
      << "procedure: " << s.procedure << "\n";
    if (!s.level.empty()) o << "level: " << s.level << "\n";
    o << "side: " << s.side << "\nneedle: " << s.needle << "\n";
    if (v2) o << "difficulty: " << s.difficulty << "\n";
    write_patient(o, s, destination);
    const CArmPose& c = s.carm;
    o << "\n# Starting C-arm pose (DICOM XA angles: LAO/RAO about the long axis, CRAN/CAUD "
         "tilt)\ncarm:\n"
      << (c.primary_deg < 0 ? "  rao_deg: " + num(-c.primary_deg)
                            : "  lao_deg: " + num(c.primary_deg))
      << "\n"
      << (c.secondary_deg < 0 ? "  caud_deg: " + num(-c.secondary_deg)
                              : "  cran_deg: " + num(c.secondary_deg))
      << "\n"
      << "  sid_mm: " << num(c.sid_mm) << "\n  sod_mm: " << num(c.sod_mm)
      << "\n  field: " << field_name(c.detector) << "\n  magnification: " << c.magnification
      << "\n  iris: " << num(c.collimation.iris)
      << "\n  shutter_x: " << num(c.collimation.shutter_x)
      << "\n  shutter_y: " << num(c.collimation.shutter_y)
      << "\n  isocentre_mm: " << vec3(c.isocentre) << "   # patient frame (L, P, S), mm\n";
    const Exposure& e = s.exposure;
    o << "exposure:\n  kvp: " << num(e.kvp) << "\n  ma: " << num(e.ma)
      << "\n  pulse_rate: " << num(e.pulse_rate) << "\n  pulse_ms: " << num(e.pulse_ms)
      << "\n  added_mm_al: " << num(e.added_mm_al) << "\n  added_mm_cu: " << num(e.added_mm_cu)
      << "\n  abc: " << (e.abc ? "true" : "false") << "\n";
    if (v2) {
        const LearningAidSettings& a = s.aids;
        auto yes = [](bool b) { return b ? "true" : "false"; };
        o << "learning_aids:                 # exam mode turns all of these off\n  enabled: "
          << yes(s.learning_aids) << "\n  preset_views: " << yes(a.preset_views)
          << "          # AP / lateral / oblique buttons\n"
          << "  learning_view: " << yes(a.learning_view)
          << "         # the 3D view\n  target_marker: " << yes(a.target_marker)
          << "\n  hints: " << yes(a.hints) << "\n";
    } else {
        o << "learning_aids: " << (s.learning_aids ? "true" : "false") << "\n";
    }
    if (v2) {
        o << "\n# What the scorer judges: the tip must end in a target; touching a hazard is a "
             "critical error\n";
        if (!s.targets.empty()) {
            o << "targets:\n";
            for (const Zone& z : s.targets) write_zone(o, z);
        }
        if (!s.hazards.empty()) {
            o << "hazards:\n";
            for (const Zone& z : s.hazards) write_zone(o, z);
        }
        write_rubric(o, s.rubric);
        const ExpertReference& x = s.expert;
        o << "expert:                        # what an expert needs; efficiency is judged against "
             "it\n"
          << "  shots: " << x.shots << "\n  fluoro_s: " << num(x.fluoro_s)
          << "\n  dap_gy_cm2: " << num(x.dap_gy_cm2) << "\n  redirections: " << x.redirections
          << "\n  time_s: " << num(x.time_s) << "\n";
        const Limits& l = s.limits;
        o << "limits:                        # hard caps: exceeding one fails the attempt (0 = "
             "none)\n"
          << "  shots: " << l.shots << "\n  fluoro_s: " << num(l.fluoro_s)
          << "\n  dap_gy_cm2: " << num(l.dap_gy_cm2) << "\n  time_s: " << num(l.time_s) << "\n";
    }
    if (!s.instructions.empty()) o << "instructions: " << text(s.instructions, "") << "\n";
    return o.str();
}

Scenario save_scenario(const Scenario& s, const std::string& path) {
    const std::string yaml = write_scenario(s, path);
    {
        std::ofstream out(path, std::ios::binary);
        if (!out || !(out << yaml))
            throw InputError({path, 0, ""}, "cannot write the scenario file");
    }
    return load_scenario(path);
}

bool same_scenario(const Scenario& a, const Scenario& b) {
    auto params = [](const PatientParameters& p) {
        return std::tie(p.height_cm, p.sex, p.bmi, p.lordosis_deg, p.sacral_slope_deg,
                        p.scoliosis_cobb_deg, p.scoliosis_apex, p.apical_rotation_deg,
                        p.disc_degeneration, p.facet_hypertrophy, p.fracture_level,
                        p.fracture_height_loss, p.transitional, p.radiculomedullary_level,
                        p.radiculomedullary_left, p.seed, p.triangle_budget, p.resolution_scale,
                        p.skeleton_only);
    };
    auto patient = [&](const ScenarioPatient& p) {
        return std::tuple_cat(std::tie(p.source, p.seed, p.mesh_file, p.mesh_mm_per_unit,
                                       p.mesh_up_axis, p.mesh_material),
                              params(p.parameters));
    };
    return a.name == b.name && a.procedure == b.procedure && a.level == b.level &&
           a.side == b.side && a.needle == b.needle && patient(a.patient) == patient(b.patient) &&
           a.carm == b.carm && a.exposure == b.exposure && a.learning_aids == b.learning_aids &&
           a.aids == b.aids && a.difficulty == b.difficulty && a.instructions == b.instructions &&
           a.version == b.version && a.targets == b.targets && a.hazards == b.hazards &&
           a.rubric == b.rubric && a.limits == b.limits && a.expert == b.expert;
}

}  // namespace fluorosim
