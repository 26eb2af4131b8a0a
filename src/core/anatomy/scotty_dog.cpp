#include "core/anatomy/scotty_dog.hpp"

#include <algorithm>
#include <cmath>

namespace fluorosim {

std::vector<ScottyDogPart> scotty_dog(const std::map<std::string, Landmark>& landmarks,
                                      const std::string& level, const std::string& side) {
    struct Spec {
        const char* part;
        const char* anatomy;
        const char* short_name;
        const char* suffix;
    };
    static const Spec kParts[] = {
        {"eye", "pedicle", "pedicle", "pedicle_centre"},
        {"ear", "superior articular process", "SAP", "superior_articular_tip"},
        {"nose", "transverse process", "TP", "transverse_process_tip"},
        {"neck", "pars interarticularis", "pars", "pars"},
        {"front leg", "inferior articular process", "IAP", "inferior_articular_tip"},
    };
    std::vector<ScottyDogPart> out;
    for (const Spec& s : kParts) {
        const std::string name = level + "." + side + "." + s.suffix;
        const auto it = landmarks.find(name);
        if (it == landmarks.end() || it->second.points.empty()) continue;
        out.push_back({level, s.part, s.anatomy, s.short_name, name, it->second.points.front()});
    }
    return out;
}

std::vector<ScottyDogPart> scotty_dogs_around(const Patient& patient, const std::string& level,
                                              const std::string& side) {
    const std::vector<std::string> levels = patient.lumbar_levels();
    // The vertebrae named by the level: "L4" or the two of "L4-L5".
    int first = -1, last = -1;
    for (int i = 0; i < int(levels.size()); ++i) {
        const std::string& v = levels[std::size_t(i)];
        const bool named =
            level == v || level.rfind(v + "-", 0) == 0 ||
            (level.size() > v.size() && level.compare(level.size() - v.size(), v.size(), v) == 0 &&
             level[level.size() - v.size() - 1] == '-');
        if (!named) continue;
        if (first < 0) first = i;
        last = i;
    }
    // A sacral level ("S1", "L5-S1" is matched above): the dog just above it, L5's.
    if (first < 0 && !level.empty() && level[0] == 'S') first = last = int(levels.size());
    std::vector<ScottyDogPart> out;
    if (first < 0) return out;
    for (int i = std::max(0, first - 1); i <= std::min(int(levels.size()) - 1, last + 1); ++i)
        for (auto& p : scotty_dog(patient.landmarks, levels[std::size_t(i)], side))
            out.push_back(std::move(p));
    return out;
}

std::array<unsigned char, 3> scotty_dog_colour(const std::string& part) {
    if (part == "eye") return {255, 220, 0};
    if (part == "ear") return {0, 210, 255};
    if (part == "nose") return {255, 130, 0};
    if (part == "neck") return {255, 60, 220};
    return {70, 230, 70};  // front leg
}

std::string scotty_dog_label(const ScottyDogPart& part, double primary_deg) {
    const double a = std::abs(primary_deg);
    const std::string name = a >= 15.0 && a <= 60.0 ? part.part : part.short_name;
    return part.part == "eye" ? part.level + " " + name : name;
}

std::string oblique_side(double primary_deg) { return primary_deg >= 0.0 ? "left" : "right"; }

}  // namespace fluorosim
