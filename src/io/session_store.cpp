#include "io/session_store.hpp"

#include <sqlite3.h>
#include <signal.h>

#include <cerrno>
#include <cstdlib>
#include <ctime>

#include "core/scoring/report_export.hpp"
#include "core/scoring/report_import.hpp"
#include "core/util/error.hpp"
#include "core/util/paths.hpp"
#include "io/session_schema.hpp"

namespace fluorosim::io {
namespace fs = std::filesystem;
namespace {

// One prepared statement, finalized on scope exit; errors name the database file.
class Statement {
  public:
    Statement(sqlite3* db, const fs::path& file, const char* sql) : db_(db), file_(file) {
        if (sqlite3_prepare_v2(db, sql, -1, &st_, nullptr) != SQLITE_OK) fail();
    }
    ~Statement() { sqlite3_finalize(st_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int i, std::int64_t v) { return check(sqlite3_bind_int64(st_, i, v)); }
    Statement& bind(int i, int v) { return check(sqlite3_bind_int(st_, i, v)); }
    Statement& bind(int i, double v) { return check(sqlite3_bind_double(st_, i, v)); }
    Statement& bind(int i, const std::string& v) {
        return check(sqlite3_bind_text(st_, i, v.c_str(), int(v.size()), SQLITE_TRANSIENT));
    }
    Statement& bind_blob(int i, const std::vector<std::uint8_t>& v) {
        return check(sqlite3_bind_blob(st_, i, v.data(), int(v.size()), SQLITE_TRANSIENT));
    }
    // true: a row is ready; false: done.
    bool step() {
        const int rc = sqlite3_step(st_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        fail();
        return false;
    }
    void run() {
        while (step()) {
        }
    }
    std::int64_t i64(int c) const { return sqlite3_column_int64(st_, c); }
    int i32(int c) const { return sqlite3_column_int(st_, c); }
    double real(int c) const { return sqlite3_column_double(st_, c); }
    bool null(int c) const { return sqlite3_column_type(st_, c) == SQLITE_NULL; }
    std::string text(int c) const {
        const auto* p = sqlite3_column_text(st_, c);
        return p ? std::string(reinterpret_cast<const char*>(p),
                               std::size_t(sqlite3_column_bytes(st_, c)))
                 : "";
    }
    std::vector<std::uint8_t> blob(int c) const {
        const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(st_, c));
        return p ? std::vector<std::uint8_t>(p, p + sqlite3_column_bytes(st_, c))
                 : std::vector<std::uint8_t>{};
    }

  private:
    Statement& check(int rc) {
        if (rc != SQLITE_OK) fail();
        return *this;
    }
    [[noreturn]] void fail() const {
        throw InputError({file_.string(), 0, ""},
                         std::string("session database: ") + sqlite3_errmsg(db_));
    }
    sqlite3* db_;
    const fs::path& file_;
    sqlite3_stmt* st_ = nullptr;
};

constexpr const char* k_session_columns =
    "SELECT s.id, s.trainee, s.scenario, s.scenario_file, s.patient_seed, s.session_seed, "
    "s.bevel_deflection, s.mode, "
    "s.started_at, s.ended_at, s.status, s.pid, s.score, s.passed, "
    "(SELECT count(*) FROM commands c WHERE c.session_id = s.id), (SELECT count(*) FROM events e "
    "WHERE e.session_id = s.id), "
    "(SELECT count(*) FROM images i WHERE i.session_id = s.id), s.uuid, s.score_json, s.patient FROM "
    "sessions "
    "s ";

SessionInfo read_info(const Statement& st) {
    SessionInfo s;
    s.id = st.i64(0);
    s.trainee = st.text(1);
    s.scenario = st.text(2);
    s.scenario_file = st.text(3);
    s.patient_seed = std::uint64_t(st.i64(4));
    s.session_seed = std::uint64_t(st.i64(5));
    s.bevel_deflection = st.i32(6) != 0;
    s.mode = st.text(7);
    s.started_at = st.text(8);
    s.ended_at = st.text(9);
    s.status = parse_session_status(st.text(10)).value_or(SessionStatus::abandoned);
    s.pid = st.i64(11);
    s.scored = !st.null(12);
    s.score = st.real(12);
    s.passed = st.i32(13) != 0;
    s.commands = st.i32(14);
    s.events = st.i32(15);
    s.images = st.i32(16);
    s.patient = st.text(19);
    return s;
}

}  // namespace

fs::path default_database_path() {
    if (const char* env = std::getenv("FLUOROSIM_DB"); env && *env) return env;
    return paths::user_data_dir() / "sessions.db";
}


bool process_alive(std::int64_t pid) {
    if (pid <= 0) return false;
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

std::string to_string(SessionStatus status) {
    switch (status) {
        case SessionStatus::in_progress:
            return "in_progress";
        case SessionStatus::finished:
            return "finished";
        case SessionStatus::abandoned:
            return "abandoned";
        case SessionStatus::recovered:
            return "recovered";
    }
    return "abandoned";
}

std::optional<SessionStatus> parse_session_status(const std::string& text) {
    for (SessionStatus s : {SessionStatus::in_progress, SessionStatus::finished,
                            SessionStatus::abandoned, SessionStatus::recovered})
        if (to_string(s) == text) return s;
    return std::nullopt;
}

StoredEvent stored(const Event& e) {
    return {e.time, std::string(to_string(e.kind)), e.message, e.position, e.structure, e.amount};
}

SessionStore::SessionStore(const fs::path& file) : file_(file) {
    std::error_code ec;
    if (file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
    if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
        const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw InputError({file.string(), 0, ""}, "cannot open the session database: " + why);
    }
    // Another process (the CLI beside the app) may hold the write lock briefly.
    sqlite3_busy_timeout(db_, 5000);
    try {
        // WAL: readers never block the writer, and a commit is one append to the log, so the
        // recorder can commit every second cheaply and a crash leaves the last commit intact.
        // synchronous=NORMAL is durable across a process crash in WAL mode (SQLite's docs); only
        // an OS crash or power loss may roll back the last commits.
        Statement probe(db_, file_, "PRAGMA journal_mode = WAL");
        probe.run();
        exec("PRAGMA synchronous = NORMAL");
        exec("PRAGMA foreign_keys = ON");
        migrate(db_, file_.string(), schema_version);
    } catch (const InputError&) {
        // Not a database, corrupt, or from a newer FluoroSim: the message names the file.
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

SessionStore::~SessionStore() {
    if (!db_) return;
    if (in_write_) sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
}

void SessionStore::exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error ? error : sqlite3_errmsg(db_);
        sqlite3_free(error);
        throw InputError({file_.string(), 0, ""}, "session database: " + message);
    }
}

void SessionStore::begin_write() {
    if (in_write_) return;
    exec("BEGIN IMMEDIATE");
    in_write_ = true;
}

void SessionStore::commit() {
    if (!in_write_) return;
    in_write_ = false;
    exec("COMMIT");
}

void SessionStore::add_trainee(const std::string& name) {
    if (name.empty()) throw InputError("a trainee needs a name");
    begin_write();
    Statement(db_, file_, "INSERT OR IGNORE INTO trainees (name, created_at) VALUES (?, ?)")
        .bind(1, name)
        .bind(2, utc_now())
        .run();
}

std::vector<std::string> SessionStore::trainees() {
    std::vector<std::string> out;
    Statement st(db_, file_, "SELECT name FROM trainees ORDER BY name");
    while (st.step()) out.push_back(st.text(0));
    return out;
}

std::int64_t SessionStore::begin_session(const NewSession& s) {
    add_trainee(s.trainee);
    Statement st(db_, file_,
                 "INSERT INTO sessions (trainee, scenario, scenario_file, patient_seed, "
                 "session_seed, bevel_deflection, "
                 "started_at, status, mode, pid, uuid, patient) VALUES (?, ?, ?, ?, ?, ?, ?, "
                 "'in_progress', ?, ?, ?, ?)");
    st.bind(1, s.trainee)
        .bind(2, s.scenario)
        .bind(3, s.scenario_file)
        .bind(4, std::int64_t(s.patient_seed));
    st.bind(5, std::int64_t(s.session_seed)).bind(6, int(s.bevel_deflection));
    st.bind(7, s.started_at.empty() ? utc_now() : s.started_at)
        .bind(8, s.mode)
        .bind(9, s.pid)
        .bind(10, new_uuid())
        .bind(11, s.patient);
    st.run();
    return sqlite3_last_insert_rowid(db_);
}

void SessionStore::append_command(std::int64_t session, const Command& c) {
    begin_write();
    Statement(db_, file_,
              "INSERT INTO commands (session_id, seq, line) VALUES (?1, "
              "(SELECT count(*) FROM commands WHERE session_id = ?1), ?2)")
        .bind(1, session)
        .bind(2, format_command(c))
        .run();
}

void SessionStore::append_event(std::int64_t session, const Event& event) {
    begin_write();
    const StoredEvent e = stored(event);
    Statement st(
        db_, file_,
        "INSERT INTO events (session_id, seq, time, kind, message, x, y, z, structure, amount) "
        "VALUES (?1, "
        "(SELECT count(*) FROM events WHERE session_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    st.bind(1, session)
        .bind(2, e.time)
        .bind(3, e.kind)
        .bind(4, e.message)
        .bind(5, e.position.x)
        .bind(6, e.position.y);
    st.bind(7, e.position.z).bind(8, e.structure).bind(9, e.amount).run();
}

void SessionStore::append_image(std::int64_t session, const StoredImage& i) {
    begin_write();
    Statement st(db_, file_,
                 "INSERT INTO images (session_id, seq, time, image_index, single_shot, "
                 "primary_deg, secondary_deg, angles, "
                 "kvp, ma, png) VALUES (?1, (SELECT count(*) FROM images WHERE session_id = ?1), "
                 "?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                 "?9, ?10)");
    st.bind(1, session)
        .bind(2, i.time)
        .bind(3, i.index)
        .bind(4, int(i.single_shot))
        .bind(5, i.primary_deg);
    st.bind(6, i.secondary_deg)
        .bind(7, i.angles)
        .bind(8, i.kvp)
        .bind(9, i.ma)
        .bind_blob(10, i.png)
        .run();
}

void SessionStore::finish_session(std::int64_t session, const ScoreReport& r,
                                  const std::string& ended_at) {
    begin_write();
    Statement st(db_, file_,
                 "UPDATE sessions SET status = 'finished', ended_at = ?, score_json = ?, score = "
                 "?, passed = ?, shots = ?, "
                 "fluoro_s = ?, dap_gy_cm2 = ? WHERE id = ?");
    st.bind(1, ended_at.empty() ? utc_now() : ended_at)
        .bind(2, report_json(r))
        .bind(3, r.score)
        .bind(4, int(r.passed));
    st.bind(5, r.metrics.shots)
        .bind(6, r.metrics.fluoro_s)
        .bind(7, r.metrics.dap_gy_cm2)
        .bind(8, session)
        .run();
}

void SessionStore::set_status(std::int64_t session, SessionStatus status,
                              const std::string& ended_at) {
    begin_write();
    const std::string end = status == SessionStatus::in_progress ? ""
                            : ended_at.empty()                   ? utc_now()
                                                                 : ended_at;
    Statement(db_, file_, "UPDATE sessions SET status = ?, ended_at = ? WHERE id = ?")
        .bind(1, to_string(status))
        .bind(2, end)
        .bind(3, session)
        .run();
}

void SessionStore::delete_session(std::int64_t session) {
    begin_write();
    for (const char* sql :
         {"DELETE FROM commands WHERE session_id = ?", "DELETE FROM events WHERE session_id = ?",
          "DELETE FROM images WHERE session_id = ?", "DELETE FROM sessions WHERE id = ?"})
        Statement(db_, file_, sql).bind(1, session).run();
}

void SessionStore::set_trainee(std::int64_t session, const std::string& trainee) {
    add_trainee(trainee);
    Statement(db_, file_, "UPDATE sessions SET trainee = ? WHERE id = ?")
        .bind(1, trainee)
        .bind(2, session)
        .run();
}

void SessionStore::replace_events(std::int64_t session, const std::vector<Event>& events) {
    begin_write();
    Statement(db_, file_, "DELETE FROM events WHERE session_id = ?").bind(1, session).run();
    for (const Event& e : events) append_event(session, e);
}

void SessionStore::set_writer(std::int64_t session, std::int64_t pid) {
    begin_write();
    Statement(db_, file_,
              "UPDATE sessions SET status = 'in_progress', ended_at = '', pid = ? WHERE id = ?")
        .bind(1, pid)
        .bind(2, session)
        .run();
}

std::vector<SessionInfo> SessionStore::sessions(const SessionFilter& filter) {
    const std::string sql =
        std::string(k_session_columns) +
        "WHERE (?1 = '' OR s.trainee = ?1) AND (?2 = '' OR s.status = ?2) ORDER BY s.id";
    Statement st(db_, file_, sql.c_str());
    st.bind(1, filter.trainee).bind(2, filter.status ? to_string(*filter.status) : std::string());
    std::vector<SessionInfo> out;
    while (st.step()) out.push_back(read_info(st));
    return out;
}

SessionInfo SessionStore::session(std::int64_t id) {
    const std::string sql = std::string(k_session_columns) + "WHERE s.id = ?";
    Statement st(db_, file_, sql.c_str());
    st.bind(1, id);
    if (!st.step()) throw InputError("no session " + std::to_string(id) + " in " + file_.string());
    return read_info(st);
}

Recording SessionStore::recording(std::int64_t id) {
    const SessionInfo info = session(id);
    Recording r;
    r.seed = info.session_seed;
    r.bevel_deflection = info.bevel_deflection;
    r.scenario = info.scenario_file;
    Statement st(db_, file_, "SELECT seq, line FROM commands WHERE session_id = ? ORDER BY seq");
    st.bind(1, id);
    while (st.step())
        r.commands.push_back(parse_command(
            st.text(1),
            {file_.string(), 0,
             "session " + std::to_string(id) + " command " + std::to_string(st.i64(0))}));
    return r;
}

std::vector<StoredEvent> SessionStore::events(std::int64_t id) {
    std::vector<StoredEvent> out;
    Statement st(db_, file_,
                 "SELECT time, kind, message, x, y, z, structure, amount FROM events WHERE "
                 "session_id = ? ORDER BY seq");
    st.bind(1, id);
    while (st.step())
        out.push_back({st.real(0),
                       st.text(1),
                       st.text(2),
                       {st.real(3), st.real(4), st.real(5)},
                       st.text(6),
                       st.real(7)});
    return out;
}

std::vector<StoredImage> SessionStore::images(std::int64_t id) {
    std::vector<StoredImage> out;
    Statement st(db_, file_,
                 "SELECT time, image_index, single_shot, primary_deg, secondary_deg, angles, kvp, "
                 "ma, png FROM images "
                 "WHERE session_id = ? ORDER BY seq");
    st.bind(1, id);
    while (st.step())
        out.push_back({st.real(0), st.i32(1), st.i32(2) != 0, st.real(3), st.real(4), st.text(5),
                       st.real(6), st.real(7), st.blob(8)});
    return out;
}

std::optional<ScoreReport> SessionStore::report(std::int64_t id) {
    session(id);  // a clear error for an unknown id
    Statement st(db_, file_, "SELECT score_json FROM sessions WHERE id = ?");
    st.bind(1, id);
    if (!st.step() || st.null(0)) return std::nullopt;
    return report_from_json(st.text(0),
                            {file_.string(), 0, "session " + std::to_string(id) + " score_json"});
}

std::vector<SessionInfo> SessionStore::orphans() {
    std::vector<SessionInfo> out;
    for (SessionInfo& s : sessions({"", SessionStatus::in_progress}))
        if (!process_alive(s.pid)) out.push_back(std::move(s));
    return out;
}

std::vector<AttemptResult> SessionStore::attempts(const SessionFilter& filter) {
    const std::string sql = std::string(k_session_columns) +
                            "WHERE s.score_json IS NOT NULL AND (?1 = '' OR s.trainee = ?1) AND "
                            "(?2 = '' OR s.status = ?2) "
                            "ORDER BY s.started_at, s.id";
    Statement st(db_, file_, sql.c_str());
    st.bind(1, filter.trainee).bind(2, filter.status ? to_string(*filter.status) : std::string());
    std::vector<AttemptResult> out;
    while (st.step()) {
        const SessionInfo info = read_info(st);
        AttemptResult a = attempt_figures(report_from_json(
            st.text(18),
            {file_.string(), 0, "session " + std::to_string(info.id) + " score_json"}));
        a.attempt_id = st.text(17);
        a.trainee = info.trainee;
        a.mode = info.mode;
        a.patient_seed = info.patient_seed;
        a.started_at = info.started_at;
        if (a.scenario_file.empty()) a.scenario_file = info.scenario_file;
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace fluorosim::io
