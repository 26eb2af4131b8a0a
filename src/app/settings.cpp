#include "app/settings.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

#include "core/util/log.hpp"

namespace fluorosim::app {

Settings load_settings(const std::filesystem::path& file) {
    Settings s;
    std::ifstream in(file);
    if (!in) return s;  // first run
    try {
        const auto j = nlohmann::json::parse(in);
        s.window_width = std::clamp(j.value("window_width", s.window_width), 640, 8192);
        s.window_height = std::clamp(j.value("window_height", s.window_height), 480, 8192);
        s.invert = j.value("invert", s.invert);
        s.show_help = j.value("show_help", s.show_help);
        s.last_scenario = j.value("last_scenario", s.last_scenario);
        s.image_size = std::clamp(j.value("image_size", s.image_size), 128, 2048);
    } catch (const std::exception& e) {
        log::warning(file.string() + ": settings ignored, defaults used (" + e.what() + ")");
        return Settings{};
    }
    return s;
}

void save_settings(const std::filesystem::path& file, const Settings& s) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    const nlohmann::json j = {{"window_width", s.window_width}, {"window_height", s.window_height},
                              {"invert", s.invert},             {"show_help", s.show_help},
                              {"last_scenario", s.last_scenario}, {"image_size", s.image_size}};
    // Write a sibling then rename, so a crash mid-write never leaves a truncated file.
    const auto tmp = file.string() + ".tmp";
    {
        std::ofstream out(tmp);
        if (!out) {
            log::warning(file.string() + ": cannot save settings");
            return;
        }
        out << j.dump(2) << '\n';
    }
    std::filesystem::rename(tmp, file, ec);
    if (ec) log::warning(file.string() + ": cannot save settings (" + ec.message() + ")");
}

}  // namespace fluorosim::app
