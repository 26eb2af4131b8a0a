#include "core/session/command.hpp"

#include <cassert>
#include <cmath>
#include <sstream>

#include "core/carm/carm_limits.hpp"
#include "core/needle/needle_spec.hpp"
#include "core/xray/spectrum.hpp"

namespace fluorosim {
namespace {

using K = CommandKind;

// Largest single needle move: longer than the longest catalogue needle (127 mm).
constexpr double kMaxNeedleMoveMm = 200.0;
// Aim limits: a posterior approach never leans more than ~60 deg; 85 keeps direction() well
// away from the horizontal.
constexpr double kMaxAimDeg = 85.0;
// Largest single table move and C-arm turn (a whole turn).
constexpr double kMaxTableMoveMm = 500.0;
constexpr double kMaxTurnDeg = 360.0;
// Shutters and iris close to at most 10 % of the field (a sliver still shows the tip).
constexpr double kMinCollimation = 0.1;
// Pulse rates of mobile C-arms: 0.5 to 30 p/s.
constexpr double kMinPulseRate = 0.5, kMaxPulseRate = 30.0;
// Tube current during a pulse: mobile C-arms deliver up to ~100 mA pulsed.
constexpr double kMaxMa = 100.0;
// Largest volume in one injection: an epidural takes up to 10 mL injectate (clinical.md 1.1),
// twice that is a slip of the thumb.
constexpr double kMaxInjectionMl = 20.0;

std::string fmt(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

std::string range_error(std::string_view what, double v, double lo, double hi) {
    return std::string(what) + " must be between " + fmt(lo) + " and " + fmt(hi) + " (got " + fmt(v) + ")";
}

}  // namespace

const std::vector<CommandInfo>& command_table() {
    static const std::vector<CommandInfo> table = {
        {K::needle_select, "needle.select", 0, true, "NEEDLE_ID"},
        {K::needle_entry, "needle.entry", 3, false, "X Y Z"},
        {K::needle_aim, "needle.aim", 2, false, "MEDIAL_DEG CRANIAL_DEG"},
        {K::needle_advance, "needle.advance", 1, false, "MM"},
        {K::needle_withdraw, "needle.withdraw", 1, false, "MM"},
        {K::needle_rotate_bevel, "needle.bevel", 1, false, "DEG"},
        {K::needle_depth, "needle.depth", 1, false, "MM"},
        {K::carm_rotate, "carm.rotate", 2, false, "D_PRIMARY_DEG D_SECONDARY_DEG"},
        {K::carm_angles, "carm.angles", 2, false, "PRIMARY_DEG SECONDARY_DEG"},
        {K::carm_table, "carm.table", 3, false, "DX DY DZ"},
        {K::carm_collimate, "carm.collimate", 3, false, "IRIS SHUTTER_X SHUTTER_Y"},
        {K::carm_magnification, "carm.magnification", 1, false, "MODE"},
        {K::carm_pulse_rate, "carm.pulse_rate", 1, false, "PULSES_PER_S"},
        {K::carm_technique, "carm.technique", 2, false, "KVP MA"},
        {K::pedal_down, "pedal.down", 0, false, ""},
        {K::pedal_up, "pedal.up", 0, false, ""},
        {K::carm_shot, "carm.shot", 0, false, ""},
        {K::carm_save_reference, "carm.save_reference", 0, false, ""},
        {K::carm_preset, "carm.preset", 0, true, "ap|lateral|oblique_left|oblique_right"},
        {K::inject_contrast, "inject.contrast", 1, false, "ML"},
        {K::inject_anaesthetic, "inject.anaesthetic", 1, false, "ML"},
        {K::inject_steroid, "inject.steroid", 1, false, "ML"},
        {K::aspirate, "aspirate", 0, false, ""},
        {K::lor_attach, "lor.attach", 0, false, ""},
        {K::lor_detach, "lor.detach", 0, false, ""},
        {K::lor_press, "lor.press", 0, false, ""},
        {K::lor_release, "lor.release", 0, false, ""},
        {K::session_start, "session.start", 0, false, ""},
        {K::session_pause, "session.pause", 0, false, ""},
        {K::session_resume, "session.resume", 0, false, ""},
        {K::session_end, "session.end", 0, false, ""},
        {K::session_learning_aids, "session.learning_aids", 0, true, "on|off"},
    };
    return table;
}

const CommandInfo& info(CommandKind kind) {
    const auto& t = command_table();
    const auto i = std::size_t(kind);
    assert(i < t.size() && t[i].kind == kind);  // the table is in enum order
    return t[i];
}

const CommandInfo* find_command(std::string_view name) {
    for (const auto& c : command_table())
        if (c.name == name) return &c;
    return nullptr;
}

std::string_view to_string(CommandKind kind) { return info(kind).name; }

Command make_command(double time, CommandKind kind, std::array<double, 3> values, std::string word) {
    return Command{time, kind, values, std::move(word)};
}

std::string check_arguments(const Command& c) {
    const CommandInfo& ci = info(c.kind);
    for (int i = 0; i < ci.numbers; ++i)
        if (!std::isfinite(c.values[std::size_t(i)])) return "argument " + std::to_string(i + 1) + " is not a finite number";
    const double a = c.values[0], b = c.values[1], d = c.values[2];
    switch (c.kind) {
        case K::needle_select:
            for (const auto& n : needle_catalogue())
                if (n.id == c.word) return {};
            return "unknown needle '" + c.word + "'";
        case K::needle_aim:
            if (std::abs(a) > kMaxAimDeg) return range_error("the medial angle", a, -kMaxAimDeg, kMaxAimDeg);
            if (std::abs(b) > kMaxAimDeg) return range_error("the cranial angle", b, -kMaxAimDeg, kMaxAimDeg);
            return {};
        case K::needle_advance:
        case K::needle_withdraw:
            if (!(a > 0.0 && a <= kMaxNeedleMoveMm)) return range_error("the distance", a, 0.0, kMaxNeedleMoveMm);
            return {};
        case K::needle_depth:
            if (!(a >= 0.0 && a <= kMaxNeedleMoveMm)) return range_error("the depth", a, 0.0, kMaxNeedleMoveMm);
            return {};
        case K::needle_rotate_bevel:
            if (std::abs(a) > kMaxTurnDeg) return range_error("the bevel turn", a, -kMaxTurnDeg, kMaxTurnDeg);
            return {};
        case K::carm_rotate:
            if (std::abs(a) > kMaxTurnDeg || std::abs(b) > kMaxTurnDeg) return range_error("a C-arm turn", std::max(std::abs(a), std::abs(b)), -kMaxTurnDeg, kMaxTurnDeg);
            return {};
        case K::carm_angles:
            if (std::abs(a) > kMaxPrimaryDeg) return range_error("the primary angle", a, -kMaxPrimaryDeg, kMaxPrimaryDeg);
            if (std::abs(b) > kMaxSecondaryDeg) return range_error("the secondary angle", b, -kMaxSecondaryDeg, kMaxSecondaryDeg);
            return {};
        case K::carm_table:
            for (double v : {a, b, d})
                if (std::abs(v) > kMaxTableMoveMm) return range_error("a table move", v, -kMaxTableMoveMm, kMaxTableMoveMm);
            return {};
        case K::carm_collimate:
            for (double v : {a, b, d})
                if (!(v >= kMinCollimation && v <= 1.0)) return range_error("a collimation fraction", v, kMinCollimation, 1.0);
            return {};
        case K::carm_magnification:
            if (!(a == 0.0 || a == 1.0 || a == 2.0)) return "the magnification mode must be 0, 1 or 2 (got " + fmt(a) + ")";
            return {};
        case K::carm_pulse_rate:
            if (!(a >= kMinPulseRate && a <= kMaxPulseRate)) return range_error("the pulse rate", a, kMinPulseRate, kMaxPulseRate);
            return {};
        case K::carm_technique:
            if (!(a >= kMinKvp && a <= kMaxKvp)) return range_error("the tube voltage", a, kMinKvp, kMaxKvp);
            if (!(b > 0.0 && b <= kMaxMa)) return range_error("the tube current", b, 0.0, kMaxMa);
            return {};
        case K::carm_preset:
            if (c.word == "ap" || c.word == "lateral" || c.word == "oblique_left" || c.word == "oblique_right") return {};
            return "unknown view '" + c.word + "' (known: ap, lateral, oblique_left, oblique_right)";
        case K::inject_contrast:
        case K::inject_anaesthetic:
        case K::inject_steroid:
            if (!(a > 0.0 && a <= kMaxInjectionMl)) return range_error("the volume", a, 0.0, kMaxInjectionMl);
            return {};
        case K::session_learning_aids:
            if (c.word == "on" || c.word == "off") return {};
            return "learning aids are 'on' or 'off' (got '" + c.word + "')";
        default: return {};
    }
}

}  // namespace fluorosim
