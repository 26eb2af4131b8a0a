#pragma once
// Reading human-edited YAML with errors that name the file, line and field.
// Every lookup goes through a YamlReader that knows the dotted path of the node it reads, so a
// message reads "scenarios/x.yaml:12: 'carm.primary_deg': expected a number, got 'abc'".
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/util/error.hpp"

namespace fluorosim {

class YamlReader {
public:
    // Parses the file; throws InputError with the line of a syntax error.
    static YamlReader open(const std::string& path);
    static YamlReader parse(const std::string& text, const std::string& name);

    YamlReader(YAML::Node node, std::string file, std::string path);

    bool has(const std::string& key) const;
    YamlReader child(const std::string& key) const;  // throws if missing
    std::optional<YamlReader> optional_child(const std::string& key) const;

    std::string string(const std::string& key) const;
    std::string string_or(const std::string& key, const std::string& fallback) const;
    double number(const std::string& key, double min, double max) const;
    double number_or(const std::string& key, double fallback, double min, double max) const;
    int integer_or(const std::string& key, int fallback, int min, int max) const;
    bool boolean_or(const std::string& key, bool fallback) const;
    // The file's format version under `key` ("fluorosim_scenario: 1"): required, 1 or more and
    // at most `newest` (a newer file is refused with a message saying so).
    int format_version(const std::string& key, int newest) const;
    // One of `allowed`; the message lists them.
    std::string choice(const std::string& key, const std::vector<std::string>& allowed) const;
    std::string choice_or(const std::string& key, const std::vector<std::string>& allowed,
                          const std::string& fallback) const;
    std::vector<YamlReader> sequence() const;

    // Rejects keys not in `known` (catches typos such as "primry_deg").
    void only_keys(const std::set<std::string>& known) const;

    const YAML::Node& node() const { return node_; }
    const std::string& file() const { return file_; }
    const std::string& path() const { return path_; }
    SourceLocation where(const std::string& key = "") const;
    [[noreturn]] void fail(const std::string& key, const std::string& message) const;

private:
    YAML::Node node_;
    std::string file_;
    std::string path_;
};

}  // namespace fluorosim
