// GUI smoke test: the real executable in a virtual X display (xvfb-run), one screenshot of the
// whole window, checked for content: not blank, and the fluoroscopy monitor showing a round
// image-intensifier field with an X-ray inside.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "io/image_file.hpp"
#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::test {
namespace {

// 1600x1000 and the default first-run layout: the fluoroscopy monitor is the top-left panel,
// (1600 - 440) / 2 = 580 px square; its image, 544 px square, starts at (8, 28).
constexpr int k_width = 1600, k_height = 1000;

RunResult run_gui(const std::string& args, const std::string& config) {
    // XDG_DATA_HOME too: a run without --no-persist writes the trainee database there.
    return run_shell("env " + std::string(window_child_env()) + " XDG_CONFIG_HOME=" + quoted(config) + " XDG_DATA_HOME=" + quoted(config) + " xvfb-run -a -s '-screen 0 1600x1000x24' " +
                     quoted(fluorosim_executable().string()) + " --size 1600x1000 " + args);
}

double luminance(const Image8& img, int x, int y) { return img.at(x, y, 0); }

TEST(AppScreenshotGLTest, WindowShowsTheFluoroscopyMonitor) {
    const auto config = output_dir() / "gui-config-1";
    std::filesystem::remove_all(config);
    const auto shot = output_dir() / "gui_window.png";
    const auto r = run_gui("--no-persist --screenshot " + quoted(shot.string()) + " --frames 4", config.string());
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const Image8 img = io::read_png(shot);
    ASSERT_EQ(img.width, k_width);
    ASSERT_EQ(img.height, k_height);

    // Not blank: the grey levels spread.
    double sum = 0, sum2 = 0;
    for (int y = 0; y < img.height; y += 4)
        for (int x = 0; x < img.width; x += 4) {
            const double v = luminance(img, x, y);
            sum += v;
            sum2 += v * v;
        }
    const double n = double((img.height / 4) * (img.width / 4));
    EXPECT_GT(std::sqrt(sum2 / n - (sum / n) * (sum / n)), 20.0);

    // The monitor: the round field's inside is lit (X-ray of soft tissue beside the bone
    // column), its corner outside the circle is black.
    const int cx = 280, cy = 300, half = 272;
    EXPECT_GT(luminance(img, cx - half / 2, cy), 80.0) << "inside the field";
    EXPECT_LT(luminance(img, cx - half + 8, cy + half - 8), 15.0) << "corner outside the round field";
    // The bone column at the centre is darker than the soft tissue beside it (dense = dark).
    EXPECT_LT(luminance(img, cx, cy), luminance(img, cx - half / 2, cy));
}

TEST(AppScreenshotGLTest, SettingsAndLayoutPersistInXdgConfig) {
    const auto config = output_dir() / "gui-config-2";
    std::filesystem::remove_all(config);
    const auto shot = output_dir() / "gui_persist.png";
    const auto r = run_gui("--screenshot " + quoted(shot.string()) + " --frames 3", config.string());
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(std::filesystem::exists(config / "fluorosim" / "settings.json"));
    EXPECT_TRUE(std::filesystem::exists(config / "fluorosim" / "imgui.ini"));
    EXPECT_TRUE(std::filesystem::exists(config / "fluorosim" / "sessions.db"));
}

}  // namespace
}  // namespace fluorosim::test

namespace fluorosim::test {
namespace {

// Pixels of the eye's label colour (yellow 255, 220, 0; the X-ray itself is grey) in the
// fluoroscopy monitor, the top-left 580 px panel.
int eye_label_pixels(const Image8& img) {
    int n = 0;
    for (int y = 20; y < 600; ++y)
        for (int x = 0; x < 580; ++x)
            n += img.at(x, y, 0) > 235 && std::abs(int(img.at(x, y, 1)) - 220) < 25 && img.at(x, y, 2) < 40;
    return n;
}

// The "Label the anatomy" learning aid: rings and names on the monitor when on, nothing when off.
TEST(AppScreenshotGLTest, LabelAnatomyMarksTheDogOnTheMonitor) {
    const auto config = output_dir() / "gui-config-labels";
    std::filesystem::remove_all(config);
    const std::string scenario = quoted((source_dir() / "scenarios" / "mbb_l4_left.yaml").string());
    const auto on = output_dir() / "gui_labels_on.png", off = output_dir() / "gui_labels_off.png";
    const auto r1 = run_gui("--no-persist --scenario " + scenario + " --label-anatomy --screenshot " + quoted(on.string()) + " --frames 3",
                            config.string());
    ASSERT_EQ(r1.exit_code, 0) << r1.output;
    const auto r2 = run_gui("--no-persist --scenario " + scenario + " --screenshot " + quoted(off.string()) + " --frames 3", config.string());
    ASSERT_EQ(r2.exit_code, 0) << r2.output;
    // Three eyes (L3-L5), each a ring and a label "L4 pedicle" in AP.
    EXPECT_GT(eye_label_pixels(io::read_png(on)), 60);
    EXPECT_EQ(eye_label_pixels(io::read_png(off)), 0);
}

}  // namespace
}  // namespace fluorosim::test
