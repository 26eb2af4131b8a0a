#pragma once
// A workshop station's side of the results service: each finished attempt goes first into a
// persistent outbox (an SQLite file, by default $XDG_DATA_HOME/fluorosim/outbox.db) and is then
// posted; it leaves the outbox only after a 2xx acknowledgement. A result made while the
// instructor's machine is unreachable therefore waits on disk, survives a restart of the app,
// and goes out with the next sync; a result whose acknowledgement was lost is sent again and the
// service acknowledges it without storing it twice.
#include <filesystem>
#include <string>

#include "io/workshop/attempt_db.hpp"
#include "io/workshop/http.hpp"

namespace fluorosim::io {

// Two seconds: a server on the workshop's LAN answers in milliseconds, and the app's retry
// timer must not stall for long behind a machine that has gone away.
constexpr double k_post_timeout_s = 2.0;

std::filesystem::path default_outbox_file();      // $XDG_DATA_HOME/fluorosim/outbox.db
std::filesystem::path default_results_db_file();  // $XDG_DATA_HOME/fluorosim/workshop_results.db

struct SyncReport {
    int sent = 0;       // acknowledged and removed from the outbox
    int pending = 0;    // still waiting in the outbox
    std::string error;  // why sending stopped ("" when everything went)
};

// Posts the outbox's results in the order they were made; stops at the first failure (the
// server is then most likely unreachable, and later results keep their place behind it).
SyncReport sync_outbox(AttemptDb& outbox, const Endpoint& server,
                       double timeout_s = k_post_timeout_s);

// GET /results; throws NetworkError, or InputError for an answer that is not a list of attempts.
std::vector<AttemptResult> fetch_results(const Endpoint& server,
                                         double timeout_s = k_post_timeout_s);

// A fresh random attempt id (UUID version 4 text, from the system's random device).
std::string new_attempt_id();

}  // namespace fluorosim::io
