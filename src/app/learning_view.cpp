#include "app/learning_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <cstring>

namespace fluorosim::app {

LearningView::LearningView() : renderer_(std::make_unique<render::SurfaceRenderer>(640, 480)) {}

render::NeedleLook needle_look(const NeedleState& n) {
    render::NeedleLook look;
    look.radius_mm = float(0.5 * n.spec.outer_diameter_mm);
    if (n.placed) look.bevel = glm::vec3(n.path.tip().bevel);
    look.hub_colour = render::gauge_colour(n.spec.outer_diameter_mm);
    look.active_tip_mm = float(n.spec.active_tip_mm);
    return look;
}

namespace {
bool same_pose(const CArmPose& a, const CArmPose& b) { return a == b; }
}  // namespace

void LearningView::draw_panel(const Station& station, bool allowed, std::vector<UiCommand>& out) {
    ImGui::Begin("3D view");
    if (!allowed) {
        ImGui::TextWrapped("The 3D view is a learning aid; this scenario hides it.");
        ImGui::End();
        return;
    }
    const auto& s = station.state();
    View3DInput in;
    in.scene = &station.patient();
    in.scene_generation = s.patient_generation;
    in.look_at = station.patient().bounds().empty() ? glm::vec3(0.0f) : glm::vec3(station.core().carm.pose.isocentre);
    if (s.needle_generation != needle_generation_) {
        in.needle = station.needle_polyline();
        in.needle_look = needle_look(station.core().needle);
    }
    in.needle_generation = s.needle_generation;
    in.pose = station.core().carm.pose;
    in.can_place_needle = !station.core().needle.in_tissue;
    draw_view(in, &out);
    ImGui::End();
}

void LearningView::set_overlay(const std::vector<glm::vec3>& tip_path,
                               const std::vector<render::SurfaceRenderer::Sphere>& targets) {
    renderer_->set_overlay(tip_path, targets);
    dirty_ = true;
}

void LearningView::draw_view(const View3DInput& in, std::vector<UiCommand>* out, ImVec2 size) {
    ImGui::PushID(this);  // several views may share a window
    if (in.scene_generation != patient_generation_ && in.scene) {
        renderer_->set_scene(*in.scene);
        camera_.target = in.look_at;
        if (in.distance_mm > 0.0f) camera_.distance_mm = in.distance_mm;
        camera_.yaw_deg = in.yaw_deg;
        camera_.pitch_deg = in.pitch_deg;
        patient_generation_ = in.scene_generation;
        dirty_ = true;
    }
    if (in.needle_generation != needle_generation_) {
        renderer_->set_needle(in.needle, in.needle_look);
        needle_generation_ = in.needle_generation;
        dirty_ = true;
    }
    if (!same_pose(in.pose, last_pose_)) {
        last_pose_ = in.pose;
        dirty_ = true;
    }
    if (in.material_toggles && ImGui::CollapsingHeader("Show")) {
        for (const auto& m : renderer_->materials()) {
            bool v = renderer_->visible(m);
            if (ImGui::Checkbox(m.c_str(), &v)) {
                renderer_->set_visible(m, v);
                dirty_ = true;
            }
        }
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const int w = std::max(64, int(size.x > 0 ? size.x : avail.x)), h = std::max(64, int(size.y > 0 ? size.y : avail.y));
    if (w != renderer_->width() || h != renderer_->height()) {
        renderer_->resize(w, h);
        dirty_ = true;
    }
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##orbit", ImVec2(float(w), float(h)));
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
        const ImVec2 d = ImGui::GetIO().MouseDelta;
        camera_.yaw_deg += 0.4f * d.x;
        camera_.pitch_deg = std::clamp(camera_.pitch_deg + 0.4f * d.y, -85.0f, 85.0f);
        dirty_ = true;
    }
    if (ImGui::IsItemActivated()) dragged_px_ = 0.0f;
    if (ImGui::IsItemActive()) dragged_px_ += std::abs(ImGui::GetIO().MouseDelta.x) + std::abs(ImGui::GetIO().MouseDelta.y);
    if (ImGui::IsItemDeactivated() && dragged_px_ < 3.0f && in.can_place_needle && out) {
        // A click, not an orbit: unproject the pixel into a ray from the eye.
        const ImVec2 m = ImGui::GetMousePos();
        const float x = 2.0f * (m.x - origin.x) / float(w) - 1.0f, y = 1.0f - 2.0f * (m.y - origin.y) / float(h);
        const glm::mat4 inv = glm::inverse(camera_.view_projection(float(w) / float(h)));
        glm::vec4 near_p = inv * glm::vec4(x, y, -1.0f, 1.0f), far_p = inv * glm::vec4(x, y, 1.0f, 1.0f);
        near_p /= near_p.w;
        far_p /= far_p.w;
        out->push_back(command::EntryOnRay{glm::dvec3(near_p), glm::dvec3(far_p), true});
    }
    if (ImGui::IsItemHovered() && ImGui::GetIO().MouseWheel != 0.0f) {
        camera_.distance_mm = std::clamp(camera_.distance_mm * (1.0f - 0.1f * ImGui::GetIO().MouseWheel), 150.0f, 3000.0f);
        dirty_ = true;
    }
    if (dirty_) {
        const CArmGeometry g = carm_geometry(in.pose);
        renderer_->draw(camera_, &g);
        dirty_ = false;
    }
    ImGui::GetWindowDrawList()->AddImage(
        reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(renderer_->texture())), origin,
        ImVec2(origin.x + float(w), origin.y + float(h)), ImVec2(0, 1), ImVec2(1, 0));
    ImGui::PopID();
}

}  // namespace fluorosim::app
