#include "core/anatomy/lumbar_dimensions.hpp"

#include <stdexcept>
#include <vector>

namespace fluorosim {
namespace {

// Sources per column (clinical.md 2.1): body width/depth/height Panjabi 1992, Zhou 2000 and
// the Clouthier 2023 cohort (heights 24-28, cohort mean 27.75); pedicle width/height/angle
// Zindrick 1987; canal width Nepalese/Panjabi, depth Egyptian CT study (L3 narrowest);
// TP span Panjabi/Gray's (L3 longest); SP height Clouthier cohort (23.5); SP length from the
// low end of the cohort range (43-61; 45-47 here, L5 40) so that the skin-to-epidural depth
// formula of 2.3 (41 mm at 75 kg) leaves room for the supraspinous ligament and fat [P]; facet angles Masharawi 2004 / Kunkel 2011 (mid-range of each band); disc heights
// "paperexplained" 157 young males; segmental lordosis [R] (L5-S1 18-20 -> 19).
// T12 is not in the table: values from the thoracolumbar trend [P] (body ~38x30x24, small
// pedicles, coronal-ish facets above it, T12-L1 disc ~7 mm, short TPs carried by the rib stubs).
// The L5 body is 3 mm taller in front (wedge ~5 deg over 36 mm depth) [R: 2.1 "L5 clearly
// taller anteriorly"]; upper lumbar bodies are ~1 deg taller behind.
const std::vector<LevelDimensions>& table() {
    static const std::vector<LevelDimensions> rows = {
        // name  W     D     H     wedge pw    ph    pa    cw    cd    tps   spl   sph   fa    disc  lord
        {"T12", 38.0f, 30.0f, 24.0f, -1.0f, 7.5f, 15.5f, 8.0f, 20.0f, 17.0f, 52.0f, 46.0f, 20.0f, 20.0f, 7.0f, 2.0f},
        {"L1", 40.0f, 33.0f, 25.0f, -1.0f, 8.7f, 15.4f, 11.0f, 22.0f, 17.5f, 70.0f, 47.0f, 22.0f, 27.5f, 8.5f, 4.0f},
        {"L2", 42.0f, 34.0f, 26.0f, -1.0f, 8.9f, 15.0f, 12.0f, 22.5f, 16.5f, 80.0f, 47.0f, 23.0f, 32.5f, 9.5f, 7.0f},
        {"L3", 44.0f, 34.5f, 26.5f, 0.0f, 10.3f, 14.9f, 14.0f, 23.0f, 15.5f, 92.0f, 46.0f, 24.0f, 37.5f, 10.5f, 10.0f},
        {"L4", 46.0f, 35.0f, 27.0f, 1.0f, 12.9f, 14.8f, 18.0f, 24.0f, 16.0f, 85.0f, 45.0f, 23.5f, 47.5f, 11.5f, 14.0f},
        {"L5", 49.0f, 35.5f, 27.5f, 5.0f, 18.0f, 14.0f, 30.0f, 26.0f, 17.0f, 95.0f, 40.0f, 21.0f, 52.5f, 10.5f, 19.0f},
        {"L6", 49.0f, 35.5f, 27.5f, 3.0f, 18.0f, 14.0f, 30.0f, 26.0f, 17.0f, 90.0f, 38.0f, 20.0f, 52.5f, 10.0f, 12.0f},
    };
    return rows;
}

}  // namespace

const LevelDimensions& level_dimensions(const std::string& name) {
    for (const auto& r : table())
        if (r.name == name) return r;
    throw std::out_of_range("no dimensions for vertebral level " + name);
}

}  // namespace fluorosim
