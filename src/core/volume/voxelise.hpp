#pragma once
// Scene -> labelled volume: each voxel gets the material of the innermost scene object at its
// centre (a cancellous core, not its cortical shell; CSF, not the dura around it), or room air.
// This is the mesh scene as a CT-like volume, for volume tools (plastimatch's DRR, viewers) and
// for the CT-volume render path.
//
// Method: one scanline per (y, z) row of voxel centres, through TissueQuery::segment, which
// orders the crossings of every mesh along the line and resolves nesting exactly (parity of
// crossings per mesh, deepest containing object wins). So a voxel is labelled by point sampling
// at its centre: no partial-volume mixing, and a structure thinner than a voxel (a 0.7 mm
// needle at 1 mm voxels) appears only where it covers voxel centres.
#include <cstdint>
#include <string>
#include <vector>

#include "core/scene/scene.hpp"
#include "core/volume/volume.hpp"

namespace fluorosim {

struct LabelledVolume {
    Volume<std::uint8_t> labels;         // 0: room air; k >= 1: materials[k - 1]
    std::vector<std::string> materials;  // material_channels(scene).materials, same order

    // Voxels holding material `name` ("air" counts label 0; 0 for a name not in the scene).
    std::size_t count(const std::string& name) const;
};

// Labels every voxel of `grid`; rows are shared among `threads` std::threads (0: one per
// hardware thread); the result does not depend on the thread count. Throws InputError for an
// empty grid or a scene with more than 255 materials.
LabelledVolume voxelise(const Scene& scene, const VolumeGrid& grid, unsigned threads = 0);

}  // namespace fluorosim
