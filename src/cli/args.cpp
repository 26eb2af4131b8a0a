#include "cli/args.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace fluorosim::cli {

Args::Args(std::string command, std::string summary) : command_(std::move(command)), summary_(std::move(summary)) {}

Args& Args::flag(const std::string& name, const std::string& help) {
    order_.push_back(name);
    specs_[name] = {"", help};
    return *this;
}

Args& Args::option(const std::string& name, const std::string& value_name, const std::string& help) {
    order_.push_back(name);
    specs_[name] = {value_name, help};
    return *this;
}

Args& Args::positional(const std::string& name, const std::string& help, bool repeated) {
    positional_specs_.emplace_back(name, help);
    positional_repeated_ = repeated;
    return *this;
}

bool Args::parse(const std::vector<std::string>& argv) {
    const std::string see = " (see 'fluorosim " + command_ + " --help')";
    for (std::size_t i = 0; i < argv.size(); ++i) {
        std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            std::fputs(help().c_str(), stdout);
            return false;
        }
        if (a.rfind("--", 0) == 0) {
            std::string value;
            bool inline_value = false;
            if (auto eq = a.find('='); eq != std::string::npos) {
                value = a.substr(eq + 1);
                a = a.substr(0, eq);
                inline_value = true;
            }
            auto it = specs_.find(a);
            if (it == specs_.end()) throw UsageError("unknown option '" + a + "'" + see);
            if (it->second.value_name.empty()) {
                if (inline_value) throw UsageError("option '" + a + "' takes no value" + see);
                values_[a] = "1";
            } else {
                if (!inline_value) {
                    if (i + 1 >= argv.size()) throw UsageError("option '" + a + "' needs a value " + it->second.value_name + see);
                    value = argv[++i];
                }
                values_[a] = value;
            }
        } else {
            if (positional_values_.size() >= positional_specs_.size() && !positional_repeated_)
                throw UsageError("unexpected argument '" + a + "'" + see);
            positional_values_.push_back(a);
        }
    }
    if (positional_values_.size() < positional_specs_.size())
        throw UsageError("missing " + positional_specs_[positional_values_.size()].first + see);
    return true;
}

bool Args::has(const std::string& name) const { return values_.count(name) > 0; }

std::string Args::get(const std::string& name, const std::string& fallback) const {
    auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
}

double Args::number(const std::string& name, double fallback, double min, double max) const {
    if (!has(name)) return fallback;
    const std::string text = get(name);
    double v = 0.0;
    std::size_t used = 0;
    try {
        v = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || text.empty() || !std::isfinite(v))
        throw UsageError("option '" + name + "' expects a number, got '" + text + "'");
    if (v < min || v > max) {
        std::ostringstream m;
        m << "option '" << name << "' must be between " << min << " and " << max << ", got " << text;
        throw UsageError(m.str());
    }
    return v;
}

int Args::integer(const std::string& name, int fallback, int min, int max) const {
    const double v = number(name, fallback, min, max);
    if (v != std::floor(v)) throw UsageError("option '" + name + "' expects a whole number, got '" + get(name) + "'");
    return static_cast<int>(v);
}

std::string Args::help() const {
    std::ostringstream out;
    out << "usage: fluorosim " << command_;
    if (!order_.empty()) out << " [options]";
    for (const auto& [name, h] : positional_specs_) out << " " << name << (positional_repeated_ ? "..." : "");
    out << "\n\n" << summary_ << "\n";
    if (!positional_specs_.empty() || !order_.empty()) out << "\n";
    for (const auto& [name, h] : positional_specs_) out << "  " << name << "\n      " << h << "\n";
    for (const auto& name : order_) {
        const auto& s = specs_.at(name);
        out << "  " << name << (s.value_name.empty() ? "" : " " + s.value_name) << "\n      " << s.help << "\n";
    }
    return out.str();
}

}  // namespace fluorosim::cli
