#pragma once
// The replay viewer: a recorded attempt played back in the window, beside an expert's attempt
// at the same scenario. Play, pause, speed and a scrub bar with the events marked; the image
// that was on the monitor at that moment (rendered again from its pose, technique, noise seed
// and the needle as it stood: the same image); the 3D view with the needle where it was.
// The state at t comes from core's ReplayCursor (the session is deterministic). The expert side
// follows the trainee's time as it is, or by phase (phase_sync.hpp), and takes any recording.
#include <memory>
#include <string>

#include "app/station.hpp"

namespace fluorosim::app {

class ReplayView {
  public:
    ReplayView();
    ~ReplayView();
    // Opens a recording (errors show in the window). The expert side opens `expert`, or when
    // that is "", a recording in the scenarios/recordings folder naming the same scenario.
    void open(const std::string& path, const Station& station, const std::string& expert = "");
    void seek(double t) { time_ = t; }
    // Draws the "Replay" window while open; `show` closes it.
    void draw(const Station& station, bool& show);

  private:
    struct Side;
    void load_side(Side& side, const std::string& path, const Station& station);
    void draw_controls(const Station& station);
    void draw_side(Side& side, double t, float width, float height, const Station& station);

    std::unique_ptr<Side> trainee_, expert_;
    double time_ = 0.0;
    bool playing_ = false;
    int speed_ = 1;  // index into the speed list
    bool phase_sync_ = true;
    bool focus_ = false;  // bring the window to the front once after open()
    std::string trainee_input_, expert_input_;
};

}  // namespace fluorosim::app
