// The scenario writer: every shipped scenario written and read back is the same scenario; a
// scenario authored in code the way the authoring window builds one saves, validates and
// scores; a bad one is refused with the reader's file/line/field message.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/scenario/scenario.hpp"
#include "core/scenario/scenario_writer.hpp"
#include "core/scoring/score.hpp"
#include "core/session/recording.hpp"
#include "core/util/error.hpp"
#include "core/util/paths.hpp"
#include "core/xray/material_library.hpp"
#include "io/patient_file.hpp"

namespace fluorosim {
namespace {

namespace fs = std::filesystem;

fs::path out_dir() {
    const fs::path d = fs::path(FLUOROSIM_TEST_OUTPUT_DIR) / "scenario_writer";
    fs::create_directories(d);
    return d;
}

TEST(ScenarioWriter, EveryShippedScenarioRoundTrips) {
    int count = 0;
    for (const auto& entry : fs::directory_iterator(paths::scenario_dir())) {
        if (entry.path().extension() != ".yaml") continue;
        const Scenario original = load_scenario(entry.path().string());
        const std::string text = write_scenario(original);
        const Scenario back = parse_scenario(text, entry.path().string());
        EXPECT_TRUE(same_scenario(original, back)) << entry.path() << " wrote:\n" << text;
        // Writing what was read gives the same text again.
        EXPECT_EQ(write_scenario(back), text) << entry.path();
        ++count;
    }
    EXPECT_GE(count, 18);  // the shipped set (scenarios/*.yaml)
}

TEST(ScenarioWriter, AwkwardTextAndEveryZoneShapeRoundTrip) {
    Scenario s = load_scenario((paths::scenario_dir() / "mbb_l4_left.yaml").string());
    s.name = "yes: \"quoted\" # not a comment";
    s.instructions = "  leading blanks\n\nand a blank line\n\n";
    s.targets.front().offset_mm = {0.0, 1.5, -2.25};
    Zone sphere;
    sphere.label = "sphere";
    sphere.shape = ZoneShape::sphere;
    sphere.centre = {1.0 / 3.0, -20.0, 45.5};
    sphere.radius_mm = 2.2;
    Zone box;
    box.label = "box";
    box.shape = ZoneShape::box;
    box.box_min = {-1, -2, -3};
    box.box_max = {1e-3, 2, 3};
    box.tissue = "nerve_root";
    box.message = "line one\nline two";
    s.hazards.push_back(sphere);
    s.hazards.push_back(box);
    s.carm.primary_deg = -22.5;
    s.carm.secondary_deg = -7.0;
    s.patient.parameters.bmi = 27.3f;
    s.patient.parameters.fracture_level = "L2";
    s.patient.parameters.transitional = TransitionalVertebra::lumbarized_s1;
    const std::string text = write_scenario(s);
    const Scenario back = parse_scenario(text, s.file);
    EXPECT_TRUE(same_scenario(s, back)) << text;
}

// What the authoring window does: start from its defaults, set the case, zones on landmarks of
// the patient, rubric, limits; Save writes and reads it back.
Scenario authored() {
    Scenario s;
    s.version = Scenario::format_version;
    s.name = "Authored: L4 medial branch left";
    s.procedure = "medial_branch_block";
    s.level = "L4";
    s.side = "left";
    s.needle = "quincke_22g_90mm";
    s.patient.source = PatientSource::generated;
    s.patient.seed = 1;
    s.patient.parameters.seed = 1;
    s.carm.isocentre = {0, 0, 45};
    Zone t;
    t.label = "L4 medial branch";
    t.landmark = "L5.left.sap_tp_junction";
    t.radius_mm = 3.5;
    s.targets.push_back(t);
    Zone h;
    h.label = "L4-L5 foramen";
    h.landmark = "L4-L5.left.safe_triangle";
    h.offset_mm = {0.0, -1.0, 0.0};
    h.radius_mm = 4.0;
    h.message = "the exiting root";
    s.hazards.push_back(h);
    s.rubric.accuracy_weight = 50;
    s.rubric.efficiency_weight = 25;
    s.rubric.technique_weight = 25;
    s.rubric.require_bone_contact = true;
    s.rubric.pass_score = 65;
    s.limits.time_s = 1800;
    s.aids.target_marker = true;
    s.instructions = "Block the left L4 medial branch at the L5 SAP-TP junction.";
    return s;
}

TEST(ScenarioWriter, AuthoredScenarioSavesValidatesAndScores) {
    const std::string path = (out_dir() / "authored_mbb.yaml").string();
    const Scenario s = authored();
    const Scenario saved = save_scenario(s, path);
    EXPECT_TRUE(same_scenario(s, saved));
    EXPECT_EQ(saved.file, path);
    // The shipped expert recording of the L4 medial branch block, on the authored scenario's
    // (standard) patient, passes its rubric.
    const Patient patient =
        io::obtain_patient(saved.patient.parameters, MaterialLibrary::standard());
    const Recording rec =
        load_recording((paths::scenario_dir() / "recordings" / "mbb_l4_left_expert.txt").string());
    const Session session = replay(rec, saved, patient.scene, &patient.structures);
    const ScoreReport r = score_attempt(saved, patient, session.events(), session.state());
    EXPECT_TRUE(r.passed) << r.score;
    EXPECT_DOUBLE_EQ(r.pass_score, 65.0);
    EXPECT_EQ(r.metrics.target, "L4 medial branch");
    EXPECT_TRUE(r.metrics.in_zone);
    ASSERT_EQ(r.sections.size(), 3u);
    EXPECT_DOUBLE_EQ(r.sections[0].possible, 50.0);
    // Moving the target zone 10 mm away (as dragging its offset does) turns the same attempt
    // into a miss: the offset reaches the scorer.
    Scenario moved = s;
    moved.targets[0].offset_mm = {0.0, 0.0, 10.0};
    const Scenario moved_saved = save_scenario(moved, path);
    const ScoreReport miss = score_attempt(moved_saved, patient, session.events(), session.state());
    EXPECT_FALSE(miss.metrics.in_zone);
    EXPECT_FALSE(miss.passed);
}

TEST(ScenarioWriter, SavingABadScenarioNamesTheField) {
    Scenario s = authored();
    s.rubric.technique_weight = 40;  // weights add up to 115
    const std::string path = (out_dir() / "bad_weights.yaml").string();
    try {
        save_scenario(s, path);
        FAIL() << "weights adding up to 115 must be refused";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find(path + ":"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(
                      "'rubric.weights': the weights must add up to 100 (they add up to 115)"),
                  std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace fluorosim
