#include <chrono>
#include <cstdio>
#include <filesystem>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "core/image/window_level.hpp"
#include "core/scenario/scenario.hpp"
#include "core/util/paths.hpp"
#include "core/xray/attenuation.hpp"
#include "core/xray/material_library.hpp"
#include "io/image_file.hpp"
#include "io/patient_scene.hpp"
#include "render/gl_context.hpp"
#include "render/xray_renderer.hpp"

namespace fluorosim::cli {

int render_command(const std::vector<std::string>& argv) {
    Args args("render", "Render one X-ray image of a scenario headless (EGL) and write it as a PNG.");
    args.option("--scenario", "FILE", "scenario to render (default: scenarios/phantom_ap.yaml)")
        .option("--out", "FILE.png", "display image to write (required)")
        .option("--line-integral", "FILE.pfm", "also write the float line integral sum(mu*L) at the effective energy")
        .option("--lao", "DEG", "primary angle toward the patient's left (overrides the scenario)")
        .option("--rao", "DEG", "primary angle toward the patient's right")
        .option("--cran", "DEG", "secondary angle toward the head")
        .option("--caud", "DEG", "secondary angle toward the feet")
        .option("--kvp", "KV", "tube voltage, 40-150 (default: the scenario's)")
        .option("--size", "PIXELS", "image width and height, 64-4096 (default 512)")
        .flag("--invert", "show dense things bright")
        .flag("--square", "square flat-panel field instead of the round image-intensifier field");
    if (!args.parse(argv)) return 0;
    if (!args.has("--out")) throw UsageError("missing --out FILE.png (see 'fluorosim render --help')");
    if (args.has("--lao") && args.has("--rao")) throw UsageError("give either --lao or --rao, not both");
    if (args.has("--cran") && args.has("--caud")) throw UsageError("give either --cran or --caud, not both");

    const std::string scenario_path = args.get("--scenario", paths::default_scenario().string());
    Scenario scenario = load_scenario(scenario_path);
    CArmPose pose = scenario.carm;
    if (args.has("--lao")) pose.primary_deg = args.number("--lao", 0, 0, 120);
    if (args.has("--rao")) pose.primary_deg = -args.number("--rao", 0, 0, 120);
    if (args.has("--cran")) pose.secondary_deg = args.number("--cran", 0, 0, 50);
    if (args.has("--caud")) pose.secondary_deg = -args.number("--caud", 0, 0, 50);
    const double kvp = args.number("--kvp", scenario.exposure.kvp, 40, 150);
    const int size = args.integer("--size", 512, 64, 4096);

    const Scene scene = io::build_patient_scene(scenario);
    const MaterialLibrary library = MaterialLibrary::standard();

    const auto start = std::chrono::steady_clock::now();
    render::HeadlessContext context;
    render::XrayRenderer renderer(size, size);
    renderer.set_scene(scene);
    const double kev = effective_energy_kev(kvp);
    renderer.render(carm_geometry(pose), monoenergetic_attenuation(library, renderer.channels().materials, kev));
    const WindowLevel wl = auto_window_level(renderer.read_signal());
    render::DisplaySettings display;
    display.level = wl.level;
    display.window = wl.window;
    display.invert = args.has("--invert");
    display.round_field = !args.has("--square");
    renderer.display(display);
    io::write_png(args.get("--out"), renderer.read_display());
    if (args.has("--line-integral")) io::write_pfm(args.get("--line-integral"), renderer.read_line_integral());
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("wrote %s: %dx%d, %s, %.0f kVp (%.1f keV effective), %zu triangles, %.0f ms\n",
                args.get("--out").c_str(), size, size, console_angles(pose).c_str(), kvp, kev,
                scene.triangle_count(), ms);
    return 0;
}

}  // namespace fluorosim::cli
