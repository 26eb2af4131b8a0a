#include "app/instructor_mode.hpp"

#include "core/util/text_format.hpp"

#include "io/session_store.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cfloat>
#include <cstdint>
#include <fstream>
#include <map>

#include "io/workshop/attempt_db.hpp"
#include "io/workshop/results_client.hpp"

namespace fluorosim::app {
namespace {

// The dashboard re-reads the results every 10 s while it is open: a new attempt shows up
// within one pause in the instructor's talk, and ten GETs a minute cost the service nothing.
constexpr double k_refresh_interval_s = 10.0;
// Projector text: twice ImGui's 13 px font reads from the back of a seminar room.
constexpr float k_big_font_scale = 2.0f;

ImTextureID as_texture(GLuint id) {
    return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(id));
}

std::string input(const char* label, const std::string& value, ImGuiInputTextFlags flags = 0) {
    char buf[512];
    std::snprintf(buf, sizeof buf, "%s", value.c_str());
    ImGui::InputText(label, buf, sizeof buf, flags);
    return buf;
}

double seconds_now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::vector<float> as_floats(const std::vector<double>& v) { return {v.begin(), v.end()}; }

// Remote stations, each with the result it posted last (latest started_at).
std::vector<AttemptResult> latest_per_station(const std::vector<AttemptResult>& results) {
    std::map<std::string, AttemptResult> latest;
    for (const AttemptResult& a : results) {
        auto it = latest.find(a.station);
        if (it == latest.end() || a.started_at >= it->second.started_at) latest[a.station] = a;
    }
    std::vector<AttemptResult> out;
    for (const auto& [name, a] : latest) out.push_back(a);
    return out;
}

}  // namespace

InstructorMode::InstructorMode(InstructorOptions options) : options_(std::move(options)) {
    pin_ = options_.persist ? load_instructor_pin(options_.pin_file)
                            : make_instructor_pin(k_default_instructor_pin);
    author_scenario = [this] { message_ = "scenario authoring is not available in this build"; };
}

std::string InstructorMode::unlock_with(const std::string& pin) {
    if (const std::string problem = pin_problem(pin); !problem.empty())
        return "--instructor-pin: " + problem;
    if (pin_.is_default && pin != k_default_instructor_pin) {
        pin_ = make_instructor_pin(pin);  // first use: this becomes the instructor PIN
        if (options_.persist)
            if (const std::string problem = save_instructor_pin(options_.pin_file, pin_);
                !problem.empty())
                return problem;
    } else if (!pin_matches(pin_, pin)) {
        return "--instructor-pin: wrong instructor PIN";
    }
    unlocked_ = true;
    show_instructor_ = true;
    refresh();
    return "";
}

void InstructorMode::draw_status_button() {
    // At the right end of the status bar, where it is found without reading the bar.
    const char* label = unlocked_ ? "Instructor" : "Instructor...";
    const float width = ImGui::CalcTextSize(label).x + 2.0f * ImGui::GetStyle().FramePadding.x;
    ImGui::SameLine();
    ImGui::SetCursorPosX(
        std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - width));
    if (ImGui::SmallButton(label)) {
        if (unlocked_)
            show_instructor_ = true;
        else
            prompt_requested_ = true;
    }
}

void InstructorMode::refresh() {
    if (loading_.valid()) return;
    last_refresh_s_ = seconds_now();
    const auto server = options_.server;
    const auto db = options_.results_db;
    const auto sessions = options_.session_db;
    loading_ = std::async(std::launch::async, [server, db, sessions]() -> std::vector<AttemptResult> {
        if (server) return io::fetch_results(*server);
        if (!db.empty() && std::filesystem::exists(db)) return io::AttemptDb(db).all();
        // A single machine without a workshop: the scored sessions of its own trainees.
        if (!sessions.empty() && std::filesystem::exists(sessions)) return io::SessionStore(sessions).attempts();
        return {};
    });
}

void InstructorMode::wait_for_results() {
    if (loading_.valid()) loading_.wait();
    collect();
}

