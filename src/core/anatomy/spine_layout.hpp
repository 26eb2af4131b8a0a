#pragma once
// Where every vertebra, disc and facet joint sits: a kinematic chain built upward from the
// sacrum (S1 superior endplate = patient origin, tilted by the sacral slope), through each disc
// (height, segmental lordosis, scoliotic lateral tilt) to the next vertebral body. Shapes are
// then built in these frames (vertebra_shape, pelvis_shape, soft_tissue_shapes).
#include <string>
#include <vector>

#include "core/anatomy/lumbar_dimensions.hpp"
#include "core/anatomy/patient_parameters.hpp"
#include "core/anatomy/sdf.hpp"

namespace fluorosim {

// Central endplate concavity (mm): disc heights in the table are measured mid-disc, between
// the cupped centres, so adjacent rims sit 2 cups closer than the table height.
constexpr float kEndplateCup = 1.0f;

struct VertebraLayout {
    std::string name;          // "T12", "L1", ...
    LevelDimensions dims;      // scaled for body size and individual variation
    float height_anterior = 0; // body heights after wedge and fracture
    float height_posterior = 0;
    float disc_below = 0;      // height of the disc under it (0 = none, fused)
    float disc_above = 0;
    float hypertrophy = 0;     // facet hypertrophy acting on its articular processes, 0..1
    bool fused_to_sacrum = false;
    // Body centre; x = left, y = posterior, z = body axis, including any axial rotation.
    sdf::Frame frame;
};

struct DiscLayout {
    std::string name;  // "L4-L5"
    int upper = -1;    // index into vertebrae
    int lower = -1;    // index into vertebrae, -1 = sacrum
    float height = 0;  // mid height (between the endplate centres)
    float degeneration = 0;
    sdf::Frame frame;  // disc centre, axes averaged from the neighbours
};

// A facet joint: the lower vertebra's superior articular process (SAP) lies outside a
// cylinder (axis along the lower vertebra's z), the upper's inferior process (IAP) inside, with
// the joint space between: a curved joint surface concave toward posteromedial, as the lumbar
// SAP facet is [R: Panjabi 1993, "J/C-shaped"].
struct FacetJointLayout {
    std::string name;  // "L4-L5"
    int upper = -1, lower = -1;  // lower = -1: sacrum
    int side = 1;                // +1 left, -1 right
    // origin = joint centre; x = tangent (posterolateral), y = normal from SAP toward IAP
    // (posteromedial), z = cylinder axis.
    sdf::Frame frame;
    float radius = 18.0f;        // joint surface curvature radius [P]
    float gap = 2.0f;            // joint space, cartilage included [R: ~2 mm on CT]
    float half_height = 8.0f;    // articular surface ~16 x 14 mm [R: Clouthier area 1.3-1.7 cm^2]
    float half_width = 7.0f;
    float sap_thickness = 7.0f;
    float iap_thickness = 6.0f;
    glm::vec3 axis_point() const { return frame.to_world({0.0f, radius, 0.0f}); }
};

struct SpineLayout {
    std::vector<VertebraLayout> vertebrae;  // cranial to caudal: T12, L1, ..., last lumbar
    std::vector<DiscLayout> discs;          // cranial to caudal
    std::vector<FacetJointLayout> facets;
    sdf::Frame sacrum;                      // origin = S1 superior endplate centre, z = S1 axis
    LevelDimensions s1;                     // S1 "vertebra" dims (body, pedicles, canal)
    int lumbar_count = 5;                   // mobile lumbar vertebrae
    int index_of(const std::string& name) const;  // -1 when absent
};

SpineLayout layout_spine(const PatientParameters& params);

glm::mat3 rot_x(float radians);
glm::mat3 rot_y(float radians);
glm::mat3 rot_z(float radians);

}  // namespace fluorosim
