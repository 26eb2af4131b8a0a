#include "cli/bench_report.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>

namespace fluorosim::cli {

FrameStats frame_stats(std::vector<double> ms) {
    assert(!ms.empty());
    std::sort(ms.begin(), ms.end());
    FrameStats s;
    s.frames = int(ms.size());
    s.mean_ms = std::accumulate(ms.begin(), ms.end(), 0.0) / double(ms.size());
    const std::size_t n = ms.size();
    s.median_ms = n % 2 ? ms[n / 2] : 0.5 * (ms[n / 2 - 1] + ms[n / 2]);
    s.p95_ms = ms[std::size_t(std::ceil(0.95 * double(n))) - 1];
    return s;
}

namespace {

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::string agreement(const ImageAgreement& a) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "NCC %.5f  max %.3g  mean %.3g  gain %.4f", a.ncc, a.max_abs, a.mean_abs, a.gain);
    return buf;
}

nlohmann::ordered_json agreement_json(const ImageAgreement& a) {
    return {{"ncc", a.ncc}, {"max_abs", a.max_abs}, {"mean_abs", a.mean_abs}, {"gain", a.gain}};
}

}  // namespace

void print_table(const BenchReport& r, std::FILE* out) {
    std::fprintf(out, "scene:     %s: %zu triangles, %zu materials (%s)\n", r.scene.c_str(), r.triangles,
                 r.materials.size(), join(r.materials).c_str());
    std::fprintf(out, "GL:        %s (%s)\n", r.gl_renderer.c_str(), r.gl_platform.c_str());
    std::fprintf(out, "beam:      %s, %.0f kVp, monoenergetic at %.1f keV; line integral = sum mu*L\n",
                 r.pose.c_str(), r.kvp, r.kev);
    std::fprintf(out, "CPU:       %u threads; BVH built in %.0f ms\n", r.cpu_threads, r.bvh_build_ms);
    if (r.plastimatch_status == "ran")
        std::fprintf(out, "volume:    %dx%dx%d voxels of %.2f mm (mu, -P none), voxelised in %.0f ms%s%s\n",
                     r.volume_dims[0], r.volume_dims[1], r.volume_dims[2], r.voxel_mm, r.voxelise_ms,
                     r.volume_path.empty() ? "" : ": ", r.volume_path.c_str());
    else
        std::fprintf(out, "plastimatch: %s\n", r.plastimatch_status.c_str());
    std::fprintf(out, "\n%-10s %-26s %9s %9s %9s %9s   %s\n", "size", "engine", "mean ms", "median", "p95",
                 "images/s", "line integral vs GPU");
    for (const SizeResult& s : r.sizes) {
        char size[32], label[64];
        std::snprintf(size, sizeof size, "%dx%d", s.size, s.size);
        std::snprintf(label, sizeof label, "GPU (%d frames)", s.gpu.frames);
        std::fprintf(out, "%-10s %-26s %9.2f %9.2f %9.2f %9.1f\n", size, label, s.gpu.mean_ms, s.gpu.median_ms,
                     s.gpu.p95_ms, 1000.0 / s.gpu.mean_ms);
        std::snprintf(label, sizeof label, "CPU BVH (%u threads)", r.cpu_threads);
        std::fprintf(out, "%-10s %-26s %9.1f %9s %9s %9.2f   %s\n", "", label, s.cpu_ms, "-", "-",
                     1000.0 / s.cpu_ms, agreement(s.cpu_vs_gpu).c_str());
        if (s.plastimatch) {
            const PeerRow& p = *s.plastimatch;
            std::snprintf(label, sizeof label, "plastimatch wall (%u th)", r.cpu_threads);
            std::fprintf(out, "%-10s %-26s %9.1f %9s %9s %9.2f   %s\n", "", label, p.wall_ms, "-", "-",
                         1000.0 / p.wall_ms, agreement(p.vs_gpu).c_str());
            if (p.own_ms >= 0.0)
                std::fprintf(out, "%-10s %-26s %9.1f %9s %9s %9.2f\n", "", "plastimatch own (tracing)", p.own_ms,
                             "-", "-", 1000.0 / std::max(p.own_ms, 1e-3));
        }
    }
}

nlohmann::ordered_json to_json(const BenchReport& r) {
    nlohmann::ordered_json j;
    j["scene"] = {{"name", r.scene}, {"triangles", r.triangles}, {"materials", r.materials}};
    j["gl"] = {{"renderer", r.gl_renderer}, {"platform", r.gl_platform}};
    j["beam"] = {{"pose", r.pose}, {"kvp", r.kvp}, {"kev", r.kev}};
    j["cpu_threads"] = r.cpu_threads;
    j["warmup_frames"] = r.warmup_frames;
    j["bvh_build_ms"] = r.bvh_build_ms;
    j["plastimatch"] = {{"status", r.plastimatch_status}};
    if (r.plastimatch_status == "ran") {
        j["plastimatch"]["voxel_mm"] = r.voxel_mm;
        j["plastimatch"]["volume_dims"] = {r.volume_dims[0], r.volume_dims[1], r.volume_dims[2]};
        j["plastimatch"]["voxelise_ms"] = r.voxelise_ms;
        if (!r.volume_path.empty()) j["plastimatch"]["volume"] = r.volume_path;
    }
    j["sizes"] = nlohmann::ordered_json::array();
    for (const SizeResult& s : r.sizes) {
        nlohmann::ordered_json e;
        e["size"] = s.size;
        e["gpu"] = {{"frames", s.gpu.frames}, {"mean_ms", s.gpu.mean_ms}, {"median_ms", s.gpu.median_ms},
                    {"p95_ms", s.gpu.p95_ms}, {"images_per_s", 1000.0 / s.gpu.mean_ms}};
        e["cpu"] = {{"ms", s.cpu_ms}, {"threads", r.cpu_threads}, {"vs_gpu", agreement_json(s.cpu_vs_gpu)}};
        if (s.plastimatch)
            e["plastimatch"] = {{"wall_ms", s.plastimatch->wall_ms}, {"own_ms", s.plastimatch->own_ms},
                                {"vs_gpu", agreement_json(s.plastimatch->vs_gpu)}};
        j["sizes"].push_back(e);
    }
    return j;
}

}  // namespace fluorosim::cli
