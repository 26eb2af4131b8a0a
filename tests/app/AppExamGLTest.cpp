// Exam mode in the real window: a two-scenario exam sat with real mouse clicks (xdotool under
// xvfb-run). Finish moves on without showing a score; at the end the report is written as HTML
// and JSON with each attempt's recording; re-scoring those recordings with `fluorosim exam`
// gives the same scores, so what the window sealed is what the trainee did.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::test {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
    std::stringstream s;
    s << std::ifstream(p).rdbuf();
    return s.str();
}

TEST(AppExamGLTest, SitsAnExamWithSealedResultsAndWritesTheReport) {
    const fs::path dir = output_dir() / "gui-exam";
    fs::remove_all(dir);
    fs::create_directories(dir);
    // The standard patient for both (shipped: loads in seconds, no generation).
    const fs::path exam = dir / "two.yaml";
    std::ofstream(exam) << "fluorosim_exam: 1\nname: \"Two in the window\"\nscenarios:\n"
                        << "  - " << (source_dir() / "scenarios" / "mbb_l4_left.yaml").string()
                        << "\n"
                        << "  - "
                        << (source_dir() / "scenarios" / "facet_ia_l4l5_left.yaml").string() << "\n"
                        << "time_limit_s: 1200\npatients:\n  randomise: false\n";
    const auto script = source_dir() / "tests" / "app" / "drive_exam.sh";
    const auto r =
        run_shell("env " + std::string(window_child_env()) +
                  " timeout 300 xvfb-run -a -s '-screen 0 1600x1000x24' " +
                  quoted(script.string()) + " " + quoted(fluorosim_executable().string()) + " " +
                  quoted(dir.string()) + " " + quoted(exam.string()));
    ASSERT_EQ(r.exit_code, 0) << r.output << read(dir / "app.log");
    const std::string log = read(dir / "app.log");
    EXPECT_EQ(log.find("scored"), std::string::npos)
        << "no score may reach the log during the exam:\n"
        << log;

    fs::path json, html;
    std::vector<fs::path> recordings;
    for (const auto& e : fs::directory_iterator(dir / "data" / "fluorosim" / "exams")) {
        if (e.path().extension() == ".json") json = e.path();
        if (e.path().extension() == ".html") html = e.path();
        if (e.path().extension() == ".txt") recordings.push_back(e.path());
    }
    ASSERT_FALSE(json.empty()) << log;
    ASSERT_FALSE(html.empty());
    std::sort(recordings.begin(), recordings.end());
    ASSERT_EQ(recordings.size(), 2u);
    const nlohmann::json app = nlohmann::json::parse(read(json));
    EXPECT_EQ(app["trainee"], "Test Trainee");
    EXPECT_EQ(app["ended"], "all scenarios done");
    ASSERT_EQ(app["scenarios"].size(), 2u);
    EXPECT_EQ(app["scenarios"][0]["attempted"], true);
    EXPECT_EQ(app["scenarios"][1]["attempted"], true);
    EXPECT_NE(read(html).find("Two in the window"), std::string::npos);
    // The recordings carry the needle the trainee advanced (6 x 5 mm in scenario 1).
    EXPECT_NE(read(recordings[0]).find("needle.advance 5"), std::string::npos);

    const auto cli =
        run_fluorosim("exam --json --exam " + quoted(exam.string()) + " --recordings " +
                      quoted(recordings[0].string()) + " " + quoted(recordings[1].string()));
    const nlohmann::json again = nlohmann::json::parse(cli.output.substr(cli.output.find('{')));
    for (int i = 0; i < 2; ++i) {
        EXPECT_DOUBLE_EQ(again["scenarios"][i]["score"].get<double>(),
                         app["scenarios"][i]["score"].get<double>())
            << i;
        EXPECT_EQ(again["scenarios"][i]["passed"], app["scenarios"][i]["passed"]) << i;
        EXPECT_EQ(again["scenarios"][i]["report"]["metrics"]["shots"],
                  app["scenarios"][i]["report"]["metrics"]["shots"]);
    }
    EXPECT_EQ(again["passed"], app["passed"]);
}

}  // namespace
}  // namespace fluorosim::test
