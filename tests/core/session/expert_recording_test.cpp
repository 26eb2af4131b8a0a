#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/session/expert_recording.hpp"
#include "support/test_paths.hpp"

namespace fluorosim {
namespace {
namespace fs = std::filesystem;

void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

TEST(ExpertRecording, FindsTheRecordingNamingTheSameScenario) {
    const fs::path dir = test::output_dir() / "expert-recordings";
    fs::remove_all(dir);
    fs::create_directories(dir);
    write(dir / "a_trainee.txt",
          "fluorosim_recording 1\nscenario scenarios/mbb_l4_left.yaml\n0 session.start\n");
    write(dir / "b_other.txt", "fluorosim_recording 1\nscenario scenarios/tfesi_l4l5_left.yaml\n");
    write(dir / "c_mbb_expert.txt", "fluorosim_recording 1\nscenario scenarios/mbb_l4_left.yaml\n");
    write(dir / "d_notes.txt", "not a recording\n");
    // "expert" in the name wins over the first by name.
    EXPECT_EQ(find_expert_recording(dir, "scenarios/mbb_l4_left.yaml"),
              (dir / "c_mbb_expert.txt").string());
    EXPECT_EQ(find_expert_recording(dir, "/elsewhere/tfesi_l4l5_left.yaml"),
              (dir / "b_other.txt").string());
    EXPECT_EQ(find_expert_recording(dir, "scenarios/si_joint_left.yaml"), "");
    EXPECT_EQ(find_expert_recording(dir / "missing", "scenarios/mbb_l4_left.yaml"), "");
}

TEST(ExpertRecording, TheShippedExpertRecordingMatchesItsScenario) {
    const fs::path root = test::source_dir();
    const std::string found = find_expert_recording(
        root / "scenarios" / "recordings", (root / "scenarios" / "mbb_l4_left.yaml").string());
    EXPECT_EQ(fs::path(found).filename(), "mbb_l4_left_expert.txt");
}

}  // namespace
}  // namespace fluorosim
