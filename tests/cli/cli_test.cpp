// The command line as a user meets it: help, and one clear line for every kind of mistake.
#include <gtest/gtest.h>

#include <algorithm>

#include "io/volume_file.hpp"
#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::test {
namespace {

TEST(Cli, TopLevelHelpListsCommands) {
    const auto r = run_fluorosim("--help");
    EXPECT_EQ(r.exit_code, 0);
    for (const char* c : {"render", "validate", "info", "bench", "export-volume", "--screenshot"}) EXPECT_NE(r.output.find(c), std::string::npos) << c;
}

TEST(Cli, EverySubcommandAnswersHelp) {
    for (const char* c : {"render", "validate", "info", "bench", "export-volume"}) {
        const auto r = run_fluorosim(std::string(c) + " --help");
        EXPECT_EQ(r.exit_code, 0) << c;
        EXPECT_NE(r.output.find(std::string("usage: fluorosim ") + c), std::string::npos) << r.output;
    }
}

// One line, naming the offending word, non-zero exit.
void expect_one_line_error(const std::string& args, const std::string& needle, int code) {
    const auto r = run_fluorosim(args);
    EXPECT_EQ(r.exit_code, code) << args << "\n" << r.output;
    EXPECT_NE(r.output.find(needle), std::string::npos) << args << "\n" << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
}

TEST(Cli, MistakesGetOneClearLine) {
    expect_one_line_error("frobnicate", "unknown command 'frobnicate'", 2);
    expect_one_line_error("render --bogus", "unknown option '--bogus'", 2);
    expect_one_line_error("render --out x.png --lao abc", "option '--lao' expects a number, got 'abc'", 2);
    expect_one_line_error("render --out x.png --kvp 400", "option '--kvp' must be between 50 and 150", 2);
    expect_one_line_error("render --out x.png --lao 10 --rao 10", "either --lao or --rao", 2);
    expect_one_line_error("render", "missing --out", 2);
    expect_one_line_error("render --out x.png --scenario /nope/missing.yaml", "/nope/missing.yaml: cannot open file", 1);
    expect_one_line_error("validate /nope/missing.yaml", "/nope/missing.yaml: cannot open file", 1);
    expect_one_line_error("validate", "missing FILE", 2);
    expect_one_line_error("--frames 3", "--frames needs --screenshot", 2);
    expect_one_line_error("bench --sizes 512,x", "option '--sizes' expects image sizes", 2);
    expect_one_line_error("bench --sizes 8", "option '--sizes' expects image sizes 16-4096", 2);
    expect_one_line_error("bench --plastimatch --no-plastimatch", "either --plastimatch or --no-plastimatch", 2);
    expect_one_line_error("bench --scene nowhere", "unknown scene 'nowhere'", 2);
    expect_one_line_error("bench --voxel 0", "option '--voxel' must be between", 2);
    expect_one_line_error("export-volume", "missing --out", 2);
    expect_one_line_error("export-volume --out x.vtk", "--out must end in .mha or .nrrd", 2);
    expect_one_line_error("export-volume --out x.mha --int16", "--int16 needs --hu", 2);
    expect_one_line_error("export-volume --out x.mha --spacing 0", "option '--spacing' must be between", 2);
    expect_one_line_error("export-volume --out x.mha --scenario /nope/missing.yaml", "/nope/missing.yaml: cannot open file", 1);
}

TEST(Cli, ValidateReportsFileLineAndField) {
    const std::string dir = ::testing::TempDir();
    const std::string bad = dir + "/bad.yaml";
    run_shell("printf 'fluorosim_scenario: 1\\nname: x\\nprocedure: phantom\\ncarm:\\n  lao_deg: abc\\n' > " + quoted(bad));
    const auto r = run_fluorosim("validate " + quoted(bad));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.output.find(bad + ":5: 'carm.lao_deg': expected a number"), std::string::npos) << r.output;
    const auto ok = run_fluorosim("validate " + quoted(source_dir().string() + "/scenarios/phantom_ap.yaml"));
    EXPECT_EQ(ok.exit_code, 0) << ok.output;
    EXPECT_NE(ok.output.find("OK"), std::string::npos);
}

TEST(Cli, ExportVolumeWritesTheScenarioPatientInHu) {
    const auto path = output_dir() / "cli_export.nrrd";
    const auto r = run_fluorosim("export-volume --scenario " + quoted(source_dir().string() + "/scenarios/phantom_ap.yaml") +
                                 " --spacing 4 --energy 40 --hu --int16 --out " + quoted(path.string()));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("bone_cancellous"), std::string::npos) << r.output;
    const VolumeF v = io::read_volume(path);
    // The phantom: 300 x 220 x 300 mm trunk, one 4 mm voxel of air around.
    EXPECT_EQ(v.grid.dims, glm::ivec3(77, 57, 77));
    EXPECT_DOUBLE_EQ(v.grid.spacing.x, 4.0);
    EXPECT_NEAR(v.at(0, 0, 0), -999.0f, 1.0f);  // room air
    // Voxel centres nearest the origin lie in the middle vertebral body's cancellous core,
    // which at 40 keV is a few hundred HU; 60 mm anterior is soft tissue, tens of HU.
    const glm::ivec3 c = v.grid.dims / 2;
    EXPECT_GT(v.at(c.x, c.y, c.z), 150.0f);
    const int anterior = c.y - 15;
    EXPECT_NEAR(v.at(c.x, anterior, c.z), 40.0f, 60.0f);
}

TEST(Cli, WindowWithoutDisplaySaysHowToRunHeadless) {
    const auto r = run_fluorosim("--no-persist", "-u DISPLAY -u WAYLAND_DISPLAY");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.output.find("no display"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("fluorosim render --out"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace fluorosim::test

namespace fluorosim::test {
namespace {

// The shipped expert recording for the L4 medial branch block, scored from the command line,
// passes; the JSON report carries the same score.
TEST(Cli, ScoreReplaysARecordingAndPrintsTheReport) {
    const std::string scenario = quoted(source_dir().string() + "/scenarios/mbb_l4_left.yaml");
    const std::string recording = quoted(source_dir().string() + "/scenarios/recordings/mbb_l4_left_expert.txt");
    const auto r = run_fluorosim("score --scenario " + scenario + " --recording " + recording);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("PASS"), std::string::npos) << r.output;
    const auto json = run_fluorosim("score --json --scenario " + scenario + " --recording " + recording);
    EXPECT_NE(json.output.find("\"passed\": true"), std::string::npos) << json.output;
    const auto bad = run_fluorosim("score --scenario " + scenario + " --recording /nope.txt");
    EXPECT_NE(bad.exit_code, 0);
    EXPECT_NE(bad.output.find("/nope.txt"), std::string::npos) << bad.output;
}

}  // namespace
}  // namespace fluorosim::test
