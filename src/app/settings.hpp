#pragma once
// What the app remembers between runs, in $XDG_CONFIG_HOME/fluorosim/settings.json (the ImGui
// window layout sits beside it in imgui.ini). A broken file is reported and replaced by
// defaults; it never stops the program.
#include <filesystem>
#include <string>

namespace fluorosim::app {

struct Settings {
    int window_width = 1600;
    int window_height = 1000;
    bool invert = false;
    bool show_help = true;        // the shortcut overlay, shown until the user closes it once
    std::string last_scenario;    // reopened when no --scenario is given
    int image_size = 512;         // fluoro image resolution (pixels per side)
};

Settings load_settings(const std::filesystem::path& file);
void save_settings(const std::filesystem::path& file, const Settings& settings);

}  // namespace fluorosim::app
