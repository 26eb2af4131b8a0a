#include "app/workshop_client.hpp"

#include <unistd.h>

#include <cstdlib>

#include "core/util/log.hpp"
#include "io/utc_time.hpp"
#include "io/workshop/attempt_db.hpp"

namespace fluorosim::app {
namespace {

std::string default_trainee() {
    const char* user = std::getenv("USER");
    return user && *user ? user : "trainee";
}

std::string host_name() {
    char name[256] = {};
    return ::gethostname(name, sizeof name - 1) == 0 && name[0] ? name : "station";
}

}  // namespace

AttemptResult attempt_of(const Station& station, const std::string& trainee,
                         const std::string& station_name, const std::string& mode) {
    AttemptResult a = attempt_figures(*station.state().report);
    a.attempt_id = io::new_attempt_id();
    a.trainee = trainee.empty() ? default_trainee() : trainee;
    a.station = station_name.empty() ? host_name() : station_name;
    a.mode = mode;
    a.patient_seed = station.state().scenario.patient.parameters.seed;
    // The attempt began when its session's active time started running.
    a.started_at = io::utc_now(station.core().active_s());
    return a;
}

WorkshopClient::WorkshopClient(WorkshopOptions options) : options_(std::move(options)) {
    if (!enabled()) return;
    try {
        pending_ = io::AttemptDb(options_.outbox).count();
    } catch (const std::exception& e) {
        last_error_ = e.what();
        log::error(e.what());
    }
    if (pending_ > 0)
        log::info("workshop: " + std::to_string(pending_) + " result(s) waiting in " +
                  options_.outbox.string());
    start_sync();  // results left from an earlier run go out first; also tells us if the server is
                   // up
}

WorkshopClient::~WorkshopClient() { wait(); }

AttemptResult WorkshopClient::submit(const Station& station, const std::string& mode) {
    AttemptResult a = attempt_of(station, options_.trainee, options_.station, mode);
    // No waiting for a send in flight (that could stall the frame for the 2 s timeout): SQLite
    // locks the file between the two connections, and the send after this one picks it up.
    try {
        io::AttemptDb outbox(options_.outbox);
        outbox.add(a);
        pending_ = outbox.count();
    } catch (const std::exception& e) {
        last_error_ = e.what();
        log::error(std::string("workshop: result not queued: ") + e.what());
        return a;
    }
    start_sync();
    return a;
}

void WorkshopClient::start_sync() {
    if (!enabled()) return;
    if (in_flight_.valid()) {
        resync_ = true;
        return;
    }
    resync_ = false;
    since_try_s_ = 0.0;
    const std::filesystem::path outbox = options_.outbox;
    const io::Endpoint server = *options_.server;
    in_flight_ = std::async(std::launch::async, [outbox, server] {
        io::AttemptDb db(outbox);
        io::SyncReport r = io::sync_outbox(db, server);
        if (r.error.empty()) {
            // Nothing was waiting, or all went: ask once whether the server answers at all,
            // so the status bar can say "connected".
            try {
                if (!io::http_request(server, {"GET", "/health", ""}, io::k_post_timeout_s).ok())
                    r.error = "server unhealthy";
            } catch (const io::NetworkError& e) {
                r.error = e.what();
            }
        }
        return r;
    });
}

void WorkshopClient::tick(double seconds) {
    if (!enabled()) return;
    since_try_s_ += seconds;
    if (in_flight_.valid() &&
        in_flight_.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
        wait();
    // A result queued during a send that went through goes at once; otherwise on the timer.
    if (!in_flight_.valid() && pending_ > 0 &&
        ((resync_ && connected_) || since_try_s_ >= options_.retry_interval_s))
        start_sync();
}

void WorkshopClient::wait() {
    if (!in_flight_.valid()) return;
    try {
        const io::SyncReport r = in_flight_.get();
        if (r.sent > 0)
            log::info("workshop: sent " + std::to_string(r.sent) + " result(s) to " +
                      options_.server->text());
        pending_ = r.pending;
        // A result queued while this send ran may have missed its count.
        if (resync_) pending_ = io::AttemptDb(options_.outbox).count();
        connected_ = r.error.empty();
        if (!r.error.empty() && r.error != last_error_) log::warning("workshop: " + r.error);
        last_error_ = r.error;
    } catch (const std::exception& e) {
        connected_ = false;
        last_error_ = e.what();
        log::error(std::string("workshop: ") + e.what());
    }
}

std::string WorkshopClient::status_text() const {
    if (!enabled()) return "";
    const std::string where = options_.server->text();
    if (pending_ > 0)
        return "workshop " + where + ": " + std::to_string(pending_) + " pending" +
               (connected_ ? "" : " (unreachable)");
    return "workshop " + where + (connected_ ? ": connected" : ": unreachable");
}

}  // namespace fluorosim::app
