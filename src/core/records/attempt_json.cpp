#include "core/records/attempt_json.hpp"

#include <cmath>

#include "core/util/error.hpp"

namespace fluorosim {
namespace {

using nlohmann::json;

class Reader {
  public:
    Reader(const json& j, const std::string& source, const std::string& prefix)
        : j_(j), source_(source), prefix_(prefix) {}

    std::string text(const char* name, bool required = false) const {
        const json* v = find(name, required);
        if (!v) return "";
        if (!v->is_string()) fail(name, "expected text");
        if (required && v->get<std::string>().empty()) fail(name, "must not be empty");
        return v->get<std::string>();
    }
    double number(const char* name, double fallback, double min, double max,
                  bool required = false) const {
        const json* v = find(name, required);
        if (!v) return fallback;
        if (!v->is_number()) fail(name, "expected a number");
        const double x = v->get<double>();
        if (!std::isfinite(x) || x < min || x > max)
            fail(name, "must be between " + json(min).dump() + " and " + json(max).dump() +
                           ", got " + v->dump());
        return x;
    }
    int count(const char* name) const {
        const json* v = find(name, false);
        if (!v) return 0;
        if (!v->is_number_integer() || v->get<long long>() < 0 || v->get<long long>() > 1000000)
            fail(name, "expected a whole number 0-1000000");
        return int(v->get<long long>());
    }
    std::uint64_t seed(const char* name) const {
        const json* v = find(name, false);
        if (!v) return 0;
        if (!v->is_number_unsigned()) fail(name, "expected a whole number >= 0");
        return v->get<std::uint64_t>();
    }
    bool flag(const char* name) const {
        const json* v = find(name, false);
        if (!v) return false;
        if (!v->is_boolean()) fail(name, "expected true or false");
        return v->get<bool>();
    }
    [[noreturn]] void fail(const std::string& name, const std::string& message) const {
        std::string field = prefix_ + name;
        if (name.empty() && !field.empty()) field.pop_back();  // "[2]." -> "[2]"
        throw InputError({source_, 0, field}, message);
    }

  private:
    const json* find(const char* name, bool required) const {
        const auto it = j_.find(name);
        if (it == j_.end() || it->is_null()) {
            if (required) fail(name, "missing");
            return nullptr;
        }
        return &*it;
    }
    const json& j_;
    const std::string& source_;
    const std::string& prefix_;
};

json parse(const std::string& text, const std::string& source) {
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        throw InputError({source, 0, ""}, std::string("not valid JSON (") + e.what() + ")");
    }
}

}  // namespace

json attempt_to_json(const AttemptResult& a) {
    return json{{"attempt_id", a.attempt_id},
                {"trainee", a.trainee},
                {"station", a.station},
                {"scenario", a.scenario},
                {"scenario_file", a.scenario_file},
                {"procedure", a.procedure},
                {"level", a.level},
                {"side", a.side},
                {"difficulty", a.difficulty},
                {"mode", a.mode},
                {"patient_seed", a.patient_seed},
                {"started_at", a.started_at},
                {"score", a.score},
                {"passed", a.passed},
                {"shots", a.shots},
                {"images", a.images},
                {"fluoro_s", a.fluoro_s},
                {"dap_gy_cm2", a.dap_gy_cm2},
                {"time_s", a.time_s},
                {"redirections", a.redirections},
                {"distance_mm", a.distance_mm},
                {"fail_reasons", a.fail_reasons}};
}

std::string attempts_to_json_text(const std::vector<AttemptResult>& attempts) {
    json array = json::array();
    for (const AttemptResult& a : attempts) array.push_back(attempt_to_json(a));
    return array.dump(1) + "\n";
}

AttemptResult attempt_from_json(const json& j, const std::string& source,
                                const std::string& prefix) {
    const Reader r(j, source, prefix);
    if (!j.is_object()) r.fail("", "expected an object with the attempt's fields");
    AttemptResult a;
    a.attempt_id = r.text("attempt_id", true);
    a.trainee = r.text("trainee", true);
    a.station = r.text("station");
    a.scenario = r.text("scenario", true);
    a.scenario_file = r.text("scenario_file");
    a.procedure = r.text("procedure");
    a.level = r.text("level");
    a.side = r.text("side");
    a.difficulty = r.text("difficulty");
    a.mode = r.text("mode");
    if (!a.mode.empty() && a.mode != "practice" && a.mode != "exam")
        r.fail("mode", "expected \"practice\" or \"exam\", got \"" + a.mode + "\"");
    a.patient_seed = r.seed("patient_seed");
    a.started_at = r.text("started_at", true);
    a.score = r.number("score", 0.0, 0.0, 100.0, true);
    a.passed = r.flag("passed");
    a.shots = r.count("shots");
    a.images = r.count("images");
    // A day of fluoroscopy or a DAP of 10^4 Gy*cm2 is far past any real procedure: such a value
    // is a corrupt record, not a result.
    a.fluoro_s = r.number("fluoro_s", 0.0, 0.0, 86400.0);
    a.dap_gy_cm2 = r.number("dap_gy_cm2", 0.0, 0.0, 1e4);
    a.time_s = r.number("time_s", 0.0, 0.0, 86400.0);
    a.redirections = r.count("redirections");
    a.distance_mm = r.number("distance_mm", -1.0, -1.0, 1e4);
    a.fail_reasons = r.text("fail_reasons");
    return a;
}

AttemptResult attempt_from_json_text(const std::string& text, const std::string& source) {
    return attempt_from_json(parse(text, source), source);
}

std::vector<AttemptResult> attempts_from_json_text(const std::string& text,
                                                   const std::string& source) {
    const json j = parse(text, source);
    if (!j.is_array()) throw InputError({source, 0, ""}, "expected a JSON array of attempts");
    std::vector<AttemptResult> out;
    for (std::size_t i = 0; i < j.size(); ++i)
        out.push_back(attempt_from_json(j[i], source, "[" + std::to_string(i) + "]."));
    return out;
}

}  // namespace fluorosim
