#include "app/app.hpp"

#include <epoxy/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <optional>

#include <unistd.h>

#include "app/authoring_window.hpp"
#include "app/exam_mode.hpp"
#include "app/debrief_view.hpp"
#include "app/learning_view.hpp"
#include "app/paced_replay.hpp"
#include "app/session_browser.hpp"
#include "app/session_panel.hpp"
#include "app/session_recorder.hpp"
#include "app/main_menu.hpp"
#include "app/panels.hpp"
#include "app/replay_view.hpp"
#include "app/settings.hpp"
#include "app/station.hpp"
#include "app/workshop_app.hpp"
#include "cli/args.hpp"
#include "core/util/error.hpp"
#include "core/util/log.hpp"
#include "core/util/paths.hpp"
#include "core/xray/material_library.hpp"
#include "io/image_file.hpp"
#include "io/patient_file.hpp"
#include "io/session_store.hpp"
#include "render/gl_context.hpp"
#include "render/gl_debug.hpp"

namespace fluorosim::app {
namespace fs = std::filesystem;
namespace {

// Key events since the last frame; filled by GLFW's key callback (which ImGui's chains to).
std::vector<KeyEvent> g_key_events;
void on_key(GLFWwindow*, int key, int, int action, int mods) { g_key_events.push_back({key, action, mods}); }

void on_glfw_error(int code, const char* description) {
    log::error("GLFW error " + std::to_string(code) + ": " + description);
}

bool have_display() {
    const char* x = std::getenv("DISPLAY");
    const char* w = std::getenv("WAYLAND_DISPLAY");
    return (x && *x) || (w && *w);
}

const char* k_headless_hint =
    "run headless instead: 'fluorosim render --out image.png', or give the window a virtual display: "
    "'xvfb-run -a -s \"-screen 0 1600x1000x24\" fluorosim'";

// The whole window as it is on screen (back buffer before the swap), row 0 at the top.
Image8 read_window(int width, int height) {
    Image8 img(width, height, 4);
    std::vector<std::uint8_t> raw(img.pixels.size());
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, raw.data());
    const std::size_t row = std::size_t(width) * 4;
    for (int y = 0; y < height; ++y)
        std::copy_n(raw.begin() + std::ptrdiff_t(std::size_t(height - 1 - y) * row), row,
                    img.pixels.begin() + std::ptrdiff_t(std::size_t(y) * row));
    for (std::size_t i = 3; i < img.pixels.size(); i += 4) img.pixels[i] = 255;
    return img;
}

// First-run placement of the panels; afterwards imgui.ini remembers the user's layout.
void default_layout(float w, float h_window) {
    const float menu = ImGui::GetFrameHeight();  // the main menu bar above the panels
    const float h = h_window - menu;
    const float status = 30.0f, side = 440.0f;
    const float monitor = std::min((w - side) * 0.5f, h - status);
    auto place = [](const char* name, float x, float y, float ww, float hh) {
        ImGui::SetWindowPos(name, ImVec2(x, y + ImGui::GetFrameHeight()), ImGuiCond_FirstUseEver);
        ImGui::SetWindowSize(name, ImVec2(ww, hh), ImGuiCond_FirstUseEver);
    };
    place("Fluoroscopy monitor", 0, 0, monitor, monitor);
    place("Reference monitor", monitor, 0, monitor, monitor);
    place("Events", 0, monitor, monitor, h - status - monitor);
    place("3D view", monitor, monitor, monitor, h - status - monitor);
    place("C-arm", w - side, 0, side, 0.42f * (h - status));
    place("Needle", w - side, 0.42f * (h - status), side, 0.33f * (h - status));
    place("Scenario and score", w - side, 0.75f * (h - status), side, 0.25f * (h - status));
    place("Exam", w - side, 0.75f * (h - status), side, 0.25f * (h - status));  // replaces the one above
}

// The profile sessions are recorded under: --trainee, else the login name.
std::string trainee_name(const std::string& flag) {
    if (!flag.empty()) return flag;
    const char* user = std::getenv("USER");
    return user && *user ? user : "trainee";
}

}  // namespace

