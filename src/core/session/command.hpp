#pragma once
// The one vocabulary every input device (keyboard, mouse, panels, a recording, a test) maps
// to. A command carries its own timestamp: time is an input to the session, never read from a
// clock (DESIGN.md "The loop"). Angles in degrees and lengths in mm, as the user gives them.
//
// Each kind has a dotted name used in recordings ("needle.advance") and a fixed argument list:
// up to three numbers, or one word. The table in command.cpp is the single place that pairs
// names, arguments and their allowed ranges.
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace fluorosim {

enum class CommandKind {
    // needle
    needle_select,        // word: needle id from the catalogue ("tuohy_20g_90mm")
    needle_entry,         // x y z: where the tip is set down (skin entry point), patient frame mm
    needle_aim,           // medial_deg cranial_deg: absolute aim, as NeedlePlacement
    needle_advance,       // mm > 0
    needle_withdraw,      // mm > 0
    needle_rotate_bevel,  // deg: turns the hub (and the bevel) about the shaft
    needle_depth,         // mm >= 0: advance or withdraw until the depth past the skin is this
    // C-arm
    carm_rotate,          // d_primary d_secondary (deg): LAO+/RAO-, CRAN+/CAUD-
    carm_angles,          // primary secondary (deg), absolute
    carm_table,           // dx dy dz (mm): moves the table with the patient
    carm_collimate,       // iris shutter_x shutter_y: fractions of the field (0.1..1)
    carm_magnification,   // mode 0..2
    carm_pulse_rate,      // pulses per second (0.5..30)
    carm_technique,       // kVp mA: what automatic brightness control settled on (the app feeds it back)
    pedal_down,           // live fluoroscopy starts: one pulse now, then one per 1/rate s
    pedal_up,
    carm_shot,            // a single pulse
    carm_save_reference,  // last image -> reference monitor
    carm_preset,          // word: ap | lateral | oblique_left | oblique_right (learning aid)
    // injection
    inject_contrast,      // mL
    inject_anaesthetic,   // mL (local anaesthetic)
    inject_steroid,       // mL
    aspirate,
    lor_attach,           // loss-of-resistance syringe onto the hub
    lor_detach,
    lor_press,            // thumb pressure on the plunger (held until lor.release)
    lor_release,
    // session
    session_start,
    session_pause,
    session_resume,
    session_end,
    session_learning_aids,  // word: on | off
};

struct Command {
    double time = 0.0;                 // seconds since the session clock's zero
    CommandKind kind = CommandKind::session_start;
    std::array<double, 3> values{};    // numeric arguments in order; unused ones stay 0
    std::string word;                  // the word argument, if the kind takes one

    bool operator==(const Command&) const = default;
};

// Step sizes input devices use for the needle (README keys: W/S 1 mm, with Shift 5 mm) and
// for the C-arm (arrows 1 deg, with Shift 5 deg).
constexpr double kFineStepMm = 1.0;
constexpr double kCoarseStepMm = 5.0;
constexpr double kFineStepDeg = 1.0;
constexpr double kCoarseStepDeg = 5.0;

struct CommandInfo {
    CommandKind kind;
    std::string_view name;  // "needle.advance"
    int numbers;            // how many numeric arguments
    bool word;              // takes one word instead
    std::string_view usage; // argument names for messages: "MM"
};
const std::vector<CommandInfo>& command_table();
const CommandInfo& info(CommandKind kind);
// nullptr when no command has that name.
const CommandInfo* find_command(std::string_view name);
std::string_view to_string(CommandKind kind);

// Convenience for devices and tests.
Command make_command(double time, CommandKind kind, std::array<double, 3> values = {}, std::string word = {});

// Empty when the command's arguments are valid (finite, in range, a known word or needle id);
// otherwise one sentence saying what is wrong. Time order is the session's business.
std::string check_arguments(const Command& command);

}  // namespace fluorosim
