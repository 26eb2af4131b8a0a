// Injections, aspiration and the loss-of-resistance syringe.
#include <cassert>
#include <cstdio>

#include "core/session/session.hpp"

namespace fluorosim {
namespace {

std::string ml(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2g", v);
    return b;
}

const char* substance(CommandKind k) {
    switch (k) {
        case CommandKind::inject_contrast: return "contrast";
        case CommandKind::inject_anaesthetic: return "local anaesthetic";
        default: return "steroid";
    }
}

}  // namespace

void Session::injection_command(const Command& c, Out& out) {
    InjectionState& inj = state_.injection;
    switch (c.kind) {
        case CommandKind::inject_contrast:
        case CommandKind::inject_anaesthetic:
        case CommandKind::inject_steroid: return inject(c.kind, c.values[0], out);
        case CommandKind::aspirate: return aspirate(out);
        case CommandKind::lor_attach: inj.lor_attached = true; return;
        case CommandKind::lor_detach: inj.lor_attached = inj.lor_pressed = false; return;
        case CommandKind::lor_press: return press_plunger(out);
        case CommandKind::lor_release: inj.lor_pressed = false; return;
        default: assert(false && "not an injection command");
    }
}

void Session::inject(CommandKind kind, double volume, Out& out) {
    const NeedleState& n = state_.needle;
    InjectionState& inj = state_.injection;
    const std::string name(to_string(kind));
    if (!n.placed || !n.in_tissue) return refuse(name + " refused: the needle tip is not in the patient.", out);
    if (inj.lor_attached) return refuse(name + " refused: take the loss-of-resistance syringe off the hub first.", out);
    (kind == CommandKind::inject_contrast ? inj.contrast_ml
     : kind == CommandKind::inject_anaesthetic ? inj.anaesthetic_ml
                                               : inj.steroid_ml) += volume;
    const std::string what = ml(volume) + " mL of " + substance(kind);
    Event e = make_event(EventKind::injection, "Injected " + what + " at the tip (" + to_string(n.tip_tissue) + ").");
    e.amount = volume;
    e.substance = substance(kind);
    out.push_back(e);
    const TissueClass t = n.tip_tissue;
    if (t == TissueClass::csf || t == TissueClass::neural) {
        e.kind = EventKind::intrathecal_injection;
        e.message = "The " + what + " went into the CSF: an intrathecal injection.";
        out.push_back(std::move(e));
    } else if (t == TissueClass::artery || t == TissueClass::vein) {
        e.kind = EventKind::intravascular_injection;
        e.message = "The " + what + " went into " + (t == TissueClass::artery ? "an artery" : "a vein") +
                    ": an intravascular injection.";
        out.push_back(std::move(e));
    }
}

void Session::aspirate(Out& out) {
    const NeedleState& n = state_.needle;
    if (!n.placed || !n.in_tissue) return refuse("aspirate refused: the needle tip is not in the patient.", out);
    ++state_.injection.aspirations;
    switch (n.tip_tissue) {
        case TissueClass::csf:
        case TissueClass::neural:
            return out.push_back(make_event(EventKind::csf, "Aspiration returns clear fluid: CSF, the tip is intrathecal."));
        case TissueClass::artery:
            return out.push_back(make_event(EventKind::blood_arterial, "Aspiration returns bright red blood: the tip is in an artery."));
        case TissueClass::vein:
            return out.push_back(make_event(EventKind::blood_venous, "Aspiration returns dark blood: the tip is in a vein."));
        default:
            return out.push_back(make_event(EventKind::aspiration_negative, "Aspiration is negative: no blood, no CSF."));
    }
}

void Session::press_plunger(Out& out) {
    InjectionState& inj = state_.injection;
    if (!inj.lor_attached) return refuse("lor.press refused: attach the loss-of-resistance syringe first.", out);
    inj.lor_pressed = true;
    const NeedleState& n = state_.needle;
    if (n.in_tissue && n.tip_tissue == TissueClass::epidural_fat && !inj.lor_felt) {
        inj.lor_felt = true;
        return out.push_back(make_event(EventKind::loss_of_resistance,
                                        "Loss of resistance: the plunger gives way; the tip is in the epidural space."));
    }
    out.push_back(make_event(EventKind::plunger_feedback,
                             plunger() == Plunger::resisting ? "The plunger springs back: the tip is in firm tissue."
                                                             : "The plunger gives way."));
}

}  // namespace fluorosim
