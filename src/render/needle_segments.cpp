#include "render/needle_segments.hpp"

#include <algorithm>

#include "core/geometry/straight_runs.hpp"

namespace fluorosim::render {

std::vector<NeedleSegment> needle_segments(const std::vector<glm::dvec3>& polyline,
                                           double outer_diameter_mm, const TissueQuery& query,
                                           const Scene& scene, const XrayRenderer& renderer) {
    std::vector<NeedleSegment> segments;
    const float r = float(0.5 * outer_diameter_mm);
    const auto& materials = renderer.channels().materials;
    // What each piece of the path runs through (room air: nothing), which it displaces.
    std::vector<std::string> displaced;
    for (std::size_t i = 1; i < polyline.size(); ++i) {
        const glm::dvec3 mid = 0.5 * (polyline[i - 1] + polyline[i]);
        const int inside = query.innermost_at(mid);
        const std::string m = inside >= 0 ? scene.objects[std::size_t(inside)].material : "";
        const bool has_channel =
            m.empty() || std::find(materials.begin(), materials.end(), m) != materials.end();
        displaced.push_back(has_channel ? m : "");
    }
    // The bent path comes as 0.5 mm steps: consecutive pieces through the same tissue that stay
    // within 0.01 mm of one straight chord (1/36 of a 22G radius, far below a pixel) are drawn as
    // one segment. Each segment is a draw call: ~100 of them cost llvmpipe ~10 ms a pulse.
    std::vector<int> tissue;
    for (const std::string& m : displaced)
        tissue.push_back(int(std::find(materials.begin(), materials.end(), m) - materials.begin()));
    const std::vector<std::size_t> runs = straight_runs(polyline, tissue, 0.01);
    for (std::size_t k = 0; k + 1 < runs.size(); ++k)
        segments.push_back({glm::vec3(polyline[runs[k]]), glm::vec3(polyline[runs[k + 1]]), r,
                            "steel", displaced[runs[k]]});
    if (polyline.size() >= 2) {
        // The hub: the steel shaft ends in a metal hub insert, 12 mm long and ~2 mm across
        // [P: spinal needle hubs], which shows as a dense dot "down the beam" (hub over tip).
        const glm::dvec3 back = glm::normalize(polyline[0] - polyline[1]);
        segments.push_back(
            {glm::vec3(polyline[0]), glm::vec3(polyline[0] + 12.0 * back), 1.0f, "steel", ""});
    }
    return segments;
}

}  // namespace fluorosim::render
