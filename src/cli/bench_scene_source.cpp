#include "cli/bench_scene_source.hpp"

#include "cli/args.hpp"
#include "core/scenario/scenario.hpp"
#include "core/scene/bench_scene.hpp"
#include "core/scene/test_phantom.hpp"
#include "io/patient_scene.hpp"

namespace fluorosim::cli {

const std::vector<SceneSourceInfo>& scene_sources() {
    static const std::vector<SceneSourceInfo> table = {
        {"synthetic", "lumbar-like scene, ~300k triangles, 8 tissue materials + steel needle"},
        {"phantom", "the test phantom (~7k triangles, 4 materials)"},
    };
    return table;
}

Scene bench_scene(const std::string& name_or_file) {
    if (name_or_file == "synthetic") return make_bench_scene();
    if (name_or_file == "phantom") return make_test_phantom();
    if (name_or_file.ends_with(".yaml") || name_or_file.ends_with(".yml"))
        return io::build_patient_scene(load_scenario(name_or_file));
    std::string names;
    for (const auto& s : scene_sources()) names += std::string(names.empty() ? "" : ", ") + s.name;
    throw UsageError("unknown scene '" + name_or_file + "' (give " + names + " or a scenario .yaml file)");
}

}  // namespace fluorosim::cli
