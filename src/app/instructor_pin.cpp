#include "app/instructor_pin.hpp"

#include <cstdio>
#include <fstream>
#include <random>

#include <nlohmann/json.hpp>

#include "core/util/log.hpp"
#include "core/util/sha256.hpp"

namespace fluorosim::app {
namespace {

std::string digest(const std::string& salt, const std::string& pin) {
    return sha256_hex(salt + ":" + pin);
}

InstructorPin default_pin() {
    InstructorPin p;
    p.salt = "default";
    p.sha256 = digest(p.salt, k_default_instructor_pin);
    p.is_default = true;
    return p;
}

}  // namespace

InstructorPin make_instructor_pin(const std::string& pin) {
    std::random_device device;
    char hex[33];
    std::snprintf(hex, sizeof hex, "%08x%08x%08x%08x", device(), device(), device(), device());
    InstructorPin p;
    p.salt = hex;
    p.sha256 = digest(p.salt, pin);
    p.is_default = pin == k_default_instructor_pin;
    return p;
}

bool pin_matches(const InstructorPin& stored, const std::string& pin) {
    return digest(stored.salt, pin) == stored.sha256;
}

std::string pin_problem(const std::string& pin) {
    if (pin.size() < 4 || pin.size() > 12) return "the PIN must have 4 to 12 digits";
    for (char c : pin)
        if (c < '0' || c > '9') return "the PIN must have digits only";
    return "";
}

InstructorPin load_instructor_pin(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return default_pin();
    try {
        const auto j = nlohmann::json::parse(in);
        InstructorPin p;
        p.salt = j.at("salt").get<std::string>();
        p.sha256 = j.at("pin_sha256").get<std::string>();
        p.is_default = pin_matches(p, k_default_instructor_pin);
        if (p.salt.empty() || p.sha256.size() != 64)
            throw std::runtime_error("'salt' or 'pin_sha256' is malformed");
        return p;
    } catch (const std::exception& e) {
        log::warning(file.string() + ": instructor PIN unreadable, the default PIN " +
                     k_default_instructor_pin + " applies until a new one is set (" + e.what() +
                     ")");
        return default_pin();
    }
}

std::string save_instructor_pin(const std::filesystem::path& file, const InstructorPin& pin) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    const auto tmp = file.string() + ".tmp";
    {
        std::ofstream out(tmp);
        if (!out || !(out << nlohmann::json{{"salt", pin.salt}, {"pin_sha256", pin.sha256}}.dump(2)
                          << '\n'))
            return "cannot write " + tmp;
    }
    std::filesystem::rename(tmp, file, ec);
    return ec ? "cannot write " + file.string() + " (" + ec.message() + ")" : "";
}

}  // namespace fluorosim::app
