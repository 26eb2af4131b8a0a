#pragma once
// Where FluoroSim finds its data (shaders/, assets/, scenarios/) and where it keeps the user's
// settings and results (XDG base directories).
#include <filesystem>

namespace fluorosim::paths {

// The folder holding shaders/, assets/ and scenarios/. Looked up in this order:
// $FLUOROSIM_DATA_DIR, the executable's folder and its parents (an installed or copied tree),
// then the source tree the program was built from.
std::filesystem::path data_dir();
std::filesystem::path shader_dir();
std::filesystem::path asset_dir();
std::filesystem::path scenario_dir();
std::filesystem::path default_scenario();

// $XDG_CONFIG_HOME/fluorosim (default ~/.config/fluorosim): window layout, settings.
std::filesystem::path config_dir();
// $XDG_DATA_HOME/fluorosim (default ~/.local/share/fluorosim): sessions database, exports.
std::filesystem::path user_data_dir();

}  // namespace fluorosim::paths
