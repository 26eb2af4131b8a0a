#include "core/geometry/mesh_query.hpp"

#include <algorithm>
#include <cmath>

namespace fluorosim {
namespace {

// Closest point on triangle abc to p (Ericson, Real-Time Collision Detection, 5.1.5).
glm::dvec3 closest_on_triangle(const glm::dvec3& p, const glm::dvec3& a, const glm::dvec3& b, const glm::dvec3& c) {
    const glm::dvec3 ab = b - a, ac = c - a, ap = p - a;
    const double d1 = glm::dot(ab, ap), d2 = glm::dot(ac, ap);
    if (d1 <= 0 && d2 <= 0) return a;
    const glm::dvec3 bp = p - b;
    const double d3 = glm::dot(ab, bp), d4 = glm::dot(ac, bp);
    if (d3 >= 0 && d4 <= d3) return b;
    const double vc = d1 * d4 - d3 * d2;
    if (vc <= 0 && d1 >= 0 && d3 <= 0) return a + ab * (d1 / (d1 - d3));
    const glm::dvec3 cp = p - c;
    const double d5 = glm::dot(ab, cp), d6 = glm::dot(ac, cp);
    if (d6 >= 0 && d5 <= d6) return c;
    const double vb = d5 * d2 - d1 * d6;
    if (vb <= 0 && d2 >= 0 && d6 <= 0) return a + ac * (d2 / (d2 - d6));
    const double va = d3 * d6 - d5 * d4;
    if (va <= 0 && (d4 - d3) >= 0 && (d5 - d6) >= 0) return b + (c - b) * ((d4 - d3) / ((d4 - d3) + (d5 - d6)));
    const double denom = 1.0 / (va + vb + vc);
    return a + ab * (vb * denom) + ac * (vc * denom);
}

}  // namespace

bool point_inside(const TriangleMesh& mesh, const glm::vec3& p) {
    const glm::dvec3 o(p);
    const glm::dvec3 dir = glm::normalize(glm::dvec3(0.5773502691, 0.3141592653, 0.7548776662));
    int crossings = 0;
    for (const auto& t : mesh.triangles) {
        const glm::dvec3 a = mesh.vertices[t.x], b = mesh.vertices[t.y], c = mesh.vertices[t.z];
        const glm::dvec3 e1 = b - a, e2 = c - a;
        const glm::dvec3 h = glm::cross(dir, e2);
        const double det = glm::dot(e1, h);
        if (std::abs(det) < 1e-15) continue;
        const double inv = 1.0 / det;
        const glm::dvec3 s = o - a;
        const double u = glm::dot(s, h) * inv;
        if (u < 0.0 || u > 1.0) continue;
        const glm::dvec3 q = glm::cross(s, e1);
        const double v = glm::dot(dir, q) * inv;
        if (v < 0.0 || u + v > 1.0) continue;
        if (glm::dot(e2, q) * inv > 0.0) ++crossings;
    }
    return crossings & 1;
}

float distance_to_surface(const TriangleMesh& mesh, const glm::vec3& p) {
    double best = 1e300;
    const glm::dvec3 q(p);
    for (const auto& t : mesh.triangles) {
        const glm::dvec3 c = closest_on_triangle(q, mesh.vertices[t.x], mesh.vertices[t.y], mesh.vertices[t.z]);
        best = std::min(best, glm::dot(c - q, c - q));
    }
    return static_cast<float>(std::sqrt(best));
}

float signed_distance(const TriangleMesh& mesh, const glm::vec3& p) {
    const float d = distance_to_surface(mesh, p);
    return point_inside(mesh, p) ? -d : d;
}

}  // namespace fluorosim
