#pragma once
// Which recording to show beside a trainee's replay: an expert's attempt at the same scenario,
// found by the `scenario` line recordings carry (recording.hpp).
#include <filesystem>
#include <string>

namespace fluorosim {

// The recording under `dir` (not recursive, *.txt) whose scenario line names `scenario_file`:
// the same file when both exist, otherwise the same file name. Among several, one whose file
// name contains "expert" wins, then the first by name. "" when none matches; files that do not
// parse as recordings are skipped (they may be notes or other text).
std::string find_expert_recording(const std::filesystem::path& dir,
                                  const std::string& scenario_file);

// Whether two scenario paths name the same scenario (as above).
bool same_scenario_file(const std::string& a, const std::string& b);

}  // namespace fluorosim
