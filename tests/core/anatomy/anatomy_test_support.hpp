#pragma once
// Shared helpers for the anatomy tests: the standard patient (generated once per test
// executable) and small mesh measurements (ray hits, plane slices, local-frame bounds).
#include <algorithm>
#include <cmath>
#include <vector>

#include "core/anatomy/patient.hpp"
#include "core/anatomy/sdf.hpp"
#include "core/geometry/mesh.hpp"

namespace fluorosim::anatomy_test {

inline const Patient& standard_patient() {
    static const Patient patient = generate_patient(PatientParameters{});
    return patient;
}

inline const TriangleMesh& mesh_of(const Patient& p, const std::string& name) {
    const int i = p.find(name);
    if (i < 0) throw std::out_of_range("no object " + name);
    return p.scene.objects[i].mesh;
}

// Distances t > 0 along origin + t * dir (unit) at which the ray crosses the mesh, ascending.
inline std::vector<float> ray_hits(const TriangleMesh& m, const glm::vec3& origin, const glm::vec3& dir) {
    std::vector<float> hits;
    for (const auto& t : m.triangles) {
        const glm::vec3 a = m.vertices[t.x], b = m.vertices[t.y], c = m.vertices[t.z];
        const glm::vec3 e1 = b - a, e2 = c - a, h = glm::cross(dir, e2);
        const float det = glm::dot(e1, h);
        if (std::abs(det) < 1e-12f) continue;
        const glm::vec3 s = origin - a;
        const float u = glm::dot(s, h) / det;
        if (u < 0.0f || u > 1.0f) continue;
        const glm::vec3 q = glm::cross(s, e1);
        const float v = glm::dot(dir, q) / det;
        if (v < 0.0f || u + v > 1.0f) continue;
        const float tt = glm::dot(e2, q) / det;
        if (tt > 0.0f) hits.push_back(tt);
    }
    std::sort(hits.begin(), hits.end());
    return hits;
}

// Points where the mesh's edges cross the plane (the outline of the cross-section).
inline std::vector<glm::vec3> slice(const TriangleMesh& m, const glm::vec3& point, const glm::vec3& normal) {
    std::vector<glm::vec3> out;
    for (const auto& t : m.triangles) {
        for (int e = 0; e < 3; ++e) {
            const glm::vec3 a = m.vertices[t[e]], b = m.vertices[t[(e + 1) % 3]];
            const float da = glm::dot(a - point, normal), db = glm::dot(b - point, normal);
            if ((da < 0.0f) != (db < 0.0f)) out.push_back(a + (b - a) * (da / (da - db)));
        }
    }
    return out;
}

// The cross-section as segments (one per triangle the plane cuts).
inline std::vector<std::pair<glm::vec3, glm::vec3>> slice_segments(const TriangleMesh& m, const glm::vec3& point, const glm::vec3& normal) {
    std::vector<std::pair<glm::vec3, glm::vec3>> out;
    for (const auto& t : m.triangles) {
        glm::vec3 hit[2];
        int n = 0;
        for (int e = 0; e < 3 && n < 2; ++e) {
            const glm::vec3 a = m.vertices[t[e]], b = m.vertices[t[(e + 1) % 3]];
            const float da = glm::dot(a - point, normal), db = glm::dot(b - point, normal);
            if ((da < 0.0f) != (db < 0.0f)) hit[n++] = a + (b - a) * (da / (da - db));
        }
        if (n == 2) out.emplace_back(hit[0], hit[1]);
    }
    return out;
}

// Vertices of a mesh in a vertebra's local frame.
inline std::vector<glm::vec3> local_vertices(const TriangleMesh& m, const sdf::Frame& f) {
    std::vector<glm::vec3> out;
    out.reserve(m.vertices.size());
    for (const auto& v : m.vertices) out.push_back(f.to_local(v));
    return out;
}

}  // namespace fluorosim::anatomy_test
