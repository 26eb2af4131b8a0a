#pragma once
// The instructor's scenario authoring window: procedure, level, side, needle, the patient
// generator's parameters and seed, the starting C-arm pose, target and hazard zones on the
// current patient's landmarks (an offset and radius moved with sliders, or by dragging the zone
// on the preview image, where every zone is drawn as a circle over the anatomy), the rubric,
// limits, learning aids and instructions. "Save" writes the file with the scenario writer and
// reads it back through the validating reader (any error shows in the window); "Open in
// station" loads it.
//
// Self-contained: open() it from a menu or the instructor window's "Author scenario..." hook;
// draw() once per frame while it is open. It reads the station and emits UiCommands (preview
// shots and poses, opening the saved scenario); a patient preview goes through the app's
// asynchronous patient path (`patient_request`).
#include <optional>
#include <string>
#include <vector>

#include "app/station.hpp"
#include "core/anatomy/patient_parameters.hpp"
#include "core/scenario/scenario.hpp"

namespace fluorosim::app {

class AuthoringWindow {
  public:
    // Starts from the station's scenario (a copy), or a blank medial branch block if it has no
    // targets, as version 2 with its file name moved to the user's scenario folder.
    void open(const Station& station);
    bool is_open() const { return open_; }
    // `patient_request` is set when the author asks to preview the draft's patient.
    void draw(const Station& station, std::vector<UiCommand>& out,
              std::optional<PatientParameters>& patient_request);

    const Scenario& draft() const { return draft_; }
    const std::string& message() const { return message_; }

  private:
    void draw_case(const Station& station, std::optional<PatientParameters>& patient_request);
    void draw_carm(const Station& station, std::vector<UiCommand>& out);
    bool draw_zone(const Station& station, Zone& zone, bool hazard, int id);
    void draw_zones(const Station& station);
    void draw_rubric();
    void draw_preview(const Station& station);
    void save(std::vector<UiCommand>& out, bool open_in_station);

    bool open_ = false;
    Scenario draft_;
    std::string path_;
    std::string message_;
    bool message_is_error_ = false;
    int selected_ = 0;            // zone under the mouse drag: targets 0.., hazards 100..
    glm::dvec3 drag_start_{0.0};  // its offset when the drag began
    char landmark_filter_[64] = "";
};

}  // namespace fluorosim::app
