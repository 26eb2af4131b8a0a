#pragma once
// A recorded session at any moment: the state a replay viewer shows at time t of a recording
// (its scrub bar) and what a debrief draws over the whole attempt (tip path, images taken).
//
// "The state at t" is defined as a fresh session given the recording's options, the leading
// commands whose time is <= t (a replay stops at the first later one, so a recording with
// out-of-order commands scrubs to the same refusals a full replay gives), then advance_to(t)
// (the live-fluoroscopy pulses due by t). seek() gets there from the nearest checkpoint or,
// going forward, from where it stands, so scrubbing costs a few commands, not the whole replay.
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "core/session/recording.hpp"
#include "core/session/session.hpp"

namespace fluorosim {

// Where the needle tip was after a command (patient frame, mm).
struct TipSample {
    double time = 0.0;
    glm::dvec3 tip{0.0};
    bool in_tissue = false;

    bool operator==(const TipSample&) const = default;
};

// One image the session asked for, with what the renderer needs to draw it again exactly:
// the request (pose, technique, noise seed) and the needle as it stood when the pulse fell.
struct RecordedImage {
    double time = 0.0;
    ImageRequest request;
    std::vector<glm::dvec3> shaft;    // hub to tip (Session::shaft_polyline) at that moment
    double needle_diameter_mm = 0.0;  // outer diameter of the needle then in use
    std::size_t events_before = 0;    // events emitted before this pulse (contrast injected so far)
};

class ReplayCursor {
  public:
    // Replays the whole recording once (keeping ~32 checkpoints, the tip path and every image).
    ReplayCursor(Recording recording, const Scenario& scenario,
                 std::shared_ptr<const TissueQuery> query,
                 const std::vector<Structure>* structures);

    // The session as it was at time t (clamped to [0, duration()]).
    const Session& seek(double t);
    const Session& session() const { return *current_; }
    double time() const { return time_; }
    // Time of the last command or event of the recording (0 for an empty one).
    double duration() const { return duration_; }

    const Recording& recording() const { return recording_; }
    const std::vector<Event>& events() const { return full_->events(); }  // the whole attempt
    const std::vector<TipSample>& tip_path() const { return tip_path_; }
    const std::vector<RecordedImage>& images() const { return images_; }
    const Session& final_session() const { return *full_; }
    // Index into images() of the last image taken at or before t (-1: none yet).
    int image_at(double t) const;

  private:
    struct Checkpoint {
        std::size_t applied;  // commands applied (no advance_to past the last one's time)
        Session session;
    };
    std::size_t prefix_length(double t) const;
    Session fresh() const;

    Recording recording_;
    Scenario scenario_;
    std::shared_ptr<const TissueQuery> query_;
    const std::vector<Structure>* structures_;
    std::vector<Checkpoint> checkpoints_;
    std::optional<Session> full_;
    std::vector<TipSample> tip_path_;
    std::vector<RecordedImage> images_;
    double duration_ = 0.0;
    std::optional<Session> current_;
    std::size_t current_applied_ = 0;
    double time_ = 0.0;
};

}  // namespace fluorosim
