#include "core/volume/voxelise.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

#include "core/geometry/tissue_query.hpp"
#include "core/util/error.hpp"

namespace fluorosim {

std::size_t LabelledVolume::count(const std::string& name) const {
    std::uint8_t label = 0;
    if (name != "air") {
        auto it = std::find(materials.begin(), materials.end(), name);
        if (it == materials.end()) return 0;
        label = std::uint8_t(it - materials.begin() + 1);
    }
    return std::size_t(std::count(labels.voxels.begin(), labels.voxels.end(), label));
}

LabelledVolume voxelise(const Scene& scene, const VolumeGrid& grid, unsigned threads) {
    if (grid.dims.x <= 0 || grid.dims.y <= 0 || grid.dims.z <= 0)
        throw InputError("voxel grid has no voxels");
    const MaterialChannels channels = material_channels(scene);
    if (channels.materials.size() > 255)
        throw InputError("scene has " + std::to_string(channels.materials.size()) +
                         " materials; a labelled volume holds at most 255");
    LabelledVolume out;
    out.materials = channels.materials;
    out.labels = Volume<std::uint8_t>(grid, 0);
    std::vector<std::uint8_t> label_of_object;
    for (int c : channels.add_channel) label_of_object.push_back(std::uint8_t(c + 1));

    const TissueQuery query(scene);
    // Scanlines sit 1e-4 voxel off the voxel-centre planes in y and z. Grids and meshes are
    // both laid out on round millimetres, so without it a row can run inside the plane of a
    // cylinder's cap or a box's face, where a line's crossings of that mesh are degenerate and
    // its parity (hence the whole rest of the row) is undefined. 1e-4 of a voxel moves no
    // sample measurably. Along x the voxel centres are points on the line: no such problem.
    const double dy = 1.0e-4 * grid.spacing.y * 0.7071, dz = 1.0e-4 * grid.spacing.z * 0.5773;
    const double sx = grid.spacing.x;
    const int rows = grid.dims.y * grid.dims.z;
    std::atomic<int> next_row{0};
    auto worker = [&] {
        std::vector<TissueStretch> stretches;
        for (int row = next_row++; row < rows; row = next_row++) {
            const int j = row % grid.dims.y, k = row / grid.dims.y;
            glm::dvec3 a = grid.centre(0, j, k) + glm::dvec3(-sx, dy, dz);
            const glm::dvec3 b = grid.centre(grid.dims.x - 1, j, k) + glm::dvec3(sx, dy, dz);
            // Voxel i's centre lies at distance (i + 1) * sx from a, which is one voxel outside.
            query.segment(a, b, stretches);
            std::uint8_t* line = &out.labels.voxels[grid.index(0, j, k)];
            std::size_t s = 0;
            for (int i = 0; i < grid.dims.x && s < stretches.size(); ++i) {
                const double t = double(i + 1) * sx;
                while (s < stretches.size() && stretches[s].exit_mm <= t) ++s;
                if (s < stretches.size() && stretches[s].entry_mm <= t)
                    line[i] = label_of_object[std::size_t(stretches[s].object)];
            }
        }
    };
    unsigned n = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
    n = std::min<unsigned>(n, unsigned(rows));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < n; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    return out;
}

}  // namespace fluorosim
