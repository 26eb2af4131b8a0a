#include "app/station.hpp"

#include <cmath>
#include <cstdio>

#include <algorithm>

#include "core/util/error.hpp"
#include "core/util/log.hpp"
#include "core/xray/image_chain.hpp"
#include "io/mesh_file.hpp"
#include "io/patient_scene.hpp"

namespace fluorosim::app {

Station::Station(const std::string& scenario_path, int image_size)
    : imager_(std::make_unique<render::FluoroImager>(image_size, MaterialLibrary::standard())),
      reference_(render::make_texture_2d(GL_RGBA8, image_size, image_size, GL_LINEAR)) {
    load(scenario_path);
}

void Station::load(const std::string& path) {
    Scenario scenario = load_scenario(path);  // throws InputError; the caller keeps the old one
    Scene patient = io::build_patient_scene(scenario, imager_->library());
    state_.scenario = std::move(scenario);
    state_.pose = state_.scenario.carm;
    state_.exposure = state_.scenario.exposure;
    state_.needle_id = state_.scenario.needle;
    state_.events.clear();
    state_.clock_seconds = 0.0;
    event("opened " + path);
    use_patient(std::move(patient));
}

void Station::use_patient(Scene patient) {
    patient_ = std::move(patient);
    patient_root_ = patient_.objects.empty() ? -1 : 0;
    // Start with the needle outside the skin, posterior to the isocentre, ready to insert.
    const Aabb box = patient_.bounds();
    state_.needle = NeedlePlacement{};
    state_.needle.entry = glm::dvec3(state_.pose.isocentre.x + 25.0, box.empty() ? 100.0 : double(box.max.y),
                                     state_.pose.isocentre.z);
    state_.has_image = state_.has_reference = false;
    state_.shots = 0;
    dose_.reset();
    state_.dose = {};
    state_.message.clear();
    image_seed_ = state_.scenario.patient.seed * 7919u + 1u;
    imager_->set_patient(patient_);
    state_.triangle_count = patient_.triangle_count();
    ++state_.patient_generation;
    update_needles();
    expose("scout image");  // so the monitor never starts empty
}

void Station::update_needles() {
    const NeedleSpec& spec = needle_spec(state_.needle_id);
    const auto& p = state_.needle;
    const glm::dvec3 d = p.direction();
    const double inside = std::clamp(p.depth_mm, 0.0, spec.length_mm);
    const float r = float(0.5 * spec.outer_diameter_mm);
    const std::string displaced = patient_root_ >= 0 ? patient_.objects[std::size_t(patient_root_)].material : "";
    std::vector<render::NeedleSegment> segments;
    // The shaft inside the patient displaces tissue; the rest, up to the hub, is in room air.
    if (inside > 0.0) segments.push_back({glm::vec3(p.entry), glm::vec3(p.entry + inside * d), r, "steel", displaced});
    if (spec.length_mm - inside > 0.0)
        segments.push_back({glm::vec3(p.entry - (spec.length_mm - inside) * d), glm::vec3(p.entry), r, "steel", ""});
    imager_->set_needles(segments);
    ++state_.needle_generation;
}

std::vector<glm::vec3> Station::needle_polyline() const {
    const NeedleSpec& spec = needle_spec(state_.needle_id);
    const auto& p = state_.needle;
    const double inside = std::clamp(p.depth_mm, 0.0, spec.length_mm);
    return {glm::vec3(p.entry - (spec.length_mm - inside) * p.direction()), glm::vec3(p.entry), glm::vec3(p.tip())};
}

void Station::event(const std::string& text) {
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "%7.1f s  ", state_.clock_seconds);
    state_.events.push_back(stamp + text);
    // Keep the on-screen log bounded; the session recorder (needle issue) keeps everything.
    if (state_.events.size() > 500) state_.events.erase(state_.events.begin());
}

