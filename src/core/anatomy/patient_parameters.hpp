#pragma once
// What a generated patient is made from. Defaults give the "standard patient": an adult male,
// 175 cm, BMI 24.5, prone with a pillow (lordosis flattened), no pathology.
#include <cstddef>
#include <cstdint>
#include <string>

namespace fluorosim {

enum class Sex { male, female };

// Lumbosacral transitional vertebra: the count of mobile lumbar vertebrae changes.
enum class TransitionalVertebra {
    none,          // 5 lumbar vertebrae
    sacralized_l5, // L5 fused into the sacrum: 4 mobile lumbar vertebrae, no L5-S1 disc
    lumbarized_s1, // S1 separated from the sacrum: 6 mobile lumbar vertebrae (L6), shorter sacrum
};

struct PatientParameters {
    // Body size. Vertebral dimensions scale with height / 175 cm [P: isometric scaling];
    // women's vertebrae are ~8% smaller at equal height [R: Zhou 2000 reports female lumbar
    // endplates ~8-10% smaller].
    float height_cm = 175.0f;
    Sex sex = Sex::male;
    float bmi = 24.5f;  // kg/m^2; sets the skin depth (clinical.md 2.3) and the trunk girth

    // Sagittal alignment. Total L1-S1 lordosis, distributed over the segments in proportion to
    // the standing values of clinical.md 2.1 (4/7/10/14/19 deg). 40 deg = standing ~55 deg
    // flattened by a prone pillow (clinical.md 2.1: prone flattens by ~10-20 deg).
    float lordosis_deg = 40.0f;
    float sacral_slope_deg = 35.0f;  // standing ~35-45 deg, slightly less prone [R, 2.2]

    // Coronal: a lumbar scoliosis with this Cobb angle (deg, + = convex to the left),
    // apex at `scoliosis_apex` (0 = L1 .. 4 = L5), with axial rotation of the apical vertebra
    // toward the convexity; a negative value means "derive" (1/3 of the Cobb angle [P]).
    float scoliosis_cobb_deg = 0.0f;
    int scoliosis_apex = 2;
    float apical_rotation_deg = -1.0f;

    // Degeneration, 0 = none .. 1 = severe, acting on the two lowest discs and facets
    // (L4-L5, L5-S1) most, upper levels half as much [P].
    float disc_degeneration = 0.0f;  // disc height loss up to 50%, nucleus shrinks
    float facet_hypertrophy = 0.0f;  // articular processes up to 60% thicker

    // Compression fracture: level name ("L1".."L5", "" = none) and anterior height loss
    // (fraction, posterior wall loses 30% of that) [P: wedge fracture, Genant grading].
    std::string fracture_level;
    float fracture_height_loss = 0.3f;

    TransitionalVertebra transitional = TransitionalVertebra::none;

    // Radiculomedullary artery (artery of Adamkiewicz type): enters the anterior-superior
    // foramen below this vertebra's pedicle, usually left, T9-L2 [S: clinical.md 2.3].
    std::string radiculomedullary_level = "L1";
    bool radiculomedullary_left = true;

    // Individual variation: per-level dimensions vary by a few per cent around the table.
    std::uint64_t seed = 1;

    // Triangle budget for the whole scene (the GL path-length renderer draws all of them).
    std::size_t triangle_budget = 400000;

    // Meshing: grid spacing multiplier (1 = full detail; ~1.6 for quick previews and tests,
    // about 4x faster) and a skeleton-only mode (skin, fat, soft-tissue body and bones).
    float resolution_scale = 1.0f;
    bool skeleton_only = false;
};

}  // namespace fluorosim
