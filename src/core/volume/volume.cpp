#include "core/volume/volume.hpp"

#include <cmath>
#include <string>

#include "core/util/error.hpp"

namespace fluorosim {

VolumeGrid grid_covering(const Aabb& box, double spacing_mm, double margin_mm) {
    if (box.empty()) throw InputError("cannot make a voxel grid over an empty scene");
    if (!(spacing_mm > 0.0) || !std::isfinite(spacing_mm))
        throw InputError("voxel spacing must be a positive number of mm, got " + std::to_string(spacing_mm));
    if (!(margin_mm >= 0.0)) throw InputError("voxel grid margin must not be negative");
    VolumeGrid g;
    g.spacing = glm::dvec3(spacing_mm);
    const glm::dvec3 lo = glm::dvec3(box.min) - margin_mm, hi = glm::dvec3(box.max) + margin_mm;
    const glm::dvec3 centre = 0.5 * (lo + hi);
    for (int a = 0; a < 3; ++a) {
        // Voxels span [centre - n s / 2, centre + n s / 2]: n is the fewest that reach both ends.
        const int n = std::max(1, int(std::ceil((hi[a] - lo[a]) / spacing_mm - 1e-9)));
        g.dims[a] = n;
        g.origin[a] = centre[a] - 0.5 * spacing_mm * double(n - 1);
    }
    return g;
}

}  // namespace fluorosim
