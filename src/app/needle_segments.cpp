#include "app/needle_segments.hpp"

#include <algorithm>

namespace fluorosim::app {

std::vector<render::NeedleSegment> needle_segments(const std::vector<glm::dvec3>& polyline,
                                                   double outer_diameter_mm,
                                                   const TissueQuery& query, const Scene& scene,
                                                   const render::XrayRenderer& renderer) {
    std::vector<render::NeedleSegment> segments;
    const float r = float(0.5 * outer_diameter_mm);
    const auto& materials = renderer.channels().materials;
    for (std::size_t i = 1; i < polyline.size(); ++i) {
        const glm::dvec3 mid = 0.5 * (polyline[i - 1] + polyline[i]);
        const int inside = query.innermost_at(mid);
        // Each piece displaces what it runs through (room air: nothing).
        const std::string displaced =
            inside >= 0 ? scene.objects[std::size_t(inside)].material : "";
        const bool has_channel = displaced.empty() || std::find(materials.begin(), materials.end(),
                                                                displaced) != materials.end();
        segments.push_back({glm::vec3(polyline[i - 1]), glm::vec3(polyline[i]), r, "steel",
                            has_channel ? displaced : ""});
    }
    if (polyline.size() >= 2) {
        // The hub: the steel shaft ends in a metal hub insert, 12 mm long and ~2 mm across
        // [P: spinal needle hubs], which shows as a dense dot "down the beam" (hub over tip).
        const glm::dvec3 back = glm::normalize(polyline[0] - polyline[1]);
        segments.push_back(
            {glm::vec3(polyline[0]), glm::vec3(polyline[0] + 12.0 * back), 1.0f, "steel", ""});
    }
    return segments;
}

}  // namespace fluorosim::app
