// The debrief and the replay viewer in the real window (xvfb-run, 1600x1000, no saved layout):
// Finish after the expert recording opens the debrief over the panels, with a thumbnail of each
// image and the tip path drawn; the replay viewer shows the recording beside the expert's,
// following it by phase, the same moment giving the same image.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/session/recording.hpp"
#include "io/image_file.hpp"
#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::test {
namespace {
namespace fs = std::filesystem;

const std::string k_scenario = "scenarios/mbb_l4_left.yaml";
const std::string k_expert = "scenarios/recordings/mbb_l4_left_expert.txt";

Image8 screenshot(const std::string& name, const std::string& args) {
    const auto config = output_dir() / ("gui-config-" + name);
    fs::remove_all(config);
    const auto shot = output_dir() / ("gui_" + name + ".png");
    const RunResult r = run_shell(
        "cd " + quoted(source_dir().string()) + " && env " + std::string(window_child_env()) +
        " XDG_CONFIG_HOME=" + quoted(config.string()) +
        " xvfb-run -a -s '-screen 0 1600x1000x24' " + quoted(fluorosim_executable().string()) +
        " --size 1600x1000 --no-persist --scenario " + k_scenario + " --screenshot " +
        quoted(shot.string()) + " --frames 12 " + args);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return io::read_png(shot);
}

int red(const Image8& img, int x, int y) { return img.at(x, y, 0); }

// A big window's title bar (ImGui's focused title colour, 41 74 122) across the top of the
// screen at y = 29: the debrief and the replay windows are placed at 2% of the height.
bool big_window_on_top(const Image8& img) {
    for (int x = 100; x <= 1500; x += 50)
        if (img.at(x, 29, 0) != 41 || img.at(x, 29, 1) != 74 || img.at(x, 29, 2) != 122)
            return false;
    return true;
}

TEST(AppDebriefGLTest, FinishOpensTheDebriefWithEveryImage) {
    const Image8 without = screenshot("no-debrief", "--replay " + k_expert);
    EXPECT_FALSE(big_window_on_top(without)) << "no debrief before Finish";

    const Image8 img =
        screenshot("debrief-images", "--replay " + k_expert + " --finish --debrief-tab images");
    ASSERT_EQ(img.width, 1600);
    EXPECT_TRUE(big_window_on_top(img));
    // Gallery cells 150 px wide every 160 px from (48, 243): the expert took four shots, each
    // thumbnail a round field (black corner, lit inside); the fifth cell is empty.
    for (int i = 0; i < 4; ++i) {
        const int x = 48 + 160 * i;
        EXPECT_LT(red(img, x + 4, 247), 15) << "thumbnail " << i << " corner";
        EXPECT_GT(red(img, x + 40, 318), 50) << "thumbnail " << i << " inside the field";
    }
    EXPECT_LT(red(img, 48 + 160 * 4 + 75, 318), 30) << "no fifth image";
}

TEST(AppDebriefGLTest, TrajectoryTabDrawsThePathAndTheTarget) {
    const Image8 img = screenshot("debrief-trajectory",
                                  "--replay " + k_expert + " --finish --debrief-tab trajectory");
    // The AP and lateral plots (and the 3D view) below the timeline: the orange tip path and
    // the green target zone.
    int orange = 0, green = 0;
    for (int y = 230; y < 740; ++y)
        for (int x = 44; x < 1550; ++x) {
            const int r = img.at(x, y, 0), g = img.at(x, y, 1), b = img.at(x, y, 2);
            orange += r > 230 && g > 120 && g < 200 && b < 90;
            green += r < 90 && g > 190 && b < 130;
        }
    EXPECT_GT(orange, 60);
    EXPECT_GT(green, 60);
}

TEST(AppDebriefGLTest, ReplayViewerFollowsTheExpertByPhase) {
    // The expert recording played three times slower stands in for a trainee: by phase, its
    // 28.5 s (between skin and bone, 3 x 9.5) is the expert's 9.5 s, after the same third shot
    // (LAO 90 at 27 s and 9 s): the two monitors show the same image.
    Recording slow = load_recording((source_dir() / k_expert).string());
    for (Command& c : slow.commands) c.time *= 3.0;
    const auto slow_file = output_dir() / "mbb_l4_left_slow.txt";
    save_recording(slow, slow_file.string());

    const Image8 img =
        screenshot("replay", "--replay-viewer " + quoted(slow_file.string()) + " --replay-at 28.5");
    EXPECT_TRUE(big_window_on_top(img));
    // The recording's monitor at (48, 338), 366 px square; the expert's 764 px to the right.
    // Rows from 380 down (the top rows carry the captions, which differ: "1.5 s ago" / "0.5 s
    // ago").
    double diff = 0, sum = 0, sum2 = 0;
    int n = 0;
    for (int y = 380; y < 700; y += 2)
        for (int x = 52; x < 410; x += 2) {
            const double a = red(img, x, y), b = red(img, x + 764, y);
            diff += std::abs(a - b);
            sum += a;
            sum2 += a * a;
            ++n;
        }
    const double mean = sum / n;
    EXPECT_GT(std::sqrt(sum2 / n - mean * mean), 20.0) << "an X-ray, not a blank square";
    EXPECT_LT(diff / n, 1.0) << "the same image on both sides";

    // Later (37 s: between bone contact at 30 s and the injection at 42 s, the expert's 12.3 s)
    // both monitors hold the fourth shot, AP (36 s and 12 s): another image than before.
    const Image8 later = screenshot(
        "replay-later", "--replay-viewer " + quoted(slow_file.string()) + " --replay-at 37");
    double later_diff = 0, change = 0;
    for (int y = 380; y < 700; y += 2)
        for (int x = 52; x < 410; x += 2) {
            later_diff += std::abs(red(later, x, y) - red(later, x + 764, y));
            change += std::abs(red(later, x, y) - red(img, x, y));
        }
    EXPECT_LT(later_diff / n, 1.0) << "both on the AP shot";
    EXPECT_GT(change / n, 5.0) << "scrubbing to 37 s showed another image than at 28.5 s";
}

}  // namespace
}  // namespace fluorosim::test
