#pragma once
// plastimatch's DRR (Siddon-Jacobs ray tracing through a voxel volume) as the peer the bench
// measures our mesh renderer against (shared/reference/xray-peers.md). One projection per run,
// in our C-arm geometry, read back in our units and our image orientation.
#include <filesystem>
#include <string>

#include "core/carm/carm_pose.hpp"
#include "core/image/image.hpp"

namespace fluorosim::cli {

// True when an executable `plastimatch` is on PATH.
bool plastimatch_available();

struct PlastimatchDrr {
    ImageF line_integral;     // sum mu*l (mu in 1/mm, l in mm), row 0 at the monitor's top
    double wall_s = 0.0;      // whole process: start, reading the volume, tracing, writing
    double own_s = -1.0;      // the tracing alone, as plastimatch reports it (-1: not reported)
    std::string command;      // what was run
};

// `volume`: a .mha/.nrrd of mu in 1/mm (read with -P none, so no HU conversion). Files go to
// `work_dir`. Throws std::runtime_error with plastimatch's last output when it fails.
PlastimatchDrr plastimatch_drr(const std::filesystem::path& volume, const CArmGeometry& geometry,
                               int width, int height, const std::filesystem::path& work_dir,
                               unsigned threads);

}  // namespace fluorosim::cli
