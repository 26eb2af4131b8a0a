#include <gtest/gtest.h>

#include "core/session/session_test_support.hpp"

namespace fluorosim {
namespace {

using namespace session_test;
using K = CommandKind;
constexpr double kTight = 1e-9;

std::vector<EventKind> kinds(const std::vector<Event>& events) {
    std::vector<EventKind> out;
    for (const Event& e : events) out.push_back(e.kind);
    return out;
}

// Advances in 1 mm steps (as a trainee does) until an event of `kind` or `max_mm`.
std::vector<Event> advance_until(Session& s, EventKind kind, double max_mm, double& t) {
    std::vector<Event> all;
    for (double moved = 0.0; moved < max_mm; moved += kFineStepMm) {
        const auto ev = s.apply(cmd(t += 0.5, K::needle_advance, {kFineStepMm}));
        all.insert(all.end(), ev.begin(), ev.end());
        if (!of_kind(ev, kind).empty()) break;
    }
    return all;
}

TEST(TissueEvents, SkinPopOnEntryAndOnlyForANewPuncture) {
    const LabelledScene stack = epidural_stack();
    Session s = started(stack, scenario_with("quincke_22g_90mm"), {0, 45, 0}, {1, false});
    const auto ev = s.apply(cmd(1, K::needle_advance, {6.0}));
    ASSERT_EQ(ev.size(), 1u);
    EXPECT_EQ(ev[0].kind, EventKind::skin_pop);
    EXPECT_EQ(ev[0].structure, "skin");
    EXPECT_NEAR(ev[0].position.y, 40.0, kTight);
    EXPECT_DOUBLE_EQ(ev[0].time, 1.0);
    EXPECT_EQ(s.state().needle.skin_punctures, 1);
    EXPECT_NEAR(s.resistance(), mechanics(TissueClass::skin).resistance, kTight);
    // Out, then in 10 mm away: a second puncture.
    s.apply(cmd(2, K::needle_withdraw, {10.0}));
    s.apply(cmd(3, K::needle_entry, {10, 45, 0}));
    EXPECT_EQ(of_kind(s.apply(cmd(4, K::needle_advance, {6.0})), EventKind::skin_pop).size(), 1u);
    EXPECT_EQ(s.state().needle.skin_punctures, 2);
}

TEST(TissueEvents, InterlaminarStackInOrderWithLossOfResistanceAndCsf) {
    const LabelledScene stack = epidural_stack();
    Session s = started(stack, scenario_with("tuohy_20g_90mm"), {0, 45, 0}, {1, false});
    double t = 1.0;
    s.apply(cmd(t, K::lor_attach));
    s.apply(cmd(t, K::needle_advance, {16.0}));  // in the interspinous ligament (y = 29)
    const auto press = s.apply(cmd(t += 1, K::lor_press));
    ASSERT_EQ(press.size(), 1u);
    EXPECT_EQ(press[0].kind, EventKind::plunger_feedback);
    EXPECT_EQ(s.plunger(), Plunger::resisting);
    const auto to_lor = advance_until(s, EventKind::loss_of_resistance, 30.0, t);
    const auto lor = of_kind(to_lor, EventKind::loss_of_resistance);
    ASSERT_EQ(lor.size(), 1u);
    EXPECT_NEAR(lor[0].position.y, 13.0, kTight);
    EXPECT_EQ(lor[0].structure, "dorsal epidural fat");
    EXPECT_EQ(lor[0].tissue, TissueClass::epidural_fat);
    EXPECT_EQ(s.plunger(), Plunger::giving_way);
    EXPECT_LT(s.resistance(), kPlungerResistanceThreshold);
    // The flavum came before the loss, as a ligament entry.
    const auto entered = of_kind(to_lor, EventKind::tissue_entered);
    ASSERT_FALSE(entered.empty());
    EXPECT_EQ(entered.back().tissue, TissueClass::ligamentum_flavum);
    EXPECT_NEAR(entered.back().position.y, 18.0, kTight);

    const auto to_csf = advance_until(s, EventKind::csf, 10.0, t);
    EXPECT_EQ(kinds(to_csf), (std::vector<EventKind>{EventKind::tissue_entered, EventKind::csf}));
    EXPECT_EQ(to_csf[0].tissue, TissueClass::dura);
    EXPECT_NEAR(to_csf[0].position.y, 9.0, kTight);
    EXPECT_NEAR(to_csf[1].position.y, 8.5, kTight);
    EXPECT_EQ(to_csf[1].structure, "CSF");
    // Events keep the order they happened in, with non-decreasing times.
    const auto& all = s.events();
    for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LE(all[i - 1].time, all[i].time);
}

TEST(TissueEvents, NoLossOfResistanceWithoutPressureOnTheSyringe) {
    const LabelledScene stack = epidural_stack();
    Session s = started(stack, scenario_with("tuohy_20g_90mm"), {0, 45, 0}, {1, false});
    const auto ev = s.apply(cmd(1, K::needle_advance, {33.0}));  // to y = 12, in the epidural fat
    EXPECT_TRUE(of_kind(ev, EventKind::loss_of_resistance).empty());
    EXPECT_EQ(ev.back().tissue, TissueClass::epidural_fat);
    // Attaching and pressing there gives the loss at once.
    s.apply(cmd(2, K::lor_attach));
    const auto press = s.apply(cmd(3, K::lor_press));
    ASSERT_EQ(press.size(), 1u);
    EXPECT_EQ(press[0].kind, EventKind::loss_of_resistance);
}

TEST(TissueEvents, BoneIsAHardStopAtItsSurface) {
    const LabelledScene stack = epidural_stack();
    Session s = started(stack, scenario_with("quincke_22g_90mm"), {0, 45, 0}, {1, false});
    const auto ev = s.apply(cmd(1, K::needle_advance, {80.0}));
    const auto bone = of_kind(ev, EventKind::bone_contact);
    ASSERT_EQ(bone.size(), 1u);
    EXPECT_EQ(ev.back().kind, EventKind::bone_contact);
    EXPECT_NEAR(bone[0].position.y, -12.0, kTight);
    EXPECT_EQ(bone[0].structure, "L5 cortical");
    EXPECT_NEAR(s.state().needle.tip().y, -12.0 + 0.01, kTight);  // 10 um standoff
    EXPECT_TRUE(s.state().needle.on_bone);
    EXPECT_DOUBLE_EQ(s.resistance(), 1.0);
    // Pushing again: blocked, the tip stays.
    const glm::dvec3 tip = s.state().needle.tip();
    const auto again = s.apply(cmd(2, K::needle_advance, {5.0}));
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0].kind, EventKind::advance_blocked);
    EXPECT_EQ(s.state().needle.tip(), tip);
    EXPECT_EQ(s.state().needle.bone_contacts, 1);
}

