#pragma once
// Where the needle is: a straight shaft entering the skin at `entry`, pointing along a
// direction given by two angles, inserted `depth_mm` past the skin. (The needle-handling issue
// adds kinematics, bevel deflection and tissue resistance on top of this.)
#include <glm/glm.hpp>

#include "core/geometry/mesh.hpp"
#include "core/needle/needle_spec.hpp"

namespace fluorosim {

struct NeedlePlacement {
    glm::dvec3 entry{0.0};      // skin entry point, patient frame (mm)
    double medial_deg = 0.0;    // + toward the patient's left (x), from straight anterior
    double cranial_deg = 0.0;   // + toward the head (z)
    double depth_mm = 0.0;      // inserted length past the skin

    // Unit direction of advance: straight anterior (-y) at 0/0 for a prone patient.
    glm::dvec3 direction() const;
    glm::dvec3 tip() const { return entry + depth_mm * direction(); }
};

// The shaft as two closed steel cylinders: the part inside the patient (which displaces
// tissue) and the part outside up to the hub. Either may be empty (depth 0 or full depth).
struct NeedleMeshes {
    TriangleMesh inside;
    TriangleMesh outside;
};
NeedleMeshes needle_meshes(const NeedleSpec& spec, const NeedlePlacement& placement, int radial = 12);

}  // namespace fluorosim

namespace fluorosim {
struct Scene;
// Adds the needle to a scene: the inside part displaces the material of `tissue_parent` (the
// object the shaft runs in; the needle issue refines this per tissue crossed), the outside part
// sits in room air.
void add_needle_to_scene(Scene& scene, const NeedleSpec& spec, const NeedlePlacement& placement,
                         int tissue_parent);
}  // namespace fluorosim
