// `fluorosim expert` as a user meets it: it writes an expert recording for a shipped scenario,
// and `fluorosim score` replays that recording to a pass; mistakes get one clear line.
// The standard-patient scenarios only (the shipped patient loads in ~1 s; the others generate
// their patient first, ~30 s each: tests/core/scoring covers them through the same planner).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::test {
namespace {

std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

class ExpertCommand : public ::testing::TestWithParam<std::string> {};

TEST_P(ExpertCommand, WritesARecordingThatScoresAPass) {
    const std::string scenario = source_dir().string() + "/scenarios/" + GetParam() + ".yaml";
    const std::filesystem::path out = output_dir() / ("expert_" + GetParam() + ".txt");
    std::filesystem::remove(out);
    const auto r =
        run_fluorosim("expert --scenario " + quoted(scenario) + " --out " + quoted(out.string()));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("passes with"), std::string::npos) << r.output;
    const std::string text = read_text(out);
    EXPECT_NE(text.find("fluorosim_recording 1"), std::string::npos);
    EXPECT_NE(text.find("needle.entry"), std::string::npos) << text;
    EXPECT_NE(text.find("seed 7"), std::string::npos) << text;
    const auto scored = run_fluorosim("score --scenario " + quoted(scenario) + " --recording " +
                                      quoted(out.string()));
    EXPECT_EQ(scored.exit_code, 0) << scored.output;
    EXPECT_NE(scored.output.find("PASS"), std::string::npos) << scored.output;
}

INSTANTIATE_TEST_SUITE_P(StandardPatientScenarios, ExpertCommand,
                         ::testing::Values("mbb_l4_left", "rf_l4_medial_branch_left",
                                           "tfesi_l4l5_left", "ilesi_l5s1", "si_joint_left",
                                           "facet_ia_l4l5_left"),
                         [](const auto& p) { return p.param; });

TEST(ExpertCommandErrors, OneClearLine) {
    const auto none = run_fluorosim("expert --scenario " +
                                    quoted(source_dir().string() + "/scenarios/mbb_l4_left.yaml"));
    EXPECT_EQ(none.exit_code, 2) << none.output;
    EXPECT_NE(none.output.find("--out"), std::string::npos) << none.output;
    // The AP demonstration scenario has no target to plan for.
    const std::string ap = source_dir().string() + "/scenarios/standard_patient_ap.yaml";
    const auto r = run_fluorosim("expert --scenario " + quoted(ap) + " --out " +
                                 quoted((output_dir() / "x.txt").string()));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("targets"), std::string::npos) << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
}

}  // namespace
}  // namespace fluorosim::test
