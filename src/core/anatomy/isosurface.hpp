#pragma once
// Meshing a signed distance field: sample it on a regular grid, then extract iso-surfaces by
// marching tetrahedra on the Kuhn (Freudenthal) split of every cube into 6 tetrahedra.
//
// Why tetrahedra rather than marching cubes: the Kuhn split is a conforming triangulation of
// space, and inside one tetrahedron the linear interpolant's iso-set is a single triangle or
// quad. So the surface is closed and 2-manifold by construction (no ambiguous cases), and with
// one vertex per grid edge it comes out welded. Two level sets of the same sampled field never
// cross, which is how nested structures (cancellous inside cortical, CSF inside dura) are made
// exactly nested: they are extracted from one grid at two iso values.
#include <vector>

#include "core/anatomy/sdf.hpp"
#include "core/geometry/mesh.hpp"

namespace fluorosim {

struct SampledField {
    glm::vec3 origin{0.0f};  // position of grid point (0,0,0)
    float h = 1.0f;          // spacing, mm
    glm::ivec3 n{0};         // points per axis
    std::vector<float> values;
    std::size_t index(int i, int j, int k) const {
        return (static_cast<std::size_t>(k) * n.y + j) * n.x + i;
    }
    glm::vec3 point(int i, int j, int k) const { return origin + h * glm::vec3(i, j, k); }
};

// Samples f on a grid of spacing h covering `box` (padded by 2h so the surface is closed).
// Octree-style narrow band: a block of points whose centre value is farther than
// 1.5 x (block radius + 2h) from every iso in [iso_min, iso_max] is filled with that centre
// value instead of being evaluated (otherwise it is split into octants): with a gradient norm
// below 1.5 no point of such a block is within 2h of the surface, so no grid edge touching it
// changes sign and the extracted mesh is the same.
SampledField sample_field(const sdf::Field& f, const Aabb& box, float h, float iso_min = 0.0f,
                          float iso_max = 0.0f);

// Samples g on exactly the grid of `like` (same origin, spacing, size): children defined as
// max(child, parent + margin) on the same grid nest exactly inside the parent's level set.
SampledField sample_field_like(const sdf::Field& g, const SampledField& like, float iso_min = 0.0f,
                               float iso_max = 0.0f);

// The closed, outward-oriented surface {field = iso} (inside = values below iso).
TriangleMesh extract_isosurface(const SampledField& field, float iso = 0.0f);

}  // namespace fluorosim
