#pragma once
// Per-level vertebral dimensions (adult means, mm / degrees) from clinical.md section 2.1,
// plus T12, S1 and an L6 for lumbarisation. Generation scales and perturbs these; tests
// measure the meshes against them.
#include <string>

namespace fluorosim {

struct LevelDimensions {
    std::string name;         // "L4"
    float body_width;         // upper endplate width (x)
    float body_depth;         // endplate depth, AP (y)
    float body_height;        // mid-body height (z)
    float body_wedge_deg;     // anterior minus posterior height as an angle (+ = taller in front)
    float pedicle_width;      // transverse
    float pedicle_height;     // sagittal
    float pedicle_angle_deg;  // transverse (medial) angle to the sagittal plane
    float canal_width;        // interpedicular distance
    float canal_depth;        // mid-sagittal
    float tp_span;            // transverse process tip-to-tip
    float sp_length;          // spinous process tip to posterior body wall
    float sp_height;          // spinous process cranio-caudal height at the tip
    float facet_angle_deg;    // the joint below this level (its IAP on the next SAP), to sagittal
    float disc_height_below;  // mid disc height of the disc under this vertebra
    float lordosis_below_deg; // standing segmental lordosis of the segment below
};

// Table rows: "T12", "L1".."L5" (and "L6" = an L5-like extra level). Throws std::out_of_range.
const LevelDimensions& level_dimensions(const std::string& name);

}  // namespace fluorosim
