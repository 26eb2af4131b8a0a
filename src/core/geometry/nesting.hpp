#pragma once
// Which closed mesh lies inside which: for files that carry no hierarchy (OBJ, STL, flat glTF),
// the parent of each object is the smallest other mesh that contains it. The X-ray path-length
// method needs that nesting to subtract an inner structure's length from its container.
#include <vector>

#include "core/geometry/mesh.hpp"

namespace fluorosim {

// For each mesh, the index of its innermost container or -1. A mesh counts as inside another
// when a point just inside its own surface (a triangle centre moved 1e-3 of the mesh size
// inward) is inside the other by ray parity. Meshes must be closed.
std::vector<int> infer_parents(const std::vector<const TriangleMesh*>& meshes);

// An order in which every parent comes before its children (what Scene::add requires).
std::vector<int> parents_first_order(const std::vector<int>& parents);

}  // namespace fluorosim
