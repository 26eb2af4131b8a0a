#pragma once
// Quadric-error edge-collapse decimation (Garland & Heckbert 1997) for closed meshes, keeping
// them closed, 2-manifold and consistently oriented: a collapse is refused when it breaks the
// link condition, flips or degenerates a triangle, or would leave a vertex of degree < 3.
//
// Why: marching tetrahedra on a ~1 mm grid gives ~100k triangles per vertebra; the renderer
// draws every triangle each frame, so flat regions are merged while the surface stays within
// `max_error_mm` of the sampled one (distance to the original triangles' planes).
#include <cstddef>

#include "core/geometry/mesh.hpp"

namespace fluorosim {

struct DecimateOptions {
    float max_error_mm = 0.15f;         // stop collapsing beyond this plane distance
    std::size_t target_triangles = 0;   // stop early once at or below this count (0 = none)
    float min_normal_cos = 0.2f;        // refuse collapses that turn a triangle by > ~78 deg
};

void decimate(TriangleMesh& mesh, const DecimateOptions& options);

}  // namespace fluorosim
