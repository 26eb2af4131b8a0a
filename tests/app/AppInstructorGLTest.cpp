// Instructor mode reached as an instructor reaches it: a click on "Instructor..." in the status
// bar, a wrong PIN (refused: no instructor window), then the default PIN 0000 (the Instructor
// window opens at its first-use place, (60, 60), with its title bar active).
#include <gtest/gtest.h>

#include <filesystem>

#include "io/image_file.hpp"
#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::test {
namespace {

// ImGui's dark style: the focused window's title bar is (41, 74, 122).
bool is_active_title_bar(const Image8& img, int x, int y) {
    return img.at(x, y, 2) > 100 && img.at(x, y, 2) > img.at(x, y, 0) + 50;
}

TEST(AppInstructorGLTest, TheDefaultPinUnlocksAndAWrongOneDoesNot) {
    const auto dir = output_dir() / "gui-instructor";
    std::filesystem::remove_all(dir);
    const auto script = source_dir() / "tests" / "app" / "drive_instructor.sh";
    const auto r = run_shell("env " + std::string(window_child_env()) +
                             " XDG_DATA_HOME=" + quoted((dir / "data").string()) +
                             " timeout 120 xvfb-run -a -s '-screen 0 1600x1000x24' " +
                             quoted(script.string()) + " " +
                             quoted(fluorosim_executable().string()) + " " + quoted(dir.string()));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    ASSERT_TRUE(std::filesystem::exists(dir / "snapshot-2.png")) << r.output;
    const Image8 refused = io::read_png(dir / "snapshot-1.png");
    const Image8 unlocked = io::read_png(dir / "snapshot-2.png");
    int refused_title = 0, unlocked_title = 0;
    for (int x = 70; x < 500; x += 10) {
        refused_title += is_active_title_bar(refused, x, 68) ? 1 : 0;
        unlocked_title += is_active_title_bar(unlocked, x, 68) ? 1 : 0;
    }
    EXPECT_EQ(refused_title, 0);
    EXPECT_GT(unlocked_title, 35);  // of 43 samples; the title text covers a few
}

}  // namespace
}  // namespace fluorosim::test