struct Lane {
    double x;
    EventKind kind;
    const char* structure;
    double surface_y;
};

TEST(TissueEvents, VesselsNerveRootDiscAndViscera) {
    const LabelledScene lanes = hazard_lanes();
    const Lane cases[] = {
        {-59.5, EventKind::blood_arterial, "segmental artery L5 left", 4.0},
        {-29.5, EventKind::blood_venous, "vein", 4.0},
        {0.5, EventKind::paraesthesia, "nerve root L5 left", 4.0},
        {30.0, EventKind::intradiscal, "L4-L5 annulus", 10.0},
        {60.0, EventKind::too_deep, "kidney left", -20.0},
    };
    for (const Lane& lane : cases) {
        SCOPED_TRACE(lane.structure);
        Session s = started(lanes, scenario_with("quincke_22g_127mm"), {lane.x, 50, 0}, {1, false});
        const auto ev = s.apply(cmd(1, K::needle_advance, {75.0}));
        const auto hits = of_kind(ev, lane.kind);
        ASSERT_EQ(hits.size(), 1u);
        EXPECT_EQ(hits[0].structure, lane.structure);
        // Cylinders are 64-gons: their surface under the needle lies within 0.04 mm of the circle.
        EXPECT_NEAR(hits[0].position.y, lane.surface_y, 0.04);
        EXPECT_NEAR(hits[0].time, 1.0, 0.0);
        EXPECT_FALSE(hits[0].message.empty());
    }
}

