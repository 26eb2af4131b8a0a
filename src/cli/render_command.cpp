#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "core/anatomy/scotty_dog.hpp"
#include "core/image/marks.hpp"
#include "core/scenario/scenario.hpp"
#include "core/util/error.hpp"
#include "core/util/paths.hpp"
#include "io/image_file.hpp"
#include "io/patient_scene.hpp"
#include "render/fluoro_imager.hpp"
#include "render/gl_context.hpp"

namespace fluorosim::cli {
namespace {

// Rings the Scotty dogs' parts into the display image and lists them (level, part, pixel).
void label_anatomy(Image8& display, const Patient& patient, const Scenario& scenario, const CArmPose& pose) {
    const std::string side = scenario.side == "left" || scenario.side == "right" ? scenario.side : oblique_side(pose.primary_deg);
    const auto parts = scotty_dogs_around(patient, scenario.level, side);
    if (parts.empty()) {
        std::printf("no anatomy to label: this patient has no landmarks at %s (a mesh file or the phantom)\n",
                    scenario.level.c_str());
        return;
    }
    const CArmGeometry g = carm_geometry(pose);
    // Rings 4 mm across at the isocentre: around a pedicle's centre, not over its wall.
    const double px_per_mm = display.width / (g.detector_mm / g.magnification());
    for (const ScottyDogPart& p : parts) {
        const glm::dvec2 at = g.project_px(glm::dvec3(p.point), display.width, display.height);
        draw_ring(display, at, std::max(3.0, 2.0 * px_per_mm), std::max(1.0, 0.35 * px_per_mm), scotty_dog_colour(p.part));
        const bool inside = at.x >= 0 && at.y >= 0 && at.x < display.width && at.y < display.height;
        std::printf("%-3s %-5s %-9s (%s): pixel %.0f, %.0f%s\n", p.level.c_str(), side.c_str(), p.part.c_str(),
                    p.anatomy.c_str(), at.x, at.y, inside ? "" : " (outside the image)");
    }
}

}  // namespace

int render_command(const std::vector<std::string>& argv) {
    Args args("render", "Render one fluoroscopy image of a scenario headless (EGL) and write it as a PNG.\n"
                        "Automatic brightness control first settles kVp and mA over a few pulses, as live\n"
                        "fluoroscopy does; the image is the last of them.");
    args.option("--scenario", "FILE", "scenario to render (default: scenarios/standard_patient_ap.yaml)")
        .option("--out", "FILE.png", "display image to write (required)")
        .option("--line-integral", "FILE.pfm", "also write the float line integral sum(mu*L) at the effective energy")
        .option("--detected", "FILE.pfm", "also write the float detector signal after scatter and noise")
        .option("--lao", "DEG", "primary angle toward the patient's left (overrides the scenario)")
        .option("--rao", "DEG", "primary angle toward the patient's right")
        .option("--cran", "DEG", "secondary angle toward the head")
        .option("--caud", "DEG", "secondary angle toward the feet")
        .option("--kvp", "KV", "tube voltage, 50-150 (default: the scenario's; ABC may change it)")
        .option("--ma", "MA", "tube current during the pulse, 0.1-30 (default: the scenario's)")
        .option("--size", "PIXELS", "image width and height, 64-4096 (default 512)")
        .option("--seed", "N", "noise seed (default 1): the same seed gives the same image")
        .option("--disable", "STAGES", "comma list of image-chain stages to switch off: abc, scatter, noise, blur, vignetting, edges, noise_filter")
        .option("--mesh", "FILE", "render your own anatomy model instead of the scenario's patient (any format Assimp reads)")
        .option("--units", "mm|cm|m", "units of --mesh (default mm)")
        .option("--up", "x|y|z", "axis of --mesh that points to the patient's head (default z)")
        .option("--material", "NAME", "material of every --mesh object (default: from object and material names)")
        .flag("--mono", "one energy (the effective energy) instead of the polychromatic spectrum")
        .flag("--invert", "show dense things bright")
        .flag("--label-anatomy",
              "ring the Scotty dog's parts (eye = pedicle, ear = SAP, nose = TP, neck = pars, front leg = IAP) of the "
              "scenario's level and the levels beside it, on the scenario's side (or the side the oblique faces), "
              "and print where each is");
    if (!args.parse(argv)) return 0;
    if (!args.has("--out")) throw UsageError("missing --out FILE.png (see 'fluorosim render --help')");
    if (args.has("--lao") && args.has("--rao")) throw UsageError("give either --lao or --rao, not both");
    if (args.has("--cran") && args.has("--caud")) throw UsageError("give either --cran or --caud, not both");

    const std::string scenario_path = args.get("--scenario", paths::default_scenario().string());
    Scenario scenario = load_scenario(scenario_path);
    render::AcquisitionSettings s;
    s.pose = scenario.carm;
    if (args.has("--lao")) s.pose.primary_deg = args.number("--lao", 0, 0, 120);
    if (args.has("--rao")) s.pose.primary_deg = -args.number("--rao", 0, 0, 120);
    if (args.has("--cran")) s.pose.secondary_deg = args.number("--cran", 0, 0, 50);
    if (args.has("--caud")) s.pose.secondary_deg = -args.number("--caud", 0, 0, 50);
    s.technique = scenario.exposure;
    s.technique.kvp = args.number("--kvp", s.technique.kvp, 50, 150);
    s.technique.ma = args.number("--ma", s.technique.ma, 0.1, 30);
    s.seed = unsigned(args.integer("--seed", 1, 0, 2147483647));
    try {
        s.stages = disable_stages(ChainStages{}, args.get("--disable"));
    } catch (const InputError& e) {
        throw UsageError(std::string("option '--disable': ") + e.what());
    }
    s.stages.abc = s.stages.abc && scenario.exposure.abc && !args.has("--kvp") && !args.has("--ma");
    s.monoenergetic = args.has("--mono");
    s.invert = args.has("--invert");
    const int size = args.integer("--size", 512, 64, 4096);

    if (!args.has("--mesh") && (args.has("--units") || args.has("--up") || args.has("--material")))
        throw UsageError("--units, --up and --material apply to --mesh FILE");
    if (args.has("--mesh")) {
        scenario.patient.source = PatientSource::mesh_file;
        scenario.patient.mesh_file = args.get("--mesh");
        const std::string units = args.get("--units", "mm"), up = args.get("--up", "z");
        if (units != "mm" && units != "cm" && units != "m") throw UsageError("option '--units' expects mm, cm or m, got '" + units + "'");
        if (up != "x" && up != "y" && up != "z") throw UsageError("option '--up' expects x, y or z, got '" + up + "'");
        scenario.patient.mesh_mm_per_unit = units == "m" ? 1000.0 : units == "cm" ? 10.0 : 1.0;
        scenario.patient.mesh_up_axis = up[0];
        scenario.patient.mesh_material = args.get("--material");
    }
    MaterialLibrary library = MaterialLibrary::standard();
    const Patient patient = io::build_patient(scenario, library);
    const Scene& scene = patient.scene;
    const auto start = std::chrono::steady_clock::now();
    render::HeadlessContext context;
    render::FluoroImager imager(size, std::move(library));
    imager.set_patient(scene);
    render::Acquisition a = imager.acquire(s);
    // ABC converges within a few pulses (gain 0.7: 3 % error left after three).
    for (int pulse = 0; s.stages.abc && pulse < 6; ++pulse) {
        const Exposure next = abc_step(s.technique, a.detector_kerma_uGy);
        if (std::abs(next.kvp - s.technique.kvp) < 0.05 && std::abs(next.ma - s.technique.ma) < 0.005) break;
        s.technique = next;
        a = imager.acquire(s);
    }
    Image8 display = imager.renderer().read_display();
    if (args.has("--label-anatomy")) label_anatomy(display, patient, scenario, s.pose);
    io::write_png(args.get("--out"), display);
    if (args.has("--line-integral")) io::write_pfm(args.get("--line-integral"), imager.renderer().read_line_integral());
    if (args.has("--detected")) io::write_pfm(args.get("--detected"), imager.renderer().read_detected());
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("wrote %s: %dx%d, %s, %.0f kVp %.1f mA%s, %.0f mm water-equivalent, SPR %.2f, %.0f quanta/pixel open, "
                "DAP %.4f mGy*cm2 per pulse, %zu triangles, %.0f ms\n",
                args.get("--out").c_str(), size, size, console_angles(s.pose).c_str(), a.technique.kvp, a.technique.ma,
                s.stages.abc ? " (ABC)" : "", a.water_equivalent_mm, a.scatter_to_primary, a.quanta_open_per_pixel,
                a.dose.dap_gy_cm2 * 1000.0, scene.triangle_count(), ms);
    return 0;
}

}  // namespace fluorosim::cli
