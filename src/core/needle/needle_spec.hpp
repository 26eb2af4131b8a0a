#pragma once
// Needles residents use for lumbar injections, with their true dimensions.
// Outer diameters from the gauge tables (22G 0.72 mm, 25G 0.51 mm, 20G 0.91 mm; clinical.md 3.1).
#include <string>
#include <vector>

namespace fluorosim {

// Tip shape: all three are bevelled, so they drift away from the bevel face in tissue; the
// Tuohy's curved (Huber) tip presents a larger asymmetric face (needle/tissue_mechanics.hpp).
enum class NeedleTip { quincke, tuohy, rf_bevel };

struct NeedleSpec {
    std::string id;            // as in scenario files: "quincke_22g_90mm"
    std::string label;         // as shown to the user: "Quincke 22G 90 mm"
    double outer_diameter_mm;
    double length_mm;          // shaft length, hub to tip
    double active_tip_mm = 0;  // RF cannula: exposed electrode length
    NeedleTip tip = NeedleTip::quincke;

    bool operator==(const NeedleSpec&) const = default;
};

const std::vector<NeedleSpec>& needle_catalogue();
// Throws InputError listing the known ids when `id` is unknown.
const NeedleSpec& needle_spec(const std::string& id);

}  // namespace fluorosim
