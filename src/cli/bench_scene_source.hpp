#pragma once
// Where `fluorosim bench` gets its scene: a named built-in source or a scenario file, whose
// patient comes through io::build_patient_scene (so the procedural patient, once merged, is
// benchmarked by naming its scenario, with no change here).
#include <string>
#include <vector>

#include "core/scene/scene.hpp"

namespace fluorosim::cli {

struct SceneSourceInfo {
    const char* name;
    const char* description;
};
const std::vector<SceneSourceInfo>& scene_sources();

// `name_or_file`: a name from scene_sources(), or a path ending in .yaml. Throws UsageError for
// an unknown name, InputError for a bad scenario file.
Scene bench_scene(const std::string& name_or_file);

}  // namespace fluorosim::cli
