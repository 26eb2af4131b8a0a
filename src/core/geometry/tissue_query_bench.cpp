#include "core/geometry/tissue_query_bench.hpp"

#include <cassert>
#include <chrono>
#include <random>
#include <utility>
#include <vector>

namespace fluorosim {

double bench_tissue_queries(const TissueQuery& query, int count, std::uint64_t seed) {
    assert(count > 0);
    const Aabb box = query.bounds();
    if (box.empty()) return 0.0;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<double> gauss(0.0, 1.0);
    // Lengths span a needle step (a few mm would be faster) up to a full 3.5-inch spinal
    // needle shaft (89 mm) and beyond.
    std::uniform_real_distribution<double> length(20.0, 120.0);
    std::vector<std::pair<glm::dvec3, glm::dvec3>> segments;
    segments.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        const glm::dvec3 a = glm::dvec3(box.min) +
                             glm::dvec3(unit(rng), unit(rng), unit(rng)) * glm::dvec3(box.size());
        glm::dvec3 d(gauss(rng), gauss(rng), gauss(rng));
        if (glm::length(d) == 0.0) d = glm::dvec3(0.0, 1.0, 0.0);
        segments.emplace_back(a, a + length(rng) * glm::normalize(d));
    }
    std::vector<TissueStretch> out;
    std::size_t stretches = 0;  // used below, so the queries cannot be optimised away
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& [a, b] : segments) {
        query.segment(a, b, out);
        stretches += out.size();
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - t0;
    return stretches == std::size_t(-1) ? 0.0 : count / std::max(elapsed.count(), 1e-9);
}

}  // namespace fluorosim
