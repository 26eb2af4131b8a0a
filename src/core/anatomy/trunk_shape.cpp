#include "core/anatomy/trunk_shape.hpp"

#include <algorithm>
#include <cmath>

#include "core/anatomy/vertebra_shape.hpp"

namespace fluorosim {

float TrunkGeometry::skin_y(float z) const {
    float y;
    if (z <= tip_line.front().first) {
        y = tip_line.front().second;
    } else if (z >= tip_line.back().first) {
        y = tip_line.back().second;
    } else {
        std::size_t i = 1;
        while (tip_line[i].first < z) ++i;
        const auto [z0, y0] = tip_line[i - 1];
        const auto [z1, y1] = tip_line[i];
        y = y0 + (y1 - y0) * (z - z0) / (z1 - z0);
    }
    return y + clearance;
}

float TrunkGeometry::field(const glm::vec3& p) const {
    // Section: rounded rectangle, flat back, corners rounded by 70% of the smaller semi-axis.
    const float yb = skin_y(p.z);
    const float b = 0.5f * depth;
    const glm::vec2 q(p.x, p.y - (yb - b));
    const float r = 0.7f * std::min(half_width, b);
    const glm::vec2 d = glm::abs(q) - glm::vec2(half_width, b) + glm::vec2(r);
    const float d2 = glm::length(glm::max(d, glm::vec2(0.0f))) + std::min(std::max(d.x, d.y), 0.0f) - r;
    return sdf::extrude(d2, p.z - 0.5f * (z_lo + z_hi), 0.5f * (z_hi - z_lo), 20.0f);
}

TrunkGeometry trunk_geometry(const SpineLayout& L, const SacrumGeometry& sg, const PatientParameters& p, const Aabb& skel) {
    TrunkGeometry t;
    for (const auto& v : L.vertebrae) {
        const VertebraGeometry g = vertebra_geometry(v);
        const glm::vec3 tip = v.frame.to_world(g.sp_tip);
        t.tip_line.emplace_back(tip.z, tip.y);
    }
    for (float s : {10.0f, 40.0f, 75.0f, sg.length}) {
        const glm::vec3 d = sg.world({0, sg.dorsal(s) + 4.0f, s});
        t.tip_line.emplace_back(d.z, d.y);
    }
    std::sort(t.tip_line.begin(), t.tip_line.end());

    // Reference: the epidural space under the L3-L4 ligamentum flavum at the midline, i.e.
    // the lamina front line of L4 extended to the interlaminar level.
    const int i3 = L.index_of("L3"), i4 = L.index_of("L4");
    const auto& v3 = L.vertebrae[i3];
    const auto& v4 = L.vertebrae[i4];
    const glm::vec3 a = v3.frame.to_world({0, 0.5f * v3.dims.body_depth + v3.dims.canal_depth, -0.5f * v3.height_posterior});
    const glm::vec3 b = v4.frame.to_world({0, 0.5f * v4.dims.body_depth + v4.dims.canal_depth, 0.5f * v4.height_posterior});
    const glm::vec3 ref = 0.5f * (a + b);
    t.epidural_y = ref.y;
    t.epidural_z = ref.z;

    const float weight = p.bmi * (p.height_cm / 100.0f) * (p.height_cm / 100.0f);
    t.target_depth = 10.0f * (0.05f * weight + 0.36f);
    const float tip_y = [&] {
        TrunkGeometry tmp = t;
        tmp.clearance = 0.0f;
        return tmp.skin_y(ref.z);
    }();
    // Supraspinous ligament 2.5 mm radius 4 mm behind the tips + 1 mm fascia + >= 2 mm fat +
    // skin: the least clearance over the tip line.
    const float min_clearance = 4.0f + 2.5f + 1.0f + 2.0f + t.skin;
    t.clearance = std::max(min_clearance, ref.y + t.target_depth - tip_y);
    t.fat = t.clearance - t.skin - (4.0f + 2.5f + 1.0f);

    const float size = p.height_cm / 175.0f;
    const float bmi = std::max(15.0f, p.bmi) / 24.5f;
    // Girth: waist ~ 30 x 21 cm at BMI 24.5, growing with BMI [P].
    t.half_width = 150.0f * size * std::sqrt(bmi);
    t.depth = 210.0f * size * std::pow(bmi, 0.8f);
    t.z_lo = skel.min.z - 40.0f;
    t.z_hi = skel.max.z + 50.0f;
    return t;
}

}  // namespace fluorosim
