// fluorosim exam and validate on exam files, through the real executable.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::test {
namespace {

namespace fs = std::filesystem;

// Two scenarios on their own (standard) patients, so the test needs no patient generation.
fs::path write_exam(const std::string& name, const std::string& rule) {
    const fs::path dir = output_dir() / "exam_cli";
    fs::create_directories(dir);
    const fs::path file = dir / (name + ".yaml");
    std::ofstream(file) << "fluorosim_exam: 1\nname: \"" << name << "\"\nscenarios:\n"
                        << "  - " << (source_dir() / "scenarios" / "mbb_l4_left.yaml").string()
                        << "\n"
                        << "  - "
                        << (source_dir() / "scenarios" / "facet_ia_l4l5_left.yaml").string() << "\n"
                        << "pass_rule:\n"
                        << rule << "patients:\n  randomise: false\n";
    return file;
}

const std::string k_expert =
    (source_dir() / "scenarios" / "recordings" / "mbb_l4_left_expert.txt").string();

TEST(CliExam, ScoresRecordingsAsAnExamAndWritesTheReport) {
    // The expert MBB passes (~90); the facet joint is not attempted (0): mean ~45.
    const fs::path lenient = write_exam("lenient", "  rule: mean_score\n  min_mean_score: 40\n");
    const fs::path html = output_dir() / "exam_cli" / "report.html";
    fs::remove(html);
    const auto r =
        run_fluorosim("exam --exam " + quoted(lenient.string()) + " --trainee Tess --recordings " +
                      quoted(k_expert) + " --html " + quoted(html.string()));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("Result     PASS"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("Trainee    Tess"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("not attempted"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("1 of 2 scenarios passed"), std::string::npos) << r.output;
    std::ifstream in(html);
    std::stringstream page_text;
    page_text << in.rdbuf();
    const std::string page = page_text.str();
    EXPECT_NE(page.find("<h2 class=\"pass\">Pass"), std::string::npos);

    // Every scenario must pass under every_scenario: the same sitting fails, exit status 3.
    const fs::path strict = write_exam("strict", "  rule: every_scenario\n");
    const auto s = run_fluorosim("exam --json --exam " + quoted(strict.string()) +
                                 " --recordings " + quoted(k_expert));
    EXPECT_EQ(s.exit_code, 3) << s.output;
    EXPECT_NE(s.output.find("\"passed\": false"), std::string::npos) << s.output;
    EXPECT_NE(s.output.find("Scenario 2 (Facet intra-articular L4-L5 left) did not pass"),
              std::string::npos)
        << s.output;
}

TEST(CliExam, PlanShowsTheSeededPatients) {
    const std::string exam =
        quoted((source_dir() / "scenarios" / "exams" / "lumbar_basics.yaml").string());
    const auto a = run_fluorosim("exam --exam " + exam + " --plan --exam-seed 7");
    const auto b = run_fluorosim("exam --exam " + exam + " --plan --exam-seed 7");
    const auto c = run_fluorosim("exam --exam " + exam + " --plan --exam-seed 8");
    EXPECT_EQ(a.exit_code, 0) << a.output;
    EXPECT_NE(a.output.find("SI joint injection left"), std::string::npos) << a.output;
    EXPECT_EQ(a.output, b.output);
    EXPECT_NE(a.output, c.output);
    const auto no_seed = run_fluorosim("exam --exam " + exam + " --plan");
    EXPECT_EQ(no_seed.exit_code, 2);
    EXPECT_NE(no_seed.output.find("give --exam-seed N"), std::string::npos) << no_seed.output;
}

TEST(CliExam, ValidateChecksExamFiles) {
    const auto ok = run_fluorosim(
        "validate " +
        quoted((source_dir() / "scenarios" / "exams" / "lumbar_basics.yaml").string()));
    EXPECT_EQ(ok.exit_code, 0) << ok.output;
    EXPECT_NE(ok.output.find("OK: exam \"Lumbar basics\" (4 scenarios)"), std::string::npos)
        << ok.output;
    const fs::path bad = output_dir() / "exam_cli" / "bad.yaml";
    fs::create_directories(bad.parent_path());
    std::ofstream(bad) << "fluorosim_exam: 1\nname: x\nscenarios:\n  - file: nope.yaml\n";
    const auto b = run_fluorosim("validate " + quoted(bad.string()));
    EXPECT_EQ(b.exit_code, 1);
    EXPECT_NE(b.output.find(bad.string() + ":4: 'scenarios[0].file': this scenario cannot be used"),
              std::string::npos)
        << b.output;
}

}  // namespace
}  // namespace fluorosim::test
