#pragma once
// The workshop's parts of the window, wired to the frame loop with a few calls from app.cpp:
// the station client (results to the instructor's service) and instructor mode.
#include <memory>
#include <string>

#include "app/instructor_mode.hpp"
#include "app/station.hpp"
#include "app/workshop_client.hpp"
#include "cli/args.hpp"

namespace fluorosim::app {

void add_workshop_options(cli::Args& args);

class WorkshopApp {
  public:
    // Reads the flags of add_workshop_options; throws UsageError / InputError for bad ones
    // (before any window opens).
    WorkshopApp(const cli::Args& args, bool persist, bool synchronous);

    // After the frame's commands: a newly scored attempt is queued and sent; timers run.
    void frame(const Station& station, double seconds, const std::string& mode = "practice");
    // Instructor windows (top level) and the status bar's part (inside the status bar window).
    void draw(const Station& station) { instructor_.draw(station); }
    void draw_status();
    InstructorMode& instructor() { return instructor_; }

  private:
    WorkshopClient client_;
    InstructorMode instructor_;
    bool had_report_ = false;
    bool synchronous_;  // --screenshot runs: wait for sends and reads so the picture shows them
};

}  // namespace fluorosim::app
