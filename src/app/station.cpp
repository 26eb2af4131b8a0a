#include "app/station.hpp"

#include "io/patient_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <utility>

#include <nlohmann/json.hpp>

#include "render/needle_segments.hpp"
#include "core/util/error.hpp"
#include "core/util/log.hpp"
#include "core/xray/image_chain.hpp"
#include "core/scoring/report_export.hpp"
#include "io/image_file.hpp"
#include "io/mesh_file.hpp"

namespace fluorosim::app {

Station::Station(const std::string& scenario_path, int image_size)
    : imager_(std::make_unique<render::FluoroImager>(image_size, MaterialLibrary::standard())),
      reference_(render::make_texture_2d(GL_RGBA8, image_size, image_size, GL_LINEAR)) {
    load(scenario_path);
}

void Station::load(const std::string& path) {
    Scenario scenario = load_scenario(path);  // throws InputError; the caller keeps the old one
    io::PatientModel patient = io::build_patient(scenario, imager_->library());
    state_.scenario = std::move(scenario);
    state_.abc = state_.scenario.exposure.abc;
    state_.log.clear();
    clock_ = 0.0;
    note("opened " + path);
    other_patient_.clear();  // the scenario's own patient again
    use_patient(std::move(patient));
}

void Station::use_patient(io::PatientModel patient) {
    patient_ = std::move(patient);
    query_ = std::make_shared<TissueQuery>(patient_.scene);
    SessionOptions options;
    options.seed = state_.scenario.patient.seed * 7919u + 1u;
    session_ = std::make_unique<Session>(state_.scenario, query_,
                                         patient_.structures.empty() ? nullptr : &patient_.structures, options);
    clock_ = 0.0;
    if (sink_) sink_->session_started(state_.scenario, patient_.parameters.seed, other_patient(), session_->options());
    state_.has_image = state_.has_reference = false;
    state_.message.clear();
    state_.flashback.clear();
    state_.patient_says.clear();
    state_.report.reset();
    deposits_.clear();
    captures_.clear();
    imager_->set_patient(patient_.scene);
    imager_->set_overlay({});
    state_.triangle_count = patient_.scene.triangle_count();
    ++state_.patient_generation;
    send(CommandKind::session_start);
    send(CommandKind::needle_select, {}, state_.scenario.needle);
    // The needle waits on the skin 25 mm to the scenario's side of the isocentre, aimed straight
    // anterior; the trainee moves the entry point, aims and advances from there.
    const CArmPose& pose = state_.scenario.carm;
    const double side = state_.scenario.side == "right" ? -1.0 : 1.0;
    if (const auto skin = fluorosim::skin_above(*query_, pose.isocentre.x + 25.0 * side, pose.isocentre.z))
        send(CommandKind::needle_entry, {skin->x, skin->y, skin->z});
    send(CommandKind::carm_shot);  // the scout image, so the monitor never starts empty
    update_needles();
}

void Station::send(CommandKind kind, std::array<double, 3> values, std::string word) {
    apply_core(make_command(clock_, kind, values, std::move(word)));
}

void Station::apply_core(const Command& c) {
    if (sink_) sink_->command_applied(c);
    handle(session_->apply(c));
}

void Station::note(const std::string& text) {
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "%7.1f s  ", clock_);
    state_.log.push_back(stamp + text);
    // Keep the on-screen log bounded; the session keeps every event.
    if (state_.log.size() > 500) state_.log.erase(state_.log.begin());
}

void Station::handle(const std::vector<Event>& events) {
    // All of them before any is acted on: acting on an image may apply an ABC command, whose
    // events the session lists after these.
    if (sink_ && !events.empty()) sink_->events_emitted(events);
    for (const Event& e : events) {
        switch (e.kind) {
            case EventKind::image_requested:
                render_image(*e.image, e.time);
                captures_.add({e.image->index, e.time, e.image->single_shot, e.image->exposure.pulse_rate,
                               state_.image_angles, state_.last.technique.kvp, state_.last.technique.ma},
                              fluoro_texture(), renderer().width(), renderer().height());
                if (e.image->single_shot) note("shot (" + state_.image_angles + ")");
                continue;
            case EventKind::plunger_feedback: continue;  // shown as the plunger gauge
            case EventKind::reference_saved:
                if (state_.has_image) {
                    const auto& r = imager_->renderer();
                    glCopyImageSubData(r.display_texture(), GL_TEXTURE_2D, 0, 0, 0, 0, reference_.id(), GL_TEXTURE_2D, 0,
                                       0, 0, 0, r.width(), r.height(), 1);
                    state_.has_reference = true;
                    state_.reference_angles = state_.image_angles;
                }
                break;
            case EventKind::refused: state_.message = e.message; break;
            case EventKind::csf: state_.flashback = "clear fluid (CSF)"; break;
            case EventKind::blood_arterial: state_.flashback = "bright red, pulsatile blood"; break;
            case EventKind::blood_venous: state_.flashback = "dark blood, dripping"; break;
            case EventKind::needle_out_of_skin: state_.flashback.clear(); break;
            case EventKind::paraesthesia: state_.patient_says = e.message; break;
            case EventKind::injection:
            case EventKind::intrathecal_injection:
            case EventKind::intravascular_injection:
                // Contrast spreads by the compartment the tip is in (needs the patient's anatomy).
                if (!patient_.structures.empty()) deposits_ = contrast_deposits(patient_, session_->events());
                break;
            default: break;
        }
        if (!e.message.empty()) note(e.message);
    }
    update_needles();
}

