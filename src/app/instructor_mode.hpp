#pragma once
// Instructor mode, behind the instructor PIN ("Instructor..." in the status bar, or
// --instructor-pin): the Instructor window (source of results, PIN change, the windows below,
// and the "Author scenario..." hook), the Cohort dashboard (table per trainee x scenario,
// learning curves of score, shots, DAP and time, CSV export), and the Big screen (this
// station's monitors, angles and dose in a large font for a projector, or the latest result a
// remote station posted: images are not streamed between machines).
#include <filesystem>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "app/instructor_pin.hpp"
#include "app/station.hpp"
#include "core/records/cohort.hpp"
#include "io/workshop/http.hpp"

namespace fluorosim::app {

struct InstructorOptions {
    std::optional<io::Endpoint> server;  // read results from the service (--workshop-server)
    std::filesystem::path results_db;    // ... or from its database file (--results-db)
    std::filesystem::path session_db;    // ... or, without a workshop, this machine's trainee database
    std::filesystem::path pin_file;      // where the hashed PIN lives
    bool persist = true;                 // false: a new PIN lasts for this run only
};

class InstructorMode {
  public:
    explicit InstructorMode(InstructorOptions options);

    // --instructor-pin: sets the PIN if none is set yet, else must match it; unlocks on success.
    // Returns "" or the problem in words.
    std::string unlock_with(const std::string& pin);
    bool unlocked() const { return unlocked_; }
    void request_unlock() { prompt_requested_ = true; }  // opens the PIN prompt
    void show_dashboard() { show_dashboard_ = true; }
    void show_big_screen() { show_big_screen_ = true; }
    // The scenario authoring window, opened by the instructor window's "Author scenario..."
    // button; until the authoring tool plugs itself in here, it says it is not available.
    std::function<void()> author_scenario;

    // The status bar's "Instructor..." button (asks for the PIN when locked).
    void draw_status_button();
    // Every instructor window; call once per frame at top level.
    void draw(const Station& station);
    // Starts reading the results (server or database) on a worker thread.
    void refresh();
    // Blocks until a read in flight is done (screenshots that must show the data).
    void wait_for_results();
    const std::vector<AttemptResult>& results() const { return results_; }

  private:
    void collect();
    void draw_pin_prompt();
    void draw_instructor_window();
    void draw_dashboard();
    void draw_big_screen(const Station& station);
    std::string export_csv(const std::string& path, bool attempts);

    InstructorOptions options_;
    InstructorPin pin_;
    bool unlocked_ = false;
    bool prompt_requested_ = false;
    bool refocus_pin_ = false;
    bool show_instructor_ = false, show_dashboard_ = false, show_big_screen_ = false;
    std::string pin_input_, new_pin_, new_pin_again_, message_;
    std::future<std::vector<AttemptResult>> loading_;
    std::vector<AttemptResult> results_;
    std::vector<CohortRow> rows_;
    std::vector<LearningCurve> curves_;
    std::string source_status_;
    double last_refresh_s_ = -1e9;
    int selected_row_ = 0;
    int big_screen_source_ = 0;  // 0: this station, i: the i-th remote station
    bool big_screen_fill_ = false;
    std::string csv_path_ = "cohort.csv";
};

}  // namespace fluorosim::app
