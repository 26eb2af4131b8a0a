#include <gtest/gtest.h>

#include <cstdio>

#include "core/session/recording.hpp"
#include "core/session/session_bench.hpp"
#include "core/session/session_test_support.hpp"

namespace fluorosim {
namespace {

using namespace session_test;
using K = CommandKind;

// A procedure touching every command family: needle with deflection and bevel turns, tissue
// events down to CSF, C-arm moves and pulses, LOR, injections, a refusal, pause and end.
std::vector<Command> procedure() {
    return {
        cmd(0.0, K::session_start),
        cmd(0.5, K::needle_select, {}, "tuohy_20g_90mm"),
        cmd(1.0, K::needle_entry, {1.25, 45.0, -0.5}),
        cmd(1.5, K::needle_aim, {2.0, -3.0}),
        cmd(2.0, K::pedal_down),
        cmd(2.7, K::pedal_up),
        cmd(3.0, K::needle_advance, {kCoarseStepMm}),
        cmd(3.5, K::needle_advance, {8.0}),
        cmd(4.0, K::needle_aim, {5.0, 0.0}),  // refused: 8 mm deep
        cmd(4.5, K::needle_withdraw, {4.0}),
        cmd(5.0, K::needle_aim, {0.0, 1.0}),
        cmd(5.5, K::needle_rotate_bevel, {90.0}),
        cmd(6.0, K::carm_rotate, {25.0, -10.0}),
        cmd(6.5, K::carm_shot),
        cmd(7.0, K::carm_save_reference),
        cmd(7.5, K::lor_attach),
        cmd(8.0, K::needle_advance, {10.0}),
        cmd(8.5, K::lor_press),
        cmd(9.0, K::needle_advance, {kFineStepMm}),
        cmd(9.5, K::needle_depth, {33.0}),
        cmd(10.0, K::lor_release),
        cmd(10.5, K::lor_detach),
        cmd(11.0, K::aspirate),
        cmd(11.5, K::carm_collimate, {0.8, 0.6, 0.7}),
        cmd(12.0, K::carm_magnification, {1.0}),
        cmd(12.25, K::carm_table, {0.0, 0.0, 12.5}),
        cmd(12.5, K::carm_pulse_rate, {7.5}),
        cmd(12.75, K::carm_technique, {75.0, 4.2}),
        cmd(13.0, K::pedal_down),
        cmd(13.4, K::session_pause),
        cmd(20.0, K::session_resume),
        cmd(21.0, K::needle_advance, {3.0}),
        cmd(22.0, K::inject_contrast, {1.5}),
        cmd(22.5, K::inject_anaesthetic, {0.4}),
        cmd(23.0, K::inject_steroid, {2.0}),
        cmd(24.0, K::carm_preset, {}, "ap"),
        cmd(25.0, K::session_learning_aids, {}, "off"),
        cmd(26.0, K::session_end),
    };
}

Session run(const LabelledScene& scene, SessionOptions options) {
    Session s(scenario_with("quincke_22g_90mm"), scene.scene, &scene.structures, options);
    for (const Command& c : procedure()) s.apply(c);
    return s;
}

TEST(Determinism, SameCommandsGiveTheSameStateAndEvents) {
    const LabelledScene stack = epidural_stack();
    const Session a = run(stack, {42, true});
    const Session b = run(stack, {42, true});
    EXPECT_EQ(a.state(), b.state());
    EXPECT_EQ(a.events(), b.events());
    EXPECT_EQ(a.shaft_polyline(), b.shaft_polyline());
    // The procedure really went somewhere: CSF, LOR, pulses, a refusal, a redirection check.
    EXPECT_FALSE(of_kind(a.events(), EventKind::csf).empty());
    EXPECT_FALSE(of_kind(a.events(), EventKind::loss_of_resistance).empty());
    EXPECT_GT(a.state().dose.pulses, 10);
    EXPECT_EQ(a.state().commands_refused, 1);
    EXPECT_GT(a.tip_deflection_mm(), 0.0);
    // Another seed changes the image noise seeds and nothing else.
    const Session c = run(stack, {43, true});
    EXPECT_EQ(a.state(), c.state());
    ASSERT_EQ(a.events().size(), c.events().size());
    for (std::size_t i = 0; i < a.events().size(); ++i) {
        Event e = c.events()[i];
        if (e.image) {
            EXPECT_NE(e.image->seed, a.events()[i].image->seed);
            e.image->seed = a.events()[i].image->seed;
        }
        EXPECT_EQ(e, a.events()[i]) << i;
    }
}

TEST(Recording, ReplayGivesTheSameFinalStateAndEvents) {
    const LabelledScene stack = epidural_stack();
    const Session live = run(stack, {42, true});
    const Recording rec = record(live, "scenarios/test.yaml");
    EXPECT_EQ(rec.commands, procedure());
    const Recording back = parse_recording(write_recording(rec), "live.rec");
    EXPECT_EQ(back, rec);
    const Session again = replay(back, scenario_with("quincke_22g_90mm"), stack.scene, &stack.structures);
    EXPECT_EQ(again.state(), live.state());
    EXPECT_EQ(again.events(), live.events());
    EXPECT_EQ(again.options(), live.options());
}

TEST(Recording, TextRoundTripsExactly) {
    const std::string text =
        "# FluoroSim session recording: TIME COMMAND ARGUMENTS per line (src/core/session/recording.hpp)\n"
        "fluorosim_recording 1\n"
        "seed 18446744073709551615\n"
        "bevel_deflection off\n"
        "scenario scenarios/ilesi l4l5.yaml\n"
        "0 session.start\n"
        "0.1 needle.select quincke_25g_127mm\n"
        "1.2345 needle.entry -3.5 80.125 1e-07\n"
        "2 needle.aim 12.5 -7.25\n"
        "12.5 needle.advance 2\n"
        "13 carm.preset oblique_left\n"
        "14 session.learning_aids on\n";
    const Recording r = parse_recording(text, "x.rec");
    EXPECT_EQ(r.seed, 18446744073709551615ull);
    EXPECT_FALSE(r.bevel_deflection);
    EXPECT_EQ(r.scenario, "scenarios/ilesi l4l5.yaml");
    ASSERT_EQ(r.commands.size(), 7u);
    EXPECT_DOUBLE_EQ(r.commands[2].values[2], 1e-7);
    EXPECT_EQ(write_recording(r), text);
    // Odd doubles survive: shortest round-trip text.
    Recording odd;
    odd.commands = {cmd(0.1 + 0.2, K::needle_advance, {1.0 / 3.0}), cmd(1e300, K::needle_entry, {-0.0, 2.5e-300, 123456789.123456789})};
    EXPECT_EQ(parse_recording(write_recording(odd), "odd.rec"), odd);
}

TEST(Recording, CommentsAndBlankLinesAreIgnored) {
    const Recording r = parse_recording(
        "\n# header comment\nfluorosim_recording 1   # version\n\n  3.5   needle.advance   2.0  # into the flavum\n\t\n", "c.rec");
    ASSERT_EQ(r.commands.size(), 1u);
    EXPECT_EQ(r.commands[0], cmd(3.5, K::needle_advance, {2.0}));
    EXPECT_EQ(r.seed, 1u);
    EXPECT_TRUE(r.bevel_deflection);
}

void expect_error(const std::string& text, const std::string& where, const std::string& token) {
    SCOPED_TRACE(text);
    try {
        parse_recording(text, "bad.rec");
        ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(where), std::string::npos) << what;
        EXPECT_NE(what.find(token), std::string::npos) << what;
    }
}

TEST(Recording, ErrorsNameFileLineAndToken) {
    const std::string head = "fluorosim_recording 1\n";
    expect_error(head + "1 needle.advnce 2\n", "bad.rec:2", "'needle.advnce'");
    expect_error(head + "# c\n1 needle.advance 2mm\n", "bad.rec:3", "'2mm'");
    expect_error(head + "1 needle.advance 2 3\n", "bad.rec:2", "'3'");
    expect_error(head + "1 needle.aim 2\n", "bad.rec:2", "MEDIAL_DEG CRANIAL_DEG");
    expect_error(head + "soon needle.advance 2\n", "bad.rec:2", "'soon'");
    expect_error(head + "nan needle.advance 2\n", "bad.rec:2", "'nan'");
    expect_error(head + "seed -4\n", "bad.rec:2", "'-4'");
    expect_error(head + "bevel_deflection maybe\n", "bad.rec:2", "'maybe'");
    expect_error("1 needle.advance 2\n", "bad.rec:1", "fluorosim_recording");
    expect_error("fluorosim_recording 2\n", "bad.rec:1", "'2'");
    expect_error("# nothing\n", "bad.rec", "not a recording");
}

TEST(Recording, OutOfRangeValuesParseAndReplayAsRefusals) {
    const LabelledScene block = muscle_block();
    const Recording r = parse_recording("fluorosim_recording 1\n0 session.start\n1 needle.select no_such\n2 carm.angles 500 0\n", "r.rec");
    const Session s = replay(r, scenario_with("quincke_22g_90mm"), block.scene, &block.structures);
    EXPECT_EQ(s.state().commands_refused, 2);
}

TEST(SessionBench, MeasuresCommandsPerSecond) {
    const LabelledScene stack = epidural_stack();
    const SessionBench b = bench_session(scenario_with("quincke_22g_90mm"), std::make_shared<const TissueQuery>(stack.scene),
                                         &stack.structures, 400);
    EXPECT_EQ(b.commands, 400);
    EXPECT_GT(b.commands_per_second, 100.0);  // ~1e4-1e5 on a laptop; 100 only catches a hang
    EXPECT_GT(b.needle_mm_per_second, 0.0);
    std::printf("[ figures  ] session on the epidural stack: %.0f commands/s, %.0f mm of needle travel/s\n",
                b.commands_per_second, b.needle_mm_per_second);
}

}  // namespace
}  // namespace fluorosim
