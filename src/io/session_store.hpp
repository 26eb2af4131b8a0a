#pragma once
// The trainee database (DESIGN.md "Data on disk"): one SQLite file per installation holding the
// trainee profiles and every session: who, which scenario and patient, its command stream (the
// recording, so any session replays), its events, the images taken (pose, technique and a PNG
// thumbnail) and, once finished, its score report.
//
// Crash safety: the file runs in WAL mode and a writer appends inside one open transaction that
// commit() closes; the app's recorder commits about once per second, so a killed process loses
// at most its last second. A session a dead process left `in_progress` is found by orphans()
// (the writer's process id is stored with the session) and can be recovered.
//
// Schema versions live in PRAGMA user_version: 1 (first layout) and 2 (adds images, mode,
// writer pid and the headline figures). Opening migrates older files; a newer file is refused.
// SQLite itself stays private to this layer: nothing here includes sqlite3.h.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "io/utc_time.hpp"  // utc_now, for the times callers store
#include "core/records/attempt_result.hpp"
#include "core/scoring/score.hpp"
#include "core/session/event.hpp"
#include "core/session/recording.hpp"

struct sqlite3;

namespace fluorosim::io {

// $FLUOROSIM_DB if set, else $XDG_DATA_HOME/fluorosim/sessions.db.
std::filesystem::path default_database_path();
// Whether process `pid` is alive on this machine (0: never).
bool process_alive(std::int64_t pid);

enum class SessionStatus { in_progress, finished, abandoned, recovered };
std::string to_string(SessionStatus status);
std::optional<SessionStatus> parse_session_status(const std::string& text);

struct NewSession {
    std::string trainee;
    std::string scenario;  // name
    std::string scenario_file;
    std::uint64_t patient_seed = 0;
    std::uint64_t session_seed = 1;
    bool bevel_deflection = true;
    std::string mode = "practice";  // "practice" or "exam"
    std::string started_at;         // "" = now
    std::int64_t pid = 0;           // the writing process (orphan detection)
    // The patient when it is not the scenario's own, as Station::other_patient() gives it (the
    // generator's parameters in JSON, or a mesh file); "" = the scenario's.
    std::string patient;
};

struct SessionInfo {
    std::int64_t id = 0;
    std::string trainee, scenario, scenario_file;
    std::uint64_t patient_seed = 0, session_seed = 1;
    bool bevel_deflection = true;
    std::string mode;
    std::string started_at, ended_at;  // ended_at "" while in progress
    SessionStatus status = SessionStatus::in_progress;
    std::int64_t pid = 0;
    int commands = 0, events = 0, images = 0;
    bool scored = false;
    double score = 0.0;
    bool passed = false;
    std::string patient;  // as NewSession::patient

    bool operator==(const SessionInfo&) const = default;
};

struct StoredEvent {
    double time = 0.0;
    std::string kind;  // to_string(EventKind)
    std::string message;
    glm::dvec3 position{0.0};
    std::string structure;
    double amount = 0.0;

    bool operator==(const StoredEvent&) const = default;
};
StoredEvent stored(const Event& event);

// One image a trainee took: a single shot, or the image held after a live-fluoroscopy run.
struct StoredImage {
    double time = 0.0;
    int index = 0;  // the session's image (pulse) index
    bool single_shot = true;
    double primary_deg = 0.0, secondary_deg = 0.0;
    std::string angles;  // "LAO 25°  CAU 10°"
    double kvp = 0.0, ma = 0.0;
    std::vector<std::uint8_t> png;  // thumbnail

    bool operator==(const StoredImage&) const = default;
};

struct SessionFilter {
    std::string trainee;                  // "" = all
    std::optional<SessionStatus> status;  // nullopt = all
};

class SessionStore {
  public:
    static constexpr int schema_version = 3;

    // Opens or creates the file (and its folder) and migrates it to schema_version. Throws
    // InputError naming the file when it is not a database, is corrupt or comes from a newer
    // FluoroSim.
    explicit SessionStore(const std::filesystem::path& file);
    ~SessionStore();
    SessionStore(const SessionStore&) = delete;
    SessionStore& operator=(const SessionStore&) = delete;

    const std::filesystem::path& file() const { return file_; }

    // Trainee profiles (created on first use, kept in name order).
    void add_trainee(const std::string& name);
    std::vector<std::string> trainees();

    // Writing. Each call joins the open write transaction; commit() makes it durable.
    std::int64_t begin_session(const NewSession& session);
    void append_command(std::int64_t session, const Command& command);
    void append_event(std::int64_t session, const Event& event);
    void append_image(std::int64_t session, const StoredImage& image);
    void finish_session(std::int64_t session, const ScoreReport& report,
                        const std::string& ended_at = "");
    void set_status(std::int64_t session, SessionStatus status, const std::string& ended_at = "");
    // Removes a session with everything it holds.
    void delete_session(std::int64_t session);
    void set_trainee(std::int64_t session, const std::string& trainee);
    // The session's events re-derived by a replay (recovery) in place of the stored ones.
    void replace_events(std::int64_t session, const std::vector<Event>& events);
    // Claims an in-progress session for this process (recovery continues writing into it).
    void set_writer(std::int64_t session, std::int64_t pid);
    void commit();

    // Reading (sees this connection's uncommitted writes too).
    std::vector<SessionInfo> sessions(const SessionFilter& filter = {});
    // Throws InputError "no session N in FILE".
    SessionInfo session(std::int64_t id);
    Recording recording(std::int64_t id);  // the stored command stream with its options
    std::vector<StoredEvent> events(std::int64_t id);
    std::vector<StoredImage> images(std::int64_t id);
    std::optional<ScoreReport> report(std::int64_t id);
    // Sessions left in_progress by a process that is no longer running.
    std::vector<SessionInfo> orphans();
    // The finished (scored) sessions as the dashboard reads them, oldest first.
    std::vector<AttemptResult> attempts(const SessionFilter& filter = {});

  private:
    void exec(const std::string& sql);
    void begin_write();

    std::filesystem::path file_;
    sqlite3* db_ = nullptr;
    bool in_write_ = false;
};

}  // namespace fluorosim::io
