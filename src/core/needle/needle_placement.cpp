#include "core/needle/needle_placement.hpp"

#include <algorithm>
#include <cmath>

#include "core/geometry/primitives.hpp"

namespace fluorosim {

glm::dvec3 NeedlePlacement::direction() const {
    const double a = glm::radians(medial_deg), b = glm::radians(cranial_deg);
    return glm::normalize(glm::dvec3(std::sin(a) * std::cos(b), -std::cos(a) * std::cos(b), std::sin(b)));
}

NeedleMeshes needle_meshes(const NeedleSpec& spec, const NeedlePlacement& p, int radial) {
    NeedleMeshes m;
    const float r = float(0.5 * spec.outer_diameter_mm);
    const double inside = std::clamp(p.depth_mm, 0.0, spec.length_mm);
    const glm::dvec3 d = p.direction();
    // Tiny segments (< 0.05 mm) are skipped: they would be degenerate cylinders.
    if (inside > 0.05) m.inside = primitives::cylinder(glm::vec3(p.entry), glm::vec3(p.entry + inside * d), r, radial);
    if (spec.length_mm - inside > 0.05)
        m.outside = primitives::cylinder(glm::vec3(p.entry - (spec.length_mm - inside) * d), glm::vec3(p.entry), r, radial);
    return m;
}

}  // namespace fluorosim

#include "core/scene/scene.hpp"

namespace fluorosim {
void add_needle_to_scene(Scene& scene, const NeedleSpec& spec, const NeedlePlacement& placement,
                         int tissue_parent) {
    NeedleMeshes m = needle_meshes(spec, placement);
    if (!m.inside.triangles.empty())
        scene.add({"needle (in tissue)", "steel", tissue_parent, std::move(m.inside)});
    if (!m.outside.triangles.empty()) scene.add({"needle", "steel", -1, std::move(m.outside)});
}
}  // namespace fluorosim
