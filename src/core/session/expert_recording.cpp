#include "core/session/expert_recording.hpp"

#include <algorithm>
#include <vector>

#include "core/session/recording.hpp"

namespace fluorosim {
namespace fs = std::filesystem;

bool same_scenario_file(const std::string& a, const std::string& b) {
    if (a.empty() || b.empty()) return false;
    std::error_code ea, eb;
    if (fs::exists(a, ea) && fs::exists(b, eb)) return fs::equivalent(a, b, ea);
    return fs::path(a).filename() == fs::path(b).filename();
}

std::string find_expert_recording(const fs::path& dir, const std::string& scenario_file) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return "";
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".txt")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::stable_partition(files.begin(), files.end(), [](const fs::path& p) {
        return p.filename().string().find("expert") != std::string::npos;
    });
    for (const fs::path& f : files) {
        try {
            if (same_scenario_file(load_recording(f.string()).scenario, scenario_file))
                return f.string();
        } catch (const InputError&) {
            // not a recording: skip it
        }
    }
    return "";
}

}  // namespace fluorosim
