#include "app/paced_replay.hpp"

#include "app/station.hpp"

namespace fluorosim::app {

void PacedReplay::start(Station& station) {
    station.begin_replay(recording_);
    started_ = true;
    finished_ = recording_.commands.empty();
    if (finished_) station.end_replay();
}

void PacedReplay::step(Station& station, double dt) {
    if (!running()) return;
    const double target = station.clock() + dt * speed_;
    const auto& commands = recording_.commands;
    while (next_ < commands.size() && commands[next_].time <= target)
        station.replay_command(commands[next_++]);
    if (target > station.clock()) station.tick(target - station.clock());
    if (next_ == commands.size()) {
        station.end_replay();
        finished_ = true;
    }
}

}  // namespace fluorosim::app
