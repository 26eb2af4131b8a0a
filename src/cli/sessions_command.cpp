// fluorosim sessions: the trainee database from the command line (list, show, trainees, export,
// report, replay, recover). Every subcommand takes --db FILE (default $FLUOROSIM_DB, else
// $XDG_DATA_HOME/fluorosim/sessions.db) and answers --help.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>

#include <nlohmann/json.hpp>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "core/scoring/report_export.hpp"
#include "core/util/error.hpp"
#include "core/util/paths.hpp"
#include "core/xray/material_library.hpp"
#include "io/patient_file.hpp"
#include "io/patient_scene.hpp"
#include "io/session_store.hpp"

namespace fluorosim::cli {
namespace {
namespace fs = std::filesystem;

const char* k_db_help =
    "trainee database (default $FLUOROSIM_DB, else $XDG_DATA_HOME/fluorosim/sessions.db)";

// The database named by --db (or the default). Reading commands never create one.
io::SessionStore open_store(const Args& args) {
    const fs::path file =
        args.has("--db") ? fs::path(args.get("--db")) : io::default_database_path();
    if (!fs::exists(file))
        throw InputError({file.string(), 0, ""},
                         "no session database here (the window creates it on first use)");
    return io::SessionStore(file);
}

std::int64_t session_id(const Args& args) {
    const std::string& text = args.positionals().at(0);
    std::size_t used = 0;
    long long id = 0;
    try {
        id = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || id <= 0)
        throw UsageError("expected a session number (see 'fluorosim sessions list'), got '" + text +
                         "'");
    return id;
}

void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    if (!out || !(out << bytes)) throw InputError({path.string(), 0, ""}, "cannot write the file");
}

// The scenario file as the app recorded it: relative to the working folder, else to the data
// folder.
fs::path scenario_path(const io::SessionInfo& s) {
    for (const fs::path& p : {fs::path(s.scenario_file), paths::data_dir() / s.scenario_file})
        if (!s.scenario_file.empty() && fs::exists(p)) return p;
    throw InputError({s.scenario_file, 0, ""},
                     "cannot find the scenario of session " + std::to_string(s.id));
}

std::string score_text(const io::SessionInfo& s) {
    if (!s.scored) return "-";
    char b[32];
    std::snprintf(b, sizeof b, "%.1f %s", s.score, s.passed ? "pass" : "fail");
    return b;
}

std::string status_text(const io::SessionInfo& s) {
    std::string t = to_string(s.status);
    if (s.status == io::SessionStatus::in_progress && !io::process_alive(s.pid)) t += " (orphaned)";
    return t;
}

std::vector<ReportImage> report_images(io::SessionStore& store, std::int64_t id) {
    std::vector<ReportImage> out;
    for (const io::StoredImage& i : store.images(id)) {
        char caption[96];
        std::snprintf(caption, sizeof caption, "%.1f s, %s", i.time, i.angles.c_str());
        out.push_back({caption, i.png});
    }
    return out;
}

ScoreReport stored_report(io::SessionStore& store, std::int64_t id) {
    auto report = store.report(id);
    if (!report)
        throw InputError("session " + std::to_string(id) + " has no score (it was not finished)");
    return *report;
}

// The stored command stream re-run headless on its scenario and patient.
struct Rerun {
    Scenario scenario;
    Patient patient;
    std::optional<Session> session;
};
Rerun rerun(io::SessionStore& store, const io::SessionInfo& info) {
    Rerun r;
    r.scenario = load_scenario(scenario_path(info).string());
    const SourceLocation where{store.file().string(), 0, "sessions[" + std::to_string(info.id) + "].patient"};
    if (!info.patient.empty() && info.patient.find("\"mesh\"") != std::string::npos) {
        // A session on the user's own mesh file (the app's "Open your own anatomy model").
        const auto j = nlohmann::json::parse(info.patient, nullptr, false);
        if (!j.is_object() || !j.contains("mesh")) throw InputError(where, "malformed mesh patient");
        r.scenario.patient.source = PatientSource::mesh_file;
        r.scenario.patient.mesh_file = j.value("mesh", std::string());
        r.scenario.patient.mesh_mm_per_unit = j.value("mm_per_unit", 1.0);
        const std::string up = j.value("up", std::string("z"));
        r.scenario.patient.mesh_up_axis = up.empty() ? 'z' : up[0];
        r.patient = io::build_patient(r.scenario, MaterialLibrary::standard());
    } else if (!info.patient.empty()) {
        // The app's "New patient": the parameters it was generated from.
        r.patient = io::obtain_patient(io::parse_patient_parameters(info.patient, where), MaterialLibrary::standard());
    } else if (r.scenario.patient.source == PatientSource::generated) {
        PatientParameters p = r.scenario.patient.parameters;
        p.seed = unsigned(info.patient_seed);  // the app may have generated another patient
        r.patient = io::obtain_patient(p, MaterialLibrary::standard());
    } else {
        r.patient = io::build_patient(r.scenario, MaterialLibrary::standard());
    }
    r.session.emplace(replay(store.recording(info.id), r.scenario, r.patient.scene,
                             r.patient.structures.empty() ? nullptr : &r.patient.structures));
    return r;
}

int list(const std::vector<std::string>& argv) {
    Args args("sessions list", "List the sessions in the trainee database, oldest first.");
    args.option("--db", "FILE", k_db_help)
        .option("--trainee", "NAME", "only this trainee's sessions");
    args.option("--status", "S",
                "only sessions in this state: in_progress, finished, abandoned or recovered");
    if (!args.parse(argv)) return 0;
    io::SessionFilter filter{args.get("--trainee"), std::nullopt};
    if (args.has("--status")) {
        filter.status = io::parse_session_status(args.get("--status"));
        if (!filter.status)
            throw UsageError(
                "option '--status' expects in_progress, finished, abandoned or recovered, got '" +
                args.get("--status") + "'");
    }
    io::SessionStore store = open_store(args);
    std::printf("%5s  %-20s  %-14s  %-28s  %-8s  %-22s  %5s  %4s  %s\n", "ID", "STARTED", "TRAINEE",
                "SCENARIO", "MODE", "STATUS", "CMDS", "IMGS", "SCORE");
    for (const io::SessionInfo& s : store.sessions(filter))
        std::printf("%5lld  %-20s  %-14s  %-28s  %-8s  %-22s  %5d  %4d  %s\n",
                    static_cast<long long>(s.id), s.started_at.c_str(), s.trainee.c_str(),
                    s.scenario.c_str(), s.mode.c_str(), status_text(s).c_str(), s.commands,
                    s.images, score_text(s).c_str());
    return 0;
}

int trainees(const std::vector<std::string>& argv) {
    Args args("sessions trainees", "List the trainee profiles with their session counts.");
    args.option("--db", "FILE", k_db_help);
    if (!args.parse(argv)) return 0;
    io::SessionStore store = open_store(args);
    for (const std::string& name : store.trainees()) {
        const auto all = store.sessions({name, std::nullopt});
        const auto done = store.attempts({name, std::nullopt});
        int passed = 0;
        for (const auto& a : done) passed += a.passed;
        std::printf("%-20s %3zu sessions, %3zu scored, %3d passed\n", name.c_str(), all.size(),
                    done.size(), passed);
    }
    return 0;
}

int show(const std::vector<std::string>& argv) {
    Args args("sessions show", "Print one session: who, what, when, its events, images and score.");
    args.positional("ID", "session number").option("--db", "FILE", k_db_help);
    if (!args.parse(argv)) return 0;
    io::SessionStore store = open_store(args);
    const io::SessionInfo s = store.session(session_id(args));
    std::printf(
        "session %lld\n  trainee   %s\n  scenario  %s (%s)\n  patient   seed %llu\n  seed      "
        "%llu%s\n  mode      %s\n"
        "  started   %s\n  ended     %s\n  status    %s\n  commands  %d\n",
        static_cast<long long>(s.id), s.trainee.c_str(), s.scenario.c_str(),
        s.scenario_file.c_str(), static_cast<unsigned long long>(s.patient_seed),
        static_cast<unsigned long long>(s.session_seed),
        s.bevel_deflection ? "" : " (bevel deflection off)", s.mode.c_str(), s.started_at.c_str(),
        s.ended_at.empty() ? "-" : s.ended_at.c_str(), status_text(s).c_str(), s.commands);
    std::printf("\nevents (%d)\n", s.events);
    for (const io::StoredEvent& e : store.events(s.id))
        std::printf("  %7.2f s  %-22s %s  (%.1f, %.1f, %.1f)\n", e.time, e.kind.c_str(),
                    e.message.c_str(), e.position.x, e.position.y, e.position.z);
    std::printf("\nimages (%d)\n", s.images);
    for (const io::StoredImage& i : store.images(s.id))
        std::printf("  %7.2f s  #%-4d %-12s %-20s %5.1f kVp %5.2f mA  %zu-byte thumbnail\n", i.time,
                    i.index, i.single_shot ? "single shot" : "live (held)", i.angles.c_str(), i.kvp,
                    i.ma, i.png.size());
    if (auto report = store.report(s.id))
        std::printf("\n%s", report_text(*report).c_str());
    else
        std::printf("\nnot scored\n");
    return 0;
}

int report(const std::vector<std::string>& argv) {
    Args args("sessions report",
              "Print a finished session's score report (the one the window showed).");
    args.positional("ID", "session number").option("--db", "FILE", k_db_help);
    args.flag("--json", "print the report as JSON instead of the text table");
    args.option("--html", "FILE",
                "also write the self-contained HTML report, with the session's images");
    if (!args.parse(argv)) return 0;
    io::SessionStore store = open_store(args);
    const std::int64_t id = store.session(session_id(args)).id;
    const ScoreReport r = stored_report(store, id);
    std::fputs((args.has("--json") ? report_json(r) : report_text(r)).c_str(), stdout);
    if (args.has("--html"))
        write_file(args.get("--html"), report_html(r, report_images(store, id)));
    return 0;
}

int export_session(const std::vector<std::string>& argv) {
    Args args(
        "sessions export",
        "Write a session's files into a folder: session-ID.txt (a recording that 'fluorosim "
        "score'\n"
        "and the window's --replay read), and when scored report.json, report.html, report.csv;\n"
        "the images as image-NN.png.");
    args.positional("ID", "session number")
        .option("--db", "FILE", k_db_help)
        .option("--out", "DIR", "folder to write into");
    if (!args.parse(argv)) return 0;
    if (!args.has("--out")) throw UsageError("missing --out DIR");
    io::SessionStore store = open_store(args);
    const io::SessionInfo s = store.session(session_id(args));
    const fs::path dir = args.get("--out");
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw InputError({dir.string(), 0, ""}, "cannot create the folder: " + ec.message());
    const std::string id = std::to_string(s.id);
    std::vector<fs::path> written{dir / ("session-" + id + ".txt")};
    write_file(written.back(), "# FluoroSim session " + id + " of " + s.trainee + ", " +
                                   s.started_at + " (" + to_string(s.status) + ")\n" +
                                   write_recording(store.recording(s.id)));
    if (auto r = store.report(s.id)) {
        written.push_back(dir / "report.json");
        write_file(written.back(), report_json(*r));
        written.push_back(dir / "report.html");
        write_file(written.back(), report_html(*r, report_images(store, s.id)));
        written.push_back(dir / "report.csv");
        write_file(written.back(), report_csv_header() + "\n" +
                                       report_csv_line(*r, s.trainee + " " + s.started_at) + "\n");
    }
    int n = 0;
    for (const io::StoredImage& i : store.images(s.id)) {
        char name[32];
        std::snprintf(name, sizeof name, "image-%02d.png", ++n);
        written.push_back(dir / name);
        write_file(written.back(), std::string(i.png.begin(), i.png.end()));
    }
    for (const fs::path& p : written) std::printf("wrote %s\n", p.c_str());
    return 0;
}

int replay_session(const std::vector<std::string>& argv) {
    Args args(
        "sessions replay",
        "Re-run a session's stored commands headless on its scenario and patient and score it;\n"
        "says whether the events and the score equal the stored ones (exit status 3 if not).");
    args.positional("ID", "session number").option("--db", "FILE", k_db_help);
    args.flag("--json", "print the new report as JSON instead of the text table");
    if (!args.parse(argv)) return 0;
    io::SessionStore store = open_store(args);
    const io::SessionInfo info = store.session(session_id(args));
    Rerun r = rerun(store, info);
    std::vector<io::StoredEvent> events;
    for (const Event& e : r.session->events()) events.push_back(io::stored(e));
    const bool same_events = events == store.events(info.id);
    std::printf("replayed %zu commands: %zu events, %s the stored %d\n",
                r.session->commands().size(), events.size(),
                same_events ? "identical to" : "DIFFERENT from", info.events);
    bool same_score = true;
    if (!r.scenario.targets.empty() && r.patient.landmarks.size() > 0 && info.scored) {
        ScoreReport now =
            score_attempt(r.scenario, r.patient, r.session->events(), r.session->state());
        const ScoreReport then = stored_report(store, info.id);
        now.scenario_file = then.scenario_file;  // the same file, perhaps found from another folder
        same_score = now == then;
        std::fputs((args.has("--json") ? report_json(now) : report_text(now)).c_str(), stdout);
        std::printf("score %.1f: %s the stored score %.1f\n", now.score,
                    same_score ? "reproduces" : "DIFFERS from", info.score);
    } else {
        std::printf("not scored (the session was not finished)\n");
    }
    return same_events && same_score ? 0 : 3;
}

int recover(const std::vector<std::string>& argv) {
    Args args(
        "sessions recover",
        "Recover a session a crashed run left in progress: replay its stored commands headless,\n"
        "store the events they give and mark it recovered. (The window offers the same at start\n"
        "and then goes on with the session: 'fluorosim --recover ID'.)");
    args.positional("ID", "session number").option("--db", "FILE", k_db_help);
    if (!args.parse(argv)) return 0;
    io::SessionStore store = open_store(args);
    const io::SessionInfo info = store.session(session_id(args));
    if (info.status != io::SessionStatus::in_progress)
        throw InputError("session " + std::to_string(info.id) + " is " + to_string(info.status) +
                         ": nothing to recover");
    if (io::process_alive(info.pid))
        throw InputError("session " + std::to_string(info.id) +
                         " is still being written by process " + std::to_string(info.pid));
    Rerun r = rerun(store, info);
    store.replace_events(info.id, r.session->events());
    store.set_status(info.id, io::SessionStatus::recovered);
    store.commit();
    const SessionState& st = r.session->state();
    std::printf(
        "recovered session %lld of %s on %s: %zu commands up to %.1f s, %zu events, %ld pulses; "
        "needle %.1f mm "
        "past the skin\n",
        static_cast<long long>(info.id), info.trainee.c_str(), info.scenario.c_str(),
        r.session->commands().size(),
        r.session->commands().empty() ? 0.0 : r.session->commands().back().time,
        r.session->events().size(), st.dose.pulses, st.needle.depth_mm());
    return 0;
}

}  // namespace