void Station::render_image(const ImageRequest& request, double time) {
    render::AcquisitionSettings s;
    s.pose = request.pose;
    s.technique = request.exposure;
    s.seed = unsigned(request.seed & 0xffffffffu);
    s.stages = state_.stages;
    s.invert = state_.invert;
    if (!deposits_.empty()) {
        std::vector<render::OverlayObject> overlay;
        for (auto& c : contrast_at(patient_, deposits_, time))  // as it had spread when the pulse fell
            overlay.push_back({std::move(c.mesh), "iodine_contrast", "", float(c.weight())});
        state_.contrast_objects = int(overlay.size());
        imager_->set_overlay(overlay);
    }
    state_.last = imager_->acquire(s);
    state_.has_image = true;
    state_.image_angles = console_angles(request.pose);
    state_.image_pose = request.pose;
    if (sink_) sink_->image_taken(request, state_.last);
    if (state_.abc) {
        // The next pulse's technique, as the C-arm's ABC sets it from this one; recorded as a
        // command so a replay uses the same techniques without re-running the controller.
        const Exposure next = abc_step(request.exposure, state_.last.detector_kerma_uGy);
        if (std::abs(next.kvp - request.exposure.kvp) > 0.05 || std::abs(next.ma - request.exposure.ma) > 0.005)
            apply_core(make_command(clock_, CommandKind::carm_technique, {next.kvp, next.ma, 0}));
    }
}

void Station::update_needles() {
    const auto segments = render::needle_segments(session_->shaft_polyline(), core().needle.spec.outer_diameter_mm, *query_,
                                          patient_.scene, imager_->renderer());
    imager_->set_needles(segments);
    ++state_.needle_generation;
}

std::vector<glm::vec3> Station::needle_polyline() const {
    std::vector<glm::vec3> out;
    for (const auto& p : session_->shaft_polyline()) out.emplace_back(p);
    return out;
}

Recording Station::recording() const { return record(*session_, state_.scenario.file); }

void Station::tick(double seconds) {
    clock_ += seconds;
    handle(session_->advance_to(clock_));
}

void Station::replay(const Recording& recording) {
    begin_replay(recording);
    for (const Command& c : recording.commands) replay_command(c);
    end_replay();
    note("replayed " + std::to_string(recording.commands.size()) + " commands");
}

void Station::begin_replay(const Recording& recording) {
    // The scenario's own opening commands are replaced by the recording's: nothing to keep.
    SessionSink* sink = std::exchange(sink_, nullptr);
    use_patient(std::move(patient_));
    sink_ = sink;
    // The recording holds the techniques ABC chose; running the controller again would add more.
    replay_abc_ = state_.abc;
    state_.abc = false;
    session_ = std::make_unique<Session>(state_.scenario, query_,
                                         patient_.structures.empty() ? nullptr : &patient_.structures,
                                         SessionOptions{recording.seed, recording.bevel_deflection});
    captures_.clear();  // the scout image above belonged to the session just replaced
    if (sink_) sink_->session_started(state_.scenario, patient_.parameters.seed, other_patient(), session_->options());
}

void Station::replay_command(const Command& c) {
    clock_ = c.time;
    handle(session_->advance_to(c.time));
    apply_core(c);
}

void Station::end_replay() { state_.abc = replay_abc_; }