TEST(TissueEvents, ParaesthesiaNamesTheLegAndTheDermatome) {
    const LabelledScene lanes = hazard_lanes();
    Session s = started(lanes, scenario_with("quincke_22g_90mm"), {0.5, 50, 0}, {1, false});
    const auto p = of_kind(s.apply(cmd(1, K::needle_advance, {47.0})), EventKind::paraesthesia);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NE(p[0].message.find("left leg"), std::string::npos) << p[0].message;
    EXPECT_NE(p[0].message.find("L5 dermatome"), std::string::npos) << p[0].message;
    EXPECT_NE(p[0].message.find("top of the foot"), std::string::npos) << p[0].message;
}

TEST(TissueEvents, IntradiscalOnceThenDeeperIntoTheNucleus) {
    const LabelledScene lanes = hazard_lanes();
    Session s = started(lanes, scenario_with("quincke_22g_90mm"), {30, 50, 0}, {1, false});
    const auto ev = s.apply(cmd(1, K::needle_advance, {47.0}));  // to y = 3, in the nucleus
    EXPECT_EQ(of_kind(ev, EventKind::intradiscal).size(), 1u);
    EXPECT_EQ(ev.back().kind, EventKind::tissue_entered);
    EXPECT_EQ(ev.back().tissue, TissueClass::disc_nucleus);
    EXPECT_NEAR(ev.back().position.y, 5.0, kTight);
}

TEST(TissueEvents, AspirationAndInjectionReportTheCompartment) {
    const LabelledScene lanes = hazard_lanes();
    Session s = started(lanes, scenario_with("quincke_22g_90mm"), {-29.5, 50, 0}, {1, false});
    EXPECT_EQ(s.apply(cmd(1, K::inject_contrast, {0.5}))[0].kind, EventKind::refused);  // not in the patient
    s.apply(cmd(2, K::needle_advance, {20.0}));
    EXPECT_EQ(s.apply(cmd(3, K::aspirate))[0].kind, EventKind::aspiration_negative);
    s.apply(cmd(4, K::needle_advance, {28.0}));  // y = 2: in the vein
    EXPECT_EQ(s.apply(cmd(5, K::aspirate))[0].kind, EventKind::blood_venous);
    const auto inj = s.apply(cmd(6, K::inject_contrast, {0.5}));
    ASSERT_EQ(inj.size(), 2u);
    EXPECT_EQ(inj[0].kind, EventKind::injection);
    EXPECT_EQ(inj[1].kind, EventKind::intravascular_injection);
    EXPECT_DOUBLE_EQ(s.state().injection.contrast_ml, 0.5);
    EXPECT_EQ(s.state().injection.aspirations, 2);
}

TEST(TissueEvents, BareSceneClassifiedByMaterial) {
    // The test phantom has no structure labels: trunk soft tissue, bone by material.
    Scene scene;
    const int trunk = scene.add({"trunk", "soft_tissue", -1, primitives::box({-50, -50, -50}, {50, 50, 50})});
    scene.add({"level 1 body cortex", "bone_cortical", trunk, primitives::box({-10, -30, -10}, {10, 0, 10})});
    Session s(scenario_with("quincke_22g_90mm"), scene, nullptr, {1, false});
    s.apply(cmd(0, K::session_start));
    s.apply(cmd(0, K::needle_entry, {0, 60, 0}));
    const auto ev = s.apply(cmd(1, K::needle_advance, {80.0}));
    EXPECT_EQ(kinds(ev), (std::vector<EventKind>{EventKind::skin_pop, EventKind::bone_contact}));
    EXPECT_NEAR(ev[1].position.y, 0.0, kTight);
}

}  // namespace
}  // namespace fluorosim
