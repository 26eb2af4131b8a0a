// One walk on the generated standard patient: an interlaminar epidural at L4-L5 with a Tuohy
// and a loss-of-resistance syringe, from the posterior skin straight toward the dura.
#include <gtest/gtest.h>

#include <cstdio>

#include "core/anatomy/anatomy_test_support.hpp"
#include "core/session/session_test_support.hpp"

namespace fluorosim {
namespace {

using namespace session_test;
using K = CommandKind;

TEST(PatientWalk, InterlaminarL4L5SkinLigamentLossOfResistanceCsf) {
    const Patient& patient = anatomy_test::standard_patient();  // generated once per test binary
    const auto query = std::make_shared<const TissueQuery>(patient.scene);
    // Aim at the dorsal epidural space behind the L4-L5 flavum (midline, 5 mm in front of the
    // lamina plane) straight from behind (the needle's 0/0 is straight anterior, -y).
    const glm::dvec3 target(patient.landmark("L4-L5.dorsal_epidural_space").points.at(0));
    const std::vector<TissueStretch> behind = query->segment(target, target + glm::dvec3(0, 300, 0));
    ASSERT_FALSE(behind.empty());
    const glm::dvec3 entry = behind.back().exit + glm::dvec3(0, 5, 0);  // 5 mm off the skin

    Session s(scenario_with("tuohy_20g_90mm"), query, &patient.structures, {1, true});
    double t = 0.0;
    s.apply(cmd(t, K::session_start));
    s.apply(cmd(t += 1, K::needle_entry, {entry.x, entry.y, entry.z}));
    s.apply(cmd(t += 1, K::lor_attach));
    s.apply(cmd(t += 1, K::lor_press));  // continuous pressure while advancing
    for (int i = 0; i < 120 && of_kind(s.events(), EventKind::csf).empty(); ++i)
        s.apply(cmd(t += 0.5, K::needle_advance, {kFineStepMm}));

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
}

}  // namespace
}  // namespace fluorosim
