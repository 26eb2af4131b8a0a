// Scenario format 2 errors and the report exports.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/scenario/scenario.hpp"
#include "core/scoring/report_export.hpp"
#include "core/util/error.hpp"

namespace fluorosim {
namespace {

std::string error_of(const std::string& text) {
    try {
        parse_scenario(text, "v2.yaml");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

const char* k_head = "fluorosim_scenario: 2\nname: x\nprocedure: medial_branch_block\n";

TEST(ScenarioV2, ReadsTargetsRubricLimitsExpertAndAids) {
    const Scenario s = parse_scenario(std::string(k_head) +
                                          "targets:\n  - landmark: L5.left.sap_tp_junction\n    radius_mm: 2\n"
                                          "  - sphere: {centre: [1, 2, 3], radius_mm: 4}\n"
                                          "hazards:\n  - box: {min: [0, 0, 0], max: [1, 1, 1]}\n    message: no\n"
                                          "rubric:\n  weights: {accuracy: 50, efficiency: 25, technique: 25}\n  pass_score: 80\n"
                                          "limits: {shots: 30}\nexpert: {shots: 9, redirections: 0}\n"
                                          "learning_aids: {enabled: false}\n",
                                      "v2.yaml");
    ASSERT_EQ(s.targets.size(), 2u);
    EXPECT_EQ(s.targets[0].landmark, "L5.left.sap_tp_junction");
    EXPECT_EQ(s.targets[1].shape, ZoneShape::sphere);
    EXPECT_EQ(s.hazards.at(0).shape, ZoneShape::box);
    EXPECT_EQ(s.rubric.pass_score, 80.0);
    EXPECT_EQ(s.limits.shots, 30);
    EXPECT_EQ(s.expert.shots, 9);
    EXPECT_FALSE(s.learning_aids);
    EXPECT_FALSE(s.aids.preset_views);
}

TEST(ScenarioV2, ErrorsNameFileLineAndField) {
    EXPECT_EQ(error_of(std::string(k_head) + "targets:\n  - landmark: L5.left.sap_tp_junctoin\n").rfind(
                  "v2.yaml:5: 'targets[0].landmark': unknown landmark 'L5.left.sap_tp_junctoin'", 0),
              0u)
        << error_of(std::string(k_head) + "targets:\n  - landmark: L5.left.sap_tp_junctoin\n");
    EXPECT_NE(error_of(std::string(k_head) + "targets:\n  - landmark: L4.left.pedicle_centre\nrubric:\n  weights: {accuracy: 50}\n")
                  .find("v2.yaml:7: 'rubric.weights': the weights must add up to 100"),
              std::string::npos);
    EXPECT_NE(error_of("fluorosim_scenario: 1\nname: x\nprocedure: phantom\nlimits: {shots: 3}\n")
                  .find("v2.yaml:4: 'limits': this field needs 'fluorosim_scenario: 2'"),
              std::string::npos);
    EXPECT_NE(error_of(std::string(k_head) + "rubric: {pass_score: 50}\n").find("needs 'targets'"), std::string::npos);
}

ScoreReport sample() {
    ScoreReport r;
    r.scenario = "Facet, \"L4-L5\"";
    r.procedure = "facet_intra_articular";
    r.score = 42.5;
    r.fail_reasons = {"The tip ended 7.0 mm from the target (x), outside its 3.0 mm zone."};
    r.deductions = {{"accuracy", 30.0, "The tip ended 7.0 mm from the target <x>."}};
    r.sections = {{"accuracy", 10, 40}, {"efficiency", 30, 30}, {"technique", 2.5, 30}};
    return r;
}

TEST(ReportExport, JsonHtmlCsvAndText) {
    const ScoreReport r = sample();
    const nlohmann::json j = nlohmann::json::parse(report_json(r));
    EXPECT_EQ(j["score"], 42.5);
    EXPECT_EQ(j["passed"], false);
    EXPECT_EQ(j["deductions"][0]["points"], 30.0);
    // HTML: self-contained, escaped, works without images; embeds them as base64 when given.
    const std::string bare = report_html(r);
    EXPECT_NE(bare.find("&lt;x&gt;"), std::string::npos);
    EXPECT_EQ(bare.find("<img"), std::string::npos);
    EXPECT_EQ(bare.find("http"), std::string::npos);  // nothing fetched from elsewhere
    const std::string with = report_html(r, {{"Final AP", {0x89, 'P', 'N', 'G'}}});
    EXPECT_NE(with.find("data:image/png;base64,iVBORw=="), std::string::npos);
    // CSV: one line, quoted where needed, as many fields as the header.
    const std::string line = report_csv_line(r, "trainee 1");
    EXPECT_EQ(line.find('\n'), std::string::npos);
    EXPECT_NE(line.find("\"Facet, \"\"L4-L5\"\"\""), std::string::npos);
    EXPECT_NE(report_text(r).find("FAIL   score 42.5"), std::string::npos);
    EXPECT_EQ(base64({'M', 'a', 'n'}), "TWFu");
    EXPECT_EQ(base64({'M', 'a'}), "TWE=");
}

}  // namespace
}  // namespace fluorosim