void InstructorMode::collect() {
    if (!loading_.valid() ||
        loading_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return;
    const bool from_results_db = !options_.results_db.empty() && std::filesystem::exists(options_.results_db);
    const std::string where = options_.server     ? "service " + options_.server->text()
                              : from_results_db   ? options_.results_db.string()
                                                  : "trainee database " + options_.session_db.string();
    try {
        results_ = loading_.get();
        rows_ = cohort_table(results_);
        curves_ = learning_curves(results_);
        selected_row_ = std::clamp(selected_row_, 0, std::max(0, int(rows_.size()) - 1));
        source_status_ = std::to_string(results_.size()) + " results from " + where;
    } catch (const std::exception& e) {
        source_status_ = e.what();  // keep the last table; say why it is not fresh
    }
}

void InstructorMode::draw(const Station& station) {
    collect();
    if (unlocked_ && (show_dashboard_ || show_big_screen_) &&
        seconds_now() - last_refresh_s_ > k_refresh_interval_s)
        refresh();
    draw_pin_prompt();
    if (!unlocked_) return;
    draw_instructor_window();
    draw_dashboard();
    draw_big_screen(station);
}

void InstructorMode::draw_pin_prompt() {
    if (prompt_requested_) {
        ImGui::OpenPopup("Instructor PIN");
        prompt_requested_ = false;
        pin_input_.clear();
        message_.clear();
    }
    if (!ImGui::BeginPopupModal("Instructor PIN", nullptr, ImGuiWindowFlags_AlwaysAutoResize))
        return;
    ImGui::TextUnformatted("Instructor mode: enter the instructor PIN.");
    if (pin_.is_default)
        ImGui::TextDisabled("No PIN set yet: the default is %s.", k_default_instructor_pin);
    if (ImGui::IsWindowAppearing() || refocus_pin_) ImGui::SetKeyboardFocusHere();
    refocus_pin_ = false;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s", pin_input_.c_str());
    const bool enter =
        ImGui::InputText("PIN", buf, sizeof buf,
                         ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal |
                             ImGuiInputTextFlags_EnterReturnsTrue);
    pin_input_ = buf;
    if (!message_.empty())
        ImGui::TextColored(ImVec4(1.0f, 0.4f, 0.3f, 1.0f), "%s", message_.c_str());
    if (ImGui::Button("Unlock") || enter) {
        if (pin_matches(pin_, pin_input_)) {
            unlocked_ = show_instructor_ = true;
            message_.clear();
            refresh();
            ImGui::CloseCurrentPopup();
        } else {
            message_ = "wrong PIN";
            refocus_pin_ = true;  // Enter left the field: type again without a click
        }
        pin_input_.clear();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void InstructorMode::draw_instructor_window() {
    if (!show_instructor_) return;
    ImGui::SetNextWindowPos(ImVec2(60, 60), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(460, 300), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Instructor", &show_instructor_)) {
        ImGui::End();
        return;
    }
    ImGui::TextWrapped("Results: %s", options_.server
                                          ? ("service " + options_.server->text()).c_str()
                                      : !options_.results_db.empty()
                                          ? options_.results_db.c_str()
                                          : "none (use --workshop-server or --results-db)");
    ImGui::TextWrapped("%s", source_status_.c_str());
    if (ImGui::Button("Cohort dashboard")) show_dashboard_ = true;
    ImGui::SameLine();
    if (ImGui::Button("Big screen")) show_big_screen_ = true;
    ImGui::SameLine();
    if (ImGui::Button("Refresh")) refresh();
    // Hook for the scenario authoring window (another part of the program plugs in here).
    if (ImGui::Button("Author scenario...")) author_scenario();
    ImGui::Separator();
    if (pin_.is_default)
        ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.3f, 1.0f),
                           "The PIN is still the default %s: set your own.",
                           k_default_instructor_pin);
    ImGui::PushItemWidth(120);
    new_pin_ =
        input("New PIN", new_pin_, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal);
    ImGui::SameLine();
    new_pin_again_ = input("again", new_pin_again_,
                           ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal);
    ImGui::PopItemWidth();
    if (ImGui::Button("Set PIN")) {
        if (const std::string problem = pin_problem(new_pin_); !problem.empty())
            message_ = problem;
        else if (new_pin_ != new_pin_again_)
            message_ = "the two PINs differ";
        else {
            pin_ = make_instructor_pin(new_pin_);
            message_ = options_.persist ? save_instructor_pin(options_.pin_file, pin_) : "";
            if (message_.empty())
                message_ = options_.persist ? "PIN saved" : "PIN set for this run (--no-persist)";
            new_pin_.clear();
            new_pin_again_.clear();
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Lock"))
        unlocked_ = show_dashboard_ = show_big_screen_ = show_instructor_ = false;
    if (!message_.empty()) ImGui::TextWrapped("%s", message_.c_str());
    ImGui::End();
}

std::string InstructorMode::export_csv(const std::string& path, bool attempts) {
    std::ofstream out(path, std::ios::binary);
    if (!out || !(out << (attempts ? attempts_csv(results_) : cohort_csv(rows_))))
        return "cannot write " + path;
    return "wrote " + path +
           (attempts ? " (" + std::to_string(results_.size()) + " attempts)"
                     : " (" + std::to_string(rows_.size()) + " rows)");
}

void InstructorMode::draw_dashboard() {
    if (!show_dashboard_) return;
    ImGui::SetNextWindowPos(ImVec2(100, 90), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(1100, 700), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowBgAlpha(1.0f);
    if (!ImGui::Begin("Cohort dashboard", &show_dashboard_)) {
        ImGui::End();
        return;
    }
    ImGui::TextUnformatted(source_status_.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Refresh")) refresh();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_SizingFixedFit;
    // As tall as its rows (plus the header), at most 45% of the window: the curves need the rest.
    const float rows_height = (float(rows_.size()) + 1.5f) * ImGui::GetFrameHeight();
    const float table_height =
        std::clamp(rows_height, 80.0f, std::max(80.0f, ImGui::GetContentRegionAvail().y * 0.45f));
    if (ImGui::BeginTable("cohort", 11, flags, ImVec2(0, table_height))) {
        ImGui::TableSetupColumn("Trainee");
        ImGui::TableSetupColumn("Scenario", ImGuiTableColumnFlags_WidthStretch);
        for (const char* h : {"Attempts", "Best", "Last", "Mean", "Pass", "Shots", "DAP Gy*cm2",
                              "Fluoro s", "Time s"})
            ImGui::TableSetupColumn(h);
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableHeadersRow();
        for (int i = 0; i < int(rows_.size()); ++i) {
            const CohortRow& r = rows_[std::size_t(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            if (ImGui::Selectable(r.trainee.c_str(), selected_row_ == i,
                                  ImGuiSelectableFlags_SpanAllColumns))
                selected_row_ = i;
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.scenario.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", r.attempts);
            ImGui::TableNextColumn();
            ImGui::Text("%.0f", r.best_score);
            ImGui::TableNextColumn();
            ImGui::Text("%.0f", r.last_score);
            ImGui::TableNextColumn();
            ImGui::Text("%.1f", r.mean_score);
            ImGui::TableNextColumn();
            ImGui::Text("%.0f%%", 100.0 * r.pass_rate);
            ImGui::TableNextColumn();
            ImGui::Text("%.1f", r.mean_shots);
            ImGui::TableNextColumn();
            ImGui::Text("%.4f", r.mean_dap_gy_cm2);
            ImGui::TableNextColumn();
            ImGui::Text("%.1f", r.mean_fluoro_s);
            ImGui::TableNextColumn();
            ImGui::Text("%.0f", r.mean_time_s);
        }
        ImGui::EndTable();
    }
    if (rows_.empty()) ImGui::TextDisabled("No results yet.");
    // Curves and rows come from the same ordered attempts, so row i and curve i match.
    if (selected_row_ < int(curves_.size())) {
        const LearningCurve& c = curves_[std::size_t(selected_row_)];
        ImGui::Text("Learning curve: %s, %s (%zu attempts, oldest left)", c.trainee.c_str(),
                    c.scenario.c_str(), c.score.size());
        const float w = 0.5f * (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x);
        const float h = std::max(50.0f, 0.5f * (ImGui::GetContentRegionAvail().y -
                                                3.0f * ImGui::GetFrameHeightWithSpacing()));
        auto plot = [&](const char* label, const std::vector<double>& series, const char* unit,
                        double hi, bool same_line) {
            const std::vector<float> v = as_floats(series);
            char overlay[96];
            std::snprintf(overlay, sizeof overlay, "%s: last %.4g %s", label, series.back(), unit);
            if (same_line) ImGui::SameLine();
            ImGui::PlotLines(std::string("##").append(label).c_str(), v.data(), int(v.size()), 0,
                             overlay, 0.0f, float(hi), ImVec2(w, h));
            // Axis values inside the frame: the value range at the right, the attempts below.
            const ImVec2 lo = ImGui::GetItemRectMin(), up = ImGui::GetItemRectMax();
            ImDrawList* draw = ImGui::GetWindowDrawList();
            const ImU32 grey = ImGui::GetColorU32(ImGuiCol_TextDisabled);
            const std::string top = format_number("%.4g", hi), bottom = "0";
            const float line = ImGui::GetTextLineHeight();
            draw->AddText(ImVec2(up.x - ImGui::CalcTextSize(top.c_str()).x - 4.0f, lo.y + 2.0f), grey, top.c_str());
            draw->AddText(ImVec2(up.x - ImGui::CalcTextSize("0").x - 4.0f, up.y - line - 2.0f), grey, bottom.c_str());
            const std::string last = "attempt " + std::to_string(series.size());
            draw->AddText(ImVec2(lo.x + 4.0f, up.y - line - 2.0f), grey, "attempt 1");
            draw->AddText(ImVec2(up.x - ImGui::CalcTextSize(last.c_str()).x - ImGui::CalcTextSize("0").x - 16.0f,
                                 up.y - line - 2.0f),
                          grey, last.c_str());
        };
        auto top_of = [](const std::vector<double>& series) {
            return nice_ceiling(series.empty() ? 0.0 : *std::max_element(series.begin(), series.end()));
        };
        // Every plot starts at zero (score: 0-100), so a flat line means no change, not noise;
        // the others run to a round value above their largest (nice_ceiling: 1, 2 or 5 x 10^k).
        plot("score", c.score, "/100", 100.0, false);
        plot("shots", c.shots, "", top_of(c.shots), true);
        plot("DAP", c.dap_gy_cm2, "Gy*cm2", top_of(c.dap_gy_cm2), false);
        plot("time", c.time_s, "s", top_of(c.time_s), true);
    }
    ImGui::PushItemWidth(260);
    csv_path_ = input("CSV file", csv_path_);
    ImGui::PopItemWidth();
    ImGui::SameLine();
    if (ImGui::Button("Export CSV")) message_ = export_csv(csv_path_, false);
    ImGui::SameLine();
    if (ImGui::Button("Export attempts CSV")) message_ = export_csv(csv_path_, true);
    if (!message_.empty()) {
        ImGui::SameLine();
        ImGui::TextUnformatted(message_.c_str());
    }
    ImGui::End();
}

void InstructorMode::draw_big_screen(const Station& station) {
    if (!show_big_screen_) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // "Fill window": the whole window but its status bar, for a projector mirroring this screen.
    const ImGuiCond cond = big_screen_fill_ ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
    ImGui::SetNextWindowPos(big_screen_fill_ ? vp->WorkPos : ImVec2(30, 30), cond);
    ImGui::SetNextWindowSize(
        big_screen_fill_ ? ImVec2(vp->WorkSize.x, vp->WorkSize.y - ImGui::GetFrameHeight() - 4.0f)
                         : ImVec2(1540, 920),
        cond);
    ImGui::SetNextWindowBgAlpha(1.0f);  // a projector shows nothing of the panels behind
    if (!ImGui::Begin("Big screen", &show_big_screen_)) {
        ImGui::End();
        return;
    }
    const std::vector<AttemptResult> remote = latest_per_station(results_);
    std::string names = std::string("this station") + '\0';
    for (const AttemptResult& a : remote)
        names += "station " + (a.station.empty() ? std::string("(unnamed)") : a.station) + '\0';
    big_screen_source_ = std::clamp(big_screen_source_, 0, int(remote.size()));
    ImGui::PushItemWidth(240);
    ImGui::Combo("Show", &big_screen_source_, names.c_str());
    ImGui::PopItemWidth();
    ImGui::SameLine();
    ImGui::Checkbox("Fill window", &big_screen_fill_);
    ImGui::SetWindowFontScale(k_big_font_scale);
    if (big_screen_source_ == 0) {
        const auto& s = station.state();
        const auto& core = station.core();
        ImGui::Text("%s", s.scenario.name.c_str());
        const float line = ImGui::GetTextLineHeightWithSpacing();
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const float side = std::max(
            64.0f,
            std::min(0.5f * (avail.x - ImGui::GetStyle().ItemSpacing.x), avail.y - 3.0f * line));
        auto monitor = [&](GLuint texture, bool has, const std::string& angles, const char* title) {
            ImGui::BeginGroup();
            ImGui::Text("%s  %s", title, has ? angles.c_str() : "-");
            if (has)
                ImGui::Image(as_texture(texture), ImVec2(side, side), ImVec2(0, 1), ImVec2(1, 0));
            else {
                ImGui::Dummy(ImVec2(side, side));
                ImGui::GetWindowDrawList()->AddRectFilled(
                    ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), IM_COL32(0, 0, 0, 255));
            }
            ImGui::EndGroup();
        };
        monitor(station.fluoro_texture(), s.has_image, s.image_angles, "LIVE");
        ImGui::SameLine();
        monitor(station.reference_texture(), s.has_reference, s.reference_angles, "REF");
        ImGui::Text("Images %d   Fluoro %.1f s   DAP %.4f Gy*cm2   K %.2f mGy   Time %.0f s",
                    core.carm.images, core.dose.fluoro_time_s, core.dose.dap_gy_cm2,
                    core.dose.air_kerma_irp_mGy, core.active_s());
        if (s.report)
            ImGui::TextColored(
                s.report->passed ? ImVec4(0.4f, 1.0f, 0.4f, 1.0f) : ImVec4(1.0f, 0.4f, 0.3f, 1.0f),
                "Score %.0f / 100  %s", s.report->score, s.report->passed ? "PASS" : "FAIL");
    } else {
        // Another station's screen is not streamed: its latest posted result stands in for it.
        const AttemptResult& a = remote[std::size_t(big_screen_source_ - 1)];
        ImGui::Text("Station %s: latest result", a.station.c_str());
        ImGui::Separator();
        ImGui::Text("Trainee   %s", a.trainee.c_str());
        ImGui::Text("Scenario  %s", a.scenario.c_str());
        ImGui::Text("Started   %s", a.started_at.c_str());
        ImGui::TextColored(
            a.passed ? ImVec4(0.4f, 1.0f, 0.4f, 1.0f) : ImVec4(1.0f, 0.4f, 0.3f, 1.0f),
            "Score     %.0f / 100  %s", a.score, a.passed ? "PASS" : "FAIL");
        ImGui::Text("Shots     %d (%d images)", a.shots, a.images);
        ImGui::Text("Fluoro    %.1f s", a.fluoro_s);
        ImGui::Text("DAP       %.4f Gy*cm2", a.dap_gy_cm2);
        ImGui::Text("Time      %.0f s", a.time_s);
        if (a.distance_mm >= 0) ImGui::Text("Distance  %.1f mm to target", a.distance_mm);
        if (!a.fail_reasons.empty())
            ImGui::TextWrapped("Why it failed: %s", a.fail_reasons.c_str());
        ImGui::TextDisabled("(images stay on the station; this is its last posted result)");
    }
    ImGui::SetWindowFontScale(1.0f);
    ImGui::End();
}

}  // namespace fluorosim::app
