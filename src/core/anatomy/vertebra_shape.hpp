#pragma once
// One lumbar (or T12) vertebra as a signed distance field in the patient frame: body with
// endplates and waist, pedicles, articular pillars, laminae, spinous and transverse processes,
// superior/inferior articular processes shaped by the facet joints above and below.
#include <array>

#include "core/anatomy/sdf.hpp"
#include "core/anatomy/spine_layout.hpp"

namespace fluorosim {

// Key points of a vertebra in its body frame (x left, y posterior, z along the body axis);
// shared by the shape and by the landmarks so they cannot drift apart.
struct VertebraGeometry {
    float depth = 0, width = 0, h_ant = 0, h_post = 0;
    // Per side (0 = left, 1 = right).
    std::array<glm::vec3, 2> pedicle_front{}, pedicle_back{}, pedicle_centre{};
    float pedicle_w = 0, pedicle_h = 0;
    std::array<glm::vec3, 2> pillar{};  // articular pillar centre
    std::array<glm::vec3, 2> tp_root{}, tp_tip{};
    std::array<glm::vec3, 2> lamina_lateral{};  // lamina line end at the pillar (axial plane)
    glm::vec3 lamina_midline{0.0f};
    float lamina_top = 0, lamina_bottom = 0, lamina_half_thickness = 3.0f;
    glm::vec3 sp_base{0.0f}, sp_tip{0.0f};
    float sp_base_half_height = 7.0f, sp_tip_half_height = 10.0f;
    float tp_half_height = 6.0f, tp_half_thickness = 3.0f;
};

VertebraGeometry vertebra_geometry(const VertebraLayout& v);

// The joint's articular process of the lower (SAP) or upper (IAP) bone, in world coordinates.
float sap_field(const FacetJointLayout& j, const glm::vec3& p);
float iap_field(const FacetJointLayout& j, const glm::vec3& p);

// The pars interarticularis (the Scotty dog's "neck") of `upper`, the vertebra above joint j:
// a waisted bridge from the top of its IAP through `middle` to the articular pillar under the
// pedicle. Shared by the shape and the landmarks.
struct ParsAxis {
    glm::vec3 iap_end{0.0f}, middle{0.0f}, pillar_end{0.0f};
};
ParsAxis pars_axis(const FacetJointLayout& j, const VertebraLayout& upper, const VertebraGeometry& g);

// Keeps the joint space of a facet joint clear over its whole articular area: removes from the
// lower bone (SAP side) anything on the IAP side of the joint surface, and vice versa.
float clear_joint_for_lower(const FacetJointLayout& j, const glm::vec3& p, float d);
float clear_joint_for_upper(const FacetJointLayout& j, const glm::vec3& p, float d);

// Axial cross-section of a vertebral body (and of the disc on it): negative inside.
float body_section(const glm::vec2& q, float width, float depth);

// Lamina edge points in world coordinates (side 0 = left): lateral end and midline, at the
// lamina's top (upper = false) or bottom (upper = true) edge, on its centre line.
struct LaminaEdge {
    std::array<glm::vec3, 2> lateral;
    glm::vec3 midline;
};
LaminaEdge lamina_edge(const VertebraLayout& v, bool bottom);

// The whole vertebra (raw: before being kept apart from its neighbours).
sdf::Shape vertebra_shape(const SpineLayout& layout, int index);

// The pedicle's cortical tube: positive in a 2.2 mm wall around each pedicle's axis, from the
// articular pillar to 3 mm into the body, where the cancellous core is kept out (elsewhere the
// shell is 1.5 mm). Seen end-on in the oblique view this wall is the dense ring of the Scotty
// dog's "eye" [R: pedicle cortex thicker than the body's, medial wall thickest].
constexpr float kPedicleWall = 2.2f;
float pedicle_wall_field(const VertebraLayout& v, const VertebraGeometry& g, const glm::vec3& p);

// Where the vertebra is cortical bone throughout (positive): the pedicle walls above, and the
// posterior arch behind the pedicles' pillar ends (off the midline) plus the transverse processes
// beyond their roots. The pars, laminae and articular processes are thin plates of mostly compact
// bone [R: Gray's; P: modelled as wholly cortical]; so built, they are denser than the body in
// projection and the oblique's "Scotty dog" stands out over the body.
float cortical_only_field(const VertebraLayout& v, const VertebraGeometry& g, const glm::vec3& p);

// The body alone (used by discs, vessels and the body-height tests).
float vertebral_body_field(const VertebraLayout& v, const VertebraGeometry& g,
                           const glm::vec3& local);

}  // namespace fluorosim
