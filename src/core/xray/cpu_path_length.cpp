#include "core/xray/cpu_path_length.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

#include "core/util/error.hpp"

namespace fluorosim {
namespace {

Bvh scene_bvh(const Scene& scene) {
    std::vector<const TriangleMesh*> meshes;
    meshes.reserve(scene.objects.size());
    for (const auto& o : scene.objects) meshes.push_back(&o.mesh);
    return Bvh(meshes);
}

}  // namespace

CpuPathLengths::CpuPathLengths(const Scene& scene)
    : bvh_(scene_bvh(scene)), channels_(material_channels(scene)) {}

int CpuPathLengths::accumulate(const glm::dvec3& from, const glm::dvec3& to,
                               std::vector<BvhHit>& scratch, std::vector<double>& lengths) const {
    const glm::dvec3 d = to - from;
    const double length = glm::length(d);
    if (!(length > 0.0)) return 0;
    // Unit direction: t is then the distance from the source in mm. Summing +-t of about
    // 650 mm in double keeps about 1e-13 mm, far below float32's output resolution.
    scratch.clear();
    bvh_.intersect_all(from, d / length, 0.0, length, scratch);
    int closure = 0;
    for (const BvhHit& h : scratch) {
        const double signed_t = double(h.facing) * h.t;  // entry: -t, exit: +t
        lengths[std::size_t(channels_.add_channel[h.mesh])] += signed_t;
        const int parent = channels_.subtract_channel[h.mesh];
        if (parent >= 0) lengths[std::size_t(parent)] -= signed_t;
        closure += h.facing;
    }
    return closure;
}

RayPathLengths CpuPathLengths::trace(const glm::dvec3& from, const glm::dvec3& to) const {
    RayPathLengths r;
    r.length_mm.assign(channels_.materials.size(), 0.0);
    std::vector<BvhHit> scratch;
    r.closure = accumulate(from, to, scratch, r.length_mm);
    return r;
}

PathLengthImages CpuPathLengths::render(const CArmGeometry& geometry, int width, int height,
                                        unsigned threads) const {
    if (width <= 0 || height <= 0) {
        throw InputError("path-length image size must be positive, got " + std::to_string(width) +
                         " x " + std::to_string(height));
    }
    const std::size_t channel_count = channels_.materials.size();
    PathLengthImages out;
    out.materials = channels_.materials;
    out.length_mm.assign(channel_count, ImageF(width, height, 1));
    out.closure = Image<std::int32_t>(width, height, 1);

    // Rows are handed out one at a time from a shared counter: rows through the patient cost
    // far more than rows of air, so a static split would leave threads idle.
    std::atomic<int> next_row{0};
    auto worker = [&] {
        std::vector<BvhHit> scratch;
        std::vector<double> lengths(channel_count);
        for (int row = next_row++; row < height; row = next_row++) {
            for (int col = 0; col < width; ++col) {
                std::fill(lengths.begin(), lengths.end(), 0.0);
                const int closure = accumulate(
                    geometry.source, geometry.pixel_centre(col, row, width, height), scratch, lengths);
                for (std::size_t c = 0; c < channel_count; ++c) {
                    out.length_mm[c].at(col, row) = static_cast<float>(lengths[c]);
                }
                out.closure.at(col, row) = closure;
            }
        }
    };
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    threads = std::min(threads, static_cast<unsigned>(height));
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();

    out.open_pixels = static_cast<std::size_t>(
        std::count_if(out.closure.pixels.begin(), out.closure.pixels.end(),
                      [](std::int32_t c) { return c != 0; }));
    return out;
}

PathLengthImages cpu_path_lengths(const Scene& scene, const CArmGeometry& geometry, int width,
                                  int height, unsigned threads) {
    return CpuPathLengths(scene).render(geometry, width, height, threads);
}

}  // namespace fluorosim
