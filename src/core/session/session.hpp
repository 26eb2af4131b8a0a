#pragma once
// The session: a deterministic state machine from timestamped commands to state and events
// (DESIGN.md "The loop"). The same scenario, scene, options and command stream give the same
// state and the same events, bit for bit; a recording is the command stream (recording.hpp).
//
// Needle rules (numbers in session_needle.cpp):
//  - The tip is set down at an entry point and advances along its current direction in
//    0.5 mm sub-steps; each sub-step asks the tissue query which structures it crosses.
//  - Outside the skin the needle pivots freely. Through the skin it pivots about the skin
//    entry only while the tip is at most 5 mm deep; deeper, an aim is refused: withdraw first.
//    Withdrawing more than 5 mm and re-aiming by more than 5 deg counts one redirection
//    (clinical.md 1.3 "withdraw > 5 mm & re-angle > 5 deg").
//  - In tissue a bevelled tip bends away from its bevel face with the tissue's curvature
//    (tissue_mechanics.hpp); turning the hub turns the bend.
//  - Bone stops the tip at its surface. Entering skin, ligament, epidural space, dura/CSF,
//    vessels, nerve roots, discs and viscera produce the events of event.hpp.
// C-arm: while the pedal is down, pulses fall at pedal-down time + k / pulse rate; each is an
// image_requested event with a noise seed from the session seed and the image index, and adds
// its dose to the DoseCounter. Pulses due by a command's time are emitted before it acts.
#include <cstdint>
#include <memory>
#include <vector>

#include "core/anatomy/patient.hpp"
#include "core/geometry/tissue_query.hpp"
#include "core/scenario/scenario.hpp"
#include "core/session/command.hpp"
#include "core/session/event.hpp"
#include "core/session/session_state.hpp"
#include "core/xray/dose.hpp"

namespace fluorosim {

struct SessionOptions {
    std::uint64_t seed = 1;        // image noise seeds derive from it
    bool bevel_deflection = true;  // false: needles run straight (for straight-line checks)

    bool operator==(const SessionOptions&) const = default;
};

class Session {
  public:
    // `structures` labels the scene objects (same index); null for a bare scene, whose
    // objects are then classified by material and name (tissue_class_from_material). The
    // scene is queried through a TissueQuery built here (it keeps its own copies).
    Session(const Scenario& scenario, const Scene& scene, const std::vector<Structure>* structures,
            SessionOptions options = {});
    // Same, sharing a tissue query already built for this scene (replays, benchmarks).
    Session(const Scenario& scenario, std::shared_ptr<const TissueQuery> query,
            const std::vector<Structure>* structures, SessionOptions options = {});

    // Applies one command and returns the events it caused, in order (pulses due by its time
    // first). Never throws for bad commands: they are refused with an event.
    std::vector<Event> apply(const Command& command);
    // Emits the pulses due by `time` without a command, so a live app can render them with
    // the state they were taken in. Later commands must not be earlier than `time`.
    std::vector<Event> advance_to(double time);

    const SessionState& state() const { return state_; }
    const std::vector<Event>& events() const { return events_; }        // all, in order
    const std::vector<Command>& commands() const { return commands_; }  // all applied, refused ones too
    const SessionOptions& options() const { return options_; }
    const TissueQuery& tissue_query() const { return *query_; }

    // The needle for the renderer, hub to tip: straight outside the skin, the bent path inside.
    // Empty before an entry point is set.
    std::vector<glm::dvec3> shaft_polyline() const;
    // How far the tip lies off the straight line it entered the skin along (mm).
    double tip_deflection_mm() const;
    // Resistance gauge 0..1 at the tip (1 on bone).
    double resistance() const;
    Plunger plunger() const;

  private:
    using Out = std::vector<Event>;
    Event make_event(EventKind kind, std::string message) const;
    void refuse(std::string message, Out& out);
    bool admit(const Command& c, Out& out);  // time order, arguments, phase
    void dispatch(const Command& c, Out& out);
    void session_command(const Command& c, Out& out);

    // session_needle.cpp
    void needle_command(const Command& c, Out& out);
    void select_needle(const std::string& id, Out& out);
    void place_needle(const glm::dvec3& entry, Out& out);
    void aim_needle(double medial_deg, double cranial_deg, Out& out);
    void advance_needle(double mm, double target_depth, Out& out);
    void withdraw_needle(double mm, Out& out);
    void rotate_bevel(double deg);
    void enter_structure(int object, const glm::dvec3& at, double s, Out& out);
    void update_tip_tissue(int object);
    TissueClass tissue_of(int object) const;

    // session_carm.cpp
    void carm_command(const Command& c, Out& out);
    void emit_due_pulses(double time, Out& out);
    void pulse(double time, bool single_shot, Out& out);

    // session_injection.cpp
    void injection_command(const Command& c, Out& out);
    void inject(CommandKind kind, double ml, Out& out);
    void aspirate(Out& out);
    void press_plunger(Out& out);

    std::shared_ptr<const TissueQuery> query_;
    std::vector<Structure> structures_;  // empty for a bare scene
    std::vector<TissueClass> classes_;   // per scene object
    SessionOptions options_;
    DoseCounter dose_;
    SessionState state_;
    std::vector<Event> events_;
    std::vector<Command> commands_;
    double horizon_ = 0.0;  // latest time passed to advance_to
};

}  // namespace fluorosim
