#include "core/session/phase_sync.hpp"

#include <algorithm>
#include <optional>

namespace fluorosim {
namespace {

struct Kind {
    const char* name;
    std::vector<EventKind> kinds;
};

const std::vector<Kind>& milestone_kinds() {
    static const std::vector<Kind> k = {
        {"start", {EventKind::session_started}},
        {"skin punctured", {EventKind::skin_pop}},
        {"bone contact", {EventKind::bone_contact}},
        {"first injection",
         {EventKind::injection, EventKind::intrathecal_injection,
          EventKind::intravascular_injection}},
        {"end", {EventKind::session_ended}},
    };
    return k;
}

}  // namespace

std::vector<Milestone> milestones(const std::vector<Event>& events, double duration) {
    std::vector<Milestone> out;
    double last = 0.0;
    for (const Kind& k : milestone_kinds()) {
        const auto it = std::find_if(events.begin(), events.end(), [&](const Event& e) {
            return std::find(k.kinds.begin(), k.kinds.end(), e.kind) != k.kinds.end();
        });
        std::optional<double> t;
        if (it != events.end())
            t = it->time;
        else if (std::string(k.name) == "end")
            t = duration;
        // Milestones out of procedure order (bone touched after an injection) do not anchor.
        if (t && *t >= last) {
            out.push_back({k.name, *t});
            last = *t;
        }
    }
    return out;
}

double phase_synced_time(const std::vector<Milestone>& from, const std::vector<Milestone>& to,
                         double t, double to_duration) {
    // Anchor pairs: milestones both attempts reached, kept increasing in both.
    std::vector<std::pair<double, double>> anchors = {{0.0, 0.0}};
    for (const Milestone& a : from)
        for (const Milestone& b : to)
            if (a.name == b.name && a.time >= anchors.back().first &&
                b.time >= anchors.back().second)
                anchors.push_back({a.time, b.time});
    double mapped =
        t - anchors.back().first + anchors.back().second;  // past the last anchor: same pace
    for (std::size_t i = 1; i < anchors.size(); ++i) {
        const auto [a0, b0] = anchors[i - 1];
        const auto [a1, b1] = anchors[i];
        if (t <= a1) {
            mapped = a1 > a0 ? b0 + (t - a0) / (a1 - a0) * (b1 - b0) : b1;
            break;
        }
    }
    return std::clamp(mapped, 0.0, std::max(0.0, to_duration));
}

}  // namespace fluorosim
