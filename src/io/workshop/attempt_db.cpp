#include "io/workshop/attempt_db.hpp"

#include <sqlite3.h>

#include "core/records/attempt_json.hpp"
#include "core/util/error.hpp"

namespace fluorosim::io {
namespace {

// A prepared statement that finalizes itself.
class Statement {
  public:
    Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    bool ok() const { return stmt_ != nullptr; }
    void bind(int i, const std::string& s) {
        sqlite3_bind_text(stmt_, i, s.c_str(), int(s.size()), SQLITE_TRANSIENT);
    }
    void bind(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
    int step() { return sqlite3_step(stmt_); }
    std::string text(int column) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
        return p ? std::string(p, std::size_t(sqlite3_column_bytes(stmt_, column))) : std::string();
    }
    int integer(int column) const { return sqlite3_column_int(stmt_, column); }

  private:
    sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

AttemptDb::AttemptDb(const std::filesystem::path& file) : file_(file) {
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
        const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw InputError({file.string(), 0, ""}, "cannot open the results database (" + why + ")");
    }
    // Two processes may share a file (the app's retry timer and 'fluorosim workshop sync' on one
    // outbox): wait up to 5 s for the other's write lock instead of failing at once.
    sqlite3_busy_timeout(db_, 5000);
    try {
        // The figures sit in columns for anyone opening the file with sqlite3; `json` holds the
        // whole record, which is what is read back.
        exec(
            "CREATE TABLE IF NOT EXISTS attempts ("
            " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
            " attempt_id TEXT NOT NULL UNIQUE,"
            " trainee TEXT NOT NULL, station TEXT NOT NULL, scenario TEXT NOT NULL,"
            " started_at TEXT NOT NULL, score REAL NOT NULL, passed INTEGER NOT NULL,"
            " added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
            " json TEXT NOT NULL)");
    } catch (...) {
        sqlite3_close(db_);
        throw;
    }
}

AttemptDb::~AttemptDb() { sqlite3_close(db_); }

void AttemptDb::fail(const std::string& what) const {
    throw InputError({file_.string(), 0, ""}, what + " (" + sqlite3_errmsg(db_) + ")");
}

void AttemptDb::exec(const char* sql) const {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string why = message ? message : "unknown error";
        sqlite3_free(message);
        throw InputError({file_.string(), 0, ""}, "not a usable results database (" + why + ")");
    }
}

bool AttemptDb::add(const AttemptResult& a) {
    Statement s(db_,
                "INSERT OR IGNORE INTO attempts (attempt_id, trainee, station, scenario, "
                "started_at, score, passed, json)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s.ok()) fail("cannot store the result");
    s.bind(1, a.attempt_id);
    s.bind(2, a.trainee);
    s.bind(3, a.station);
    s.bind(4, a.scenario);
    s.bind(5, a.started_at);
    s.bind(6, a.score);
    s.bind(7, a.passed ? 1.0 : 0.0);
    s.bind(8, attempt_to_json(a).dump());
    if (s.step() != SQLITE_DONE) fail("cannot store the result");
    return sqlite3_changes(db_) == 1;
}

std::vector<AttemptResult> AttemptDb::all() const {
    Statement s(db_, "SELECT json FROM attempts ORDER BY seq");
    if (!s.ok()) fail("cannot read the results");
    std::vector<AttemptResult> out;
    int rc = 0;
    while ((rc = s.step()) == SQLITE_ROW)
        out.push_back(attempt_from_json_text(
            s.text(0), file_.string() + " (row " + std::to_string(out.size() + 1) + ")"));
    if (rc != SQLITE_DONE) fail("cannot read the results");
    return out;
}

std::optional<AttemptResult> AttemptDb::find(const std::string& attempt_id) const {
    Statement s(db_, "SELECT json FROM attempts WHERE attempt_id = ?");
    if (!s.ok()) fail("cannot read the results");
    s.bind(1, attempt_id);
    if (s.step() != SQLITE_ROW) return std::nullopt;
    return attempt_from_json_text(s.text(0), file_.string() + " (" + attempt_id + ")");
}

bool AttemptDb::remove(const std::string& attempt_id) {
    Statement s(db_, "DELETE FROM attempts WHERE attempt_id = ?");
    if (!s.ok()) fail("cannot remove the result");
    s.bind(1, attempt_id);
    if (s.step() != SQLITE_DONE) fail("cannot remove the result");
    return sqlite3_changes(db_) == 1;
}

int AttemptDb::count() const {
    Statement s(db_, "SELECT COUNT(*) FROM attempts");
    if (!s.ok() || s.step() != SQLITE_ROW) fail("cannot count the results");
    return s.integer(0);
}

}  // namespace fluorosim::io
