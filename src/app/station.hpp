#pragma once
// The fluoroscopy station the window shows: one training session (core Session: needle, C-arm,
// injections, tissue events, recording) on a scenario's patient, plus the images it asked for.
// Panels read `state()` and emit UI commands; the frame loop applies them in order with apply(),
// which turns them into timestamped core commands. So everything a trainee does is recorded and
// a recording replays to the same state, events and images.
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app/image_gallery.hpp"
#include "app/session_sink.hpp"
#include "core/carm/carm_pose.hpp"
#include "core/scenario/scenario.hpp"
#include "core/scene/scene.hpp"
#include "core/session/recording.hpp"
#include "core/contrast/contrast.hpp"
#include "core/scoring/score.hpp"
#include "core/session/session.hpp"
#include "io/patient_scene.hpp"
#include "render/fluoro_imager.hpp"

namespace fluorosim::app {

namespace command {
// Anything the trainee does with the needle, C-arm, syringe or session, as a core command
// (its time is filled in when applied).
struct Core { CommandKind kind; std::array<double, 3> values{}; std::string word{}; };
struct SetEntry { double x_mm; double z_mm; };          // skin entry above (x, z): found on the skin
// Skin entry along a ray: a click in the 3D view takes the first surface from the eye; a click
// on the fluoro image takes the posterior-most crossing of the pixel's ray (the ray runs from
// the tube under the table up through the patient, so that is where it leaves the back).
struct EntryOnRay { glm::dvec3 from; glm::dvec3 to; bool first_crossing = false; };
struct SetPose { CArmPose pose; };                      // console sliders: sent as rotate/table/collimate/mag
struct SetExposure { Exposure exposure; };              // ABC on/off, manual kVp/mA, pulse rate
struct SetDisplay { bool invert; };
struct SetStages { ChainStages stages; };               // image-chain stages (scatter, noise, blur, edges, ...)
struct LoadScenario { std::string path; };
// A user's own anatomy model (any format Assimp reads) in place of the scenario's patient.
struct LoadMesh { std::string path; double mm_per_unit; char up_axis; };
// A patient generated (or loaded from the cache) off the frame loop.
struct UsePatient { std::shared_ptr<const io::PatientModel> patient; std::string label; };
// A scenario given whole (exam mode: aids off, the sitting's patient) with its patient built off
// the frame loop.
struct UseScenario { Scenario scenario; std::shared_ptr<const io::PatientModel> patient; };
struct SaveRecording { std::string path; };
// End the attempt and score it (scenarios with targets, on a generated patient).
struct Finish {};
struct ExportReport { std::string path; };  // .json, .html or .csv

}  // namespace command

using UiCommand = std::variant<command::Core, command::SetEntry, command::EntryOnRay, command::SetPose, command::SetExposure,
                             command::SetDisplay, command::SetStages, command::LoadScenario, command::LoadMesh,
                             command::UsePatient, command::UseScenario, command::SaveRecording, command::Finish,
                             command::ExportReport>;

struct StationState {
    Scenario scenario;
    bool invert = false;
    ChainStages stages;
    bool abc = true;               // automatic brightness control feeds kVp/mA back per image
    bool has_image = false;
    bool has_reference = false;
    std::string image_angles;      // console angles of the image on the monitor
    std::string reference_angles;  // ... and of the reference image
    std::string message;           // last problem to show the user ("" if none)
    std::size_t triangle_count = 0;
    int patient_generation = 0;    // changes whenever a new patient is loaded
    int needle_generation = 0;     // changes whenever the needle moves
    render::Acquisition last;      // technique and measurements of the image on the monitor
    CArmPose image_pose;           // the C-arm pose of the image on the monitor
    std::vector<std::string> log;  // "12.3 s  text", newest last (events in words)
    // What the operator perceives, for the needle panel.
    std::string flashback;         // "" / "CSF" / "bright red blood" / "dark blood"
    std::string patient_says;      // the last thing the patient reported
    std::optional<ScoreReport> report;  // after Finish
    int contrast_objects = 0;      // contrast shown in the last image
};

class Station {
public:
    // Needs a current GL context. Throws InputError if the scenario cannot be loaded.
    Station(const std::string& scenario_path, int image_size);

    const StationState& state() const { return state_; }
    const Session& session() const { return *session_; }
    const SessionState& core() const { return session_->state(); }
    double clock() const { return clock_; }
    void apply(const UiCommand& c);
    // Called once per frame with the elapsed time: emits fluoro pulses while the pedal is down.
    void tick(double seconds);
    // Applies a recording's commands at their own times (a replay in the window).
    void replay(const Recording& recording);
    // A replay in steps (real-time replay, recovery): begin_replay starts a fresh session with the
    // recording's options; replay_command applies one command at its own time; end_replay
    // gives automatic brightness control back.
    void begin_replay(const Recording& recording);
    void replay_command(const Command& command);
    void end_replay();
    // Who keeps the sessions (nullptr: nobody); not owned.
    void set_sink(SessionSink* sink) { sink_ = sink; }

    GLuint fluoro_texture() const { return imager_->renderer().display_texture(); }
    GLuint reference_texture() const { return reference_.id(); }
    const render::XrayRenderer& renderer() const { return imager_->renderer(); }
    const Scene& patient() const { return patient_.scene; }
    // The patient with its structures and landmarks (scoring, authoring, replay).
    const io::PatientModel& patient_model() const { return patient_; }
    // The patient in use when it is not the scenario's own, as JSON: the generator parameters
    // after UsePatient ("New patient"), {"mesh", "mm_per_unit", "up"} after LoadMesh; "" after
    // opening a scenario. What a stored session needs to be recovered on the same patient.
    const std::string& other_patient() const { return other_patient_; }
    std::shared_ptr<const TissueQuery> tissue_query() const { return query_; }
    // Every image the monitor showed since the patient was loaded (debrief gallery, report).
    const ImageCaptures& captures() const { return captures_; }
    // The needle from hub to tip (patient frame), for the 3D view.
    std::vector<glm::vec3> needle_polyline() const;
    Recording recording() const;

private:
    void load(const std::string& path);
    void use_patient(io::PatientModel patient);  // a new session on this patient
    void send(CommandKind kind, std::array<double, 3> values = {}, std::string word = {});
    void apply_core(const Command& c);  // every core command goes through here (and to the sink)
    void handle(const std::vector<Event>& events);
    void render_image(const ImageRequest& request, double time);
    void update_needles();
    void note(const std::string& text);

    StationState state_;
    io::PatientModel patient_;
    std::string other_patient_;  // see other_patient()
    std::shared_ptr<const TissueQuery> query_;
    std::unique_ptr<Session> session_;
    std::unique_ptr<render::FluoroImager> imager_;
    render::Texture reference_;
    double clock_ = 0.0;  // session time: seconds since the scenario was opened
    unsigned session_seed_ = 1;
    std::vector<ContrastDeposit> deposits_;  // injected contrast so far
    SessionSink* sink_ = nullptr;
    bool replay_abc_ = true;  // the ABC setting to restore after a replay
    ImageCaptures captures_;
};

}  // namespace fluorosim::app
