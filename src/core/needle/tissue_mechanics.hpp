#pragma once
// How tissue feels to a needle: the resistance the hand feels (a 0..1 gauge for the UI and the
// loss-of-resistance syringe), how strongly a bevelled tip bends the path (curvature), and
// which tissues stop the needle dead (bone).
//
// All numbers are engineering proposals [P] (clinical.md has none); they keep the order
// clinicians describe: fat soft, muscle medium, interspinous and supraspinous ligaments firm,
// ligamentum flavum the firmest soft tissue ("leathery"), bone a hard stop; CSF, blood and
// epidural fat give almost nothing. Curvatures: a 22G Quincke through 60 mm of muscle-like
// tissue (0.0012 /mm) drifts kappa*L^2/2 = 2.2 mm off its line, the few millimetres reported
// for spinal needles in gel and ex-vivo tissue; stiffer tissue pushes harder on the bevel
// and bends the path more.
#include <string_view>

#include "core/anatomy/patient.hpp"
#include "core/needle/needle_spec.hpp"

namespace fluorosim {

enum class TissueClass {
    air, skin, fat, soft_tissue, muscle,
    ligament,           // supraspinous, interspinous
    ligamentum_flavum,
    joint_capsule,      // facet capsule, SI joint
    bone,
    disc_annulus, disc_nucleus,
    dura, csf, neural,  // cord / cauda equina
    nerve_root, epidural_fat,
    artery, vein,
    organ,              // kidney, bowel
    gas,                // bowel gas
};
const char* to_string(TissueClass tissue);

// From the generated patient's labels: the flavum is a ligament named "ligamentum flavum ...".
TissueClass tissue_class(StructureKind kind, std::string_view object_name);
// For bare scenes without structure labels: from the material name (material library names:
// "bone_cortical", "adipose", "blood", "csf", ...) and words in the object name ("flavum",
// "epidural", "dura", "nucleus", "arter"/"aorta").
TissueClass tissue_class_from_material(std::string_view material, std::string_view object_name);

struct TissueMechanics {
    double resistance = 0.0;      // 0..1: what the hand on the hub (and the LOR plunger) feels
    double curvature_per_mm = 0;  // path curvature for a 22G Quincke (scaled per needle below)
    bool hard_stop = false;       // the tip cannot enter (bone)
};
const TissueMechanics& mechanics(TissueClass tissue);

// Multiplies the tissue curvature for a needle: thinner shafts bend more, ~(0.72 mm / OD)^2
// (25G x2.0, 20G x0.63) [P: bending stiffness grows with OD^4 but the tip force with OD^2];
// the Tuohy's curved Huber tip presents a larger asymmetric face (x1.5) [P].
double curvature_scale(const NeedleSpec& spec);

// A plunger on a loss-of-resistance syringe springs back at or above this resistance and
// gives way below it (muscle 0.35 resists, fat 0.10 gives: the known "false loss" in fat) [P].
constexpr double kPlungerResistanceThreshold = 0.3;

}  // namespace fluorosim