int sessions_command(const std::vector<std::string>& argv) {
    static const std::map<
        std::string, std::pair<std::function<int(const std::vector<std::string>&)>, const char*>>
        subs = {
            {"list", {list, "list sessions (--trainee T, --status S)"}},
            {"show", {show, "one session: metadata, events, images, score"}},
            {"trainees", {trainees, "the trainee profiles"}},
            {"export",
             {export_session, "write a session's recording, reports and images into --out DIR"}},
            {"report", {report, "print a finished session's score report (--json, --html FILE)"}},
            {"replay",
             {replay_session,
              "re-run a session headless and check it reproduces its events and score"}},
            {"recover", {recover, "recover a session a crashed run left in progress"}},
        };
    const std::string sub = argv.empty() ? "" : argv.front();
    if (sub.empty())
        throw UsageError(
            "sessions needs a subcommand: list, show, trainees, export, report, replay or recover");
    if (sub == "--help" || sub == "-h") {
        std::printf(
            "usage: fluorosim sessions SUBCOMMAND [options]\n\nThe trainee database (see README "
            "\"Sessions and the "
            "trainee database\").\n\nsubcommands:\n");
        for (const auto& [name, s] : subs) std::printf("  %-10s %s\n", name.c_str(), s.second);
        std::printf("\n'fluorosim sessions SUBCOMMAND --help' describes each.\n");
        return 0;
    }
    const auto it = subs.find(sub);
    if (it == subs.end())
        throw UsageError("unknown sessions subcommand '" + sub +
                         "' (see 'fluorosim sessions --help')");
    return it->second.first(std::vector<std::string>(argv.begin() + 1, argv.end()));
}

}  // namespace fluorosim::cli
