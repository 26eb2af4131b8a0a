// `fluorosim export-volume`: the scenario's patient as a CT-like volume, for volume tools
// (plastimatch, 3D Slicer, ITK-SNAP) and for checking the scene against an imported CT.
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "core/scenario/scenario.hpp"
#include "core/util/error.hpp"
#include "core/util/paths.hpp"
#include "core/volume/attenuation_volume.hpp"
#include "core/volume/voxelise.hpp"
#include "core/xray/attenuation.hpp"
#include "core/xray/material_library.hpp"
#include "io/patient_scene.hpp"
#include "io/volume_file.hpp"

namespace fluorosim::cli {
namespace {

// 512 Mi voxels is 2 GiB of float: more than any CT a trainee's machine should hold for this.
constexpr double kMaxVoxels = 512.0 * 1024 * 1024;

}  // namespace

int export_volume_command(const std::vector<std::string>& argv) {
    Args args("export-volume",
              "Voxelise a scenario's patient: each voxel gets the innermost structure's material (point-sampled "
              "at its centre), written as linear attenuation mu (1/mm) or as CT numbers (HU) at one energy.");
    args.option("--scenario", "FILE", "scenario whose patient to export (default: scenarios/phantom_ap.yaml)")
        .option("--out", "FILE.mha|FILE.nrrd", "volume file to write (required); the extension picks the format")
        .option("--spacing", "MM", "voxel size, 0.1-10 mm (default 1)")
        .option("--energy", "KEV", "energy for mu and HU, 10-150 keV (default: the scenario's effective energy)")
        .option("--margin", "MM", "room air around the patient's bounds, 0-100 mm (default: one voxel)")
        .flag("--hu", "write HU = 1000 (mu - mu_water) / mu_water instead of mu")
        .flag("--int16", "with --hu: store rounded 16-bit HU as CT scanners do (clamped to -32768..32767)");
    if (!args.parse(argv)) return 0;
    if (!args.has("--out")) throw UsageError("missing --out FILE.mha or FILE.nrrd (see 'fluorosim export-volume --help')");
    const std::filesystem::path out = args.get("--out");
    if (out.extension() != ".mha" && out.extension() != ".nrrd")
        throw UsageError("--out must end in .mha or .nrrd, got '" + out.string() + "'");
    if (args.has("--int16") && !args.has("--hu"))
        throw UsageError("--int16 needs --hu (mu in 1/mm is below 1 and would round to 0)");
    const double spacing = args.number("--spacing", 1.0, 0.1, 10.0);
    const double margin = args.number("--margin", spacing, 0.0, 100.0);

    const Scenario scenario = load_scenario(args.get("--scenario", paths::default_scenario().string()));
    const double kev = args.number("--energy", effective_energy_kev(scenario.exposure.kvp), 10.0, 150.0);
    const MaterialLibrary library = MaterialLibrary::standard();
    const Scene scene = io::build_patient_scene(scenario, library);
    const VolumeGrid grid = grid_covering(scene.bounds(), spacing, margin);
    if (double(grid.dims.x) * grid.dims.y * grid.dims.z > kMaxVoxels)
        throw InputError("a " + std::to_string(grid.dims.x) + "x" + std::to_string(grid.dims.y) + "x" +
                         std::to_string(grid.dims.z) + " volume is too large; use a larger --spacing");

    const auto start = std::chrono::steady_clock::now();
    const LabelledVolume labels = voxelise(scene, grid);
    const bool hu = args.has("--hu");
    const VolumeF values = hu ? hu_volume(labels, library, kev) : mu_volume(labels, library, kev);
    io::write_volume(out, values, args.has("--int16") ? io::VoxelType::int16 : io::VoxelType::float32);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::printf("wrote %s: %dx%dx%d voxels of %.2f mm from (%.1f, %.1f, %.1f) LPS mm, %s at %.1f keV, %.2f s\n",
                out.string().c_str(), grid.dims.x, grid.dims.y, grid.dims.z, spacing, grid.origin.x, grid.origin.y,
                grid.origin.z, hu ? (args.has("--int16") ? "HU (int16)" : "HU") : "mu (1/mm)", kev, s);
    const std::vector<float> mu = label_mu_per_mm(labels, library, kev, RoomAir::air);
    const double water = library.mu_per_mm("water", kev);
    std::vector<std::string> names{"air"};
    names.insert(names.end(), labels.materials.begin(), labels.materials.end());
    for (std::size_t k = 0; k < names.size(); ++k)
        std::printf("  %-16s %10zu voxels  mu %.4g /mm  %7.0f HU\n", names[k].c_str(), labels.count(names[k]),
                    double(mu[k]), hounsfield(double(mu[k]), water));
    return 0;
}

}  // namespace fluorosim::cli
