#pragma once
// Everything a session knows, readable by panels, the scorer and tests. Only Session::apply
// changes it. Plain values with ==, so determinism and replay tests compare whole states.
#include <glm/glm.hpp>

#include "core/carm/carm_pose.hpp"
#include "core/needle/needle_path.hpp"
#include "core/needle/needle_spec.hpp"
#include "core/needle/tissue_mechanics.hpp"
#include "core/scenario/scenario.hpp"
#include "core/xray/dose.hpp"

namespace fluorosim {

enum class SessionPhase { ready, running, paused, ended };

struct NeedleState {
    NeedleSpec spec;
    bool placed = false;           // an entry point has been set
    double medial_deg = 0.0;       // last aim (NeedlePlacement angles)
    double cranial_deg = 0.0;
    double bevel_deg = 0.0;        // hub rotation, [0, 360): 0 = bevel face toward the head
    NeedlePath path;               // from where the tip was set down to the tip
    bool in_tissue = false;        // through the skin
    double puncture_s = 0.0;       // arc length along the path at the skin puncture
    glm::dvec3 skin_entry{0.0};    // where the skin was punctured
    int tip_object = -1;           // innermost scene object at the tip (-1: room air)
    TissueClass tip_tissue = TissueClass::air;
    bool on_bone = false;          // the tip rests on a bone surface
    // Redirection bookkeeping (clinical.md 1.3): deepest depth since the last counted
    // redirection, and the aim the needle last advanced along.
    double deepest_mm = 0.0;
    glm::dvec3 advance_aim{0.0, -1.0, 0.0};
    int redirections = 0;
    int skin_punctures = 0;
    int bone_contacts = 0;

    double depth_mm() const { return in_tissue ? path.length() - puncture_s : 0.0; }
    const glm::dvec3& tip() const { return path.tip().position; }
    const glm::dvec3& tip_direction() const { return path.tip().direction; }

    bool operator==(const NeedleState&) const = default;
};

struct CArmState {
    CArmPose pose;
    Exposure exposure;
    bool pedal_down = false;
    double pulse_anchor_s = 0.0;   // pulses fall at anchor + k / rate, k = 0, 1, ...
    int pulses_since_anchor = 0;   // k of the next pulse
    int images = 0;                // image requests so far (the next image's index)
    int last_image = -1;
    int reference_image = -1;      // image shown on the reference monitor

    bool operator==(const CArmState&) const = default;
};

struct InjectionState {
    double contrast_ml = 0.0;
    double anaesthetic_ml = 0.0;
    double steroid_ml = 0.0;
    int aspirations = 0;
    bool lor_attached = false;     // loss-of-resistance syringe on the hub
    bool lor_pressed = false;      // thumb pressure on its plunger
    bool lor_felt = false;         // loss already signalled for the present stay in the epidural space

    bool operator==(const InjectionState&) const = default;
};

enum class Plunger { no_syringe, released, resisting, giving_way };

struct SessionState {
    SessionPhase phase = SessionPhase::ready;
    double time = 0.0;             // time of the last accepted command
    double start_time = 0.0;       // session.start
    double active_before_s = 0.0;  // running time of finished running intervals
    double running_since = 0.0;    // start of the present running interval
    bool learning_aids = true;
    NeedleState needle;
    CArmState carm;
    InjectionState injection;
    DoseTotals dose;
    int commands_refused = 0;

    // Procedure time without pauses, up to the last command.
    double active_s() const {
        return active_before_s + (phase == SessionPhase::running ? time - running_since : 0.0);
    }

    bool operator==(const SessionState&) const = default;
};

}  // namespace fluorosim
