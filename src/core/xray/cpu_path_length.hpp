#pragma once
// CPU reference for the X-ray path lengths: the length each detector ray spends in each
// material, by exact ray-mesh intersection through a BVH. The GPU pass (gVirtualXray's
// additive blending, see DESIGN.md and shared/reference/xray-peers.md) is tested against it.
//
// Per scene object the formula is gVirtualXray's: entry faces subtract their distance from the
// source, exit faces add theirs, in any order. With dir the ray direction (source -> detector)
// and N the outward normal that is L = sum_i sgn(dir . N_i) * t_i. (The papers write
// -sgn(V . N_i) with V the view vector, which points back toward the source; written with dir
// and the minus sign kept, entries would add and every length would come out negative.) Objects combine into material channels as material_channels()
// describes: +L to the object's channel, -L to its parent's. The same hits give the closure
// count sum_i sgn(dir . N_i), which is 0 for every ray through closed, consistently oriented
// meshes (the watertight test guarantees it even through shared edges and vertices), so a
// non-zero pixel marks a hole, a flipped normal or an object cut by the detector plane.
#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/carm/carm_pose.hpp"
#include "core/geometry/bvh.hpp"
#include "core/image/image.hpp"
#include "core/scene/scene.hpp"

namespace fluorosim {

// One ray's result.
struct RayPathLengths {
    std::vector<double> length_mm;  // one per material channel
    int closure = 0;                // sum of sgn(dir . N) over the hits; 0 when watertight
};

// A whole detector image.
struct PathLengthImages {
    std::vector<std::string> materials;  // channel names, as material_channels(scene)
    std::vector<ImageF> length_mm;       // one single-channel image per material channel
    Image<std::int32_t> closure;         // per pixel; 0 where every mesh crossed is closed
    std::size_t open_pixels = 0;         // pixels with closure != 0
};

class CpuPathLengths {
public:
    // Builds the BVH over all scene objects once (about 0.1 s per 100k triangles).
    explicit CpuPathLengths(const Scene& scene);

    const MaterialChannels& channels() const { return channels_; }
    const Bvh& bvh() const { return bvh_; }

    // The segment from `from` to `to` (the detector pixel): hits beyond `to` do not count.
    RayPathLengths trace(const glm::dvec3& from, const glm::dvec3& to) const;

    // One ray per pixel, from geometry.source to geometry.pixel_centre(col, row, width, height),
    // rows shared among `threads` std::threads (0: one per hardware thread). Deterministic:
    // each pixel is computed by exactly the same operations whatever the thread count.
    // Throws InputError unless width and height are positive.
    PathLengthImages render(const CArmGeometry& geometry, int width, int height,
                            unsigned threads = 0) const;

private:
    // Accumulates into `lengths` (zeroed by the caller); returns the closure count.
    int accumulate(const glm::dvec3& from, const glm::dvec3& to, std::vector<BvhHit>& scratch,
                   std::vector<double>& lengths) const;

    Bvh bvh_;
    MaterialChannels channels_;
};

// Convenience: build and render once.
PathLengthImages cpu_path_lengths(const Scene& scene, const CArmGeometry& geometry, int width,
                                  int height, unsigned threads = 0);

}  // namespace fluorosim
