#pragma once
// The fluoroscopy station the window shows: scenario, patient scene, C-arm, needle, and the
// images taken. Panels read `state()` and emit commands; the frame loop applies them in order
// with apply(), so nothing mutates the simulation from inside a panel.
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/carm/carm_pose.hpp"
#include "core/needle/needle_placement.hpp"
#include "core/scenario/scenario.hpp"
#include "core/scene/scene.hpp"
#include "core/xray/dose.hpp"
#include "render/fluoro_imager.hpp"

namespace fluorosim::app {

namespace command {
struct SingleShot {};
struct Pedal { bool pressed; };             // continuous fluoro while pressed
struct SaveReference {};
struct SetPose { CArmPose pose; };
struct SetExposure { Exposure exposure; };
struct SetNeedle { std::string needle_id; NeedlePlacement placement; };
struct SetDisplay { bool invert; };
struct SetStages { ChainStages stages; };  // image-chain stages (scatter, noise, blur, vignetting)
struct LoadScenario { std::string path; };
// A user's own anatomy model (any format Assimp reads) in place of the scenario's patient.
struct LoadMesh { std::string path; double mm_per_unit; char up_axis; };
// A patient generated (or loaded from the cache) off the frame loop.
struct UsePatient { std::shared_ptr<const Scene> scene; std::string label; };
}  // namespace command

using Command = std::variant<command::SingleShot, command::Pedal, command::SaveReference,
                             command::SetPose, command::SetExposure, command::SetNeedle,
                             command::SetDisplay, command::SetStages, command::LoadScenario,
                             command::LoadMesh, command::UsePatient>;

struct StationState {
    Scenario scenario;
    CArmPose pose;
    Exposure exposure;
    std::string needle_id;
    NeedlePlacement needle;
    bool invert = false;
    ChainStages stages;
    bool pedal = false;
    int shots = 0;              // single shots + fluoro pulses
    DoseTotals dose;            // fluoro time, air kerma at the reference point, DAP
    render::Acquisition last;   // technique and measurements of the image on the monitor
    bool has_image = false;
    bool has_reference = false;
    std::string image_angles;      // console angles of the image on the monitor
    std::string reference_angles;  // ... and of the reference image
    std::string message;           // last problem to show the user ("" if none)
    std::size_t triangle_count = 0;
    int patient_generation = 0;      // changes whenever a new patient is loaded
    int needle_generation = 0;       // changes whenever the needle moves
    double clock_seconds = 0;        // time since the scenario was opened
    std::vector<std::string> events; // "12.3 s  shot (AP)", newest last
};

class Station {
public:
    // Needs a current GL context. Throws InputError if the scenario cannot be loaded.
    Station(const std::string& scenario_path, int image_size);

    const StationState& state() const { return state_; }
    void apply(const Command& c);
    // Called once per frame with the elapsed time: emits fluoro pulses while the pedal is down.
    void tick(double seconds);

    GLuint fluoro_texture() const { return imager_->renderer().display_texture(); }
    GLuint reference_texture() const { return reference_.id(); }
    const render::XrayRenderer& renderer() const { return imager_->renderer(); }
    const Scene& patient() const { return patient_; }
    // The needle from hub to tip (patient frame), for the 3D view.
    std::vector<glm::vec3> needle_polyline() const;

private:
    void load(const std::string& path);
    void use_patient(Scene patient);  // new patient: needle back at the skin, counters reset
    void update_needles();
    void expose(const char* kind);  // one image: render, display, count
    void event(const std::string& text);

    StationState state_;
    Scene patient_;
    int patient_root_ = -1;  // the object needles run in (the trunk / skin)
    std::unique_ptr<render::FluoroImager> imager_;
    DoseCounter dose_;
    unsigned image_seed_ = 1;  // advances per image: each pulse has its own noise
    render::Texture reference_;
    double pulse_clock_ = 0.0;
    int fluoro_start_shots_ = 0;
};

}  // namespace fluorosim::app
