// C-arm commands, pulses and dose.
#include <algorithm>
#include <cassert>

#include "core/carm/carm_limits.hpp"
#include "core/session/session.hpp"

namespace fluorosim {
namespace {

// Learning-aid views [P]: true AP; a left lateral (detector at the patient's left); and
// ipsilateral obliques of 30 deg, mid-range of the 20-45 deg Scotty-dog obliques of
// clinical.md 1.1. Presets zero the tilt: squaring the endplate stays the trainee's job.
struct Preset {
    const char* name;
    double primary_deg;
};
constexpr Preset kPresets[] = {{"ap", 0.0}, {"lateral", 90.0}, {"oblique_left", 30.0}, {"oblique_right", -30.0}};

}  // namespace

void Session::emit_due_pulses(double time, Out& out) {
    CArmState& c = state_.carm;
    while (c.pedal_down) {
        const double t = c.pulse_anchor_s + c.pulses_since_anchor / c.exposure.pulse_rate;
        if (t > time) break;
        pulse(t, false, out);
        ++c.pulses_since_anchor;
    }
}

void Session::pulse(double time, bool single_shot, Out& out) {
    CArmState& c = state_.carm;
    ImageRequest r;
    r.index = c.images++;
    r.seed = image_seed(options_.seed, r.index);
    r.single_shot = single_shot;
    r.pose = c.pose;
    r.exposure = c.exposure;
    c.last_image = r.index;

    PulseExposure p;
    p.kvp = c.exposure.kvp;
    p.ma = c.exposure.ma;
    p.pulse_ms = c.exposure.pulse_ms;
    p.pulse_rate_hz = c.exposure.pulse_rate;
    p.filtration = {c.exposure.added_mm_al, c.exposure.added_mm_cu};
    p.field_area_cm2_at_detector = collimated_field_area_cm2(c.pose);
    p.sid_mm = c.pose.sid_mm;
    p.source_to_isocentre_mm = c.pose.sod_mm;
    dose_.add_pulse(p);
    state_.dose = dose_.totals();

    Event e = make_event(EventKind::image_requested,
                         std::string(single_shot ? "Single shot" : "Fluoroscopy pulse") + " at " + console_angles(c.pose) + ".");
    e.time = time;
    e.image = r;
    out.push_back(std::move(e));
}

void Session::carm_command(const Command& cmd, Out& out) {
    CArmState& c = state_.carm;
    CArmPose& pose = c.pose;
    const auto& v = cmd.values;
    switch (cmd.kind) {
        case CommandKind::carm_rotate: {
            const double p = pose.primary_deg + v[0], s = pose.secondary_deg + v[1];
            pose.primary_deg = std::clamp(p, -kMaxPrimaryDeg, kMaxPrimaryDeg);
            pose.secondary_deg = std::clamp(s, -kMaxSecondaryDeg, kMaxSecondaryDeg);
            if (pose.primary_deg != p || pose.secondary_deg != s)
                out.push_back(make_event(EventKind::carm_limit, "The C-arm is at the end of its travel (" + console_angles(pose) + ")."));
            return;
        }
        case CommandKind::carm_angles:
            pose.primary_deg = v[0];
            pose.secondary_deg = v[1];
            return;
        case CommandKind::carm_table:
            // The table carries the patient; the isocentre stays put in the room, so in the
            // patient frame it moves the opposite way.
            pose.isocentre -= glm::dvec3(v[0], v[1], v[2]);
            return;
        case CommandKind::carm_collimate:
            pose.collimation = {v[0], v[1], v[2]};
            return;
        case CommandKind::carm_magnification: set_field(pose, pose.detector, int(v[0])); return;
        case CommandKind::carm_pulse_rate:
            if (c.pedal_down) {  // the next pulse comes one new interval after the last one
                c.pulse_anchor_s += (c.pulses_since_anchor - 1) / c.exposure.pulse_rate;
                c.pulses_since_anchor = 1;
            }
            c.exposure.pulse_rate = v[0];
            return;
        case CommandKind::carm_technique:
            c.exposure.kvp = v[0];
            c.exposure.ma = v[1];
            return;
        case CommandKind::pedal_down:
            if (c.pedal_down) return;  // key repeat
            c.pedal_down = true;
            c.pulse_anchor_s = cmd.time;
            c.pulses_since_anchor = 0;
            return emit_due_pulses(cmd.time, out);
        case CommandKind::pedal_up: c.pedal_down = false; return;
        case CommandKind::carm_shot: return pulse(cmd.time, true, out);
        case CommandKind::carm_save_reference:
            if (c.last_image < 0) return refuse("carm.save_reference refused: there is no image yet.", out);
            c.reference_image = c.last_image;
            out.push_back(make_event(EventKind::reference_saved,
                                     "Image " + std::to_string(c.last_image + 1) + " is on the reference monitor."));
            return;
        case CommandKind::carm_preset:
            if (!state_.learning_aids)
                return refuse("carm.preset refused: preset views are a learning aid and learning aids are off; "
                              "turn the C-arm yourself.",
                              out);
            for (const Preset& p : kPresets)
                if (cmd.word == p.name) {
                    pose.primary_deg = p.primary_deg;
                    pose.secondary_deg = 0.0;
                }
            return;
        default: assert(false && "not a C-arm command");
    }
}

}  // namespace fluorosim
