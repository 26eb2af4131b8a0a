// AttemptResult survives JSON both ways, and bad JSON is refused with the field's name.
#include <gtest/gtest.h>

#include "core/records/attempt_json.hpp"
#include "core/util/error.hpp"

namespace fluorosim {
namespace {

AttemptResult sample() {
    AttemptResult a;
    a.attempt_id = "5f0c7a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    a.trainee = "Zoë \"Z\" O'Neil";
    a.station = "station-2";
    a.scenario = "Medial branch block L4, left";
    a.scenario_file = "scenarios/mbb_l4_left.yaml";
    a.procedure = "medial_branch";
    a.level = "L4";
    a.side = "left";
    a.difficulty = "novice";
    a.mode = "exam";
    a.patient_seed = 18446744073709551615ull;  // the full 64-bit range survives
    a.started_at = "2026-11-29T10:15:00Z";
    a.score = 73.25;
    a.passed = true;
    a.shots = 11;
    a.images = 48;
    a.fluoro_s = 14.5;
    a.dap_gy_cm2 = 0.4213;
    a.time_s = 381.5;
    a.redirections = 2;
    a.distance_mm = 1.75;
    a.fail_reasons = "none, really; \"quoted\"\nnext line";
    return a;
}

std::string error_of(const std::string& text) {
    try {
        attempt_from_json_text(text, "body.json");
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(AttemptJson, RoundTrip) {
    const AttemptResult a = sample();
    EXPECT_EQ(attempt_from_json_text(attempt_to_json(a).dump(), "x"), a);
    const std::vector<AttemptResult> list = {a, sample()};
    EXPECT_EQ(attempts_from_json_text(attempts_to_json_text(list), "x"), list);
}

TEST(AttemptJson, ErrorsNameTheField) {
    EXPECT_NE(error_of("{").find("body.json: not valid JSON"), std::string::npos);
    EXPECT_EQ(error_of("[]"), "body.json: expected an object with the attempt's fields");
    auto j = attempt_to_json(sample());
    j.erase("attempt_id");
    EXPECT_EQ(error_of(j.dump()), "body.json: 'attempt_id': missing");
    j = attempt_to_json(sample());
    j["score"] = "high";
    EXPECT_EQ(error_of(j.dump()), "body.json: 'score': expected a number");
    j["score"] = 140;
    EXPECT_EQ(error_of(j.dump()), "body.json: 'score': must be between 0.0 and 100.0, got 140");
    j = attempt_to_json(sample());
    j["shots"] = -1;
    EXPECT_EQ(error_of(j.dump()), "body.json: 'shots': expected a whole number 0-1000000");
    j = attempt_to_json(sample());
    j["mode"] = "sprint";
    EXPECT_EQ(error_of(j.dump()),
              "body.json: 'mode': expected \"practice\" or \"exam\", got \"sprint\"");
    j = attempt_to_json(sample());
    j["trainee"] = "";
    EXPECT_EQ(error_of(j.dump()), "body.json: 'trainee': must not be empty");
    j = attempt_to_json(sample());
    j["passed"] = 1;
    EXPECT_EQ(error_of(j.dump()), "body.json: 'passed': expected true or false");
    try {
        nlohmann::json array =
            nlohmann::json::array({attempt_to_json(sample()), attempt_to_json(sample())});
        array[1]["dap_gy_cm2"] = nullptr;
        array[1]["time_s"] = "long";
        attempts_from_json_text(array.dump(), "GET /results");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "GET /results: '[1].time_s': expected a number");
    }
}

TEST(AttemptJson, OptionalFieldsDefaultAndUnknownOnesAreIgnored) {
    const AttemptResult a = attempt_from_json_text(
        R"({"attempt_id":"x","trainee":"t","scenario":"s","started_at":"2026-11-29T10:00:00Z","score":50,"from_a_newer_station":1})",
        "x");
    EXPECT_EQ(a.shots, 0);
    EXPECT_DOUBLE_EQ(a.distance_mm, -1.0);
    EXPECT_FALSE(a.passed);
    EXPECT_DOUBLE_EQ(a.score, 50.0);
}

}  // namespace
}  // namespace fluorosim
