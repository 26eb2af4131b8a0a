#include "app/workshop_app.hpp"

#include "io/session_store.hpp"

#include <imgui.h>

#include "core/util/log.hpp"
#include "core/util/paths.hpp"

namespace fluorosim::app {
namespace {

WorkshopOptions station_options(const cli::Args& args) {
    WorkshopOptions o;
    if (args.has("--workshop-server"))
        o.server = io::parse_endpoint(args.get("--workshop-server"), "--workshop-server");
    else if (args.has("--station"))
        throw cli::UsageError("--station needs --workshop-server HOST:PORT (where results go)");
    o.outbox = args.has("--outbox") ? std::filesystem::path(args.get("--outbox"))
                                    : io::default_outbox_file();
    o.station = args.get("--station");
    o.trainee = args.get("--trainee");
    return o;
}

InstructorOptions instructor_options(const cli::Args& args, bool persist) {
    InstructorOptions o;
    if (args.has("--workshop-server") && args.has("--results-db"))
        throw cli::UsageError(
            "either --workshop-server or --results-db for the dashboard, not both");
    if (args.has("--workshop-server"))
        o.server = io::parse_endpoint(args.get("--workshop-server"), "--workshop-server");
    o.results_db = args.has("--results-db") ? std::filesystem::path(args.get("--results-db"))
                                            : io::default_results_db_file();
    if (args.has("--db")) o.session_db = args.get("--db");
    else if (persist) o.session_db = io::default_database_path();
    o.pin_file = paths::config_dir() / "instructor.json";
    o.persist = persist;
    return o;
}

}  // namespace

void add_workshop_options(cli::Args& args) {
    args.option("--workshop-server", "HOST:PORT",
                "workshop station: send finished attempts to this results service")
        .option("--station", "NAME", "this station's name in the workshop (default: the host name)")
        .option("--outbox", "FILE",
                "where unsent results wait (default $XDG_DATA_HOME/fluorosim/outbox.db)")
        .option("--results-db", "FILE",
                "instructor: read the dashboard from this results database instead of a server")
        .option("--instructor-pin", "PIN",
                "unlock instructor mode (on first use this sets the PIN; default 0000)")
        .option("--instructor-view", "WHICH",
                "with --instructor-pin: open 'dashboard', 'big-screen' or 'all'");
}

WorkshopApp::WorkshopApp(const cli::Args& args, bool persist, bool synchronous)
    : client_(station_options(args)),
      instructor_(instructor_options(args, persist)),
      synchronous_(synchronous) {
    const std::string view = args.get("--instructor-view");
    if (!view.empty() && view != "dashboard" && view != "big-screen" && view != "all")
        throw cli::UsageError(
            "option '--instructor-view' expects dashboard, big-screen or all, got '" + view + "'");
    if (!view.empty() && !args.has("--instructor-pin"))
        throw cli::UsageError("--instructor-view needs --instructor-pin PIN");
    if (args.has("--instructor-pin")) {
        if (const std::string problem = instructor_.unlock_with(args.get("--instructor-pin"));
            !problem.empty())
            throw cli::UsageError(problem);
        if (view == "dashboard" || view == "all") instructor_.show_dashboard();
        if (view == "big-screen" || view == "all") instructor_.show_big_screen();
    }
}

void WorkshopApp::frame(const Station& station, double seconds, const std::string& mode) {
    if (synchronous_) client_.wait();  // so a new result goes out in a send of its own, below
    const bool has_report = station.state().report.has_value();
    if (has_report && !had_report_ && client_.enabled()) {
        const AttemptResult a = client_.submit(station, mode);
        log::info("workshop: queued " + a.attempt_id + " (" + a.trainee + ", " + a.scenario +
                  ", score " + std::to_string(int(a.score + 0.5)) + ")");
        if (synchronous_) {
            client_.wait();
            instructor_.wait_for_results();
            if (instructor_.unlocked())
                instructor_.refresh();  // the dashboard then includes this attempt
        }
    }
    had_report_ = has_report;
    client_.tick(seconds);
    if (synchronous_) {
        client_.wait();
        instructor_.wait_for_results();
    }
}

void WorkshopApp::draw_status() {
    if (client_.enabled()) {
        ImGui::SameLine();
        ImGui::TextUnformatted("|");
        ImGui::SameLine();
        const bool ok = client_.pending() == 0 && client_.connected();
        ImGui::TextColored(ok ? ImVec4(0.5f, 0.9f, 0.5f, 1.0f) : ImVec4(1.0f, 0.75f, 0.3f, 1.0f),
                           "%s", client_.status_text().c_str());
    }
    instructor_.draw_status_button();
}

}  // namespace fluorosim::app