int run(const std::vector<std::string>& argv) {
    cli::Args args("", "Open the simulator window.");
    args.option("--scenario", "FILE", "scenario to open")
        .option("--screenshot", "FILE.png", "save the whole window after --frames frames and exit")
        .option("--frames", "N", "frames before the screenshot (default 5)")
        .option("--size", "WxH", "window size in pixels for this run, e.g. 1600x1000")
        .option("--replay", "FILE", "replay a recording (see README) in the window after opening the scenario")
        .option("--record", "FILE", "save the session's recording to FILE when the window closes")
        .flag("--finish", "after --replay, end the attempt and show its score")
        .option("--replay-viewer", "FILE", "open FILE in the replay viewer, beside an expert recording of its scenario")
        .option("--replay-at", "SECONDS", "with --replay-viewer: show that moment")
        .option("--debrief-tab", "TAB", "after --finish, show the debrief's score, images or trajectory tab")
        .flag("--label-anatomy", "start with the Scotty dog labelled on the monitor (a learning aid; off in exams)")
        .option("--snapshot-dir", "DIR", "F12 saves a PNG of the whole window to DIR/snapshot-N.png")
        .option("--replay-speed", "X", "play --replay at X times its recorded pace (1 = real time) instead of at once")
        .option("--db", "FILE", "trainee database (default $FLUOROSIM_DB, else $XDG_DATA_HOME/fluorosim/sessions.db)")
        .option("--trainee", "NAME", "trainee whose sessions are recorded (default $USER)")
        .option("--recover", "ID", "recover unfinished session ID from the database and go on with it")
        .flag("--no-persist", "do not read or write settings, layout or the trainee database (unless --db is given)")
        .option("--exam", "FILE", "start a self-assessment exam (scenarios/exams/*.yaml): aids off, results sealed")
        .option("--exam-seed", "N", "the exam seed (default: as the exam file says, usually new per sitting)");
    add_workshop_options(args);  // workshop station and instructor mode (workshop_app.hpp)
    if (!args.parse(argv)) return 0;
    const int frames = args.integer("--frames", 5, 1, 100000);
    if (args.has("--frames") && !args.has("--screenshot")) throw cli::UsageError("--frames needs --screenshot FILE.png");
    if (args.has("--replay-at") && !args.has("--replay-viewer")) throw cli::UsageError("--replay-at needs --replay-viewer FILE");
    if (const std::string tab = args.get("--debrief-tab"); !tab.empty() && tab != "score" && tab != "images" && tab != "trajectory")
        throw cli::UsageError("option '--debrief-tab' expects score, images or trajectory, got '" + tab + "'");
    const bool persist = !args.has("--no-persist");
    if (args.has("--replay-speed") && !args.has("--replay")) throw cli::UsageError("--replay-speed needs --replay FILE");
    if (args.has("--recover") && !persist && !args.has("--db"))
        throw cli::UsageError("--recover needs the trainee database: give --db FILE or leave out --no-persist");
    WorkshopApp workshop(args, persist, args.has("--screenshot"));

    const fs::path config = paths::config_dir();
    const fs::path settings_file = config / "settings.json";
    Settings settings = persist ? load_settings(settings_file) : Settings{};
    if (args.has("--size")) {
        int w = 0, h = 0;
        if (std::sscanf(args.get("--size").c_str(), "%dx%d", &w, &h) != 2 || w < 640 || h < 480 || w > 8192 || h > 8192)
            throw cli::UsageError("option '--size' expects WxH with W >= 640 and H >= 480, got '" + args.get("--size") + "'");
        settings.window_width = w;
        settings.window_height = h;
    }
    std::string scenario = args.get("--scenario");
    if (scenario.empty()) scenario = !settings.last_scenario.empty() && fs::exists(settings.last_scenario)
                                         ? settings.last_scenario
                                         : paths::default_scenario().string();

    if (!have_display()) {
        std::fprintf(stderr, "fluorosim: no display (DISPLAY and WAYLAND_DISPLAY are unset); %s\n", k_headless_hint);
        return 3;
    }
    glfwSetErrorCallback(on_glfw_error);
    if (!glfwInit()) {
        std::fprintf(stderr, "fluorosim: cannot open the display '%s'; %s\n", std::getenv("DISPLAY"), k_headless_hint);
        return 3;
    }
#ifndef NDEBUG
    const bool debug_gl = true;
#else
    const bool debug_gl = false;
#endif
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 4);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 5);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_OPENGL_DEBUG_CONTEXT, debug_gl ? GLFW_TRUE : GLFW_FALSE);
    GLFWwindow* window = glfwCreateWindow(settings.window_width, settings.window_height,
                                          "FluoroSim - lumbar fluoroscopy trainer", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "fluorosim: cannot create an OpenGL 4.5 core window (the driver offers less); %s\n",
                     k_headless_hint);
        glfwTerminate();
        return 3;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(args.has("--screenshot") ? 0 : 1);
    if (debug_gl) render::enable_gl_debug_output();

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    const std::string ini = (config / "imgui.ini").string();
    if (persist) {
        std::error_code ec;
        fs::create_directories(config, ec);
        io.IniFilename = ini.c_str();
    } else {
        io.IniFilename = nullptr;
    }
    ImGui::StyleColorsDark();
    glfwSetKeyCallback(window, on_key);  // before ImGui's init, which chains to it
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 450 core");

    int status = 0;
    {
        UiState ui;
        ui.show_help = settings.show_help && !args.has("--screenshot");
        ui.label_anatomy = args.has("--label-anatomy");
        ui.gl_renderer = render::query_gl_info().renderer;
        ui.scenario_path_input = scenario;
        std::unique_ptr<Station> station;
        try {
            station = std::make_unique<Station>(scenario, settings.image_size);
        } catch (const std::exception& e) {
            // A broken scenario at start-up: say which and fall back to the default one.
            log::error(e.what());
            station = std::make_unique<Station>(paths::default_scenario().string(), settings.image_size);
            ui.scenario_path_input = paths::default_scenario().string();
        }
        station->apply(command::SetDisplay{settings.invert});
        LearningView learning_view;
        // Patient generation takes seconds: it runs on a worker thread while the window stays live.
        std::future<std::shared_ptr<const io::PatientModel>> pending_patient;
        for (const auto& problem : ui.keymap.load(config / "keys.json")) log::warning(problem);
        // The trainee database: every session is written as it happens (README "Sessions").
        std::unique_ptr<io::SessionStore> store;
        std::unique_ptr<SessionRecorder> recorder;
        SessionPanelState session_panel;
        SessionBrowserState session_browser;
        if (args.has("--db") || persist) {
            // A database that cannot be opened (corrupt, from a newer FluoroSim) or a session
            // that cannot be recovered is shown at the picker; the simulator runs on without it.
            try {
                store = std::make_unique<io::SessionStore>(args.has("--db") ? fs::path(args.get("--db")) : io::default_database_path());
                session_panel.orphans = store->orphans();  // offered before this run's own session starts
                for (const io::SessionInfo& o : session_panel.orphans)
                    std::printf("unfinished session %lld of %s on %s (from %s): offered for recovery\n",
                                static_cast<long long>(o.id), o.trainee.c_str(), o.scenario.c_str(), o.started_at.c_str());
                recorder = std::make_unique<SessionRecorder>(*store, *station, trainee_name(args.get("--trainee")));
                recorder->attach(*station);
                std::printf("recording session %lld into %s\n", static_cast<long long>(*recorder->current()), store->file().c_str());
                if (args.has("--recover")) {
                    recorder->recover(*station, args.integer("--recover", 0, 1, 2147483647));
                    session_panel.orphans.clear();
                }
            } catch (const InputError& e) {
                log::error(e.what());
                session_panel.message = e.what();
            }
        }
        std::optional<PacedReplay> paced;
        if (args.has("--replay")) {
            if (args.has("--replay-speed")) {
                const double speed = args.number("--replay-speed", 1.0, 0.01, 1000.0);
                paced.emplace(load_recording(args.get("--replay")), speed);
                paced->start(*station);
                std::printf("replaying %s at %gx (pid %d)\n", args.get("--replay").c_str(), speed, int(getpid()));
            } else {
                station->replay(load_recording(args.get("--replay")));
            }
        }
        std::fflush(stdout);
        bool finish_pending = args.has("--finish");
        if (finish_pending && !paced) {
            station->apply(command::Finish{});
            finish_pending = false;
        }
        ui.status_extras = [&workshop] { workshop.draw_status(); };
        DebriefView debrief;
        ReplayView replay_view;
        if (args.has("--debrief-tab")) debrief.select_tab(args.get("--debrief-tab"));
        if (args.has("--replay-viewer")) {
            replay_view.open(args.get("--replay-viewer"), *station);
            replay_view.seek(args.number("--replay-at", 0.0, 0.0, 1e6));
            ui.show_replay = true;
        }
        std::string pending_label;
        ExamMode exam;
        AuthoringWindow authoring;
        // The instructor window's "Author scenario..." opens the authoring window (not while an
        // exam sits: the exam owns the station).
        workshop.instructor().author_scenario = [&] {
            if (!exam.running()) authoring.open(*station);
        };
        if (args.has("--exam"))
            exam.start(args.get("--exam"), args.get("--trainee"),
                       args.has("--exam-seed") ? std::optional<std::uint64_t>(args.integer("--exam-seed", 0, 0, 2147483647))
                                               : std::nullopt);

        auto last = std::chrono::steady_clock::now();
        int frame = 0;
        int snapshots = 0;
        bool snapshot_requested = false;
        std::vector<UiCommand> commands;
        while (!glfwWindowShouldClose(window) && !ui.quit) {
            glfwPollEvents();
            const auto now = std::chrono::steady_clock::now();
            const double dt = std::chrono::duration<double>(now - last).count();
            last = now;
            ui.frame_ms = 0.9 * ui.frame_ms + 0.1 * dt * 1000.0;

            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplGlfw_NewFrame();
            ImGui::NewFrame();
            int fb_w = 0, fb_h = 0;
            glfwGetFramebufferSize(window, &fb_w, &fb_h);
            commands.clear();
            for (const KeyEvent& e : g_key_events) snapshot_requested |= e.key == GLFW_KEY_F12 && e.action == GLFW_PRESS;
            handle_shortcuts(*station, ui, g_key_events, commands);
            g_key_events.clear();
            handle_gamepad(*station, dt, commands);
            const bool aids = station->state().scenario.learning_aids && !exam.running();
            draw_fluoro_monitor(*station, commands, aids ? &ui.label_anatomy : nullptr);
            draw_reference_monitor(*station);
            draw_carm_panel(*station, commands);
            draw_needle_panel(*station, commands);
            draw_main_menu(*station, exam, authoring, workshop.instructor(),
                           [&] { draw_trainee_picker(recorder.get(), session_panel); });
            if (!exam.running()) draw_scenario_panel(*station, ui, commands);  // exam: its own panel, no score
            draw_event_log(*station);
            learning_view.draw_panel(*station, station->state().scenario.learning_aids && !exam.running(), commands);
            exam.draw(*station);
            authoring.draw(*station, commands, ui.generate_request);
            if (ui.open_replay) {
                if (!exam.running()) {
                    replay_view.open(*ui.open_replay, *station);
                    ui.show_replay = true;
                }
                ui.open_replay.reset();
            }
            // An exam's results stay sealed until it ends: no debrief, no replay meanwhile.
            if (!exam.results_sealed()) debrief.draw(*station, ui.show_debrief, learning_view);
            if (!exam.running()) replay_view.draw(*station, ui.show_replay);
            // Every frame: a panel first drawn later (the scenario panel after an exam) gets its place
            // too; FirstUseEver never moves a window twice.
            default_layout(io.DisplaySize.x, io.DisplaySize.y);
            draw_status_bar(*station, ui);
            if (session_panel.open_browser) {
                session_browser.open = !exam.running();  // past scores stay hidden during an exam
                session_panel.open_browser = false;
            }
            if (recorder && !exam.running())
                draw_session_browser(recorder->store(), recorder->trainee(), session_browser, ui.open_replay);
            if (recorder) draw_recovery_prompt(*recorder, *station, session_panel);
            draw_help_overlay(ui);
            workshop.draw(*station);
            ImGui::Render();

            if (ui.generate_request && !pending_patient.valid()) {
                const PatientParameters p = *ui.generate_request;
                pending_label = "seed " + std::to_string(p.seed) + ", BMI " + std::to_string(int(p.bmi));
                pending_patient = std::async(std::launch::async, [p] {
                    return std::shared_ptr<const io::PatientModel>(
                        std::make_shared<io::PatientModel>(io::obtain_patient(p, MaterialLibrary::standard())));
                });
                ui.generating = true;
            }
            ui.generate_request.reset();
            if (pending_patient.valid() && pending_patient.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
                try {
                    commands.push_back(command::UsePatient{pending_patient.get(), pending_label});
                } catch (const std::exception& e) {
                    log::error(std::string("patient generation failed: ") + e.what());
                }
                ui.generating = false;
            }
            // Sessions an exam starts are stored as exam sessions.
            if (recorder) recorder->set_mode(exam.running() ? "exam" : "practice");
            for (const auto& c : commands) station->apply(c);
            if (paced && paced->running()) paced->step(*station, dt);
            else station->tick(dt);
            if (finish_pending && paced && !paced->running()) {
                station->apply(command::Finish{});
                finish_pending = false;
            }
            if (recorder) recorder->tick();
            // Exam attempts are stored and posted as such (the instructor sees them; the trainee
            // does not until the exam ends).
            workshop.frame(*station, dt, exam.running() ? "exam" : "practice");
            exam.update(*station);

            glBindFramebuffer(GL_FRAMEBUFFER, 0);
            glViewport(0, 0, fb_w, fb_h);
            glClearColor(0.08f, 0.08f, 0.09f, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            ++frame;
            if (args.has("--snapshot-dir") && snapshot_requested) {
                snapshot_requested = false;
                glFinish();
                const fs::path snap = fs::path(args.get("--snapshot-dir")) / ("snapshot-" + std::to_string(++snapshots) + ".png");
                io::write_png(snap, read_window(fb_w, fb_h));
                std::printf("wrote %s\n", snap.c_str());
                std::fflush(stdout);
            }
            if (args.has("--screenshot") && frame >= frames) {
                glFinish();
                io::write_png(args.get("--screenshot"), read_window(fb_w, fb_h));
                std::printf("wrote %s (%dx%d, %d frames)\n", args.get("--screenshot").c_str(), fb_w, fb_h, frame);
                break;
            }
            glfwSwapBuffers(window);
        }
        if (args.has("--record")) {
            save_recording(station->recording(), args.get("--record"));
            std::printf("wrote recording %s (%zu commands)\n", args.get("--record").c_str(), station->session().commands().size());
        }
        if (recorder) recorder->close();
        if (persist) {
            glfwGetWindowSize(window, &settings.window_width, &settings.window_height);
            settings.invert = station->state().invert;
            settings.show_help = ui.show_help || (settings.show_help && args.has("--screenshot"));
            settings.last_scenario = station->state().scenario.file;
            save_settings(settings_file, settings);
        }
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return status;
}

}  // namespace fluorosim::app