void Station::expose(const char* kind) {
    render::AcquisitionSettings s;
    s.pose = state_.pose;
    s.technique = state_.exposure;
    s.seed = image_seed_++;
    s.invert = state_.invert;
    s.stages = state_.stages;
    state_.last = imager_->acquire(s);
    // The next pulse's technique, as the C-arm's ABC would set it from this one.
    if (state_.exposure.abc) state_.exposure = abc_step(state_.exposure, state_.last.detector_kerma_uGy);
    dose_.add_pulse({s.technique.kvp, s.technique.ma, s.technique.pulse_ms, s.technique.pulse_rate,
                     {s.technique.added_mm_al, s.technique.added_mm_cu}, collimated_field_area_cm2(s.pose),
                     s.pose.sid_mm, s.pose.sod_mm});
    state_.dose = dose_.totals();
    state_.has_image = true;
    state_.image_angles = console_angles(state_.pose);
    state_.shots += 1;
    if (kind) event(std::string(kind) + " (" + state_.image_angles + ", " + std::to_string(int(state_.exposure.kvp)) + " kVp)");
}

void Station::tick(double seconds) {
    state_.clock_seconds += seconds;
    if (!state_.pedal) return;
    // Pulsed fluoroscopy: one image per 1/rate seconds while the pedal is held.
    pulse_clock_ += seconds;
    const double period = 1.0 / state_.exposure.pulse_rate;
    if (pulse_clock_ >= period) {
        pulse_clock_ = std::fmod(pulse_clock_, period);
        expose(nullptr);  // pulses are logged as one fluoro run, not one line each
    }
}

void Station::apply(const Command& c) {
    std::visit(
        [this](const auto& cmd) {
            using T = std::decay_t<decltype(cmd)>;
            if constexpr (std::is_same_v<T, command::SingleShot>) {
                expose("single shot");
            } else if constexpr (std::is_same_v<T, command::Pedal>) {
                if (cmd.pressed && !state_.pedal) {
                    expose("fluoro on");  // the first pulse comes at once
                    pulse_clock_ = 0.0;
                    fluoro_start_shots_ = state_.shots;
                } else if (!cmd.pressed && state_.pedal) {
                    event("fluoro off after " + std::to_string(state_.shots - fluoro_start_shots_ + 1) + " pulses");
                }
                state_.pedal = cmd.pressed;
            } else if constexpr (std::is_same_v<T, command::SaveReference>) {
                if (!state_.has_image) return;
                const auto& r = imager_->renderer();
                glCopyImageSubData(r.display_texture(), GL_TEXTURE_2D, 0, 0, 0, 0, reference_.id(), GL_TEXTURE_2D, 0, 0,
                                   0, 0, r.width(), r.height(), 1);
                state_.has_reference = true;
                state_.reference_angles = state_.image_angles;
                event("saved to reference (" + state_.reference_angles + ")");
            } else if constexpr (std::is_same_v<T, command::SetPose>) {
                state_.pose = cmd.pose;
            } else if constexpr (std::is_same_v<T, command::SetExposure>) {
                state_.exposure = cmd.exposure;
            } else if constexpr (std::is_same_v<T, command::SetNeedle>) {
                state_.needle_id = cmd.needle_id;
                state_.needle = cmd.placement;
                update_needles();
            } else if constexpr (std::is_same_v<T, command::SetDisplay>) {
                state_.invert = cmd.invert;
            } else if constexpr (std::is_same_v<T, command::SetStages>) {
                state_.stages = cmd.stages;
            } else if constexpr (std::is_same_v<T, command::LoadMesh>) {
                try {
                    io::MeshImportOptions options;
                    options.millimetres_per_unit = cmd.mm_per_unit;
                    options.up_axis = cmd.up_axis;
                    Scene patient = io::import_scene(cmd.path, options, imager_->library());
                    event("opened mesh " + cmd.path + " (" + std::to_string(patient.objects.size()) + " objects)");
                    use_patient(std::move(patient));
                } catch (const InputError& e) {
                    state_.message = e.what();
                    log::error(e.what());
                }
            } else if constexpr (std::is_same_v<T, command::UsePatient>) {
                event("new patient: " + cmd.label);
                use_patient(*cmd.scene);
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
