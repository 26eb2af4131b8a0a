#pragma once
// One error model for the whole program:
//  - assert() for programmer mistakes (broken invariants inside our own code);
//  - fluorosim::InputError for bad input (a file, a flag, a value a user gave us). It is thrown
//    where the problem is found and caught at the edge (CLI, app) which prints what() and either
//    keeps running or exits cleanly.
#include <stdexcept>
#include <string>

namespace fluorosim {

struct SourceLocation {
    std::string file;   // path of the file the bad input came from ("" if none)
    int line = 0;       // 1-based line, 0 if unknown
    std::string field;  // dotted field path, e.g. "carm.primary_deg" ("" if none)
};

class InputError : public std::runtime_error {
public:
    explicit InputError(const std::string& message) : std::runtime_error(message) {}
    InputError(const SourceLocation& where, const std::string& message)
        : std::runtime_error(format(where, message)), where_(where) {}

    const SourceLocation& where() const { return where_; }

    // "file:line: field: message", leaving out what is unknown.
    static std::string format(const SourceLocation& where, const std::string& message);

private:
    SourceLocation where_;
};

}  // namespace fluorosim
