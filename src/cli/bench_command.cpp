// `fluorosim bench`: how fast and how right the X-ray renderer is, on this machine, against
// the CPU reference (exact BVH ray casting of the same meshes) and against plastimatch's DRR of
// the voxelised scene (the peer, shared/reference/xray-peers.md). A measuring tool: it reads
// the wall clock, which the simulation itself never does.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "cli/args.hpp"
#include "cli/bench_report.hpp"
#include "cli/bench_scene_source.hpp"
#include "cli/commands.hpp"
#include "cli/plastimatch_drr.hpp"
#include "core/volume/attenuation_volume.hpp"
#include "core/volume/voxelise.hpp"
#include "core/xray/attenuation.hpp"
#include "core/xray/cpu_path_length.hpp"
#include "core/xray/material_library.hpp"
#include "io/image_file.hpp"
#include "io/volume_file.hpp"
#include "render/gl_context.hpp"
#include "render/gl_objects.hpp"
#include "render/xray_renderer.hpp"

namespace fluorosim::cli {
namespace {

// Frames rendered before timing starts: shader compilation and first-use allocations in the
// driver land there (llvmpipe's first frame is ~10x a steady one).
constexpr int kWarmupFrames = 3;

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::vector<int> parse_sizes(const std::string& text) {
    std::vector<int> sizes;
    std::size_t at = 0;
    while (at <= text.size()) {
        const std::size_t comma = std::min(text.find(',', at), text.size());
        const std::string item = text.substr(at, comma - at);
        char* end = nullptr;
        const long v = std::strtol(item.c_str(), &end, 10);
        if (item.empty() || *end != '\0' || v < 16 || v > 4096)
            throw UsageError("option '--sizes' expects image sizes 16-4096 separated by commas, got '" + text + "'");
        sizes.push_back(int(v));
        at = comma + 1;
    }
    return sizes;
}

// A folder for the volume and images: --keep DIR, or a fresh temporary one removed at the end.
class WorkDir {
public:
    explicit WorkDir(const std::string& keep) : keep_(!keep.empty()) {
        if (keep_) {
            path_ = keep;
            std::filesystem::create_directories(path_);
            return;
        }
        std::string tmpl = (std::filesystem::temp_directory_path() / "fluorosim-bench-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temporary folder in " + tmpl);
        path_ = tmpl;
    }
    ~WorkDir() {
        std::error_code ignored;
        if (!keep_) std::filesystem::remove_all(path_, ignored);
    }
    WorkDir(const WorkDir&) = delete;
    WorkDir& operator=(const WorkDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    bool kept() const { return keep_; }

private:
    bool keep_;
    std::filesystem::path path_;
};

ImageF line_integral(const PathLengthImages& lengths, const Attenuation& attenuation) {
    ImageF out(lengths.length_mm.front().width, lengths.length_mm.front().height, 1);
    for (std::size_t c = 0; c < lengths.length_mm.size(); ++c)
        for (std::size_t i = 0; i < out.pixels.size(); ++i)
            out.pixels[i] += attenuation.mu_reference_per_mm[c] * lengths.length_mm[c].pixels[i];
    return out;
}

FrameStats time_gpu(render::XrayRenderer& renderer, const CArmGeometry& geometry,
                    const Attenuation& attenuation, int frames) {
    std::vector<double> ms;
    for (int f = 0; f < kWarmupFrames + frames; ++f) {
        const auto start = Clock::now();
        renderer.render(geometry, attenuation);
        glFinish();  // the GPU (or llvmpipe's threads) done, not merely the commands queued
        if (f >= kWarmupFrames) ms.push_back(ms_since(start));
    }
    return frame_stats(ms);
}

}  // namespace

int bench_command(const std::vector<std::string>& argv) {
    Args args("bench", "Measure the X-ray renderer: GPU frame time and images/s, the CPU reference's time and "
                       "agreement, and plastimatch's DRR of the voxelised scene beside them.");
    args.option("--scene", "NAME|FILE.yaml", "synthetic (default, ~300k triangles), phantom, or a scenario's patient")
        .option("--sizes", "N,N,...", "square image sizes in pixels (default 512,1024)")
        .option("--frames", "N", "timed GPU frames per size after 3 warm-up frames, 1-10000 (default 20)")
        .option("--kvp", "KV", "tube voltage for the effective energy, 40-150 (default 75)")
        .option("--lao", "DEG", "primary angle toward the patient's left (default 0: AP)")
        .option("--rao", "DEG", "primary angle toward the patient's right")
        .option("--cran", "DEG", "secondary angle toward the head")
        .option("--caud", "DEG", "secondary angle toward the feet")
        .option("--threads", "N", "CPU threads for the CPU reference, voxeliser and plastimatch (default: all)")
        .option("--voxel", "MM", "voxel size of the volume plastimatch traces, 0.5-10 (default 1)")
        .flag("--plastimatch", "compare with plastimatch drr (the default when plastimatch is on PATH)")
        .flag("--no-plastimatch", "skip plastimatch")
        .option("--keep", "DIR", "keep the volume and the line-integral images (PFM) in DIR")
        .flag("--json", "print the results as JSON instead of a table");
    if (!args.parse(argv)) return 0;
    if (args.has("--plastimatch") && args.has("--no-plastimatch"))
        throw UsageError("give either --plastimatch or --no-plastimatch, not both");
    if (args.has("--lao") && args.has("--rao")) throw UsageError("give either --lao or --rao, not both");
    if (args.has("--cran") && args.has("--caud")) throw UsageError("give either --cran or --caud, not both");
    const std::vector<int> sizes = parse_sizes(args.get("--sizes", "512,1024"));
    const int frames = args.integer("--frames", 20, 1, 10000);
    const double voxel_mm = args.number("--voxel", 1.0, 0.5, 10.0);
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    const unsigned threads = unsigned(args.integer("--threads", int(hw), 1, 256));
    bool use_plastimatch = !args.has("--no-plastimatch") && plastimatch_available();
    if (args.has("--plastimatch") && !plastimatch_available())
        throw UsageError("--plastimatch: no 'plastimatch' on PATH (Debian package plastimatch)");
    CArmPose pose;  // the default C-arm: SID 1000, SOD 650, 9-inch field, isocentre at the origin
    if (args.has("--lao")) pose.primary_deg = args.number("--lao", 0, 0, 120);
    if (args.has("--rao")) pose.primary_deg = -args.number("--rao", 0, 0, 120);
    if (args.has("--cran")) pose.secondary_deg = args.number("--cran", 0, 0, 50);
    if (args.has("--caud")) pose.secondary_deg = -args.number("--caud", 0, 0, 50);

    BenchReport report;
    report.kvp = args.number("--kvp", 75.0, 40, 150);
    report.kev = effective_energy_kev(report.kvp);
    report.pose = console_angles(pose);
    report.cpu_threads = threads;
    report.warmup_frames = kWarmupFrames;
    const Scene scene = bench_scene(args.get("--scene", "synthetic"));
    report.scene = scene.name;
    report.triangles = scene.triangle_count();
    const MaterialLibrary library = MaterialLibrary::standard();
    const CArmGeometry geometry = carm_geometry(pose);
    WorkDir work(args.get("--keep"));

    render::HeadlessContext context;
    report.gl_renderer = render::query_gl_info().renderer;
    report.gl_platform = context.platform();
    render::XrayRenderer renderer(sizes.front(), sizes.front());
    renderer.set_scene(scene);
    report.materials = renderer.channels().materials;
    const Attenuation attenuation = monoenergetic_attenuation(library, report.materials, report.kev);

    auto start = Clock::now();
    const CpuPathLengths cpu(scene);
    report.bvh_build_ms = ms_since(start);

    std::filesystem::path volume_path;
    report.plastimatch_status = args.has("--no-plastimatch") ? "disabled" : "not on PATH";
    if (use_plastimatch) {
        // Vacuum around the scene: the renderer leaves room air out, so must the volume. One
        // voxel of margin keeps every surface strictly inside the grid.
        start = Clock::now();
        const VolumeGrid grid = grid_covering(scene.bounds(), voxel_mm, voxel_mm);
        const LabelledVolume labels = voxelise(scene, grid, threads);
        const VolumeF mu = mu_volume(labels, library, report.kev, RoomAir::vacuum);
        report.voxelise_ms = ms_since(start);
        volume_path = work.path() / "bench_volume_mu.mha";
        io::write_volume(volume_path, mu);
        report.voxel_mm = voxel_mm;
        for (int a = 0; a < 3; ++a) report.volume_dims[a] = grid.dims[a];
        if (work.kept()) report.volume_path = volume_path.string();
        report.plastimatch_status = "ran";
    }

    for (int size : sizes) {
        SizeResult r;
        r.size = size;
        renderer.resize(size, size);
        r.gpu = time_gpu(renderer, geometry, attenuation, frames);
        const ImageF gpu = renderer.read_line_integral();

        start = Clock::now();
        const PathLengthImages lengths = cpu.render(geometry, size, size, threads);
        r.cpu_ms = ms_since(start);
        const ImageF cpu_image = line_integral(lengths, attenuation);
        r.cpu_vs_gpu = compare_images(gpu, cpu_image);

        if (use_plastimatch) {
            const PlastimatchDrr drr = plastimatch_drr(volume_path, geometry, size, size, work.path(), threads);
            r.plastimatch = PeerRow{drr.wall_s * 1000.0, drr.own_s >= 0 ? drr.own_s * 1000.0 : -1.0,
                                    compare_images(gpu, drr.line_integral)};
            if (work.kept()) io::write_pfm(work.path() / ("plastimatch_" + std::to_string(size) + ".pfm"), drr.line_integral);
        }
        if (work.kept()) {
            io::write_pfm(work.path() / ("gpu_" + std::to_string(size) + ".pfm"), gpu);
            io::write_pfm(work.path() / ("cpu_" + std::to_string(size) + ".pfm"), cpu_image);
        }
        report.sizes.push_back(r);
    }

    if (args.has("--json")) std::printf("%s\n", to_json(report).dump(2).c_str());
    else print_table(report, stdout);
    return 0;
}

}  // namespace fluorosim::cli
