#include "cli/bench_scene_source.hpp"

#include "cli/args.hpp"
#include "core/scenario/scenario.hpp"
#include "core/scene/bench_scene.hpp"
#include "core/scene/test_phantom.hpp"
#include "core/needle/needle_placement.hpp"
#include "core/xray/material_library.hpp"
#include "io/patient_file.hpp"
#include "io/patient_scene.hpp"

namespace fluorosim::cli {

const std::vector<SceneSourceInfo>& scene_sources() {
    static const std::vector<SceneSourceInfo> table = {
        {"synthetic", "lumbar-like scene, ~300k triangles, 8 tissue materials + steel needle"},
        {"phantom", "the test phantom (~7k triangles, 4 materials)"},
        {"patient", "the shipped standard adult patient (~330k triangles, 12 materials) with a 22G needle"},
    };
    return table;
}

Scene bench_scene(const std::string& name_or_file) {
    if (name_or_file == "synthetic") return make_bench_scene();
    if (name_or_file == "phantom") return make_test_phantom();
    if (name_or_file == "patient") {
        Scene scene = io::load_patient(io::standard_patient_dir(), MaterialLibrary::standard()).scene;
        // A 22G needle at the L4-L5 level from the posterior skin, 30 degrees cranial so it reads
        // as a line in AP; it displaces the soft-tissue body (object 0 is the skin, 2 the body).
        NeedlePlacement needle;
        needle.entry = {20.0, 60.0, 60.0};
        needle.cranial_deg = 30.0;
        needle.depth_mm = 50.0;
        add_needle_to_scene(scene, needle_spec("quincke_22g_90mm"), needle, scene.objects.size() > 2 ? 2 : 0);
        return scene;
    }
    if (name_or_file.ends_with(".yaml") || name_or_file.ends_with(".yml"))
        return io::build_patient_scene(load_scenario(name_or_file), MaterialLibrary::standard());
    std::string names;
    for (const auto& s : scene_sources()) names += std::string(names.empty() ? "" : ", ") + s.name;
    throw UsageError("unknown scene '" + name_or_file + "' (give " + names + " or a scenario .yaml file)");
}

}  // namespace fluorosim::cli
