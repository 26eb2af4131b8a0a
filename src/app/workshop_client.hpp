#pragma once
// A workshop station inside the app (--workshop-server HOST:PORT): each attempt the trainee
// finishes becomes an AttemptResult (trainee from --trainee or $USER, a fresh UUID), goes into
// the station's outbox on disk and is posted to the instructor's results service. Sending runs
// on a worker thread, so an unreachable server never stalls the frame loop; while results wait,
// the outbox is retried every 10 s. The status bar shows "workshop: connected" or
// "workshop: N pending".
#include <filesystem>
#include <future>
#include <optional>
#include <string>

#include "app/station.hpp"
#include "core/records/attempt_result.hpp"
#include "io/workshop/http.hpp"
#include "io/workshop/results_client.hpp"

namespace fluorosim::app {

struct WorkshopOptions {
    std::optional<io::Endpoint> server;  // none: this machine is not a workshop station
    std::filesystem::path outbox;
    std::string station;  // --station NAME ("" = the host name)
    std::string trainee;  // --trainee NAME ("" = $USER)
    // Ten seconds between retries: a station reconnects within one short pause of the network
    // coming back, and an absent server costs one 2 s connect attempt per ten seconds.
    double retry_interval_s = 10.0;
};

// The identity and figures of the attempt the station just scored (state().report must be set);
// mode "practice" or "exam".
AttemptResult attempt_of(const Station& station, const std::string& trainee,
                         const std::string& station_name, const std::string& mode = "practice");

class WorkshopClient {
  public:
    explicit WorkshopClient(WorkshopOptions options);
    ~WorkshopClient();

    bool enabled() const { return options_.server.has_value(); }
    const WorkshopOptions& options() const { return options_; }
    // Queues the station's scored attempt and starts sending. Returns the result (for the log).
    AttemptResult submit(const Station& station, const std::string& mode = "practice");
    // Once per frame: collects a finished send, retries on the timer.
    void tick(double seconds);
    // Blocks until the send in flight (if any) is done; for --screenshot runs that must show
    // the final state, and for a clean exit.
    void wait();
    std::string status_text() const;
    int pending() const { return pending_; }
    bool connected() const { return connected_; }

  private:
    void start_sync();

    WorkshopOptions options_;
    std::future<io::SyncReport> in_flight_;
    int pending_ = 0;
    bool connected_ = false;
    std::string last_error_;
    double since_try_s_ = 0.0;
    bool resync_ = false;  // a result was queued while a send was in flight
};

}  // namespace fluorosim::app
