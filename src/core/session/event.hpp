#pragma once
// What happened, in the order it happened: the session's output to the event log, the scorer
// (DESIGN.md "Scoring") and the renderer (image requests). Each event names its time, where it
// happened, the structure involved and one sentence a trainee understands.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <glm/glm.hpp>

#include "core/carm/carm_pose.hpp"
#include "core/needle/tissue_mechanics.hpp"
#include "core/scenario/scenario.hpp"

namespace fluorosim {

enum class EventKind {
    refused,                 // a command was not carried out; the message says why
    session_started, session_paused, session_resumed, session_ended, learning_aids_changed,
    needle_selected, needle_placed,
    // tissue, in the order the tip meets it
    skin_pop,                // the tip punctured the skin (a new skin puncture)
    tissue_entered,          // the tip entered another structure (fat, muscle, ligament, ...)
    bone_contact,            // the tip stopped on bone (position: the bone surface)
    advance_blocked,         // pushing on bone that the tip already touches
    hub_at_skin,             // the needle is in up to its hub
    loss_of_resistance,      // LOR syringe under pressure, tip into the epidural space
    csf,                     // CSF at the hub: dural puncture
    blood_arterial,          // bright pulsatile blood at the hub
    blood_venous,            // dark blood dripping from the hub
    paraesthesia,            // the patient feels pain shooting down the leg (nerve root, cauda equina)
    intradiscal,             // the tip entered a disc
    too_deep,                // the tip left the spine's neighbourhood (kidney, bowel)
    needle_out_of_skin,      // withdrawn completely out of the skin
    redirection,             // withdrawn > 5 mm and re-aimed > 5 deg (clinical.md 1.3)
    plunger_feedback,        // what the thumb on the LOR plunger feels
    // C-arm
    image_requested,         // one pulse: render `image` (pose, technique, noise seed)
    reference_saved,
    carm_limit,              // the C-arm stopped at its mechanical range
    // injection
    injection,
    intrathecal_injection,
    intravascular_injection,
    aspiration_negative,
};
std::string_view to_string(EventKind kind);

// One pulse for the renderer. The noise seed depends only on the session seed and the image
// index, so a replay renders the same images.
struct ImageRequest {
    int index = 0;              // 0, 1, 2, ... over the whole session
    std::uint64_t seed = 0;
    bool single_shot = false;   // false: a pulse of live fluoroscopy
    CArmPose pose;
    Exposure exposure;

    bool operator==(const ImageRequest&) const = default;
};

struct Event {
    double time = 0.0;
    EventKind kind = EventKind::refused;
    glm::dvec3 position{0.0};          // where it happened (tip, contact point), patient frame mm
    std::string structure;             // scene object involved ("" if none)
    TissueClass tissue = TissueClass::air;
    std::string message;               // one sentence for the trainee
    double amount = 0.0;               // mL injected, redirection angle (deg), ...
    std::string substance;             // injections: "contrast", "local anaesthetic" or "steroid"
    std::optional<ImageRequest> image; // image_requested only

    bool operator==(const Event&) const = default;
};

// The noise seed of image `index` (splitmix64 of the two, so neighbouring indices and seeds
// give unrelated streams).
std::uint64_t image_seed(std::uint64_t session_seed, int index);

}  // namespace fluorosim
