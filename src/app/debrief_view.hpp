#pragma once
// The debrief after Finish: what happened in the attempt, laid out for the trainee to study.
// A timeline of the events on top; tabs below for the rubric (sections, every deduction with
// its points, why it failed, the measures against the scenario's expert values), the gallery of
// every image taken (click one to enlarge) and the trajectory (the tip's path in AP and
// lateral projections, in mm, and in 3D with the target zones).
#include <vector>

#include "app/learning_view.hpp"
#include "app/station.hpp"
#include "app/trajectory_plot.hpp"

namespace fluorosim::app {

class DebriefView {
  public:
    // Opens itself when the station's attempt is newly scored; `show` is the window's open flag
    // (the scenario panel's "Debrief" button sets it again). `main_view` gets the tip path
    // and targets as well, so the 3D panel shows them too.
    void draw(const Station& station, bool& show, LearningView& main_view);
    // Selects a tab the next time the window draws: "score", "images" or "trajectory".
    void select_tab(const std::string& name) { select_ = name; }

  private:
    void rebuild(const Station& station, LearningView& main_view);
    void draw_rubric(const ScoreReport& report, const Scenario& scenario);
    void draw_gallery(const ImageCaptures& captures);
    void draw_trajectory(const Station& station);

    // The attempt the debrief was built for: commands refused after Finish do not reopen it.
    std::optional<ScoreReport> scored_;
    int scored_patient_ = -1;
    std::vector<TipSample> path_;
    std::vector<TargetMark> targets_;
    double duration_ = 0.0;
    int enlarged_ = -1;  // gallery image shown large (-1: none)
    bool held_only_ = false;
    std::string select_;
    LearningView view_;
    int view_generation_ = 0;
};

}  // namespace fluorosim::app
