#include "core/geometry/primitives.hpp"

#include <cassert>
#include <cmath>

#include <glm/gtc/constants.hpp>

namespace fluorosim::primitives {

TriangleMesh ellipsoid(glm::vec3 centre, glm::vec3 radii, int slices, int stacks) {
    assert(slices >= 3 && stacks >= 2);
    TriangleMesh m;
    const float pi = glm::pi<float>();
    m.vertices.push_back(centre + glm::vec3(0, 0, radii.z));  // north pole: index 0
    for (int i = 1; i < stacks; ++i) {
        const float theta = pi * float(i) / float(stacks);
        for (int j = 0; j < slices; ++j) {
            const float phi = 2.0f * pi * float(j) / float(slices);
            m.vertices.push_back(centre + radii * glm::vec3(std::sin(theta) * std::cos(phi),
                                                            std::sin(theta) * std::sin(phi),
                                                            std::cos(theta)));
        }
    }
    const unsigned south = static_cast<unsigned>(m.vertices.size());
    m.vertices.push_back(centre - glm::vec3(0, 0, radii.z));
    auto ring = [&](int i, int j) { return 1u + unsigned((i - 1) * slices + (j % slices)); };
    for (int j = 0; j < slices; ++j) m.triangles.push_back({0u, ring(1, j), ring(1, j + 1)});
    for (int i = 1; i < stacks - 1; ++i) {
        for (int j = 0; j < slices; ++j) {
            m.triangles.push_back({ring(i, j), ring(i + 1, j), ring(i + 1, j + 1)});
            m.triangles.push_back({ring(i, j), ring(i + 1, j + 1), ring(i, j + 1)});
        }
    }
    for (int j = 0; j < slices; ++j)
        m.triangles.push_back({south, ring(stacks - 1, j + 1), ring(stacks - 1, j)});
    return m;
}

TriangleMesh sphere(glm::vec3 centre, float radius, int slices, int stacks) {
    return ellipsoid(centre, glm::vec3(radius), slices, stacks);
}

namespace {
// A prism along z from z0 to z1 over a CCW polygon `ring` (seen from +z), capped with fans.
TriangleMesh prism_z(const std::vector<glm::vec2>& ring, float z0, float z1) {
    TriangleMesh m;
    const auto n = static_cast<unsigned>(ring.size());
    for (const auto& p : ring) m.vertices.emplace_back(p, z0);
    for (const auto& p : ring) m.vertices.emplace_back(p, z1);
    glm::vec2 c(0.0f);
    for (const auto& p : ring) c += p;
    c /= float(n);
    const unsigned c0 = 2 * n, c1 = 2 * n + 1;
    m.vertices.emplace_back(c, z0);
    m.vertices.emplace_back(c, z1);
    for (unsigned j = 0; j < n; ++j) {
        const unsigned k = (j + 1) % n;
        m.triangles.push_back({j, k, n + k});
        m.triangles.push_back({j, n + k, n + j});
        m.triangles.push_back({c0, k, j});          // bottom cap faces -z
        m.triangles.push_back({c1, n + j, n + k});  // top cap faces +z
    }
    return m;
}
}  // namespace

TriangleMesh elliptic_cylinder_z(glm::vec2 centre_xy, float rx, float ry, float z0, float z1,
                                 int radial) {
    assert(radial >= 3 && z1 > z0);
    std::vector<glm::vec2> ring;
    for (int j = 0; j < radial; ++j) {
        const float phi = 2.0f * glm::pi<float>() * float(j) / float(radial);
        ring.push_back(centre_xy + glm::vec2(rx * std::cos(phi), ry * std::sin(phi)));
    }
    return prism_z(ring, z0, z1);
}

TriangleMesh cylinder(glm::vec3 base, glm::vec3 top, float radius, int radial) {
    const glm::vec3 axis = top - base;
    const float length = glm::length(axis);
    assert(length > 0.0f);
    TriangleMesh m = elliptic_cylinder_z(glm::vec2(0.0f), radius, radius, 0.0f, length, radial);
    // Rotate +z onto the axis with an orthonormal frame (a proper rotation keeps the winding).
    const glm::vec3 w = axis / length;
    const glm::vec3 helper = std::abs(w.z) < 0.9f ? glm::vec3(0, 0, 1) : glm::vec3(1, 0, 0);
    const glm::vec3 u = glm::normalize(glm::cross(helper, w));
    const glm::vec3 v = glm::cross(w, u);
    glm::mat4 frame(glm::vec4(u, 0), glm::vec4(v, 0), glm::vec4(w, 0), glm::vec4(base, 1));
    m.transform(frame);
    return m;
}

TriangleMesh box(glm::vec3 lo, glm::vec3 hi) {
    return prism_z({{lo.x, lo.y}, {hi.x, lo.y}, {hi.x, hi.y}, {lo.x, hi.y}}, lo.z, hi.z);
}

}  // namespace fluorosim::primitives
