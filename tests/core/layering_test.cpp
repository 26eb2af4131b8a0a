// core must stay free of GL, windowing, UI and mesh-import libraries (DESIGN.md "Layers"):
// every simulation rule has to be testable on a machine without a display.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "support/test_paths.hpp"

namespace {

TEST(Layering, CoreIncludesNoGlWindowUiOrAssimp) {
    const auto core = fluorosim::test::source_dir() / "src" / "core";
    ASSERT_TRUE(std::filesystem::is_directory(core)) << core;
    const std::regex forbidden(R"(^\s*#\s*include\s*[<"](epoxy/|GL/|GLES|EGL/|GLFW/|imgui|assimp/|backends/))");
    int files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(core)) {
        if (!entry.is_regular_file()) continue;
        const auto ext = entry.path().extension();
        if (ext != ".hpp" && ext != ".cpp" && ext != ".h") continue;
        ++files;
        std::ifstream in(entry.path());
        std::string line;
        for (int n = 1; std::getline(in, line); ++n)
            EXPECT_FALSE(std::regex_search(line, forbidden))
                << entry.path().string() << ":" << n << ": core must not include this: " << line;
    }
    EXPECT_GT(files, 10);
}

}  // namespace
