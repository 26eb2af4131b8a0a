#pragma once
// A horizontal time axis with an attempt's events marked on lanes, coloured by kind, their
// sentences on hover. The debrief shows it as it is; the replay viewer also uses it as the
// scrub bar (a playhead the user clicks or drags).
#include <cstdint>
#include <optional>
#include <vector>

#include "core/session/event.hpp"

namespace fluorosim::app {

enum class TimelineLane { images, needle, warnings, injections };
constexpr int k_timeline_lanes = 4;
const char* lane_name(TimelineLane lane);

struct EventStyle {
    TimelineLane lane;
    const char* legend;    // "bone contact"
    std::uint32_t colour;  // ImGui's packed ABGR (IM_COL32)
    bool minor = false;    // drawn as a short tick (live pulses: there may be hundreds)
};
// How the timeline marks an event kind; nothing for bookkeeping kinds (needle selected,
// plunger feedback, refusals, ...).
std::optional<EventStyle> timeline_style(EventKind kind);
// One legend entry per distinct style, in lane order.
std::vector<EventStyle> timeline_legend();

// Draws the timeline over the available width; `duration` > 0 seconds. With `cursor`, a
// playhead is drawn there, and clicking or dragging on the axis moves it: returns true then.
bool draw_event_timeline(const char* id, const std::vector<Event>& events, double duration,
                         double* cursor = nullptr);
void draw_timeline_legend();

}  // namespace fluorosim::app
