#pragma once
// The instructor PIN, kept as a salted SHA-256 in $XDG_CONFIG_HOME/fluorosim/instructor.json so
// the file does not show it. Until an instructor sets one, the PIN is 0000 and the instructor
// window asks for a new one. A 4-12 digit PIN keeps trainees at a station out of the dashboard;
// it is no protection against someone who can read the config folder (10^4 guesses are quick).
#include <filesystem>
#include <string>

namespace fluorosim::app {

inline constexpr const char* k_default_instructor_pin = "0000";

struct InstructorPin {
    std::string salt;    // hex
    std::string sha256;  // hex digest of salt + ":" + pin
    bool is_default = true;
};

// The stored PIN; the default one when the file is missing or unreadable (a warning says which).
InstructorPin load_instructor_pin(const std::filesystem::path& file);
// Writes atomically (sibling then rename); returns "" or the problem in words.
std::string save_instructor_pin(const std::filesystem::path& file, const InstructorPin& pin);
// A record for `pin` with a fresh random salt.
InstructorPin make_instructor_pin(const std::string& pin);
bool pin_matches(const InstructorPin& stored, const std::string& pin);
// "" if `pin` is acceptable (4-12 digits), else why not.
std::string pin_problem(const std::string& pin);

}  // namespace fluorosim::app
