#pragma once
// The 3D learning view panel: shaded anatomy with translucent skin, the needle, the C-arm and
// its beam cone. Mouse: drag to orbit, wheel to zoom. Redrawn only when something changed
// (camera, needle, C-arm, patient), so it costs nothing while the trainee is not moving.
#include <memory>

#include "app/station.hpp"
#include "render/surface_renderer.hpp"

namespace fluorosim::app {

class LearningView {
public:
    LearningView();
    // Draws the "3D view" panel; `allowed` is false when the scenario hides learning aids.
    // A click (without dragging) on the patient puts the needle on the skin there.
    void draw_panel(const Station& station, bool allowed, std::vector<UiCommand>& out);
    const render::OrbitCamera& camera() const { return camera_; }

private:
    std::unique_ptr<render::SurfaceRenderer> renderer_;
    render::OrbitCamera camera_;
    int patient_generation_ = -1, needle_generation_ = -1;
    CArmPose last_pose_;
    bool dirty_ = true;
    float dragged_px_ = 0.0f;  // mouse travel while pressed: a click moves < 3 px
};

}  // namespace fluorosim::app
