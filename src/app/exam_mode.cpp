#include "app/exam_mode.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <random>

#include "core/scoring/exam_report_export.hpp"
#include "core/util/error.hpp"
#include "core/util/log.hpp"
#include "core/util/paths.hpp"
#include "core/xray/material_library.hpp"
#include "io/patient_file.hpp"
#include "io/utc_time.hpp"

namespace fluorosim::app {
namespace fs = std::filesystem;
namespace {

std::string clock_text(double s) {
    const int total = int(std::ceil(std::max(0.0, s)));
    char b[16];
    std::snprintf(b, sizeof b, "%02d:%02d", total / 60, total % 60);
    return b;
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    if (!out || !(out << text)) throw InputError({path.string(), 0, ""}, "cannot write the file");
}

}  // namespace

void ExamMode::start(const std::string& exam_file, const std::string& trainee,
                     std::optional<std::uint64_t> seed) {
    try {
        ExamDefinition exam = load_exam(exam_file);
        std::uint64_t s = exam.seed;
        if (seed)
            s = *seed;
        else if (exam.seed_policy == SeedPolicy::per_sitting)
            s = std::random_device{}() & 0x7fffffffu;
        run_ = std::make_unique<ExamRun>(std::move(exam), trainee, s, io::utc_now());
    } catch (const InputError& e) {
        message_ = e.what();
        log::error(e.what());
        dialog_open_ = true;
        return;
    }
    report_.reset();
    written_.clear();
    message_.clear();
    dialog_open_ = report_open_ = false;
    scenario_live_ = finish_requested_ = end_requested_ = false;
    out_dir_ = paths::user_data_dir() / "exams";
    stem_ = fs::path(run_->exam().file).stem().string() + "-" + io::utc_now(0.0, "%Y%m%d-%H%M%S");  // compact, for a file name
    prepared_index_ = SIZE_MAX;
    prepare(0);
    log::info("exam '" + run_->exam().name + "' started, exam seed " +
              std::to_string(run_->exam_seed()));
}

void ExamMode::prepare(std::size_t index) {
    if (index >= run_->count() || prepared_index_ == index) return;
    if (pending_.valid()) pending_.wait();  // one generation at a time (two cores)
    prepared_index_ = index;
    const PatientParameters p = run_->scenario(index).patient.parameters;
    pending_ = std::async(std::launch::async, [p] {
        return std::shared_ptr<const io::PatientModel>(
            std::make_shared<io::PatientModel>(io::obtain_patient(p, MaterialLibrary::standard())));
    });
}

void ExamMode::update(Station& station) {
    if (!running()) return;
    if (!scenario_live_) {
        // Waiting for the current scenario's patient; the clock is not running.
        if (prepared_index_ != run_->current_index()) prepare(run_->current_index());
        if (pending_.valid() &&
            pending_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            try {
                station.apply(command::UseScenario{run_->current_scenario(), pending_.get()});
                scenario_live_ = true;
                prepare(run_->current_index() + 1);  // the next patient while this one is sat
            } catch (const std::exception& e) {
                message_ = std::string("cannot build the patient: ") + e.what();
                log::error(message_);
                run_->end_by_trainee(0.0);
            }
        }
        if (end_requested_) run_->end_by_trainee(0.0);
    } else if (end_requested_) {
        run_->end_by_trainee(station.clock());
    } else if (finish_requested_ || run_->scenario_time_left(station.clock()) <= 0.0) {
        finish_attempt(station);
    }
    finish_requested_ = end_requested_ = false;
    if (run_->finished() && !report_) {
        report_ = run_->final_report();
        write_outputs();
        report_open_ = true;
    }
}

void ExamMode::finish_attempt(Station& station) {
    station.apply(command::Core{CommandKind::session_end});
    const std::size_t i = run_->current_index();
    ScoreReport report;
    try {
        report = score_attempt(station.state().scenario, station.patient_model(),
                               station.session().events(), station.core());
    } catch (const InputError& e) {
        report.scenario = station.state().scenario.name;
        report.fail_reasons.push_back(std::string("Could not be scored: ") + e.what());
    }
    try {
        fs::create_directories(out_dir_);
        const fs::path rec = out_dir_ / (stem_ + "-scenario" + std::to_string(i + 1) + ".txt");
        save_recording(station.recording(), rec.string());
        written_.push_back(rec.string());
    } catch (const std::exception& e) {
        log::warning(std::string("cannot save the attempt's recording: ") + e.what());
    }
    run_->submit(report, station.clock());  // sealed: nothing on screen changes but the scenario
    scenario_live_ = false;
}

void ExamMode::write_outputs() {
    try {
        fs::create_directories(out_dir_);
        const fs::path html = out_dir_ / (stem_ + ".html"), json = out_dir_ / (stem_ + ".json");
        write_text(html, exam_report_html(*report_));
        write_text(json, exam_report_json(*report_));
        written_.insert(written_.begin(), {html.string(), json.string()});
        log::info("exam report written to " + html.string());
    } catch (const std::exception& e) {
        message_ = std::string("cannot write the exam report: ") + e.what();
        log::error(message_);
    }
}

void ExamMode::draw(const Station& station) {
    if (dialog_open_) draw_start_dialog();
    if (running()) draw_exam_panel(station);
    if (report_open_ && report_) draw_report_window();
}

void ExamMode::draw_start_dialog() {
    if (exam_files_.empty()) {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(paths::scenario_dir() / "exams", ec))
            if (e.path().extension() == ".yaml") exam_files_.push_back(e.path().string());
        std::sort(exam_files_.begin(), exam_files_.end());
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
        ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(560, 0), ImGuiCond_Appearing);
    ImGui::Begin("Start self-assessment", &dialog_open_,
                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse);
    ImGui::TextWrapped(
        "Exam mode: the scenarios run in order on randomised patients, every learning aid is "
        "hidden "
        "and the C-arm presets are disabled. Scores stay sealed until the end.");
    if (exam_files_.empty())
        ImGui::TextDisabled("no exam files in %s", (paths::scenario_dir() / "exams").c_str());
    chosen_ = std::clamp(chosen_, 0, std::max(0, int(exam_files_.size()) - 1));
    if (!exam_files_.empty() &&
        ImGui::BeginCombo("Exam", fs::path(exam_files_[std::size_t(chosen_)]).filename().c_str())) {
        for (std::size_t i = 0; i < exam_files_.size(); ++i)
            if (ImGui::Selectable(fs::path(exam_files_[i]).filename().c_str(), int(i) == chosen_))
                chosen_ = int(i);
        ImGui::EndCombo();
    }
    ImGui::InputText("Trainee", trainee_, sizeof trainee_);
    ImGui::InputTextWithHint("Exam seed", "empty: as the exam file says (usually a new one)",
                             seed_text_, sizeof seed_text_);
    if (!message_.empty())
        ImGui::TextColored(ImVec4(1.0f, 0.4f, 0.3f, 1.0f), "%s", message_.c_str());
    ImGui::BeginDisabled(exam_files_.empty());
    if (ImGui::Button("Start exam")) {
        std::optional<std::uint64_t> seed;
        char* end = nullptr;
        const unsigned long long v = std::strtoull(seed_text_, &end, 10);
        if (seed_text_[0] != '\0' && end && *end == '\0') seed = v & 0x7fffffffull;
        if (seed_text_[0] != '\0' && !seed)
            message_ = "the exam seed must be a whole number";
        else
            start(exam_files_[std::size_t(chosen_)], trainee_, seed);
    }
    ImGui::EndDisabled();
    ImGui::End();
}

