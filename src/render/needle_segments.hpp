#pragma once
// The needle as the X-ray renderer draws it: steel segments along the shaft, each displacing
// the tissue it runs through, and the metal hub. Shared by the live station and the replay
// viewer so a replayed image shows the needle exactly as the live one did.
#include <vector>

#include <glm/glm.hpp>

#include "core/geometry/tissue_query.hpp"
#include "core/scene/scene.hpp"
#include "render/xray_renderer.hpp"

namespace fluorosim::render {

// `shaft` runs hub to tip (Session::shaft_polyline); `outer_diameter_mm` of the needle.
std::vector<NeedleSegment> needle_segments(const std::vector<glm::dvec3>& shaft,
                                           double outer_diameter_mm, const TissueQuery& query,
                                           const Scene& scene, const XrayRenderer& renderer);

}  // namespace fluorosim::render
