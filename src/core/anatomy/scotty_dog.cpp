#include "core/anatomy/scotty_dog.hpp"

namespace fluorosim {

std::vector<ScottyDogPart> scotty_dog(const std::map<std::string, Landmark>& landmarks, const std::string& level,
                                      const std::string& side) {
    struct Spec {
        const char* part;
        const char* anatomy;
        const char* suffix;
    };
    static const Spec kParts[] = {
        {"eye", "pedicle", "pedicle_centre"},
        {"ear", "superior articular process", "superior_articular_tip"},
        {"nose", "transverse process", "transverse_process_tip"},
        {"neck", "pars interarticularis", "pars"},
        {"front leg", "inferior articular process", "inferior_articular_tip"},
    };
    std::vector<ScottyDogPart> out;
    for (const Spec& s : kParts) {
        const std::string name = level + "." + side + "." + s.suffix;
        const auto it = landmarks.find(name);
        if (it == landmarks.end() || it->second.points.empty()) continue;
        out.push_back({s.part, s.anatomy, name, it->second.points.front()});
    }
    return out;
}

std::string oblique_side(double primary_deg) { return primary_deg >= 0.0 ? "left" : "right"; }

}  // namespace fluorosim