void Station::apply(const UiCommand& c) {
    std::visit(
        [this](const auto& cmd) {
            using T = std::decay_t<decltype(cmd)>;
            if constexpr (std::is_same_v<T, command::Core>) {
                send(cmd.kind, cmd.values, cmd.word);
            } else if constexpr (std::is_same_v<T, command::SetEntry>) {
                if (const auto skin = fluorosim::skin_above(*query_, cmd.x_mm, cmd.z_mm))
                    send(CommandKind::needle_entry, {skin->x, skin->y, skin->z});
                else
                    state_.message = "no skin there to put the needle on";
            } else if constexpr (std::is_same_v<T, command::EntryOnRay>) {
                const auto stretches = query_->segment(cmd.from, cmd.to);
                std::optional<glm::dvec3> best;
                if (cmd.first_crossing && !stretches.empty()) best = glm::dvec3(stretches.front().entry);
                for (const auto& st : stretches)
                    for (const glm::dvec3 p : {glm::dvec3(st.entry), glm::dvec3(st.exit)})
                        if (!cmd.first_crossing && (!best || p.y > best->y)) best = p;
                if (best) send(CommandKind::needle_entry, {best->x, best->y, best->z});
                else state_.message = "no skin there to put the needle on";
            } else if constexpr (std::is_same_v<T, command::SetPose>) {
                const CArmPose& now = core().carm.pose;
                const CArmPose& want = cmd.pose;
                if (want.primary_deg != now.primary_deg || want.secondary_deg != now.secondary_deg)
                    send(CommandKind::carm_angles, {want.primary_deg, want.secondary_deg, 0});
                if (want.isocentre != now.isocentre) {
                    const glm::dvec3 d = now.isocentre - want.isocentre;  // the table moves the other way
                    send(CommandKind::carm_table, {d.x, d.y, d.z});
                }
                if (!(want.collimation == now.collimation))
                    send(CommandKind::carm_collimate, {want.collimation.iris, want.collimation.shutter_x, want.collimation.shutter_y});
                if (want.magnification != now.magnification) send(CommandKind::carm_magnification, {double(want.magnification), 0, 0});
            } else if constexpr (std::is_same_v<T, command::SetExposure>) {
                const Exposure& now = core().carm.exposure;
                state_.abc = cmd.exposure.abc;
                if (cmd.exposure.pulse_rate != now.pulse_rate) send(CommandKind::carm_pulse_rate, {cmd.exposure.pulse_rate, 0, 0});
                if (!cmd.exposure.abc && (cmd.exposure.kvp != now.kvp || cmd.exposure.ma != now.ma))
                    send(CommandKind::carm_technique, {cmd.exposure.kvp, cmd.exposure.ma, 0});
            } else if constexpr (std::is_same_v<T, command::SetDisplay>) {
                state_.invert = cmd.invert;
            } else if constexpr (std::is_same_v<T, command::SetStages>) {
                state_.stages = cmd.stages;
            } else if constexpr (std::is_same_v<T, command::UsePatient>) {
                note("new patient: " + cmd.label);
                other_patient_ = io::patient_parameters_text(cmd.patient->parameters);
                use_patient(*cmd.patient);
            } else if constexpr (std::is_same_v<T, command::UseScenario>) {
                state_.scenario = cmd.scenario;
                state_.abc = state_.scenario.exposure.abc;
                state_.log.clear();
                clock_ = 0.0;
                note("opened " + cmd.scenario.name);
                other_patient_.clear();
                use_patient(*cmd.patient);
            } else if constexpr (std::is_same_v<T, command::Finish>) {
                if (state_.scenario.targets.empty() || patient_.landmarks.empty()) {
                    state_.message = "this scenario has no targets to score against";
                    return;
                }
                if (core().phase != SessionPhase::ended) send(CommandKind::session_end);
                try {
                    state_.report = score_attempt(state_.scenario, patient_, session_->events(), core());
                    if (sink_) sink_->scored(*state_.report);
                    note("scored: " + std::to_string(int(std::lround(state_.report->score))) + "/100, " +
                         (state_.report->passed ? "pass" : "fail"));
                } catch (const InputError& e) {
                    state_.message = e.what();
                }
            } else if constexpr (std::is_same_v<T, command::ExportReport>) {
                if (!state_.report) {
                    state_.message = "finish the attempt first";
                    return;
                }
                const std::string& path = cmd.path;
                std::string text;
                if (path.ends_with(".json")) text = report_json(*state_.report);
                else if (path.ends_with(".html")) {
                    // Every image held on the monitor as a thumbnail, then the last one full size.
                    std::vector<ReportImage> images = report_images(captures_);
                    const Image8 img = imager_->renderer().read_display();
                    images.push_back({"last image (" + state_.image_angles + ")", io::encode_png(img)});
                    text = report_html(*state_.report, images);
                } else if (path.ends_with(".csv")) text = report_csv_header() + "\n" + report_csv_line(*state_.report, state_.scenario.file) + "\n";
                else {
                    state_.message = "report file must end in .json, .html or .csv";
                    return;
                }
                std::ofstream out(path);
                out << text;
                if (out) note("report written to " + path);
                else state_.message = "cannot write " + path;
            } else if constexpr (std::is_same_v<T, command::SaveRecording>) {
                try {
                    save_recording(recording(), cmd.path);
                    note("recording saved to " + cmd.path);
                } catch (const InputError& e) {
                    state_.message = e.what();
                }
            } else if constexpr (std::is_same_v<T, command::LoadMesh>) {
                try {
                    io::MeshImportOptions options;
                    options.millimetres_per_unit = cmd.mm_per_unit;
                    options.up_axis = cmd.up_axis;
                    io::PatientModel model;
                    model.scene = io::import_scene(cmd.path, options, imager_->library());
                    note("opened mesh " + cmd.path + " (" + std::to_string(model.scene.objects.size()) + " objects)");
                    other_patient_ = nlohmann::json{{"mesh", cmd.path}, {"mm_per_unit", cmd.mm_per_unit},
                                                    {"up", std::string(1, cmd.up_axis)}}
                                         .dump();
                    use_patient(std::move(model));
                } catch (const InputError& e) {
                    state_.message = e.what();
                    log::error(e.what());
                }
            } else if constexpr (std::is_same_v<T, command::LoadScenario>) {
                try {
                    load(cmd.path);
                } catch (const InputError& e) {
                    state_.message = e.what();  // keep the current scenario running
                    log::error(e.what());
                }
            }
        },
        c);
}

}  // namespace fluorosim::app
