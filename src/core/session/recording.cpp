#include "core/session/recording.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace fluorosim {
namespace {

std::string number(double v) {
    char b[64];
    const auto r = std::to_chars(b, b + sizeof b, v);  // shortest text that reads back exactly
    return std::string(b, r.ptr);
}

bool parse_double(std::string_view token, double& out) {
    const auto r = std::from_chars(token.data(), token.data() + token.size(), out);
    return r.ec == std::errc() && r.ptr == token.data() + token.size();
}

std::vector<std::string_view> tokens(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
        const std::size_t j = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
        if (i > j) out.push_back(line.substr(j, i - j));
    }
    return out;
}

std::string_view strip_comment(std::string_view line) {
    const auto hash = line.find('#');
    return hash == std::string_view::npos ? line : line.substr(0, hash);
}

[[noreturn]] void fail(const SourceLocation& where, const std::string& message) { throw InputError(where, message); }

}  // namespace

Recording record(const Session& session, std::string scenario_path) {
    Recording r;
    r.seed = session.options().seed;
    r.bevel_deflection = session.options().bevel_deflection;
    r.scenario = std::move(scenario_path);
    r.commands = session.commands();
    return r;
}

std::string format_command(const Command& c) {
    const CommandInfo& ci = info(c.kind);
    std::string s = number(c.time) + " " + std::string(ci.name);
    for (int i = 0; i < ci.numbers; ++i) s += " " + number(c.values[std::size_t(i)]);
    if (ci.word) s += " " + c.word;
    return s;
}

Command parse_command(std::string_view line, const SourceLocation& where) {
    const std::vector<std::string_view> t = tokens(line);
    if (t.size() < 2) fail(where, "expected 'TIME COMMAND ARGUMENTS', got '" + std::string(line) + "'");
    Command c;
    if (!parse_double(t[0], c.time) || !std::isfinite(c.time))
        fail(where, "bad time '" + std::string(t[0]) + "' (seconds, a finite number)");
    const CommandInfo* ci = find_command(t[1]);
    if (!ci) fail(where, "unknown command '" + std::string(t[1]) + "'");
    c.kind = ci->kind;
    const std::size_t want = std::size_t(ci->numbers) + (ci->word ? 1 : 0);
    if (t.size() - 2 != want) {
        const std::string usage = ci->usage.empty() ? "no arguments" : std::string(ci->usage);
        const std::string extra = t.size() - 2 > want ? " (extra '" + std::string(t[2 + want]) + "')" : "";
        fail(where, std::string(ci->name) + " takes " + usage + ", got " + std::to_string(t.size() - 2) +
                        " argument(s)" + extra);
    }
    for (int i = 0; i < ci->numbers; ++i)
        if (!parse_double(t[2 + std::size_t(i)], c.values[std::size_t(i)]))
            fail(where, std::string(ci->name) + ": bad number '" + std::string(t[2 + std::size_t(i)]) + "'");
    if (ci->word) c.word = std::string(t.back());
    return c;
}

void write_recording(const Recording& r, std::ostream& out) {
    out << "# FluoroSim session recording: TIME COMMAND ARGUMENTS per line (src/core/session/recording.hpp)\n";
    out << "fluorosim_recording " << Recording::format_version << "\n";
    out << "seed " << r.seed << "\n";
    out << "bevel_deflection " << (r.bevel_deflection ? "on" : "off") << "\n";
    if (!r.scenario.empty()) out << "scenario " << r.scenario << "\n";
    for (const Command& c : r.commands) out << format_command(c) << "\n";
}

std::string write_recording(const Recording& r) {
    std::ostringstream s;
    write_recording(r, s);
    return s.str();
}

Recording parse_recording(const std::string& text, const std::string& file_name) {
    Recording r;
    bool have_version = false;
    std::istringstream in(text);
    std::string raw;
    int line_no = 0;
    while (std::getline(in, raw)) {
        ++line_no;
        const std::string_view line = strip_comment(raw);
        const std::vector<std::string_view> t = tokens(line);
        if (t.empty()) continue;
        SourceLocation where{file_name, line_no, std::string(t[0])};
        if (t[0] == "fluorosim_recording") {
            if (t.size() != 2 || t[1] != std::to_string(Recording::format_version))
                fail(where, "unsupported recording version '" + std::string(t.size() > 1 ? t[1] : "") + "' (this build reads " +
                                std::to_string(Recording::format_version) + ")");
            have_version = true;
            continue;
        }
        if (!have_version) fail(where, "a recording starts with 'fluorosim_recording 1', got '" + std::string(t[0]) + "'");
        if (t[0] == "seed") {
            const auto* end = t.size() == 2 ? t[1].data() + t[1].size() : nullptr;
            if (!end || std::from_chars(t[1].data(), end, r.seed).ptr != end)
                fail(where, "bad seed '" + std::string(t.size() > 1 ? t[1] : "") + "' (a whole number >= 0)");
        } else if (t[0] == "bevel_deflection") {
            if (t.size() != 2 || (t[1] != "on" && t[1] != "off"))
                fail(where, "bevel_deflection is 'on' or 'off', got '" + std::string(t.size() > 1 ? t[1] : "") + "'");
            r.bevel_deflection = t[1] == "on";
        } else if (t[0] == "scenario") {
            const std::size_t at = line.find("scenario") + 8;
            const std::vector<std::string_view> rest = tokens(line.substr(at));
            if (rest.empty()) fail(where, "scenario needs a path");
            r.scenario = std::string(line.substr(at));
            r.scenario.erase(0, r.scenario.find_first_not_of(" \t"));
            r.scenario.erase(r.scenario.find_last_not_of(" \t\r") + 1);
        } else {
            where.field = t.size() > 1 ? std::string(t[1]) : std::string(t[0]);
            r.commands.push_back(parse_command(line, where));
        }
    }
    if (!have_version) fail({file_name, line_no, ""}, "not a recording: no 'fluorosim_recording 1' line");
    return r;
}

Recording load_recording(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError({path, 0, ""}, "cannot open the recording");
    std::ostringstream s;
    s << in.rdbuf();
    return parse_recording(s.str(), path);
}

void save_recording(const Recording& recording, const std::string& path) {
    std::ofstream out(path, std::ios::binary);
    if (!out) throw InputError({path, 0, ""}, "cannot write the recording");
    write_recording(recording, out);
    if (!out) throw InputError({path, 0, ""}, "writing the recording failed");
}

Session replay(const Recording& recording, const Scenario& scenario, std::shared_ptr<const TissueQuery> query,
               const std::vector<Structure>* structures) {
    Session session(scenario, std::move(query), structures, recording.options());
    for (const Command& c : recording.commands) session.apply(c);
    return session;
}

Session replay(const Recording& recording, const Scenario& scenario, const Scene& scene,
               const std::vector<Structure>* structures) {
    return replay(recording, scenario, std::make_shared<const TissueQuery>(scene), structures);
}

}  // namespace fluorosim
