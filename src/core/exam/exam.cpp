#include "core/exam/exam.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/scenario/yaml_reader.hpp"

namespace fluorosim {
namespace {

std::pair<double, double> read_range(const YamlReader& r, const std::string& key, double min,
                                     double max) {
    const YamlReader c = r.child(key);
    const auto items = c.sequence();
    if (items.size() != 2) c.fail("", "expected [low, high]");
    double v[2] = {0, 0};
    for (int i = 0; i < 2; ++i)
        if (!YAML::convert<double>::decode(items[std::size_t(i)].node(), v[i]) ||
            !std::isfinite(v[i]))
            c.fail("", "expected numbers in [low, high]");
    if (v[0] > v[1]) c.fail("", "low must not exceed high");
    if (v[0] < min || v[1] > max)
        c.fail("", "the range must lie within [" + std::to_string(int(min)) + ", " +
                       std::to_string(int(max)) + "]");
    return {v[0], v[1]};
}

ExamScenario read_item(const YamlReader& item, const std::filesystem::path& folder) {
    ExamScenario out;
    std::string file;
    std::string field;
    if (item.node().IsScalar()) {
        file = item.node().Scalar();
    } else {
        item.only_keys({"file", "time_limit_s"});
        file = item.string("file");
        field = "file";
        out.time_limit_s = item.number_or("time_limit_s", 0.0, 0.0, 86400.0);
    }
    const std::filesystem::path p = file;
    out.file = (p.is_absolute() ? p : folder / p).lexically_normal().string();
    try {
        out.scenario = load_scenario(out.file);
    } catch (const InputError& e) {
        item.fail(field, std::string("this scenario cannot be used: ") + e.what());
    }
    const Scenario& s = out.scenario;
    if (s.targets.empty())
        item.fail(field, "scenario '" + s.name + "' has no targets: an exam scores every scenario");
    if (s.patient.source != PatientSource::generated)
        item.fail(field, "scenario '" + s.name +
                             "' needs a generated patient (its landmarks define the targets)");
    return out;
}

ExamDefinition read(const YamlReader& r) {
    r.only_keys({"fluorosim_exam", "name", "description", "scenarios", "time_limit_s", "pass_rule",
                 "patients"});
    r.format_version("fluorosim_exam", ExamDefinition::format_version);
    ExamDefinition e;
    e.file = r.file();
    e.name = r.string("name");
    e.description = r.string_or("description", "");
    const std::filesystem::path folder = std::filesystem::path(r.file()).parent_path();
    const YamlReader list = r.child("scenarios");
    for (const YamlReader& item : list.sequence()) e.scenarios.push_back(read_item(item, folder));
    if (e.scenarios.empty()) r.fail("scenarios", "list at least one scenario");
    e.time_limit_s = r.number_or("time_limit_s", 0.0, 0.0, 86400.0);
    if (auto p = r.optional_child("pass_rule")) {
        p->only_keys({"rule", "min_mean_score", "no_critical_errors"});
        e.rule =
            p->choice_or("rule", {"every_scenario", "mean_score"}, "every_scenario") == "mean_score"
                ? ExamPassRule::mean_score
                : ExamPassRule::every_scenario;
        if (e.rule == ExamPassRule::every_scenario && p->has("min_mean_score"))
            p->fail("min_mean_score", "only 'rule: mean_score' takes a minimum mean score");
        e.min_mean_score = p->number_or("min_mean_score", e.min_mean_score, 0.0, 100.0);
        e.no_critical_errors = p->boolean_or("no_critical_errors", e.no_critical_errors);
    }
    if (auto p = r.optional_child("patients")) {
        p->only_keys({"randomise", "seed_policy", "seed", "vary"});
        e.randomise_patients = p->boolean_or("randomise", true);
        e.seed_policy =
            p->choice_or("seed_policy", {"per_sitting", "fixed"}, "per_sitting") == "fixed"
                ? SeedPolicy::fixed
                : SeedPolicy::per_sitting;
        if (e.seed_policy == SeedPolicy::fixed && !p->has("seed"))
            p->fail("seed_policy",
                    "'seed_policy: fixed' needs 'seed: N' (the exam seed every sitting uses)");
        e.seed = std::uint64_t(p->integer_or("seed", 1, 0, 2147483647));
        if (auto v = p->optional_child("vary")) {
            if (!e.randomise_patients) v->fail("", "'vary' needs 'randomise: true'");
            v->only_keys({"bmi", "height_cm", "lordosis_deg", "sex"});
            // The same bounds the scenario reader accepts for these parameters.
            if (v->has("bmi")) e.vary.bmi = read_range(*v, "bmi", 16, 50);
            if (v->has("height_cm")) e.vary.height_cm = read_range(*v, "height_cm", 140, 210);
            if (v->has("lordosis_deg")) e.vary.lordosis_deg = read_range(*v, "lordosis_deg", 0, 80);
            e.vary.any_sex = v->choice_or("sex", {"any", "as_scenario"}, "as_scenario") == "any";
        }
    }
    return e;
}

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

// A uniform number in [0, 1) from a seed and a stream number (own arithmetic, not <random>'s
// distributions, whose output differs between standard libraries).
double unit(std::uint64_t seed, std::uint64_t stream) {
    return double(splitmix64(seed * 0x100000001b3ull + stream) >> 11) * 0x1.0p-53;
}

float draw(const std::pair<double, double>& range, std::uint64_t seed, std::uint64_t stream) {
    // Rounded to 0.1 so the report and a scenario file written from it read naturally.
    const double v = range.first + (range.second - range.first) * unit(seed, stream);
    return float(std::clamp(std::round(v * 10.0) / 10.0, range.first, range.second));
}

}  // namespace

ExamDefinition load_exam(const std::string& path) { return read(YamlReader::open(path)); }
ExamDefinition parse_exam(const std::string& text, const std::string& name) {
    return read(YamlReader::parse(text, name));
}

std::uint32_t exam_patient_seed(std::uint64_t exam_seed, std::size_t index) {
    return std::uint32_t(splitmix64(splitmix64(exam_seed) ^ (std::uint64_t(index) + 1)) &
                         0x7fffffffu);
}

void force_aids_off(Scenario& s) {
    s.learning_aids = false;
    s.aids = LearningAidSettings{false, false, false, false};
}

Scenario exam_ready(const ExamDefinition& exam, std::size_t index, std::uint64_t exam_seed) {
    Scenario s = exam.scenarios.at(index).scenario;
    force_aids_off(s);
    if (!exam.randomise_patients) return s;
    const std::uint32_t seed = exam_patient_seed(exam_seed, index);
    s.patient.seed = seed;
    PatientParameters& p = s.patient.parameters;
    p.seed = seed;
    if (exam.vary.bmi) p.bmi = draw(*exam.vary.bmi, seed, 1);
    if (exam.vary.height_cm) p.height_cm = draw(*exam.vary.height_cm, seed, 2);
    if (exam.vary.lordosis_deg) p.lordosis_deg = draw(*exam.vary.lordosis_deg, seed, 3);
    if (exam.vary.any_sex) p.sex = unit(seed, 4) < 0.5 ? Sex::male : Sex::female;
    return s;
}

}  // namespace fluorosim
