#include "core/geometry/mesh.hpp"

#include <unordered_map>

namespace fluorosim {

void TriangleMesh::append(const TriangleMesh& other) {
    const auto offset = static_cast<unsigned>(vertices.size());
    vertices.insert(vertices.end(), other.vertices.begin(), other.vertices.end());
    triangles.reserve(triangles.size() + other.triangles.size());
    for (const auto& t : other.triangles) triangles.push_back(t + glm::uvec3(offset));
}

void TriangleMesh::transform(const glm::mat4& m) {
    for (auto& v : vertices) v = glm::vec3(m * glm::vec4(v, 1.0f));
    if (glm::determinant(glm::mat3(m)) < 0.0f) {
        for (auto& t : triangles) std::swap(t.y, t.z);
    }
}

glm::vec3 TriangleMesh::triangle_normal(std::size_t t) const {
    const auto& tri = triangles[t];
    const glm::vec3 n = glm::cross(vertices[tri.y] - vertices[tri.x], vertices[tri.z] - vertices[tri.x]);
    const float len = glm::length(n);
    return len > 0.0f ? n / len : glm::vec3(0.0f);
}

Aabb bounds(const TriangleMesh& mesh) {
    Aabb box;
    for (const auto& v : mesh.vertices) box.grow(v);
    return box;
}

double signed_volume(const TriangleMesh& mesh) {
    double v = 0.0;
    for (const auto& t : mesh.triangles) {
        const glm::dvec3 a = mesh.vertices[t.x], b = mesh.vertices[t.y], c = mesh.vertices[t.z];
        v += glm::dot(a, glm::cross(b, c));
    }
    return v / 6.0;
}

double surface_area(const TriangleMesh& mesh) {
    double area = 0.0;
    for (const auto& t : mesh.triangles) {
        const glm::dvec3 a = mesh.vertices[t.x], b = mesh.vertices[t.y], c = mesh.vertices[t.z];
        area += 0.5 * glm::length(glm::cross(b - a, c - a));
    }
    return area;
}

MeshCheck check_mesh(const TriangleMesh& mesh) {
    MeshCheck result;
    // Count directed edge uses keyed by (min, max) vertex pair: +1 for min->max, -1 for max->min.
    struct EdgeUse {
        int forward = 0;
        int backward = 0;
    };
    std::unordered_map<std::uint64_t, EdgeUse> edges;
    edges.reserve(mesh.triangles.size() * 3 / 2 + 1);
    for (const auto& t : mesh.triangles) {
        if (t.x == t.y || t.y == t.z || t.z == t.x) {
            ++result.degenerate_triangles;
            continue;
        }
        const unsigned idx[3] = {t.x, t.y, t.z};
        for (int e = 0; e < 3; ++e) {
            const unsigned a = idx[e], b = idx[(e + 1) % 3];
            const std::uint64_t key = (std::uint64_t(std::min(a, b)) << 32) | std::max(a, b);
            auto& use = edges[key];
            (a < b ? use.forward : use.backward)++;
        }
    }
    for (const auto& [key, use] : edges) {
        const int total = use.forward + use.backward;
        if (total == 1) ++result.boundary_edges;
        else if (total > 2) ++result.nonmanifold_edges;
        else if (use.forward != 1) ++result.misoriented_edges;
    }
    result.volume = signed_volume(mesh);
    return result;
}

std::string MeshCheck::describe() const {
    if (ok()) return "closed, consistently oriented, outward normals";
    std::string s;
    auto add = [&](const std::string& part) { s += (s.empty() ? "" : "; ") + part; };
    if (boundary_edges) add("open: " + std::to_string(boundary_edges) + " boundary edges");
    if (nonmanifold_edges) add(std::to_string(nonmanifold_edges) + " non-manifold edges");
    if (misoriented_edges) add(std::to_string(misoriented_edges) + " edges with inconsistent winding");
    if (closed() && consistently_oriented() && !outward()) add("inside-out (normals point inward)");
    return s;
}

}  // namespace fluorosim
