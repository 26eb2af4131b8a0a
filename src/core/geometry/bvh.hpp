#pragma once
// Bounding volume hierarchy over the triangles of one or more meshes, answering "every hit
// along this ray or segment" exactly: the CPU reference path lengths and the tissue queries
// need all crossings with their orientation, not only the nearest one.
//
// Build: binned surface-area heuristic (16 bins per axis, all three axes), leaves of up to 8
// triangles. Query: watertight, exactly-once ray-triangle test (ray_triangle.hpp), so a ray
// through a shared edge or vertex of a closed mesh finds one entry and one exit, never two or
// none. Thread-safe for concurrent queries once built.
#include <cstdint>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "core/geometry/mesh.hpp"

namespace fluorosim {

struct BvhHit {
    double t = 0.0;               // hit point = origin + t * dir
    std::uint32_t mesh = 0;       // index into the mesh list the Bvh was built from
    std::uint32_t triangle = 0;   // triangle index within that mesh
    int facing = 0;               // sign of dir . N: +1 the ray leaves the solid, -1 it enters
};

class Bvh {
public:
    Bvh() = default;
    explicit Bvh(const TriangleMesh& mesh);
    // One hierarchy over several meshes; hits report which one (e.g. the scene object index).
    explicit Bvh(std::span<const TriangleMesh* const> meshes);

    // Appends every hit of origin + t * dir with t_min <= t <= t_max, in no particular order.
    // `dir` must be nonzero; it need not be unit (t is then in units of |dir|).
    void intersect_all(const glm::dvec3& origin, const glm::dvec3& dir, double t_min, double t_max,
                       std::vector<BvhHit>& hits) const;
    // Same, for the segment from a to b: t in [0, 1] along b - a (asserts a != b).
    void intersect_segment(const glm::dvec3& a, const glm::dvec3& b,
                           std::vector<BvhHit>& hits) const;

    std::size_t triangle_count() const { return triangles_.size(); }
    std::size_t node_count() const { return nodes_.size(); }
    int depth() const { return depth_; }
    Aabb bounds() const;  // of all triangles (unpadded); empty for an empty hierarchy

private:
    struct Node {
        glm::vec3 lo{0.0f};
        std::uint32_t first = 0;  // leaf: first triangle; inner: left child (right = first + 1)
        glm::vec3 hi{0.0f};
        std::uint32_t count = 0;  // triangles in a leaf; 0 marks an inner node
    };
    struct Triangle {
        glm::vec3 v0, v1, v2;  // copied in leaf order for cache locality
        std::uint32_t mesh;
        std::uint32_t index;
    };

    void build(std::span<const TriangleMesh* const> meshes);

    std::vector<Node> nodes_;
    std::vector<Triangle> triangles_;
    Aabb bounds_;
    int depth_ = 0;
};

}  // namespace fluorosim
