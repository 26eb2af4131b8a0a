#pragma once
// Closed triangle meshes: the shape of every structure the X-ray passes through.
// Convention: counter-clockwise triangles seen from outside, so normals point outward and the
// signed volume is positive. The path-length method relies on that (see DESIGN.md).
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace fluorosim {

struct TriangleMesh {
    std::vector<glm::vec3> vertices;       // millimetres, patient frame (LPS)
    std::vector<glm::uvec3> triangles;     // indices into vertices, CCW seen from outside

    std::size_t triangle_count() const { return triangles.size(); }
    void append(const TriangleMesh& other);
    void transform(const glm::mat4& m);  // flips winding when m mirrors, keeping normals outward
    glm::vec3 triangle_normal(std::size_t t) const;  // unit, outward
};

// Axis-aligned bounds.
struct Aabb {
    glm::vec3 min{std::numeric_limits<float>::max()};
    glm::vec3 max{std::numeric_limits<float>::lowest()};
    void grow(const glm::vec3& p) { min = glm::min(min, p); max = glm::max(max, p); }
    void grow(const Aabb& b) { min = glm::min(min, b.min); max = glm::max(max, b.max); }
    bool empty() const { return min.x > max.x; }
    glm::vec3 centre() const { return 0.5f * (min + max); }
    glm::vec3 size() const { return max - min; }
};
Aabb bounds(const TriangleMesh& mesh);

// Signed volume in mm^3 (divergence theorem); positive for a closed mesh with outward normals.
double signed_volume(const TriangleMesh& mesh);
double surface_area(const TriangleMesh& mesh);

// What the path-length method needs of a mesh: every edge shared by exactly two triangles that
// traverse it in opposite directions (closed, 2-manifold along edges, consistently oriented)
// and outward orientation (positive volume).
struct MeshCheck {
    std::size_t boundary_edges = 0;     // edges used by one triangle: the mesh has a hole
    std::size_t nonmanifold_edges = 0;  // edges used by three or more triangles
    std::size_t misoriented_edges = 0;  // edges two triangles traverse the same way
    std::size_t degenerate_triangles = 0;
    double volume = 0.0;
    bool closed() const { return boundary_edges == 0 && nonmanifold_edges == 0; }
    bool consistently_oriented() const { return misoriented_edges == 0; }
    bool outward() const { return volume > 0.0; }
    bool ok() const { return closed() && consistently_oriented() && outward(); }
    std::string describe() const;  // one line for a warning or an error message
};
MeshCheck check_mesh(const TriangleMesh& mesh);

}  // namespace fluorosim
