#pragma once
// Scenario -> YAML text in the layout of the shipped files (a header comment, sections with
// comments saying what each is for), which load_scenario/parse_scenario read back to an equal
// Scenario (a test round-trips every shipped scenario). Numbers are written in the shortest
// text that reads back to the same value. Used by the instructor's authoring window.
#include <string>

#include "core/scenario/scenario.hpp"

namespace fluorosim {

// `destination`: where the text will be saved; a mesh_file patient's path is written relative
// to its folder (as the reader resolves it). "" writes the path as it is.
std::string write_scenario(const Scenario& scenario, const std::string& destination = "");

// Writes the text, then loads the file back (InputError naming file, line and field if the
// reader rejects it) and returns what it read: a saved scenario is always a valid one.
Scenario save_scenario(const Scenario& scenario, const std::string& path);

// True when two scenarios describe the same case (every field but `file`).
bool same_scenario(const Scenario& a, const Scenario& b);

}  // namespace fluorosim
