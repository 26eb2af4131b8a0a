#pragma once
// Tissue queries for the needle and the scorer: which structure holds a point, and which
// structures a segment (a needle shaft, a step of its tip) passes through, in order.
//
// Containment is decided by ray casting with the watertight BVH: a point lies inside a closed
// mesh exactly when the mesh's crossings along any ray from the point sum to one more exit
// than entry. Nesting follows the scene: among the objects containing a point, the innermost is
// the deepest in the parent tree (a cancellous core before its cortical shell before the skin).
// A segment starting exactly on a surface starts in the tissue just beyond its start; a point
// query exactly on a surface may answer either side (its ray direction is an implementation
// choice). Meshes must be closed (check_mesh): through a hole the answers are undefined.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "core/geometry/bvh.hpp"
#include "core/scene/scene.hpp"

namespace fluorosim {

// One stretch of a segment inside one structure (the innermost one there).
struct TissueStretch {
    int object = -1;            // scene object index
    std::string_view name;      // views into the TissueQuery that answered; valid while it lives
    std::string_view material;
    glm::dvec3 entry{0.0};      // patient frame, mm
    glm::dvec3 exit{0.0};
    double entry_mm = 0.0;      // distance from the segment start
    double exit_mm = 0.0;
};

class TissueQuery {
public:
    // Builds the BVH over all scene objects once; the scene may change afterwards without
    // affecting this query object (it keeps copies of what it needs).
    explicit TissueQuery(const Scene& scene);

    // Innermost scene object containing p, or -1 for room air.
    int innermost_at(const glm::dvec3& p) const;

    // Structures crossed going from a to b, in order, with entry and exit points. Stretches in
    // room air are left out (gaps between stretches); a segment starting inside a structure
    // starts with it at distance 0, and one ending inside ends with it at |b - a|. Stretches
    // have positive length, and two that touch (exit == next entry) differ in object. Surfaces
    // that coincide within rounding (a child sharing a face with its parent) can leave a
    // stretch of about 1e-13 mm. For a == b: the structure at a, as one stretch of length zero
    // (none in air). Thread-safe.
    std::vector<TissueStretch> segment(const glm::dvec3& a, const glm::dvec3& b) const;
    // Same, into `out` (cleared first), to reuse its storage across queries.
    void segment(const glm::dvec3& a, const glm::dvec3& b, std::vector<TissueStretch>& out) const;

    std::size_t object_count() const { return names_.size(); }
    const std::string& name(int object) const { return names_[std::size_t(object)]; }
    const std::string& material(int object) const { return materials_[std::size_t(object)]; }
    int depth(int object) const { return depth_[std::size_t(object)]; }  // 0: in room air
    Aabb bounds() const { return bvh_.bounds(); }
    const Bvh& bvh() const { return bvh_; }

private:
    // Winding state of the objects a query line touches (a handful, so a flat list is fastest).
    struct Winding {
        int object;
        int count;  // exits minus entries beyond the current point: 1 inside, 0 outside
    };
    int innermost(const std::vector<Winding>& windings) const;

    Bvh bvh_;
    std::vector<std::string> names_;
    std::vector<std::string> materials_;
    std::vector<int> depth_;
};

// The skin a needle would be set down on above (x, z): the first surface met going straight
// down from posterior (+y) to anterior; empty where the line misses the patient.
std::optional<glm::dvec3> skin_above(const TissueQuery& query, double x_mm, double z_mm);

}  // namespace fluorosim
