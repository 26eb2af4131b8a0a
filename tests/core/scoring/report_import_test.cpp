// A stored score report reads back exactly as it was written, and a damaged one names its field.
#include <gtest/gtest.h>

#include "core/scoring/report_export.hpp"
#include "core/scoring/report_import.hpp"

namespace fluorosim {
namespace {

TEST(ReportImport, ReadsBackWhatReportJsonWrote) {
    ScoreReport r;
    r.scenario = "TFESI \"L4-L5\"";
    r.score = 100.0 / 3.0;  // needs all 17 digits
    r.critical_codes = {"dural_puncture"};
    r.fail_reasons = {"CSF at the hub."};
    r.sections = {{"accuracy", 0, 40}};
    r.deductions = {{"safety", 100, "Dural puncture."}};
    r.notes = {"Good views."};
    r.metrics.dap_gy_cm2 = 0.1 + 0.2;
    r.metrics.distance_mm = -1;
    r.metrics.contrast_patterns = {"epidural", "vascular"};
    EXPECT_EQ(report_from_json(report_json(r), {"x.json", 0, ""}), r);
}

TEST(ReportImport, DamageNamesTheField) {
    std::string text = report_json(ScoreReport{});
    text.replace(text.find("\"shots\": 0"), 10, "\"shots\": \"many\"");
    try {
        report_from_json(text, {"db.sqlite", 0, ""});
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("db.sqlite: 'metrics.shots': wrong type"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_THROW(report_from_json("{", {"db.sqlite", 0, ""}), InputError);
}

}  // namespace
}  // namespace fluorosim
