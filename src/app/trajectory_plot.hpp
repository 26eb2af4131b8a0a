#pragma once
// The needle tip's path flattened onto an AP or a lateral plane (core tip_projection.hpp),
// drawn with ImGui: a millimetre grid, the target zones as circles, the path from the first
// set-down (hollow dot) to where the tip ended (filled dot), thinner where it ran outside the skin.
#include <string>
#include <vector>

#include <imgui.h>

#include "core/session/replay_cursor.hpp"
#include "core/session/tip_projection.hpp"

namespace fluorosim::app {

struct TargetMark {
    std::string label;
    glm::dvec3 centre{0.0};
    double radius_mm = 3.0;
};

void draw_tip_projection(const char* id, ProjectionView view, const std::vector<TipSample>& path,
                         const std::vector<TargetMark>& targets, ImVec2 size);

}  // namespace fluorosim::app
