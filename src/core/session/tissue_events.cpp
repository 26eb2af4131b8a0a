#include "core/session/tissue_events.hpp"

#include <cctype>

namespace fluorosim {
namespace {

// The first token like "L5" or "S1" in a name.
std::string level_in(const std::string& name) {
    for (std::size_t i = 0; i + 1 < name.size(); ++i) {
        const char c = name[i];
        if ((c == 'L' || c == 'S' || c == 'T') && std::isdigit(static_cast<unsigned char>(name[i + 1])) &&
            (i == 0 || name[i - 1] == ' '))
            return name.substr(i, 2);
    }
    return {};
}

std::string side_of(const std::string& name, const Structure* s) {
    const int side = s ? s->side : (name.find("left") != std::string::npos ? 1 : name.find("right") != std::string::npos ? -1 : 0);
    return side > 0 ? "left" : side < 0 ? "right" : "";
}

bool disc(TissueClass t) { return t == TissueClass::disc_annulus || t == TissueClass::disc_nucleus; }

}  // namespace

std::string dermatome(const std::string& level) {
    if (level == "L1") return "the groin";
    if (level == "L2") return "the front and inner thigh";
    if (level == "L3") return "the front of the thigh down to the inner knee";
    if (level == "L4") return "the front of the knee, the inner shin and the inner ankle";
    if (level == "L5") return "the outer shin and the top of the foot to the big toe";
    if (level == "S1") return "the sole, the heel and the outer edge of the foot";
    return {};
}

EntryReport entry_report(TissueClass tissue, TissueClass from, const std::string& name, const Structure* s) {
    using T = TissueClass;
    using E = EventKind;
    switch (tissue) {
        case T::skin: return {E::tissue_entered, "Firm resistance: the tip is in the skin (" + name + ")."};
        case T::fat: return {E::tissue_entered, "Little resistance: the tip is in fat (" + name + ")."};
        case T::soft_tissue: return {E::tissue_entered, "Soft, even resistance: the tip is in soft tissue (" + name + ")."};
        case T::muscle: return {E::tissue_entered, "Moderate resistance: the tip is in muscle (" + name + ")."};
        case T::ligament: return {E::tissue_entered, "Firm, gritty resistance: the tip is in a ligament (" + name + ")."};
        case T::ligamentum_flavum:
            return {E::tissue_entered, "Firm, leathery resistance: the tip is in the ligamentum flavum (" + name + ")."};
        case T::joint_capsule: return {E::tissue_entered, "Firm resistance, then a give: the tip is in a joint capsule (" + name + ")."};
        case T::disc_annulus:
        case T::disc_nucleus:
            if (disc(from)) return {E::tissue_entered, "The tip has moved deeper into the disc (" + name + ")."};
            return {E::intradiscal, "Gritty resistance: the tip is inside the intervertebral disc (" + name + "), intradiscal."};
        case T::dura: return {E::tissue_entered, "A subtle second give: the tip is on the dura (" + name + ")."};
        case T::csf: return {E::csf, "Clear fluid drips from the hub: CSF, the dura is punctured."};
        case T::neural:
            return {E::paraesthesia, "The patient cries out with electric pain in both legs: the tip is in the cauda equina (" + name + ")."};
        case T::nerve_root: {
            const std::string level = s && !s->level.empty() ? s->level : level_in(name);
            const std::string side = side_of(name, s);
            const std::string where = dermatome(level);
            std::string msg = "The patient reports a sharp, electric pain shooting down the " + (side.empty() ? std::string("leg") : side + " leg");
            if (!where.empty()) msg += " into " + where + " (" + level + " dermatome)";
            return {E::paraesthesia, msg + ": the tip is touching a nerve root (" + name + ")."};
        }
        case T::epidural_fat: return {E::tissue_entered, "Very little resistance: the tip is in the epidural fat (" + name + ")."};
        case T::artery: return {E::blood_arterial, "Bright red, pulsing blood fills the hub: the tip is in an artery (" + name + ")."};
        case T::vein: return {E::blood_venous, "Dark blood drips from the hub: the tip is in a vein (" + name + ")."};
        case T::organ: return {E::too_deep, "Far too deep: the tip has passed beyond the spine into an organ (" + name + ")."};
        case T::gas: return {E::too_deep, "Far too deep: the tip is in the bowel (" + name + ")."};
        case T::bone: return {E::bone_contact, "The tip stops on bone (" + name + ")."};
        case T::air: break;
    }
    return {E::tissue_entered, "The tip is out of tissue."};
}

}  // namespace fluorosim
