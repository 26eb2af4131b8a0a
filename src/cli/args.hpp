#pragma once
// A small, strict command-line parser: every option is declared with its help text; an unknown
// option, a missing value or a malformed number throws UsageError with one line that names it.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace fluorosim::cli {

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Args {
public:
    Args(std::string command, std::string summary);

    Args& flag(const std::string& name, const std::string& help);
    Args& option(const std::string& name, const std::string& value_name, const std::string& help);
    Args& positional(const std::string& name, const std::string& help, bool repeated = false);

    // Throws UsageError; returns false when --help was given (help already printed).
    bool parse(const std::vector<std::string>& argv);

    bool has(const std::string& name) const;
    std::string get(const std::string& name, const std::string& fallback = "") const;
    double number(const std::string& name, double fallback, double min, double max) const;
    int integer(const std::string& name, int fallback, int min, int max) const;
    const std::vector<std::string>& positionals() const { return positional_values_; }

    std::string help() const;

private:
    struct Spec {
        std::string value_name;  // "" for flags
        std::string help;
    };
    std::string command_, summary_;
    std::vector<std::string> order_;
    std::map<std::string, Spec> specs_;
    std::vector<std::pair<std::string, std::string>> positional_specs_;
    bool positional_repeated_ = false;
    std::map<std::string, std::string> values_;
    std::vector<std::string> positional_values_;
};

}  // namespace fluorosim::cli
