#pragma once
// Session recordings: the command stream as text, and replay (DESIGN.md "The loop": recording
// a session = its command stream; replay = re-applying it to a fresh session).
//
// Format (version 1), UTF-8 text, one item per line:
//
//   # FluoroSim session recording              <- '#' starts a comment, anywhere on a line
//   fluorosim_recording 1                      <- required, before any other item
//   seed 42                                    <- session seed (image noise); default 1
//   bevel_deflection on                        <- on | off; default on
//   scenario scenarios/ilesi_l4l5.yaml         <- optional: the scenario it ran (rest of line)
//   0 session.start
//   1.5 needle.select tuohy_20g_90mm
//   2 needle.entry 3.5 80 12                   <- TIME COMMAND ARGUMENTS...
//   12.5 needle.advance 2
//   12.75 pedal.down
//
// A command line is: the time in seconds, the command name (command.hpp's table: needle.*,
// carm.*, pedal.*, inject.*, aspirate, lor.*, session.*), then exactly the arguments that
// command takes, separated by blanks: numbers (decimal or exponent notation), or one word
// (needle id, view name, on/off). Blank lines are ignored. The parser checks syntax only
// (known command, argument count, numbers that parse, finite time); values out of range and
// times out of order are the session's business, which refuses them with an event, so a
// recording of a session with refused commands replays to the same refusals.
// Written numbers use the shortest text that reads back to the same double, so
// parse(write(r)) == r and write(parse(text)) == text for text the writer produced.
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/session/command.hpp"
#include "core/session/session.hpp"
#include "core/util/error.hpp"

namespace fluorosim {

struct Recording {
    static constexpr int format_version = 1;

    std::uint64_t seed = 1;
    bool bevel_deflection = true;
    std::string scenario;  // informational: the scenario file the session ran ("" if unknown)
    std::vector<Command> commands;

    SessionOptions options() const { return {seed, bevel_deflection}; }
    bool operator==(const Recording&) const = default;
};

// The command stream of a session so far, with its options.
Recording record(const Session& session, std::string scenario_path = {});

// "12.5 needle.advance 2"
std::string format_command(const Command& command);
// One command line (no comment, not blank); throws InputError at `where` naming the bad token.
Command parse_command(std::string_view line, const SourceLocation& where);

std::string write_recording(const Recording& recording);
void write_recording(const Recording& recording, std::ostream& out);
// Throws InputError "file:line: ..." naming the bad token.
Recording parse_recording(const std::string& text, const std::string& file_name);
Recording load_recording(const std::string& path);
void save_recording(const Recording& recording, const std::string& path);

// A fresh session with the recording's options, every command re-applied.
Session replay(const Recording& recording, const Scenario& scenario, const Scene& scene,
               const std::vector<Structure>* structures);
Session replay(const Recording& recording, const Scenario& scenario, std::shared_ptr<const TissueQuery> query,
               const std::vector<Structure>* structures);

}  // namespace fluorosim
