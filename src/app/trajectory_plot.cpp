#include "app/trajectory_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace fluorosim::app {
namespace {
ImVec2 v(glm::dvec2 p) { return ImVec2(float(p.x), float(p.y)); }
}  // namespace

void draw_tip_projection(const char* id, ProjectionView view, const std::vector<TipSample>& path,
                         const std::vector<TargetMark>& targets, ImVec2 size) {
    ImGui::PushID(id);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##plot", size);
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
    draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y),
                        IM_COL32(22, 24, 28, 255));

    std::vector<glm::dvec2> pts;
    for (const TipSample& s : path) pts.push_back(project(s.tip, view));
    std::vector<glm::dvec2> all = pts;
    for (const TargetMark& t : targets) all.push_back(project(t.centre, view));
    const float pad = 22.0f;  // room for the edge letters
    const PlotFrame f(all, 8.0, 30.0, {origin.x + pad, origin.y + pad},
                      {size.x - 2 * pad, size.y - 2 * pad});

    // Millimetre grid, labelled along the bottom and left edges.
    const glm::dvec2 lo = f.min_mm(), hi = f.max_mm();
    const double step = nice_step(std::max(hi.x - lo.x, hi.y - lo.y), 6);
    const ImU32 grid = IM_COL32(55, 58, 66, 255), text = IM_COL32(150, 150, 150, 255);
    char buf[64];
    for (double x = std::ceil(lo.x / step) * step; x <= hi.x; x += step) {
        const glm::dvec2 a = f.to_pixel({x, lo.y}), b = f.to_pixel({x, hi.y});
        draw->AddLine(v(a), v(b), grid);
    }
    for (double y = std::ceil(lo.y / step) * step; y <= hi.y; y += step) {
        const glm::dvec2 a = f.to_pixel({lo.x, y}), b = f.to_pixel({hi.x, y});
        draw->AddLine(v(a), v(b), grid);
    }
    if (view == ProjectionView::ap && lo.x < 0.0 && hi.x > 0.0) {  // the patient's midline, x = 0
        const glm::dvec2 a = f.to_pixel({0.0, lo.y}), b = f.to_pixel({0.0, hi.y});
        draw->AddLine(v(a), v(b), IM_COL32(120, 120, 160, 255), 1.5f);
        draw->AddText(ImVec2(float(a.x) + 3, float(b.y) + 18), IM_COL32(140, 140, 180, 255),
                      "midline");
    }
    // Scale bar: one grid step.
    const float bar = float(step * f.pixels_per_mm());
    const ImVec2 bar_at(origin.x + size.x - pad - bar, origin.y + size.y - 8.0f);
    draw->AddLine(bar_at, ImVec2(bar_at.x + bar, bar_at.y), IM_COL32(220, 220, 220, 255), 2.0f);
    std::snprintf(buf, sizeof buf, "%g mm", step);
    draw->AddText(ImVec2(bar_at.x, bar_at.y - ImGui::GetTextLineHeight() - 2), text, buf);

    const ProjectionLabels labels = projection_labels(view);
    const float th = ImGui::GetTextLineHeight();
    draw->AddText(ImVec2(origin.x + 6, origin.y + 0.5f * size.y - 0.5f * th), text, labels.left);
    draw->AddText(ImVec2(origin.x + size.x - 14, origin.y + 0.5f * size.y - 0.5f * th), text,
                  labels.right);
    draw->AddText(ImVec2(origin.x + 0.5f * size.x, origin.y + 3), text, labels.top);
    draw->AddText(ImVec2(origin.x + 0.5f * size.x, origin.y + size.y - th - 3), text,
                  labels.bottom);
    draw->AddText(ImVec2(origin.x + 6, origin.y + 3), IM_COL32(230, 230, 230, 255),
                  view == ProjectionView::ap ? "AP (from behind)" : "Lateral (from the left)");

    for (const TargetMark& t : targets) {
        const ImVec2 c = v(f.to_pixel(project(t.centre, view)));
        const float r = std::max(3.0f, float(t.radius_mm * f.pixels_per_mm()));
        draw->AddCircleFilled(c, r, IM_COL32(50, 220, 90, 60), 32);
        draw->AddCircle(c, r, IM_COL32(50, 220, 90, 255), 32, 1.5f);
        draw->AddLine(ImVec2(c.x - 4, c.y), ImVec2(c.x + 4, c.y), IM_COL32(50, 220, 90, 255));
        draw->AddLine(ImVec2(c.x, c.y - 4), ImVec2(c.x, c.y + 4), IM_COL32(50, 220, 90, 255));
    }
    for (std::size_t i = 1; i < pts.size(); ++i) {
        const bool inside = path[i].in_tissue && path[i - 1].in_tissue;
        draw->AddLine(v(f.to_pixel(pts[i - 1])), v(f.to_pixel(pts[i])),
                      inside ? IM_COL32(255, 150, 40, 255) : IM_COL32(160, 120, 80, 255),
                      inside ? 2.5f : 1.0f);
    }
    for (const glm::dvec2& p : pts)
        draw->AddCircleFilled(v(f.to_pixel(p)), 2.0f, IM_COL32(255, 190, 110, 255));
    if (!pts.empty()) {
        draw->AddCircle(v(f.to_pixel(pts.front())), 5.0f, IM_COL32(255, 255, 255, 255), 16, 1.5f);
        draw->AddCircleFilled(v(f.to_pixel(pts.back())), 5.0f, IM_COL32(255, 255, 255, 255), 16);
    }
    draw->PopClipRect();
    if (hovered) {
        // The mouse position in mm, to read distances off the plot.
        const ImVec2 m = ImGui::GetMousePos();
        const glm::dvec2 a = f.to_pixel({0, 0}), b = f.to_pixel({1, 1});
        const double mx = (double(m.x) - a.x) / (b.x - a.x), my = (double(m.y) - a.y) / (b.y - a.y);
        ImGui::SetTooltip("%s %.1f mm, %s %.1f mm",
                          view == ProjectionView::ap ? "right" : "posterior", mx, "superior", my);
    }
    ImGui::PopID();
}

}  // namespace fluorosim::app
