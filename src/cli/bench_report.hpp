#pragma once
// What `fluorosim bench` measured, and the two ways it prints it: a table for people and JSON
// for scripts (the GL test parses it).
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/image/image_compare.hpp"

namespace fluorosim::cli {

struct FrameStats {
    int frames = 0;
    double mean_ms = 0.0, median_ms = 0.0, p95_ms = 0.0;
};
// Asserts a non-empty sample. p95: the nearest-rank 95th percentile.
FrameStats frame_stats(std::vector<double> ms);

struct PeerRow {
    double wall_ms = 0.0;   // per image, whole process
    double own_ms = -1.0;   // per image, as the peer reports its own compute (-1: unknown)
    ImageAgreement vs_gpu;  // peer line integral against ours
};

struct SizeResult {
    int size = 0;
    FrameStats gpu;
    double cpu_ms = 0.0;        // one image, CPU reference
    ImageAgreement cpu_vs_gpu;  // CPU line integral (b) against the GPU's (a)
    std::optional<PeerRow> plastimatch;
};

struct BenchReport {
    std::string scene;
    std::size_t triangles = 0;
    std::vector<std::string> materials;
    std::string gl_renderer, gl_platform;
    unsigned cpu_threads = 0;
    double kvp = 0.0, kev = 0.0;
    std::string pose;
    int warmup_frames = 0;
    double bvh_build_ms = 0.0;
    // The voxelised scene plastimatch traced (present when it ran).
    std::string plastimatch_status;  // "ran", or why not ("disabled", "not on PATH")
    double voxel_mm = 0.0;
    int volume_dims[3] = {0, 0, 0};
    double voxelise_ms = 0.0;
    std::string volume_path;  // only with --keep
    std::vector<SizeResult> sizes;
};

void print_table(const BenchReport& report, std::FILE* out);
nlohmann::ordered_json to_json(const BenchReport& report);

}  // namespace fluorosim::cli
