#include "core/util/paths.hpp"

#include <cstdlib>
#include <system_error>

namespace fluorosim::paths {
namespace fs = std::filesystem;
namespace {

bool looks_like_data_dir(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p / "shaders", ec) && fs::is_directory(p / "assets", ec);
}

fs::path home() {
    const char* h = std::getenv("HOME");
    return h && *h ? fs::path(h) : fs::temp_directory_path();
}

fs::path xdg(const char* variable, const char* fallback_below_home) {
    const char* v = std::getenv(variable);
    // The XDG spec says relative values are invalid and must be ignored.
    if (v && *v && fs::path(v).is_absolute()) return fs::path(v) / "fluorosim";
    return home() / fallback_below_home / "fluorosim";
}

}  // namespace

fs::path data_dir() {
    if (const char* env = std::getenv("FLUOROSIM_DATA_DIR"); env && *env) return fs::path(env);
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (fs::path p = exe.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
            if (looks_like_data_dir(p)) return p;
            if (looks_like_data_dir(p / "share" / "fluorosim")) return p / "share" / "fluorosim";
        }
    }
    return fs::path(FLUOROSIM_SOURCE_DATA_DIR);
}

fs::path shader_dir() { return data_dir() / "shaders"; }
fs::path asset_dir() { return data_dir() / "assets"; }
fs::path scenario_dir() { return data_dir() / "scenarios"; }
fs::path default_scenario() { return scenario_dir() / "standard_patient_ap.yaml"; }
fs::path config_dir() { return xdg("XDG_CONFIG_HOME", ".config"); }
fs::path user_data_dir() { return xdg("XDG_DATA_HOME", ".local/share"); }

}  // namespace fluorosim::paths
