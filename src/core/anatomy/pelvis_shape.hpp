#pragma once
// Sacrum (S1 body, alae, S1 superior articular processes, canal, dorsal and ventral foramina
// S1-S4, hiatus), coccyx, ilia and the sacroiliac joints.
//
// The sacrum is modelled in curvilinear coordinates (x, u, s) around its kyphotic curve:
// s = arc length down from the S1 endplate, u = offset from the curve (+ = dorsal), x = left.
// The SI joint is a plane, oblique in the axial plane (anterior edge lateral, posterior edge
// medial, so the posterior joint line projects medially on AP [S: clinical.md 2.2]); sacrum
// and ilium stop half a joint space short of it on either side.
#include "core/anatomy/patient_parameters.hpp"
#include "core/anatomy/sdf.hpp"
#include "core/anatomy/spine_layout.hpp"

namespace fluorosim {

struct SacrumGeometry {
    sdf::Frame frame;          // = layout.sacrum
    float curve_radius = 120;  // sacral kyphosis [P]
    float length = 105;        // S1 endplate to apex along the curve [R: ~100-110 mm]
    float si_gap = 3.0f;       // SI joint space 2-4 mm [R: clinical.md 2.2]
    float size = 1.0f;

    glm::vec3 curvilinear(const glm::vec3& world) const;  // -> (x, u, s)
    glm::vec3 world(const glm::vec3& xus) const;          // inverse
    float half_width(float s) const;
    float ventral(float s) const;
    float dorsal(float s) const;
    float canal_u(float s) const;
    float canal_half_width(float s) const;
    float canal_half_depth(float s) const;
    float foramen_s(int k) const;  // k = 1..4 (S1..S4)
    // SI joint surface: x of the surface at dorsal offset u and arc length s, and the signed
    // distance (+ = lateral).
    float si_x(float u, float s) const;
    float si_slope(float u) const;  // d|x|/du of the joint surface (tan of its angle to sagittal)
    float si_distance(const glm::vec3& xus) const;
    // Auricular surface outline in the joint plane (u, s): negative inside.
    float auricular(const glm::vec3& xus) const;
    // Foramen openings (centre of the opening on the surface), side +1 left / -1 right.
    glm::vec3 dorsal_foramen(int k, int side) const;
    glm::vec3 ventral_foramen(int k, int side) const;
};

SacrumGeometry sacrum_geometry(const SpineLayout& layout, const PatientParameters& params);

sdf::Shape sacrum_shape(const SpineLayout& layout, const SacrumGeometry& g);  // incl. fused L5
sdf::Shape coccyx_shape(const SacrumGeometry& g);
sdf::Shape ilium_shape(const SacrumGeometry& g, int side);
sdf::Shape si_joint_shape(const SacrumGeometry& g, int side);

}  // namespace fluorosim
