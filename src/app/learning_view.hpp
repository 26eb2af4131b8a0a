#pragma once
// The 3D learning view panel: shaded anatomy with translucent skin, the needle, the C-arm and
// its beam cone. Mouse: drag to orbit, wheel to zoom. Redrawn only when something changed
// (camera, needle, C-arm, patient), so it costs nothing while the trainee is not moving.
// The same view draws inside other windows (debrief, replay) from what they give it.
#include <memory>

#include <imgui.h>

#include "app/station.hpp"
#include "render/surface_renderer.hpp"

namespace fluorosim::app {

// What one 3D view shows. The generations change when the scene or the needle changed.
struct View3DInput {
    const Scene* scene = nullptr;
    int scene_generation = 0;
    glm::vec3 look_at{0.0f};          // camera target when a new scene arrives
    std::vector<glm::vec3> needle;    // hub to tip, patient frame
    render::NeedleLook needle_look;   // gauge colour, bevel, RF electrode
    int needle_generation = 0;
    CArmPose pose;
    bool can_place_needle = false;    // a click on the skin sets the entry point
    bool material_toggles = true;     // the "Show" header of structure check boxes
    float distance_mm = 0.0f;         // camera distance for a new scene (0: the default)
    float yaw_deg = 55.0f, pitch_deg = 20.0f;  // camera direction for a new scene
};

// How the 3D view draws this needle (gauge-coloured hub, bevel notch, RF electrode).
render::NeedleLook needle_look(const NeedleState& needle);

class LearningView {
public:
    LearningView();
    // Draws the "3D view" panel; `allowed` is false when the scenario hides learning aids.
    // A click (without dragging) on the patient puts the needle on the skin there.
    void draw_panel(const Station& station, bool allowed, std::vector<UiCommand>& out);
    // Draws the view into the current window, `size` pixels (0: the space left); clicks on the
    // skin go to `out` when the input allows them.
    void draw_view(const View3DInput& in, std::vector<UiCommand>* out, ImVec2 size = ImVec2(0, 0));
    // The debrief overlay (tip path and target zones); empty vectors clear it.
    void set_overlay(const std::vector<glm::vec3>& tip_path, const std::vector<render::SurfaceRenderer::Sphere>& targets);
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
