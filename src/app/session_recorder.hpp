#pragma once
// Writes the station's sessions into the trainee database as they happen (io/session_store):
// every command, event and image, then the score. Writes join one open transaction that is
// committed at most about once a second (tick()), at the score and on close, so a killed program
// loses at most its last second, and a session it leaves in_progress can be recovered.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "app/session_sink.hpp"
#include "io/session_store.hpp"

namespace fluorosim::app {

class Station;

class SessionRecorder : public SessionSink {
  public:
    // Commits at most this often while a session runs (the most a crash can lose).
    static constexpr double commit_interval_s = 1.0;

    SessionRecorder(io::SessionStore& store, const Station& station, std::string trainee,
                    std::string mode = "practice");
    ~SessionRecorder() override;
    SessionRecorder(const SessionRecorder&) = delete;
    SessionRecorder& operator=(const SessionRecorder&) = delete;

    // Starts writing the station's sessions, beginning with the one it runs now.
    void attach(Station& station);
    // The trainee of the running session and the next ones (a profile is created on first use).
    void set_trainee(const std::string& name);
    // "practice" or "exam": the mode of the sessions started from now on.
    void set_mode(std::string mode) { mode_ = std::move(mode); }
    const std::string& trainee() const { return trainee_; }
    io::SessionStore& store() { return store_; }
    std::optional<std::int64_t> current() const { return current_; }
    // Why recording stopped ("" while it works).
    const std::string& problem() const { return problem_; }

    // Once per frame: stores a finished live run's image; commits when the last commit is
    // commit_interval_s old.
    void tick();
    // Flushes, marks an unfinished session abandoned and commits (the window closes).
    void close();
    // Replays stored session `id` into the station (opening its scenario if another one is open)
    // and goes on writing into it. Throws InputError for an unknown id or scenario.
    void recover(Station& station, std::int64_t id);
    // A session a dead process left in progress is given up: marked abandoned.
    void discard(std::int64_t id);

    void session_started(const Scenario& scenario, std::uint64_t patient_seed, const std::string& other_patient,
                         const SessionOptions& options) override;
    void command_applied(const Command& command) override;
    void events_emitted(const std::vector<Event>& events) override;
    void image_taken(const ImageRequest& request, const render::Acquisition& acquisition) override;
    void scored(const ScoreReport& report) override;

  private:
    struct PendingImage {
        double time;
        ImageRequest request;
        render::Acquisition acquisition;
        Image8 thumbnail;  // taken when the image was on the monitor
    };
    PendingImage capture(const ImageRequest& request, const render::Acquisition& acquisition) const;
    void store_image(const PendingImage& image);
    void flush_live_image();
    void end_current(io::SessionStatus status);
    void commit();
    void commit_if_due();
    // Runs a write; a failed one stops the recording (problem()) instead of the simulator.
    template <class F>
    void guarded(F&& write);

    io::SessionStore& store_;
    const Station& station_;
    std::string trainee_, mode_;
    std::optional<std::int64_t> current_;
    std::string problem_;
    bool finished_ = false;
    // Whether any command came after time 0. The station's own opening commands (session start,
    // needle, scout shot) all come at 0, so a session without a later one holds nothing the
    // trainee did and is deleted rather than kept as abandoned.
    bool trainee_acted_ = false;
    // The newest pulse of a live run: stored once the run is over (the first frame with the
    // pedal up, the next run or shot, the score), as the image the monitor then holds, rather
    // than every pulse (15 a second). Its thumbnail is taken with each pulse, while it shows.
    std::optional<PendingImage> live_;
    std::chrono::steady_clock::time_point last_commit_ = std::chrono::steady_clock::now();
};

// A grey thumbnail, at most `size` pixels a side, of an RGBA display image.
Image8 thumbnail(const Image8& display, int size = 256);

}  // namespace fluorosim::app