void ExamMode::draw_exam_panel(const Station& station) {
    const double t = scenario_live_ ? station.clock() : 0.0;
    const ExamProgress p = run_->progress(t);
    // The countdown: always on top, centred at the top of the window.
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + 4.0f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.9f);
    ImGui::Begin("##exam_countdown", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove);
    const bool short_time = p.scenario_time_left_s >= 0 && p.scenario_time_left_s < 60.0;
    ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.3f, 1.0f), "EXAM  %s  |  scenario %zu of %zu",
                       run_->exam().name.c_str(), std::min(p.current + 1, p.count), p.count);
    ImGui::SameLine();
    if (p.scenario_time_left_s >= 0)
        ImGui::TextColored(short_time ? ImVec4(1.0f, 0.3f, 0.25f, 1.0f) : ImVec4(1, 1, 1, 1),
                           "|  time left %s", clock_text(p.scenario_time_left_s).c_str());
    else
        ImGui::Text("|  time %s (no limit)", clock_text(t).c_str());
    if (p.exam_time_left_s >= 0) {
        ImGui::SameLine();
        ImGui::Text("(exam %s)", clock_text(p.exam_time_left_s).c_str());
    }
    ImGui::SameLine();
    ImGui::TextDisabled("|  results sealed");
    ImGui::End();

    ImGui::Begin("Exam");
    if (!scenario_live_) {
        ImGui::TextWrapped(
            "Preparing scenario %zu of %zu: building its patient (about 15 s the first time; the "
            "clock "
            "is stopped).",
            p.current + 1, p.count);
        static const char* dots[] = {"", ".", "..", "..."};
        ImGui::Text("generating%s", dots[int(ImGui::GetTime() * 2.0) % 4]);
    } else {
        const Scenario& sc = station.state().scenario;
        ImGui::TextWrapped("%s", sc.name.c_str());
        ImGui::Text("Procedure: %s   Level: %s   Side: %s", sc.procedure.c_str(),
                    sc.level.empty() ? "-" : sc.level.c_str(), sc.side.c_str());
        ImGui::Text("Patient seed %u   needle %s", sc.patient.seed, sc.needle.c_str());
        ImGui::Separator();
        ImGui::TextWrapped(
            "Learning aids are off: no 3D view, no hints, no preset views (use the C-arm console). "
            "Place the needle, then press Finish. The score stays sealed until the end of the "
            "exam.");
        const SessionState& core = station.core();
        ImGui::Text("Images %d   fluoro %.1f s   DAP %.4f Gy*cm2", core.carm.images,
                    core.dose.fluoro_time_s, core.dose.dap_gy_cm2);
        if (ImGui::Button(p.current + 1 < p.count ? "Finish: next scenario"
                                                  : "Finish: end of exam"))
            finish_requested_ = true;
    }
    ImGui::SameLine();
    if (ImGui::Button("End exam now")) ImGui::OpenPopup("End the exam?");
    if (ImGui::BeginPopupModal("End the exam?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted(
            "This scenario and the ones after it will count as not attempted (score 0).");
        if (ImGui::Button("End exam")) {
            end_requested_ = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Carry on")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (!message_.empty())
        ImGui::TextColored(ImVec4(1.0f, 0.4f, 0.3f, 1.0f), "%s", message_.c_str());
    ImGui::End();
}

void ExamMode::draw_report_window() {
    const ExamReport& r = *report_;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.45f),
        ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(820, 520), ImGuiCond_Appearing);
    ImGui::Begin("Exam report", &report_open_, ImGuiWindowFlags_NoSavedSettings);
    ImGui::Text("%s   trainee %s   %s   exam seed %llu", r.exam.c_str(),
                r.trainee.empty() ? "-" : r.trainee.c_str(), r.date.c_str(),
                static_cast<unsigned long long>(r.exam_seed));
    ImGui::TextColored(r.passed ? ImVec4(0.4f, 1.0f, 0.4f, 1.0f) : ImVec4(1.0f, 0.4f, 0.3f, 1.0f),
                       "%s   mean score %.1f / 100   %d of %zu scenarios passed",
                       r.passed ? "PASS" : "FAIL", r.mean_score, r.scenarios_passed,
                       r.items.size());
    ImGui::Text("Pass rule: %s.   Time %s, %s.", r.pass_rule.c_str(), clock_text(r.time_s).c_str(),
                to_string(r.ended));
    for (const std::string& f : r.fail_reasons) ImGui::BulletText("%s", f.c_str());
    if (ImGui::BeginTable(
            "items", 5,
            ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
        for (const char* h : {"#", "scenario", "score", "result", "why"})
            ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (const ExamItemResult& it : r.items) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%zu", it.index + 1);
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s (seed %u)", it.report.scenario.c_str(), it.patient_seed);
            ImGui::TableNextColumn();
            ImGui::Text("%.1f", it.report.score);
            ImGui::TableNextColumn();
            ImGui::TextColored(
                it.report.passed ? ImVec4(0.4f, 1.0f, 0.4f, 1.0f) : ImVec4(1.0f, 0.4f, 0.3f, 1.0f),
                "%s",
                !it.attempted      ? "not attempted"
                : it.report.passed ? "pass"
                                   : "fail");
            ImGui::TableNextColumn();
            std::string why;
            for (const std::string& f : it.report.fail_reasons) why += (why.empty() ? "" : " ") + f;
            ImGui::TextWrapped("%s", why.c_str());
        }
        ImGui::EndTable();
    }
    ImGui::Separator();
    ImGui::TextUnformatted("Written:");
    for (const std::string& f : written_) ImGui::BulletText("%s", f.c_str());
    if (!message_.empty())
        ImGui::TextColored(ImVec4(1.0f, 0.4f, 0.3f, 1.0f), "%s", message_.c_str());
    ImGui::End();
}

}  // namespace fluorosim::app
