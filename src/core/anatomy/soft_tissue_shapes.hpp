#pragma once
// Raw (unclipped) shapes of the non-bony structures. The assembly (patient.cpp) keeps each one
// clear of the structures generated before it, so siblings never overlap.
#include <array>
#include <vector>

#include "core/anatomy/pelvis_shape.hpp"
#include "core/anatomy/sdf.hpp"
#include "core/anatomy/spine_layout.hpp"
#include "core/anatomy/vertebra_shape.hpp"

namespace fluorosim {

// Tube through points with per-point radius (chain of tapered capsules).
sdf::Shape tube(const std::vector<glm::vec3>& points, const std::vector<float>& radii);
// Tube with an elliptic section (semi-axes `lateral` along world x, `ap` perpendicular).
sdf::Shape elliptic_tube(const std::vector<glm::vec3>& points, const std::vector<float>& lateral,
                         const std::vector<float>& ap);

struct NeuralGeometry {
    std::vector<glm::vec3> sac_centre;  // dural sac centreline, cranial to caudal
    std::vector<float> sac_lateral, sac_ap;
    glm::vec3 conus_tip{0.0f};
};
NeuralGeometry neural_geometry(const SpineLayout& layout, const SacrumGeometry& sacrum);

sdf::Shape disc_shape(const SpineLayout& layout, const DiscLayout& disc);
sdf::Field nucleus_field(const SpineLayout& layout, const DiscLayout& disc);
sdf::Shape dural_sac_shape(const NeuralGeometry& n);
sdf::Shape cauda_equina_shape(const SpineLayout& layout, const NeuralGeometry& n, const SacrumGeometry& sacrum);

// Exiting root (with its dorsal root ganglion) below vertebra `index`'s pedicle; the S1 root
// when index == -1. Also returns the path for landmarks.
struct RootPath {
    std::vector<glm::vec3> points;
    std::vector<float> radii;
    int drg = 2;  // index of the DRG point
};
RootPath exiting_root_path(const SpineLayout& layout, const SacrumGeometry& sacrum, int index, int side);

// Ligamentum flavum of a segment (lower = -1: L5-S1 to the sacral arch), from the lamina
// edges of the two bones.
struct FlavumGeometry {
    std::array<glm::vec3, 2> upper_lateral{}, lower_lateral{};
    glm::vec3 upper_mid{0.0f}, lower_mid{0.0f};
    // Point in the gap: along = 0 midline .. 1 lateral, down = 0 upper edge .. 1 lower edge,
    // depth = mm toward the canal from the lamina centre plane.
    glm::vec3 point(int side, float along, float down, float depth) const;
};
FlavumGeometry flavum_geometry(const SpineLayout& layout, const SacrumGeometry& sacrum, int upper, int lower);
sdf::Shape ligamentum_flavum_shape(const FlavumGeometry& flavum);
sdf::Shape interspinous_shape(const SpineLayout& layout, int upper, int lower);
sdf::Shape supraspinous_shape(const SpineLayout& layout, const SacrumGeometry& sacrum);
sdf::Shape facet_capsule_shape(const FacetJointLayout& joint);
sdf::Shape epidural_fat_shape(const SpineLayout& layout, const SacrumGeometry& sacrum);

struct VesselPaths {
    std::vector<glm::vec3> aorta;  // to the bifurcation
    std::vector<float> aorta_r;
    std::array<std::vector<glm::vec3>, 2> iliac_artery, iliac_vein;
    std::vector<glm::vec3> ivc;
    std::vector<float> ivc_r;
};
VesselPaths vessel_paths(const SpineLayout& layout, const SacrumGeometry& sacrum);
// Lumbar segmental artery of vertebra `index` around its waist to the foramen.
std::vector<glm::vec3> segmental_artery_path(const SpineLayout& layout, int index, int side);
// Radiculomedullary artery: from the segmental artery into the anterior-superior foramen.
std::vector<glm::vec3> radiculomedullary_path(const SpineLayout& layout, int index, int side);

std::vector<glm::vec3> psoas_path(const SpineLayout& layout, const SacrumGeometry& sacrum, int side, std::vector<float>& radii);
sdf::Shape paraspinal_shape(const SpineLayout& layout, const SacrumGeometry& sacrum, int side);
sdf::Shape kidney_shape(const SpineLayout& layout, int side);
// Colon (with the posterior, non-dependent gas pockets of a prone patient) and small bowel.
sdf::Shape bowel_shape(const SpineLayout& layout);
sdf::Field bowel_gas_field(const SpineLayout& layout);

}  // namespace fluorosim
