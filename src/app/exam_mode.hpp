#pragma once
// Self-assessment (exam) mode in the window: the exam's scenarios in order on the sitting's
// seeded patients, every learning aid hidden (3D view, hints, target marker) and the C-arm
// presets refused (console only), a countdown always on screen, "Finish" moving on WITHOUT
// showing the score, and at the end the final report in a window, written as HTML + JSON to
// the data folder together with each attempt's recording (so `fluorosim exam --recordings`
// re-scores the sitting).
//
// The frame loop calls draw() with the panels (it replaces the scenario panel while a sitting
// runs) and update() after the frame's commands are applied. Patients are generated on a
// worker thread (~13 s each, cached on disk); the next scenario's patient is prepared while the
// trainee works on the current one.
#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/station.hpp"
#include "core/exam/exam_run.hpp"

namespace fluorosim::app {

class ExamMode {
  public:
    // Starts a sitting; an unreadable exam file becomes the start dialog's message (the window
    // keeps running). `seed`: the exam seed; none = the exam's policy (fixed seed, or a new
    // random one for this sitting).
    void start(const std::string& exam_file, const std::string& trainee,
               std::optional<std::uint64_t> seed);
    void open_start_dialog() { dialog_open_ = true; }

    // A sitting is under way: aids hidden, scores sealed.
    bool running() const { return run_ && !run_->finished(); }
    // True while a sitting runs: no score, debrief or result may be shown (the lead wires the
    // debrief window to this).
    bool results_sealed() const { return running(); }

    // The exam panel (task, countdown, Finish / End exam), the start dialog and the final report.
    void draw(const Station& station);
    // Loads patients as they become ready, stops an attempt at its time limit, scores finished
    // attempts (sealed) and moves on; writes the report at the end.
    void update(Station& station);

    const std::optional<ExamReport>& report() const { return report_; }
    const std::vector<std::string>& written_files() const { return written_; }

  private:
    void prepare(std::size_t index);  // start building scenario `index`'s patient
    void finish_attempt(Station& station);
    void write_outputs();
    void draw_start_dialog();
    void draw_exam_panel(const Station& station);
    void draw_report_window();

    std::unique_ptr<ExamRun> run_;
    std::optional<ExamReport> report_;
    std::vector<std::string> written_;
    std::filesystem::path out_dir_;
    std::string stem_;  // file name stem of this sitting's outputs
    std::string message_;
    // Patient of the scenario being prepared (index), and whether the station shows it yet.
    std::size_t prepared_index_ = SIZE_MAX;
    std::future<std::shared_ptr<const io::PatientModel>> pending_;
    bool scenario_live_ = false;
    bool finish_requested_ = false, end_requested_ = false;
    bool dialog_open_ = false, report_open_ = false;
    // Start dialog fields.
    std::vector<std::string> exam_files_;
    int chosen_ = 0;
    char trainee_[64] = "";
    char seed_text_[24] = "";
};

}  // namespace fluorosim::app
