#include "core/geometry/nesting.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include "core/geometry/bvh.hpp"

namespace fluorosim {

namespace {

// Parity of crossings along a fixed, irrational-looking direction: rays along axes would run
// through the edges of axis-aligned boxes far more often.
bool inside(const Bvh& bvh, const glm::dvec3& p, std::vector<BvhHit>& hits) {
    static const glm::dvec3 dir = glm::normalize(glm::dvec3(0.5773, 0.6123, 0.5404));
    hits.clear();
    bvh.intersect_all(p, dir, 0.0, 1e9, hits);
    return hits.size() % 2 == 1;
}

glm::dvec3 point_just_inside(const TriangleMesh& m) {
    // The largest triangle's centre, moved inward by 1e-3 of the mesh's size: robustly inside
    // the mesh, and inside any container that does not touch this very triangle.
    std::size_t best = 0;
    double best_area = -1.0;
    for (std::size_t t = 0; t < m.triangles.size(); ++t) {
        const auto& tri = m.triangles[t];
        const double a = glm::length(glm::cross(glm::dvec3(m.vertices[tri.y] - m.vertices[tri.x]),
                                                glm::dvec3(m.vertices[tri.z] - m.vertices[tri.x])));
        if (a > best_area) best_area = a, best = t;
    }
    const auto& tri = m.triangles[best];
    const glm::dvec3 c = (glm::dvec3(m.vertices[tri.x]) + glm::dvec3(m.vertices[tri.y]) + glm::dvec3(m.vertices[tri.z])) / 3.0;
    const double size = glm::length(glm::dvec3(bounds(m).size()));
    return c - 1e-3 * size * glm::dvec3(m.triangle_normal(best));
}

}  // namespace

std::vector<int> infer_parents(const std::vector<const TriangleMesh*>& meshes) {
    const std::size_t n = meshes.size();
    std::vector<Bvh> bvhs;
    std::vector<double> volume;
    bvhs.reserve(n);
    for (const auto* m : meshes) {
        bvhs.emplace_back(*m);
        volume.push_back(std::abs(signed_volume(*m)));
    }
    std::vector<int> parent(n, -1);
    std::vector<BvhHit> hits;
    for (std::size_t i = 0; i < n; ++i) {
        if (meshes[i]->triangles.empty()) continue;
        const glm::dvec3 p = point_just_inside(*meshes[i]);
        for (std::size_t j = 0; j < n; ++j) {
            if (j == i || volume[j] <= volume[i] || meshes[j]->triangles.empty()) continue;
            if (!inside(bvhs[j], p, hits)) continue;
            if (parent[i] < 0 || volume[j] < volume[std::size_t(parent[i])]) parent[i] = int(j);
        }
    }
    return parent;
}

std::vector<int> parents_first_order(const std::vector<int>& parents) {
    std::vector<int> order;
    std::vector<char> placed(parents.size(), 0);
    std::function<void(int)> place = [&](int i) {
        if (placed[std::size_t(i)]) return;
        if (parents[std::size_t(i)] >= 0) place(parents[std::size_t(i)]);
        placed[std::size_t(i)] = 1;
        order.push_back(i);
    };
    for (std::size_t i = 0; i < parents.size(); ++i) place(int(i));
    return order;
}

}  // namespace fluorosim
