#include <gtest/gtest.h>

#include <filesystem>

#include "core/scenario/scenario.hpp"
#include "core/util/error.hpp"
#include "core/util/paths.hpp"

namespace fluorosim {
namespace {

std::string error_of(const std::string& text) {
    try {
        parse_scenario(text, "case.yaml");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

const char* k_minimal = "fluorosim_scenario: 1\nname: x\nprocedure: phantom\n";

TEST(Scenario, ShippedDefaultLoads) {
    const Scenario s = load_scenario(paths::default_scenario().string());
    EXPECT_EQ(s.procedure, "phantom");
    EXPECT_DOUBLE_EQ(s.exposure.kvp, 70.0);
    EXPECT_TRUE(s.exposure.abc);
    EXPECT_FALSE(s.instructions.empty());
}

TEST(Scenario, ReadsAnglesAsConsoleTerms) {
    const Scenario s = parse_scenario(std::string(k_minimal) + "carm:\n  rao_deg: 20\n  caud_deg: 12\n", "a.yaml");
    EXPECT_DOUBLE_EQ(s.carm.primary_deg, -20.0);
    EXPECT_DOUBLE_EQ(s.carm.secondary_deg, -12.0);
}

TEST(Scenario, ErrorsNameFileLineAndField) {
    EXPECT_EQ(error_of(std::string(k_minimal) + "carm:\n  lao_deg: abc\n"),
              "case.yaml:5: 'carm.lao_deg': expected a number, got 'abc'");
    EXPECT_EQ(error_of(std::string(k_minimal) + "exposure:\n  kvp: 300\n"),
              "case.yaml:5: 'exposure.kvp': value 300 is out of range [40, 150]");
    EXPECT_EQ(error_of(std::string(k_minimal) + "carm:\n  primry_deg: 3\n").rfind("case.yaml:5: 'carm.primry_deg': unknown field", 0), 0u);
    EXPECT_EQ(error_of("name: x\nprocedure: phantom\n"),
              "case.yaml:1: missing 'fluorosim_scenario: 1' (the format version) at the top");
    EXPECT_NE(error_of("fluorosim_scenario: 1\nname: x\nprocedure: knee\n").find("case.yaml:3: 'procedure': 'knee' is not one of"),
              std::string::npos);
    EXPECT_NE(error_of("fluorosim_scenario: 1\nname: [unclosed\n").find("case.yaml:"), std::string::npos);
    EXPECT_NE(error_of("fluorosim_scenario: 9\nname: x\nprocedure: phantom\n").find("newer than this program"),
              std::string::npos);
}

TEST(Scenario, MissingFileIsAnInputError) {
    EXPECT_THROW(load_scenario("/nonexistent/scenario.yaml"), InputError);
}

TEST(Scenario, EveryShippedScenarioValidates) {
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator(paths::scenario_dir())) {
        if (e.path().extension() != ".yaml") continue;
        EXPECT_NO_THROW(load_scenario(e.path().string())) << e.path();
        ++n;
    }
    EXPECT_GE(n, 1);
}

}  // namespace
}  // namespace fluorosim
