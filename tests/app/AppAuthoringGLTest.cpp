// The authoring window in the real window (xdotool under xvfb-run), instructor mode unlocked with
// --instructor-pin: Instructor > Author
// scenario... opens it on the station's scenario; Save writes a file that validates; dragging
// the target zone on the preview image moves its offset, which the next Save writes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/scenario/scenario.hpp"
#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::test {
namespace {

namespace fs = std::filesystem;

TEST(AppAuthoringGLTest, SavesAValidScenarioAndDragsAZone) {
    const fs::path dir = output_dir() / "gui-authoring";
    fs::remove_all(dir);
    const auto script = source_dir() / "tests" / "app" / "drive_authoring.sh";
    const std::string scenario = (source_dir() / "scenarios" / "mbb_l4_left.yaml").string();
    const auto r =
        run_shell("env " + std::string(window_child_env()) +
                  " timeout 240 xvfb-run -a -s '-screen 0 1600x1000x24' " +
                  quoted(script.string()) + " " + quoted(fluorosim_executable().string()) + " " +
                  quoted(dir.string()) + " " + quoted(scenario));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const fs::path saved =
        dir / "data" / "fluorosim" / "scenarios" / "medial_branch_block_l4_left.yaml";
    ASSERT_TRUE(fs::exists(dir / "first.yaml")) << r.output;
    ASSERT_TRUE(fs::exists(saved));
    const Scenario original = load_scenario(scenario);
    const Scenario first = load_scenario((dir / "first.yaml").string());
    const Scenario second = load_scenario(saved.string());  // validates, or throws with file:line
    EXPECT_EQ(first.name, original.name);
    EXPECT_EQ(first.targets, original.targets);
    EXPECT_EQ(first.hazards, original.hazards);
    ASSERT_EQ(second.targets.size(), 1u);
    // 40 px to the right on an AP image is toward the patient's right (-x), several mm; the
    // drag does not change depth (y) in an AP view.
    EXPECT_LT(second.targets[0].offset_mm.x, -5.0);  // 40 px x ~0.3 mm/px at the isocentre: ~12 mm
    EXPECT_NEAR(second.targets[0].offset_mm.y, 0.0, 0.5);
    EXPECT_EQ(second.hazards, original.hazards);
}

}  // namespace
}  // namespace fluorosim::test
