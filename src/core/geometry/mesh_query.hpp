#pragma once
// Brute-force point queries against a closed mesh, for tests and one-off checks (no BVH:
// O(triangles) per query). Tissue queries on the hot path belong in an accelerated structure.
#include "core/geometry/mesh.hpp"

namespace fluorosim {

// Whether p is inside the closed mesh: parity of crossings along a fixed, deliberately
// irrational ray direction (so hits on edges and vertices are vanishingly unlikely).
bool point_inside(const TriangleMesh& mesh, const glm::vec3& p);

// Unsigned distance from p to the nearest point of the mesh surface (mm).
float distance_to_surface(const TriangleMesh& mesh, const glm::vec3& p);

// Signed: negative inside, positive outside.
float signed_distance(const TriangleMesh& mesh, const glm::vec3& p);

}  // namespace fluorosim
