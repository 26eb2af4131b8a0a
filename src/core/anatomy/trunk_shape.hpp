#pragma once
// The outer body: skin surface, subcutaneous fat and the muscle/soft-tissue body inside it,
// as nested offsets of one field (extracted from one grid, so exactly nested).
//
// The posterior skin follows the line of the spinous process tips at a constant clearance,
// chosen so that the midline skin-to-epidural depth at the L3-L4 interlaminar space equals
// 0.05 x weight(kg) + 0.36 cm [S: clinical.md 1.1 / 2.3], but never less than the anatomy
// allows (supraspinous ligament, 2 mm of fat, 2 mm of skin over the tips) [P].
#include <utility>
#include <vector>

#include "core/anatomy/patient_parameters.hpp"
#include "core/anatomy/pelvis_shape.hpp"
#include "core/anatomy/spine_layout.hpp"

namespace fluorosim {

struct TrunkGeometry {
    std::vector<std::pair<float, float>> tip_line;  // (z, y) of the dorsal bony profile, ascending z
    float clearance = 0;     // skin y minus the tip line, mm
    float half_width = 150;  // lateral semi-axis
    float depth = 210;       // AP extent
    float z_lo = -200, z_hi = 260;
    float skin = 2.0f;       // skin thickness [R: 1.5-3 mm on the back]
    float fat = 5.0f;        // subcutaneous fat thickness at the midline
    float target_depth = 0;  // formula value, mm
    float epidural_y = 0;    // the L3-L4 reference point (epidural space at the midline)
    float epidural_z = 0;
    float skin_y(float z) const;          // posterior skin at the midline
    float field(const glm::vec3& p) const;  // 0 on the skin, negative inside
    float body_offset() const { return skin + fat; }  // soft-tissue body = field + offset
};

TrunkGeometry trunk_geometry(const SpineLayout& layout, const SacrumGeometry& sacrum, const PatientParameters& params,
                             const Aabb& skeleton);

}  // namespace fluorosim
