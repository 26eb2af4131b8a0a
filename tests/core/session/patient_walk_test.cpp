// One walk on the generated standard patient: an interlaminar epidural at L4-L5 with a Tuohy
// and a loss-of-resistance syringe, from the posterior skin straight to the dura and through.
#include <gtest/gtest.h>

#include <cstdio>

#include "core/anatomy/anatomy_test_support.hpp"
#include "core/needle/needle_placement.hpp"
#include "core/session/session_bench.hpp"
#include "core/session/session_test_support.hpp"

namespace fluorosim {
namespace {

using namespace session_test;
using K = CommandKind;

TEST(PatientWalk, InterlaminarL4L5SkinLigamentLossOfResistanceCsf) {
    const Patient& patient = anatomy_test::standard_patient();  // generated once per test binary
    const auto query = std::make_shared<const TissueQuery>(patient.scene);
    // Through the middle of the L4-L5 interlaminar window (the flavum seen in AP), midline,
    // aimed 10 deg caudally so the shaft passes between the spinous processes and laminae of
    // this patient (straight anterior meets the L4 lamina); a straight needle (no bevel
    // deflection), as the window is planned on a straight line.
    const Landmark& window = patient.landmark("L4-L5.interlaminar_window");
    glm::dvec3 centre(0.0);
    for (const glm::vec3& p : window.points) centre += glm::dvec3(p) / double(window.points.size());
    NeedlePlacement aim;
    aim.cranial_deg = -10.0;
    const glm::dvec3 d = aim.direction();
    const std::vector<TissueStretch> behind = query->segment(centre, centre - 300.0 * d);
    ASSERT_FALSE(behind.empty());
    const glm::dvec3 entry = behind.back().exit - 5.0 * d;  // 5 mm off the skin

    Session s(scenario_with("tuohy_20g_90mm"), query, &patient.structures, {1, false});
    double t = 0.0;
    s.apply(cmd(t, K::session_start));
    s.apply(cmd(t += 1, K::needle_aim, {aim.medial_deg, aim.cranial_deg}));
    s.apply(cmd(t += 1, K::needle_entry, {entry.x, entry.y, entry.z}));
    s.apply(cmd(t += 1, K::lor_attach));
    s.apply(cmd(t += 1, K::lor_press));  // continuous pressure while advancing
    auto stop = [&] {
        for (EventKind k : {EventKind::csf, EventKind::bone_contact, EventKind::hub_at_skin})
            if (!of_kind(s.events(), k).empty()) return true;
        return false;
    };
    for (int i = 0; i < 120 && !stop(); ++i) s.apply(cmd(t += 0.5, K::needle_advance, {kFineStepMm}));

    std::string log;  // for the failure message
    for (const Event& e : s.events()) {
        char b[64];
        std::snprintf(b, sizeof b, " (y %.1f)", e.position.y);
        log += std::string(to_string(e.kind)) + " " + e.structure + b + "\n";
    }
    SCOPED_TRACE(log);
    auto first = [&](auto pred) {
        const auto& ev = s.events();
        for (std::size_t i = 0; i < ev.size(); ++i)
            if (pred(ev[i])) return int(i);
        return -1;
    };
    const int pop = first([](const Event& e) { return e.kind == EventKind::skin_pop; });
    const int ligament = first([](const Event& e) {
        return e.kind == EventKind::tissue_entered &&
               (e.tissue == TissueClass::ligament || e.tissue == TissueClass::ligamentum_flavum);
    });
    const int flavum = first([](const Event& e) { return e.tissue == TissueClass::ligamentum_flavum; });
    const int lor = first([](const Event& e) { return e.kind == EventKind::loss_of_resistance; });
    const int csf = first([](const Event& e) { return e.kind == EventKind::csf; });
    ASSERT_GE(pop, 0);
    ASSERT_GE(ligament, 0);
    ASSERT_GE(flavum, 0);
    ASSERT_GE(lor, 0);
    ASSERT_GE(csf, 0);
    EXPECT_LT(pop, ligament);
    EXPECT_LE(ligament, flavum);
    EXPECT_LT(flavum, lor);
    EXPECT_LT(lor, csf);
    // Nothing hard or hazardous on the way: no bone, no nerve, no vessel.
    for (const Event& e : s.events()) {
        EXPECT_NE(e.kind, EventKind::bone_contact);
        EXPECT_NE(e.kind, EventKind::paraesthesia);
        EXPECT_NE(e.kind, EventKind::blood_arterial);
        EXPECT_NE(e.kind, EventKind::blood_venous);
    }
    // The loss came in the flavum's lee, the skin-to-epidural depth in the 25-81 mm range of
    // clinical.md 1.1.
    const double skin_to_lor = glm::length(s.events()[std::size_t(lor)].position - s.state().needle.skin_entry);
    EXPECT_GT(skin_to_lor, 25.0);
    EXPECT_LT(skin_to_lor, 81.0);
    EXPECT_EQ(s.state().needle.skin_punctures, 1);

    const SessionBench b = bench_session(scenario_with("quincke_22g_90mm"), query, &patient.structures, 2000);
    std::printf("[ figures  ] session on the standard patient: %.0f commands/s, %.0f mm of needle travel/s; "
                "skin to loss of resistance %.1f mm\n",
                b.commands_per_second, b.needle_mm_per_second, skin_to_lor);
}

}  // namespace
}  // namespace fluorosim
