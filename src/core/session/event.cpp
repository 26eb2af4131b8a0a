#include "core/session/event.hpp"

namespace fluorosim {

std::string_view to_string(EventKind kind) {
    switch (kind) {
        case EventKind::refused: return "refused";
        case EventKind::session_started: return "session_started";
        case EventKind::session_paused: return "session_paused";
        case EventKind::session_resumed: return "session_resumed";
        case EventKind::session_ended: return "session_ended";
        case EventKind::learning_aids_changed: return "learning_aids_changed";
        case EventKind::needle_selected: return "needle_selected";
        case EventKind::needle_placed: return "needle_placed";
        case EventKind::skin_pop: return "skin_pop";
        case EventKind::tissue_entered: return "tissue_entered";
        case EventKind::bone_contact: return "bone_contact";
        case EventKind::advance_blocked: return "advance_blocked";
        case EventKind::hub_at_skin: return "hub_at_skin";
        case EventKind::loss_of_resistance: return "loss_of_resistance";
        case EventKind::csf: return "csf";
        case EventKind::blood_arterial: return "blood_arterial";
        case EventKind::blood_venous: return "blood_venous";
        case EventKind::paraesthesia: return "paraesthesia";
        case EventKind::intradiscal: return "intradiscal";
        case EventKind::too_deep: return "too_deep";
        case EventKind::needle_out_of_skin: return "needle_out_of_skin";
        case EventKind::redirection: return "redirection";
        case EventKind::plunger_feedback: return "plunger_feedback";
        case EventKind::image_requested: return "image_requested";
        case EventKind::reference_saved: return "reference_saved";
        case EventKind::carm_limit: return "carm_limit";
        case EventKind::injection: return "injection";
        case EventKind::intrathecal_injection: return "intrathecal_injection";
        case EventKind::intravascular_injection: return "intravascular_injection";
        case EventKind::aspiration_negative: return "aspiration_negative";
    }
    return "?";
}

std::uint64_t image_seed(std::uint64_t session_seed, int index) {
    // splitmix64 (Steele, Lea & Flood 2014) over the seed advanced by the index.
    std::uint64_t z = session_seed + 0x9E3779B97F4A7C15ull * (std::uint64_t(index) + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

}  // namespace fluorosim
