#pragma once
// A regular voxel grid in the patient frame (DICOM LPS, mm) and a volume of values on it.
// Axes are the patient axes (no rotation): index i runs along +x (Left), j along +y
// (Posterior), k along +z (Superior), x fastest in memory, the layout of MetaImage, NRRD and
// ITK. `origin` is the centre of voxel (0, 0, 0), as ITK's and plastimatch's Offset/origin.
#include <cassert>
#include <cstddef>
#include <vector>

#include <glm/glm.hpp>

#include "core/geometry/mesh.hpp"

namespace fluorosim {

struct VolumeGrid {
    glm::dvec3 origin{0.0};   // centre of voxel (0, 0, 0), mm
    glm::dvec3 spacing{1.0};  // mm between voxel centres along x, y, z
    glm::ivec3 dims{0};       // voxels along x, y, z

    std::size_t voxel_count() const { return std::size_t(dims.x) * std::size_t(dims.y) * std::size_t(dims.z); }
    std::size_t index(int i, int j, int k) const {
        return (std::size_t(k) * std::size_t(dims.y) + std::size_t(j)) * std::size_t(dims.x) + std::size_t(i);
    }
    glm::dvec3 centre(int i, int j, int k) const { return origin + spacing * glm::dvec3(i, j, k); }
};

// The smallest grid of cubic `spacing_mm` voxels whose voxels cover `box` grown by `margin_mm`
// on every side, centred on the box (so a symmetric scene gives a symmetric grid).
// Throws InputError for an empty box or a spacing that is not positive.
VolumeGrid grid_covering(const Aabb& box, double spacing_mm, double margin_mm = 0.0);

template <class T>
struct Volume {
    VolumeGrid grid;
    std::vector<T> voxels;  // grid.voxel_count() values, x fastest

    Volume() = default;
    Volume(const VolumeGrid& g, T fill = T{}) : grid(g), voxels(g.voxel_count(), fill) {}
    T& at(int i, int j, int k) { return voxels[grid.index(i, j, k)]; }
    const T& at(int i, int j, int k) const { return voxels[grid.index(i, j, k)]; }
};

using VolumeF = Volume<float>;

}  // namespace fluorosim
