// The window driven with real key presses and a mouse click (xdotool through XTEST, under
// xvfb-run): a click on the fluoro image sets the skin entry, the needle advances with Shift+W, Space takes a shot, and the screenshot changes as it should; the
// session's recording, replayed in a fresh window, shows the same fluoroscopy image.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/image_file.hpp"
#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::test {
namespace {

// The fluoroscopy monitor's image at 1600x1000 with the first-run layout: (8, 28) to (552, 572).
double monitor_difference(const Image8& a, const Image8& b) {
    double sum = 0;
    int n = 0;
    for (int y = 40; y < 560; y += 2)
        for (int x = 20; x < 540; x += 2) {
            sum += std::abs(int(a.at(x, y, 0)) - int(b.at(x, y, 0)));
            ++n;
        }
    return sum / n;
}

TEST(AppKeysGLTest, KeyPressesAdvanceTheNeedleAndTakeAShot) {
    const auto dir = output_dir() / "gui-keys";
    std::filesystem::remove_all(dir);
    const auto script = source_dir() / "tests" / "app" / "drive_with_keys.sh";
    const auto r = run_shell("env " + std::string(window_child_env()) + " timeout 240 xvfb-run -a -s '-screen 0 1600x1000x24' " + quoted(script.string()) + " " +
                             quoted(fluorosim_executable().string()) + " " + quoted(dir.string()));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    for (int i = 1; i <= 3; ++i) ASSERT_TRUE(std::filesystem::exists(dir / ("snapshot-" + std::to_string(i) + ".png"))) << i;
    const Image8 start = io::read_png(dir / "snapshot-1.png");
    const Image8 advanced = io::read_png(dir / "snapshot-2.png");
    const Image8 shot = io::read_png(dir / "snapshot-3.png");
    // Advancing alone takes no image: the monitor holds the last one.
    EXPECT_LT(monitor_difference(start, advanced), 0.5);
    // The shot shows the needle 40 mm deeper (and fresh noise): the monitor changes.
    EXPECT_GT(monitor_difference(advanced, shot), 1.0);
    // ... and the rest of the window changed when the needle moved (3D view, needle panel).
    double whole = 0;
    for (std::size_t i = 0; i < start.pixels.size(); i += 4) whole += std::abs(int(start.pixels[i]) - int(advanced.pixels[i]));
    EXPECT_GT(whole, 1000.0);

    std::stringstream rec;
    rec << std::ifstream(dir / "recording.txt").rdbuf();
    const std::string text = rec.str();
    std::size_t advances = 0;
    for (std::size_t p = text.find("needle.advance 5"); p != std::string::npos; p = text.find("needle.advance 5", p + 1)) ++advances;
    EXPECT_EQ(advances, 8u) << text;
    EXPECT_NE(text.rfind("carm.shot"), text.find("carm.shot")) << "a second shot after the scout image";
    // The click on the image moved the entry point onto the skin under that pixel.
    const auto first_entry = text.find("needle.entry"), second_entry = text.find("needle.entry", first_entry + 1);
    ASSERT_NE(second_entry, std::string::npos) << text;
    EXPECT_NE(text.substr(first_entry, text.find('\n', first_entry) - first_entry),
              text.substr(second_entry, text.find('\n', second_entry) - second_entry));

    // Replaying the recording in a new window gives the same fluoroscopy image.
    const auto replayed = dir / "replayed.png";
    const auto again = run_shell("env " + std::string(window_child_env()) + " timeout 240 xvfb-run -a -s '-screen 0 1600x1000x24' " + quoted(fluorosim_executable().string()) +
                                 " --no-persist --size 1600x1000 --replay " + quoted((dir / "recording.txt").string()) +
                                 " --screenshot " + quoted(replayed.string()) + " --frames 3");
    ASSERT_EQ(again.exit_code, 0) << again.output;
    const Image8 replay_image = io::read_png(replayed);
    EXPECT_LT(monitor_difference(shot, replay_image), 0.5);
}

}  // namespace
}  // namespace fluorosim::test
