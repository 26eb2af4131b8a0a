#include "io/session_schema.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <random>

#include "core/scoring/report_import.hpp"
#include "core/util/error.hpp"

namespace fluorosim::io {

const char* const k_schema_v1 = R"sql(
CREATE TABLE trainees (name TEXT PRIMARY KEY, created_at TEXT NOT NULL);
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,  -- a deleted session's number is never reused
  trainee TEXT NOT NULL REFERENCES trainees(name),
  scenario TEXT NOT NULL,
  scenario_file TEXT NOT NULL,
  patient_seed INTEGER NOT NULL,
  session_seed INTEGER NOT NULL,
  bevel_deflection INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  score_json TEXT,
  score REAL,
  passed INTEGER);
CREATE TABLE commands (session_id INTEGER NOT NULL REFERENCES sessions(id), seq INTEGER NOT NULL, line TEXT NOT NULL,
  PRIMARY KEY (session_id, seq));
CREATE TABLE events (session_id INTEGER NOT NULL REFERENCES sessions(id), seq INTEGER NOT NULL, time REAL NOT NULL,
  kind TEXT NOT NULL, message TEXT NOT NULL, x REAL NOT NULL, y REAL NOT NULL, z REAL NOT NULL,
  structure TEXT NOT NULL, amount REAL NOT NULL, PRIMARY KEY (session_id, seq));
)sql";

// Version 2 over version 1: practice/exam mode, the writer's process id (a session left
// in_progress by a dead process can be recovered), a UUID per attempt (the instructor's results
// service de-duplicates re-sent attempts by it), the headline figures beside the report, and
// the images taken.
const char* const k_v1_to_v2 = R"sql(
ALTER TABLE sessions ADD COLUMN mode TEXT NOT NULL DEFAULT 'practice';
ALTER TABLE sessions ADD COLUMN pid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN uuid TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN shots INTEGER;
ALTER TABLE sessions ADD COLUMN fluoro_s REAL;
ALTER TABLE sessions ADD COLUMN dap_gy_cm2 REAL;
CREATE TABLE images (session_id INTEGER NOT NULL REFERENCES sessions(id), seq INTEGER NOT NULL, time REAL NOT NULL,
  image_index INTEGER NOT NULL, single_shot INTEGER NOT NULL, primary_deg REAL NOT NULL, secondary_deg REAL NOT NULL,
  angles TEXT NOT NULL, kvp REAL NOT NULL, ma REAL NOT NULL, png BLOB NOT NULL, PRIMARY KEY (session_id, seq));
CREATE INDEX sessions_by_trainee ON sessions(trainee, started_at);
)sql";

// Version 3 over version 2: the patient a session ran on when it was not the scenario's own
// (the app's "New patient"), as the generator's parameters in JSON; '' = the scenario's. A
// session is recovered and replayed on that patient, not on the scenario's.
const char* const k_v2_to_v3 = R"sql(
ALTER TABLE sessions ADD COLUMN patient TEXT NOT NULL DEFAULT '';
)sql";

namespace {

void exec(sqlite3* db, const std::string& file, const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error ? error : sqlite3_errmsg(db);
        sqlite3_free(error);
        throw InputError({file, 0, ""}, "session database: " + message);
    }
}

int user_version(sqlite3* db, const std::string& file) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr) != SQLITE_OK)
        throw InputError({file, 0, ""}, std::string("not a FluoroSim session database (") +
                                            sqlite3_errmsg(db) + ")");
    const int rc = sqlite3_step(st);
    const int v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    if (v < 0)
        throw InputError({file, 0, ""}, std::string("not a FluoroSim session database (") +
                                            sqlite3_errmsg(db) + ")");
    return v;
}

std::string uuid4(std::mt19937_64& rng) {
    const std::uint64_t a = rng(), b = rng();
    char s[40];
    std::snprintf(s, sizeof s, "%08x-%04x-4%03x-%04x-%012llx", unsigned(a >> 32),
                  unsigned((a >> 16) & 0xffff), unsigned(a & 0xfff),
                  unsigned(0x8000 | ((b >> 48) & 0x3fff)),
                  static_cast<unsigned long long>(b & 0xffffffffffffull));
    return s;
}

// Fills v2's new columns of the sessions v1 wrote: a UUID each, figures from the stored report.
void backfill_v2(sqlite3* db, const std::string& file) {
    std::random_device seed;
    std::mt19937_64 rng((std::uint64_t(seed()) << 32) ^ seed());
    sqlite3_stmt* read = nullptr;
    sqlite3_stmt* write = nullptr;
    sqlite3_prepare_v2(db, "SELECT id, score_json FROM sessions", -1, &read, nullptr);
    sqlite3_prepare_v2(
        db, "UPDATE sessions SET uuid = ?, shots = ?, fluoro_s = ?, dap_gy_cm2 = ? WHERE id = ?",
        -1, &write, nullptr);
    while (sqlite3_step(read) == SQLITE_ROW) {
        const sqlite3_int64 id = sqlite3_column_int64(read, 0);
        sqlite3_reset(write);
        const std::string uuid = uuid4(rng);
        sqlite3_bind_text(write, 1, uuid.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_column_type(read, 1) == SQLITE_TEXT) {
            const std::string json = reinterpret_cast<const char*>(sqlite3_column_text(read, 1));
            const ScoreReport r = report_from_json(
                json, {file, 0, "sessions[" + std::to_string(id) + "].score_json"});
            sqlite3_bind_int(write, 2, r.metrics.shots);
            sqlite3_bind_double(write, 3, r.metrics.fluoro_s);
            sqlite3_bind_double(write, 4, r.metrics.dap_gy_cm2);
        } else {
            for (int i = 2; i <= 4; ++i) sqlite3_bind_null(write, i);
        }
        sqlite3_bind_int64(write, 5, id);
        sqlite3_step(write);
    }
    sqlite3_finalize(read);
    sqlite3_finalize(write);
}

}  // namespace

std::string new_uuid() {
    static std::mt19937_64 rng = [] {
        std::random_device seed;
        return std::mt19937_64((std::uint64_t(seed()) << 32) ^ seed());
    }();
    return uuid4(rng);
}

void migrate(sqlite3* db, const std::string& file, int current_version) {
    const int found = user_version(db, file);
    if (found > current_version)
        throw InputError({file, 0, ""},
                         "session database version " + std::to_string(found) +
                             " comes from a newer FluoroSim (this one reads versions up to " +
                             std::to_string(current_version) +
                             "); use the newer program or another --db");
    if (found == current_version) return;
    exec(db, file, "BEGIN IMMEDIATE");
    try {
        if (found == 0) {
            exec(db, file, k_schema_v1);
            exec(db, file, "PRAGMA user_version = 1");
        }
        if (found <= 1) {
            exec(db, file, k_v1_to_v2);
            backfill_v2(db, file);
            exec(db, file, "PRAGMA user_version = 2");
        }
        if (found <= 2) {
            exec(db, file, k_v2_to_v3);
            exec(db, file, "PRAGMA user_version = 3");
        }
        exec(db, file, "COMMIT");
    } catch (...) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

}  // namespace fluorosim::io
