#include "core/scene/xray_lod.hpp"

#include <cmath>

#include "core/anatomy/decimate.hpp"

namespace fluorosim {

Scene xray_lod(const Scene& scene, const std::function<double(const std::string&)>& mu_per_mm,
               const XrayLodOptions& options) {
    Scene out = scene;
    const double mu_water = mu_per_mm("water");
    for (auto& o : out.objects) {
        const double mu = mu_per_mm(o.material);
        const double around =
            o.parent >= 0 ? mu_per_mm(scene.objects[std::size_t(o.parent)].material) : 0.0;
        if (std::abs(mu - around) > options.max_contrast * mu_water) continue;
        decimate(o.mesh, DecimateOptions{options.max_error_mm, 0, 0.2f});
    }
    return out;
}

}  // namespace fluorosim
