#include "core/scoring/report_import.hpp"

#include <nlohmann/json.hpp>

namespace fluorosim {
namespace {

using nlohmann::json;

// One field of an object, with the field's dotted name in the error.
template <class T>
T field(const json& j, const char* name, const SourceLocation& where,
        const std::string& prefix = "") {
    if (!j.contains(name))
        throw InputError({where.file, where.line, prefix + name}, "missing in the score report");
    try {
        return j.at(name).get<T>();
    } catch (const json::exception& e) {
        throw InputError({where.file, where.line, prefix + name},
                         std::string("wrong type in the score report: ") + e.what());
    }
}

}  // namespace

ScoreReport report_from_json(const std::string& text, const SourceLocation& where) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        throw InputError(where, std::string("the score report is not valid JSON: ") + e.what());
    }
    if (!j.is_object()) throw InputError(where, "the score report is not a JSON object");
    ScoreReport r;
    r.scenario = field<std::string>(j, "scenario", where);
    r.scenario_file = field<std::string>(j, "scenario_file", where);
    r.procedure = field<std::string>(j, "procedure", where);
    r.level = field<std::string>(j, "level", where);
    r.side = field<std::string>(j, "side", where);
    r.difficulty = field<std::string>(j, "difficulty", where);
    r.score = field<double>(j, "score", where);
    r.pass_score = field<double>(j, "pass_score", where);
    r.passed = field<bool>(j, "passed", where);
    r.critical_codes = field<std::vector<std::string>>(j, "critical", where);
    r.fail_reasons = field<std::vector<std::string>>(j, "fail_reasons", where);
    r.notes = field<std::vector<std::string>>(j, "notes", where);
    for (const json& s : field<json>(j, "sections", where))
        r.sections.push_back({field<std::string>(s, "name", where, "sections."),
                              field<double>(s, "earned", where, "sections."),
                              field<double>(s, "possible", where, "sections.")});
    for (const json& d : field<json>(j, "deductions", where))
        r.deductions.push_back({field<std::string>(d, "section", where, "deductions."),
                                field<double>(d, "points", where, "deductions."),
                                field<std::string>(d, "sentence", where, "deductions.")});
    const json m = field<json>(j, "metrics", where);
    const std::string p = "metrics.";
    ScoreMetrics& x = r.metrics;
    x.shots = field<int>(m, "shots", where, p);
    x.images = field<int>(m, "images", where, p);
    x.fluoro_s = field<double>(m, "fluoro_s", where, p);
    x.dap_gy_cm2 = field<double>(m, "dap_gy_cm2", where, p);
    x.air_kerma_mgy = field<double>(m, "air_kerma_mgy", where, p);
    x.redirections = field<int>(m, "redirections", where, p);
    x.skin_punctures = field<int>(m, "skin_punctures", where, p);
    x.bone_contacts = field<int>(m, "bone_contacts", where, p);
    x.time_s = field<double>(m, "time_s", where, p);
    x.distance_mm = field<double>(m, "distance_mm", where, p);
    x.in_zone = field<bool>(m, "in_zone", where, p);
    x.target = field<std::string>(m, "target", where, p);
    x.tip_structure = field<std::string>(m, "tip_structure", where, p);
    x.tip_tissue = field<std::string>(m, "tip_tissue", where, p);
    x.depth_mm = field<double>(m, "depth_mm", where, p);
    x.contrast_ml = field<double>(m, "contrast_ml", where, p);
    x.contrast_patterns = field<std::vector<std::string>>(m, "contrast_patterns", where, p);
    return r;
}

}  // namespace fluorosim
