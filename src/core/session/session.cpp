#include "core/session/session.hpp"

#include <cassert>
#include <cmath>
#include <utility>

namespace fluorosim {
namespace {

bool is_session_kind(CommandKind k) {
    return k == CommandKind::session_start || k == CommandKind::session_pause || k == CommandKind::session_resume ||
           k == CommandKind::session_end || k == CommandKind::session_learning_aids;
}

}  // namespace

Session::Session(const Scenario& scenario, const Scene& scene, const std::vector<Structure>* structures,
                 SessionOptions options)
    : Session(scenario, std::make_shared<const TissueQuery>(scene), structures, options) {}

Session::Session(const Scenario& scenario, std::shared_ptr<const TissueQuery> query,
                 const std::vector<Structure>* structures, SessionOptions options)
    : query_(std::move(query)), options_(options) {
    assert(query_);
    if (structures) {
        assert(structures->size() == query_->object_count());
        structures_ = *structures;
    }
    classes_.reserve(query_->object_count());
    for (std::size_t i = 0; i < query_->object_count(); ++i) {
        const std::string& name = query_->name(int(i));
        classes_.push_back(structures_.empty() ? tissue_class_from_material(query_->material(int(i)), name)
                                               : tissue_class(structures_[i].kind, name));
    }
    state_.needle.spec = needle_spec(scenario.needle);
    state_.carm.pose = scenario.carm;
    state_.carm.exposure = scenario.exposure;
    state_.learning_aids = scenario.learning_aids;
}

Event Session::make_event(EventKind kind, std::string message) const {
    Event e;
    e.time = state_.time;
    e.kind = kind;
    e.message = std::move(message);
    if (state_.needle.placed) {
        e.position = state_.needle.tip();
        e.tissue = state_.needle.tip_tissue;
        if (state_.needle.tip_object >= 0) e.structure = query_->name(state_.needle.tip_object);
    }
    return e;
}

void Session::refuse(std::string message, Out& out) {
    ++state_.commands_refused;
    out.push_back(make_event(EventKind::refused, std::move(message)));
}

bool Session::admit(const Command& c, Out& out) {
    const std::string_view name = to_string(c.kind);
    if (!std::isfinite(c.time) || c.time < state_.time) {
        refuse(std::string(name) + " refused: its time is earlier than the previous command's.", out);
        return false;
    }
    assert(c.time >= horizon_ && "a command earlier than a time passed to advance_to");
    if (const std::string why = check_arguments(c); !why.empty()) {
        emit_due_pulses(c.time, out);
        state_.time = c.time;
        refuse(std::string(name) + " refused: " + why + ".", out);
        return false;
    }
    emit_due_pulses(c.time, out);
    state_.time = c.time;
    const SessionPhase p = state_.phase;
    const bool allowed = p == SessionPhase::running
                             ? c.kind != CommandKind::session_start && c.kind != CommandKind::session_resume
                         : p == SessionPhase::ready  ? c.kind == CommandKind::session_start ||
                                                         c.kind == CommandKind::session_learning_aids
                         : p == SessionPhase::paused ? c.kind == CommandKind::session_resume ||
                                                           c.kind == CommandKind::session_end ||
                                                           c.kind == CommandKind::session_learning_aids
                                                     : false;
    if (!allowed) {
        const char* why = p == SessionPhase::ready    ? "the session has not started"
                          : p == SessionPhase::paused ? "the session is paused (resume it first)"
                          : p == SessionPhase::ended  ? "the session has ended"
                                                      : "the session is already running";
        refuse(std::string(name) + " refused: " + why + ".", out);
        return false;
    }
    return true;
}

std::vector<Event> Session::apply(const Command& command) {
    commands_.push_back(command);
    Out out;
    if (admit(command, out)) dispatch(command, out);
    events_.insert(events_.end(), out.begin(), out.end());
    return out;
}

std::vector<Event> Session::advance_to(double time) {
    Out out;
    if (std::isfinite(time) && time > horizon_) {
        horizon_ = time;
        emit_due_pulses(time, out);
        events_.insert(events_.end(), out.begin(), out.end());
    }
    return out;
}

void Session::dispatch(const Command& c, Out& out) {
    using K = CommandKind;
    if (is_session_kind(c.kind)) return session_command(c, out);
    switch (c.kind) {
        case K::needle_select:
        case K::needle_entry:
        case K::needle_aim:
        case K::needle_advance:
        case K::needle_withdraw:
        case K::needle_rotate_bevel:
        case K::needle_depth: return needle_command(c, out);
        case K::inject_contrast:
        case K::inject_anaesthetic:
        case K::inject_steroid:
        case K::aspirate:
        case K::lor_attach:
        case K::lor_detach:
        case K::lor_press:
        case K::lor_release: return injection_command(c, out);
        default: return carm_command(c, out);
    }
}

void Session::session_command(const Command& c, Out& out) {
    SessionState& s = state_;
    switch (c.kind) {
        case CommandKind::session_start:
            s.phase = SessionPhase::running;
            s.start_time = s.running_since = c.time;
            out.push_back(make_event(EventKind::session_started, "The session has started."));
            return;
        case CommandKind::session_pause:
        case CommandKind::session_end: {
            if (s.phase == SessionPhase::running) s.active_before_s += c.time - s.running_since;
            s.carm.pedal_down = false;  // a pause or the end lifts the foot off the pedal
            s.injection.lor_pressed = false;
            const bool end = c.kind == CommandKind::session_end;
            s.phase = end ? SessionPhase::ended : SessionPhase::paused;
            out.push_back(make_event(end ? EventKind::session_ended : EventKind::session_paused,
                                     end ? "The session has ended." : "The session is paused."));
            return;
        }
        case CommandKind::session_resume:
            s.phase = SessionPhase::running;
            s.running_since = c.time;
            out.push_back(make_event(EventKind::session_resumed, "The session continues."));
            return;
        case CommandKind::session_learning_aids: {
            s.learning_aids = c.word == "on";
            out.push_back(make_event(EventKind::learning_aids_changed,
                                     s.learning_aids ? "Learning aids are on." : "Learning aids are off."));
            return;
        }
        default: assert(false && "not a session command");
    }
}

}  // namespace fluorosim
