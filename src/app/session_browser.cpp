#include "app/session_browser.hpp"

#include <imgui.h>

#include <fstream>

#include "core/scoring/report_export.hpp"
#include "core/session/recording.hpp"
#include "core/util/error.hpp"
#include "core/util/paths.hpp"

namespace fluorosim::app {
namespace fs = std::filesystem;

namespace {

void write_text(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw InputError({path.string(), 0, ""}, "cannot write the file");
}

void refresh(io::SessionStore& store, const std::string& trainee, SessionBrowserState& state) {
    io::SessionFilter filter;
    if (!state.everyone) filter.trainee = trainee;
    state.rows = store.sessions(filter);
    state.stale = false;
}

void select(io::SessionStore& store, SessionBrowserState& state, std::int64_t id) {
    state.selected = id;
    state.report = store.report(id);
}

}  // namespace

fs::path write_session_recording(io::SessionStore& store, std::int64_t id, const fs::path& folder) {
    const fs::path path = folder / ("session-" + std::to_string(id) + ".txt");
    write_text(path, write_recording(store.recording(id)));
    return path;
}

fs::path write_session_report(io::SessionStore& store, std::int64_t id, const fs::path& folder) {
    const auto report = store.report(id);
    if (!report)
        throw InputError({store.file().string(), 0, "session " + std::to_string(id)},
                         "the session has no score yet");
    std::vector<ReportImage> images;
    for (const io::StoredImage& image : store.images(id)) {
        char caption[96];
        std::snprintf(caption, sizeof caption, "%.1f s  %s", image.time, image.angles.c_str());
        images.push_back({caption, image.png});
    }
    const fs::path path = folder / ("session-" + std::to_string(id) + ".html");
    write_text(path, report_html(*report, images));
    return path;
}

void draw_session_browser(io::SessionStore& store, const std::string& trainee,
                          SessionBrowserState& state, std::optional<std::string>& open_replay) {
    if (!state.open) return;
    ImGui::SetNextWindowSize(ImVec2(760, 460), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Past sessions", &state.open)) {
        ImGui::End();
        return;
    }
    try {
        if (ImGui::IsWindowAppearing()) state.stale = true;
        if (ImGui::Checkbox("Every trainee", &state.everyone)) state.stale = true;
        ImGui::SameLine();
        if (ImGui::Button("Refresh")) state.stale = true;
        if (state.stale) refresh(store, trainee, state);
        ImGui::SameLine();
        ImGui::TextDisabled("%zu sessions of %s in %s", state.rows.size(),
                            state.everyone ? "everyone" : trainee.c_str(), store.file().c_str());
        const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders |
                                      ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
        if (ImGui::BeginTable("##sessions", 7, flags, ImVec2(0, 220))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            for (const char* h :
                 {"id", "started (UTC)", "trainee", "scenario", "mode", "status", "score"})
                ImGui::TableSetupColumn(h);
            ImGui::TableHeadersRow();
            for (const io::SessionInfo& s : state.rows) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                char label[32];
                std::snprintf(label, sizeof label, "%lld", static_cast<long long>(s.id));
                if (ImGui::Selectable(label, s.id == state.selected,
                                      ImGuiSelectableFlags_SpanAllColumns))
                    select(store, state, s.id);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.started_at.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.trainee.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.scenario.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.mode.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(io::to_string(s.status).c_str());
                ImGui::TableNextColumn();
                if (s.scored)
                    ImGui::TextColored(
                        s.passed ? ImVec4(0.5f, 0.9f, 0.5f, 1) : ImVec4(1.0f, 0.5f, 0.4f, 1),
                        "%.0f %s", s.score, s.passed ? "pass" : "fail");
                else
                    ImGui::TextDisabled("-");
            }
            ImGui::EndTable();
        }
        if (state.selected > 0) {
            const fs::path folder = paths::user_data_dir() / "exports";
            if (ImGui::Button("Replay beside the expert"))
                open_replay = write_session_recording(store, state.selected, folder).string();
            ImGui::SameLine();
            if (ImGui::Button("Write HTML report"))
                state.message =
                    "wrote " + write_session_report(store, state.selected, folder).string();
            if (state.report) {
                const ScoreReport& r = *state.report;
                ImGui::Text("%s: %.0f/100, %s (pass mark %.0f)", r.scenario.c_str(), r.score,
                            r.passed ? "passed" : "failed", r.pass_score);
                for (const auto& reason : r.fail_reasons) ImGui::BulletText("%s", reason.c_str());
                for (const Deduction& d : r.deductions)
                    ImGui::BulletText("-%.1f %s", d.points, d.sentence.c_str());
            } else {
                ImGui::TextDisabled("not scored (unfinished or abandoned)");
            }
        }
    } catch (const std::exception& e) {
        state.message = e.what();  // a damaged row or an unwritable folder: say so, keep going
    }
    if (!state.message.empty()) ImGui::TextWrapped("%s", state.message.c_str());
    ImGui::End();
}

}  // namespace fluorosim::app
