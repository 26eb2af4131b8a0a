#include "core/scenario/yaml_reader.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

namespace fluorosim {

YamlReader::YamlReader(YAML::Node node, std::string file, std::string path)
    : node_(std::move(node)), file_(std::move(file)), path_(std::move(path)) {}

YamlReader YamlReader::open(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError({path, 0, ""}, "cannot open file (does it exist and is it readable?)");
    std::stringstream ss;
    ss << in.rdbuf();
    return parse(ss.str(), path);
}

YamlReader YamlReader::parse(const std::string& text, const std::string& name) {
    try {
        YAML::Node root = YAML::Load(text);
        if (!root.IsMap()) throw InputError({name, 1, ""}, "expected a YAML mapping (key: value lines)");
        return YamlReader(root, name, "");
    } catch (const YAML::Exception& e) {
        throw InputError({name, e.mark.line + 1, ""}, "YAML syntax error: " + e.msg);
    }
}

SourceLocation YamlReader::where(const std::string& key) const {
    int line = node_.Mark().line + 1;
    if (!key.empty() && node_.IsMap() && node_[key]) line = node_[key].Mark().line + 1;
    const std::string field = key.empty() ? path_ : (path_.empty() ? key : path_ + "." + key);
    return {file_, line > 0 ? line : 0, field};
}

void YamlReader::fail(const std::string& key, const std::string& message) const {
    throw InputError(where(key), message);
}

bool YamlReader::has(const std::string& key) const { return node_.IsMap() && node_[key]; }

YamlReader YamlReader::child(const std::string& key) const {
    if (!has(key)) fail("", "missing required field '" + key + "'");
    return YamlReader(node_[key], file_, path_.empty() ? key : path_ + "." + key);
}

std::optional<YamlReader> YamlReader::optional_child(const std::string& key) const {
    if (!has(key)) return std::nullopt;
    return child(key);
}

std::string YamlReader::string(const std::string& key) const {
    const YamlReader c = child(key);
    if (!c.node_.IsScalar()) fail(key, "expected text");
    return c.node_.Scalar();
}

std::string YamlReader::string_or(const std::string& key, const std::string& fallback) const {
    return has(key) ? string(key) : fallback;
}

double YamlReader::number(const std::string& key, double min, double max) const {
    const YamlReader c = child(key);
    double v = 0.0;
    if (!c.node_.IsScalar() || !YAML::convert<double>::decode(c.node_, v) || !std::isfinite(v))
        fail(key, "expected a number, got '" + (c.node_.IsScalar() ? c.node_.Scalar() : std::string("a list or map")) + "'");
    if (v < min || v > max) {
        std::ostringstream m;
        m << "value " << v << " is out of range [" << min << ", " << max << "]";
        fail(key, m.str());
    }
    return v;
}

double YamlReader::number_or(const std::string& key, double fallback, double min, double max) const {
    return has(key) ? number(key, min, max) : fallback;
}

int YamlReader::integer_or(const std::string& key, int fallback, int min, int max) const {
    if (!has(key)) return fallback;
    const double v = number(key, min, max);
    if (v != std::floor(v)) fail(key, "expected a whole number");
    return static_cast<int>(v);
}

int YamlReader::format_version(const std::string& key, int newest) const {
    const int version = integer_or(key, -1, 1, 1000);
    if (version < 0) fail("", "missing '" + key + ": 1' (the format version) at the top");
    if (version > newest)
        fail(key, "format version " + std::to_string(version) + " is newer than this program reads (" +
                      std::to_string(newest) + ")");
    return version;
}

bool YamlReader::boolean_or(const std::string& key, bool fallback) const {
    if (!has(key)) return fallback;
    bool v = false;
    if (!YAML::convert<bool>::decode(node_[key], v)) fail(key, "expected true or false");
    return v;
}

std::string YamlReader::choice(const std::string& key, const std::vector<std::string>& allowed) const {
    const std::string v = string(key);
    for (const auto& a : allowed)
        if (a == v) return v;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    fail(key, "'" + v + "' is not one of: " + list);
}

std::string YamlReader::choice_or(const std::string& key, const std::vector<std::string>& allowed,
                                  const std::string& fallback) const {
    return has(key) ? choice(key, allowed) : fallback;
}

std::vector<YamlReader> YamlReader::sequence() const {
    if (!node_.IsSequence()) fail("", "expected a list");
    std::vector<YamlReader> items;
    for (std::size_t i = 0; i < node_.size(); ++i)
        items.emplace_back(node_[i], file_, path_ + "[" + std::to_string(i) + "]");
    return items;
}

void YamlReader::only_keys(const std::set<std::string>& known) const {
    if (!node_.IsMap()) fail("", "expected a mapping (key: value lines)");
    for (const auto& kv : node_) {
        const std::string key = kv.first.Scalar();
        if (!known.count(key)) {
            std::string list;
            for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
            const std::string field = path_.empty() ? key : path_ + "." + key;
            throw InputError({file_, kv.first.Mark().line + 1, field}, "unknown field (known here: " + list + ")");
        }
    }
}

}  // namespace fluorosim
