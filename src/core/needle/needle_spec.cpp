#include "core/needle/needle_spec.hpp"

#include "core/util/error.hpp"

namespace fluorosim {

const std::vector<NeedleSpec>& needle_catalogue() {
    static const std::vector<NeedleSpec> catalogue = {
        {"quincke_22g_90mm", "Quincke 22G 90 mm", 0.72, 90.0},
        {"quincke_22g_127mm", "Quincke 22G 127 mm", 0.72, 127.0},
        {"quincke_25g_90mm", "Quincke 25G 90 mm", 0.51, 90.0},
        {"quincke_25g_127mm", "Quincke 25G 127 mm", 0.51, 127.0},
        {"tuohy_20g_90mm", "Tuohy 20G 90 mm", 0.91, 90.0, 0.0, NeedleTip::tuohy},
        {"rf_cannula_20g_100mm", "RF cannula 20G 100 mm (10 mm active tip)", 0.91, 100.0, 10.0, NeedleTip::rf_bevel},
    };
    return catalogue;
}

const NeedleSpec& needle_spec(const std::string& id) {
    for (const auto& n : needle_catalogue())
        if (n.id == id) return n;
    std::string known;
    for (const auto& n : needle_catalogue()) known += (known.empty() ? "" : ", ") + n.id;
    throw InputError({"", 0, "needle"}, "unknown needle '" + id + "' (known: " + known + ")");
}

}  // namespace fluorosim
