#pragma once
// Side-by-side replays of two attempts at one scenario (a trainee's and an expert's) take
// minutes and seconds respectively; showing both "at the same time" would show the expert long
// finished. Phase sync maps a time of one attempt onto the other through the procedure's
// milestones that both reached, in order: start, the skin punctured, the first bone contact,
// the first injection, the end. (Not the needle set down: the station sets it down at 0 s for
// every trainee, so it marks nothing they did.) Between two shared milestones the time
// runs linearly; after the last one it runs at the same pace.
#include <string>
#include <vector>

#include "core/session/event.hpp"

namespace fluorosim {

struct Milestone {
    std::string name;  // "skin punctured", ...
    double time = 0.0;
};

// The milestones this event list reached, in procedure order (first occurrence of each).
// `duration` closes the list as "end" when no session_ended event is present.
std::vector<Milestone> milestones(const std::vector<Event>& events, double duration);

// The time in `to` that matches time t in `from` (clamped to [0, to_duration]).
double phase_synced_time(const std::vector<Milestone>& from, const std::vector<Milestone>& to,
                         double t, double to_duration);

}  // namespace fluorosim
