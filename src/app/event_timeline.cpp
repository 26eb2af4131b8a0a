#include "app/event_timeline.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/session/tip_projection.hpp"

namespace fluorosim::app {

const char* lane_name(TimelineLane lane) {
    switch (lane) {
        case TimelineLane::images:
            return "images";
        case TimelineLane::needle:
            return "needle";
        case TimelineLane::warnings:
            return "warnings";
        case TimelineLane::injections:
            return "syringe";
    }
    return "";
}

std::optional<EventStyle> timeline_style(EventKind kind) {
    using K = EventKind;
    using L = TimelineLane;
    switch (kind) {
        case K::image_requested:
            return EventStyle{L::images, "fluoro pulse / shot", IM_COL32(200, 200, 200, 255)};
        case K::reference_saved:
            return EventStyle{L::images, "saved to reference", IM_COL32(120, 170, 255, 255)};
        case K::skin_pop:
            return EventStyle{L::needle, "skin puncture", IM_COL32(255, 150, 180, 255)};
        case K::bone_contact:
            return EventStyle{L::needle, "bone contact", IM_COL32(240, 225, 170, 255)};
        case K::redirection:
            return EventStyle{L::needle, "redirection", IM_COL32(255, 160, 60, 255)};
        case K::needle_out_of_skin:
            return EventStyle{L::needle, "out of the skin", IM_COL32(150, 150, 150, 255)};
        case K::paraesthesia:
            return EventStyle{L::warnings, "paraesthesia", IM_COL32(255, 230, 40, 255)};
        case K::csf:
            return EventStyle{L::warnings, "CSF (dural puncture)", IM_COL32(90, 200, 255, 255)};
        case K::blood_arterial:
        case K::blood_venous:
            return EventStyle{L::warnings, "blood", IM_COL32(230, 40, 40, 255)};
        case K::intradiscal:
            return EventStyle{L::warnings, "intradiscal", IM_COL32(190, 110, 255, 255)};
        case K::too_deep:
            return EventStyle{L::warnings, "too deep", IM_COL32(255, 60, 200, 255)};
        case K::loss_of_resistance:
            return EventStyle{L::injections, "loss of resistance", IM_COL32(80, 230, 230, 255)};
        case K::aspiration_negative:
            return EventStyle{L::injections, "aspiration", IM_COL32(140, 200, 160, 255)};
        case K::injection:
            return EventStyle{L::injections, "injection", IM_COL32(80, 220, 90, 255)};
        case K::intrathecal_injection:
        case K::intravascular_injection:
            return EventStyle{L::injections, "injection into CSF / vessel",
                              IM_COL32(255, 40, 40, 255)};
        default:
            return std::nullopt;
    }
}

std::vector<EventStyle> timeline_legend() {
    std::vector<EventStyle> out;
    for (int k = 0; k <= int(EventKind::aspiration_negative); ++k)
        if (const auto s = timeline_style(EventKind(k)))
            if (std::none_of(out.begin(), out.end(), [&](const EventStyle& o) {
                    return std::string(o.legend) == s->legend;
                }))
                out.push_back(*s);
    std::stable_sort(out.begin(), out.end(),
                     [](const EventStyle& a, const EventStyle& b) { return a.lane < b.lane; });
    return out;
}

bool draw_event_timeline(const char* id, const std::vector<Event>& events, double duration,
                         double* cursor) {
    ImGui::PushID(id);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float lane_h = ImGui::GetTextLineHeight() + 4.0f, label_w = 70.0f,
                axis_h = ImGui::GetTextLineHeight() + 6.0f;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = std::max(200.0f, ImGui::GetContentRegionAvail().x);
    const float height = lane_h * k_timeline_lanes + axis_h;
    const float x0 = origin.x + label_w, x1 = origin.x + width - 8.0f;
    duration = std::max(duration, 1e-3);
    auto to_x = [&](double t) { return x0 + float(t / duration) * (x1 - x0); };

    ImGui::InvisibleButton("##timeline", ImVec2(width, height));
    bool moved = false;
    if (cursor && ImGui::IsItemActive()) {
        const double t = double((ImGui::GetMousePos().x - x0) / (x1 - x0)) * duration;
        const double clamped = std::clamp(t, 0.0, duration);
        moved = clamped != *cursor;
        *cursor = clamped;
    }
    for (int l = 0; l < k_timeline_lanes; ++l) {
        const float y = origin.y + float(l) * lane_h;
        draw->AddRectFilled(ImVec2(x0, y + 1), ImVec2(x1, y + lane_h - 1),
                            l % 2 ? IM_COL32(40, 42, 48, 255) : IM_COL32(32, 34, 40, 255));
        draw->AddText(ImVec2(origin.x, y + 2), IM_COL32(170, 170, 170, 255),
                      lane_name(TimelineLane(l)));
    }
    // Axis with round-second ticks.
    const float axis_y = origin.y + k_timeline_lanes * lane_h;
    draw->AddLine(ImVec2(x0, axis_y), ImVec2(x1, axis_y), IM_COL32(160, 160, 160, 255));
    const double step = nice_step(duration, std::max(2, int((x1 - x0) / 90.0f)));
    for (double t = 0.0; t <= duration + 1e-9; t += step) {
        const float x = to_x(t);
        draw->AddLine(ImVec2(x, axis_y), ImVec2(x, axis_y + 4), IM_COL32(160, 160, 160, 255));
        char label[32];
        std::snprintf(label, sizeof label, step < 1.0 ? "%.1f s" : "%.0f s", t);
        if (x + 2 + ImGui::CalcTextSize(label).x <= origin.x + width)  // the last label may not fit
            draw->AddText(ImVec2(x + 2, axis_y + 2), IM_COL32(170, 170, 170, 255), label);
    }
    // Marks: live pulses as thin ticks (there may be hundreds), everything else as diamonds.
    const ImVec2 mouse = ImGui::GetMousePos();
    const bool hovered = ImGui::IsItemHovered();
    std::string tip;
    int tip_lines = 0;
    for (const Event& e : events) {
        const auto s = timeline_style(e.kind);
        if (!s) continue;
        const float x = to_x(e.time);
        const float yc = origin.y + (float(int(s->lane)) + 0.5f) * lane_h;
        const bool pulse = e.kind == EventKind::image_requested && e.image && !e.image->single_shot;
        if (pulse) {
            draw->AddLine(ImVec2(x, yc - 3), ImVec2(x, yc + 3), IM_COL32(130, 130, 130, 255));
        } else {
            const float r = 0.32f * lane_h;
            draw->AddQuadFilled(ImVec2(x, yc - r), ImVec2(x + r, yc), ImVec2(x, yc + r),
                                ImVec2(x - r, yc), s->colour);
        }
        if (hovered && std::abs(mouse.x - x) <= 4.0f && std::abs(mouse.y - yc) <= 0.5f * lane_h &&
            tip_lines < 12) {
            char stamp[24];
            std::snprintf(stamp, sizeof stamp, "%6.1f s  ", e.time);
            tip += std::string(stamp) +
                   (e.message.empty() ? std::string(to_string(e.kind)) : e.message) + "\n";
            ++tip_lines;
        }
    }
    if (cursor) {
        const float x = to_x(*cursor);
        draw->AddLine(ImVec2(x, origin.y), ImVec2(x, axis_y), IM_COL32(255, 200, 60, 255), 2.0f);
        draw->AddTriangleFilled(ImVec2(x - 5, origin.y), ImVec2(x + 5, origin.y),
                                ImVec2(x, origin.y + 6), IM_COL32(255, 200, 60, 255));
    }
    if (!tip.empty() && !ImGui::IsItemActive()) ImGui::SetTooltip("%s", tip.c_str());
    ImGui::PopID();
    return moved;
}

void draw_timeline_legend() {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    bool first = true;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    for (const EventStyle& s : timeline_legend()) {
        const float h = ImGui::GetTextLineHeight(), r = 0.3f * h;
        const float w = 2 * r + 3 + ImGui::CalcTextSize(s.legend).x;
        if (!first && ImGui::GetItemRectMax().x + 14.0f + w < right)
            ImGui::SameLine(0.0f, 14.0f);  // else wrap
        first = false;
        const ImVec2 p = ImGui::GetCursorScreenPos();
        draw->AddQuadFilled(
            ImVec2(p.x + r, p.y + 0.5f * h - r), ImVec2(p.x + 2 * r, p.y + 0.5f * h),
            ImVec2(p.x + r, p.y + 0.5f * h + r), ImVec2(p.x, p.y + 0.5f * h), s.colour);
        ImGui::Dummy(ImVec2(2 * r + 3, h));
        ImGui::SameLine(0.0f, 0.0f);
        ImGui::TextDisabled("%s", s.legend);
    }
}

}  // namespace fluorosim::app
