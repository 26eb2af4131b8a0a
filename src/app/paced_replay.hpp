#pragma once
// A recording replayed in the window at its own pace (--replay-speed): each command is applied
// when the station's clock reaches its recorded time, scaled by the speed, so a replay can be
// watched, and a session recorded from it grows as the original did.
#include <cstddef>

#include "core/session/recording.hpp"

namespace fluorosim::app {

class Station;

class PacedReplay {
  public:
    // speed: recorded seconds per wall-clock second (1 = real time).
    PacedReplay(Recording recording, double speed)
        : recording_(std::move(recording)), speed_(speed) {}

    // Starts a fresh session with the recording's options.
    void start(Station& station);
    // In place of Station::tick while running: moves the clock on by dt * speed, applying the
    // commands whose time has come at their own times. Ends the replay after the last one.
    void step(Station& station, double dt);
    bool running() const { return started_ && !finished_; }
    std::size_t applied() const { return next_; }

  private:
    Recording recording_;
    double speed_;
    std::size_t next_ = 0;
    bool started_ = false, finished_ = false;
};

}  // namespace fluorosim::app
