// The command line as a user meets it: help, and one clear line for every kind of mistake.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::test {
namespace {

TEST(Cli, TopLevelHelpListsCommands) {
    const auto r = run_fluorosim("--help");
    EXPECT_EQ(r.exit_code, 0);
    for (const char* c : {"render", "validate", "info", "--screenshot"}) EXPECT_NE(r.output.find(c), std::string::npos) << c;
}

TEST(Cli, EverySubcommandAnswersHelp) {
    for (const char* c : {"render", "validate", "info"}) {
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

TEST(Cli, WindowWithoutDisplaySaysHowToRunHeadless) {
    const auto r = run_fluorosim("--no-persist", "-u DISPLAY -u WAYLAND_DISPLAY");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.output.find("no display"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("fluorosim render --out"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace fluorosim::test
