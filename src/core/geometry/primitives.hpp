#pragma once
// Closed, outward-oriented primitive meshes used by test phantoms, the needle and tests.
#include "core/geometry/mesh.hpp"

namespace fluorosim::primitives {

// UV sphere: `slices` around z, `stacks` from pole to pole. Vertices lie on the sphere, so the
// mesh is inscribed (chords are slightly shorter than the analytic ones).
TriangleMesh sphere(glm::vec3 centre, float radius, int slices = 48, int stacks = 24);
// Ellipsoid with semi-axes `radii` along x, y, z.
TriangleMesh ellipsoid(glm::vec3 centre, glm::vec3 radii, int slices = 48, int stacks = 24);
// Capped cylinder between two axis end points; `radial` segments around the axis.
TriangleMesh cylinder(glm::vec3 base, glm::vec3 top, float radius, int radial = 48);
// Elliptic cylinder along z (semi-axes rx, ry) from z0 to z1: soft-tissue trunk phantoms.
TriangleMesh elliptic_cylinder_z(glm::vec2 centre_xy, float rx, float ry, float z0, float z1,
                                 int radial = 64);
// Axis-aligned box (12 triangles).
TriangleMesh box(glm::vec3 min, glm::vec3 max);

}  // namespace fluorosim::primitives
