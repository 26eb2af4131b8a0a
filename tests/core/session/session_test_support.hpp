#pragma once
// Hand-built labelled scenes for the session and needle tests: nested boxes and cylinders with
// known faces, so every event position is exact. The needle comes from +y (posterior, prone
// patient) and advances toward -y.
#include <string>
#include <vector>

#include "core/anatomy/patient.hpp"
#include "core/geometry/primitives.hpp"
#include "core/scenario/scenario.hpp"
#include "core/session/session.hpp"

namespace fluorosim::session_test {

struct LabelledScene {
    Scene scene;
    std::vector<Structure> structures;

    int add(const std::string& name, const std::string& material, int parent, TriangleMesh mesh, StructureKind kind,
            const std::string& level = "", int side = 0) {
        structures.push_back({kind, level, side});
        return scene.add({name, material, parent, std::move(mesh)});
    }
};

inline Scenario scenario_with(const std::string& needle, bool learning_aids = true) {
    Scenario s;
    s.needle = needle;
    s.learning_aids = learning_aids;
    return s;
}

// Interlaminar epidural stack on the line x = z = 0, posterior to anterior (y falls):
// skin surface y = 40 (skin layer 40..38), fat 38..30, interspinous ligament 30..18,
// ligamentum flavum 18..13, epidural fat 13..9, dura 9..-9 around CSF 8.5..-8.5, skin-box
// tissue -9..-12, bone from -12 down to -40.
inline LabelledScene epidural_stack() {
    using primitives::box;
    LabelledScene s;
    const int skin = s.add("skin", "soft_tissue", -1, box({-50, -80, -50}, {50, 40, 50}), StructureKind::skin);
    s.add("subcutaneous fat", "adipose", skin, box({-48, 30, -48}, {48, 38, 48}), StructureKind::subcutaneous_fat);
    s.add("interspinous ligament L4-L5", "ligament", skin, box({-48, 18, -48}, {48, 30, 48}), StructureKind::ligament, "L4-L5");
    s.add("ligamentum flavum L4-L5", "ligament", skin, box({-48, 13, -48}, {48, 18, 48}), StructureKind::ligament, "L4-L5");
    s.add("dorsal epidural fat", "adipose", skin, box({-48, 9, -48}, {48, 13, 48}), StructureKind::epidural_fat);
    const int dura = s.add("dura", "ligament", skin, box({-48, -9, -48}, {48, 9, 48}), StructureKind::dura);
    s.add("CSF", "csf", dura, box({-47.5, -8.5, -47.5}, {47.5, 8.5, 47.5}), StructureKind::csf);
    s.add("L5 cortical", "bone_cortical", skin, box({-48, -40, -48}, {48, -12, 48}), StructureKind::bone_cortical, "L5");
    return s;
}

// Hazard lanes in one skin box (surface y = 40), each reached straight down from y = 50:
// x = -60 artery and x = -30 vein (cylinders along z, radius 4, top at y = 4), x = 0 nerve
// root L5 left (same shape), x = 30 disc (annulus box top y = 10, nucleus from y = 5), x = 60
// kidney (box top y = -20). Cylinders are 64-gons with a vertex on top; needles run 0.5 mm
// beside the axis to miss that edge, and meet the surface between y = 3.96 and 4.
inline LabelledScene hazard_lanes() {
    using primitives::box;
    using primitives::cylinder;
    LabelledScene s;
    const int skin = s.add("skin", "soft_tissue", -1, box({-100, -80, -50}, {100, 40, 50}), StructureKind::skin);
    s.add("segmental artery L5 left", "blood", skin, cylinder({-60, 0, -40}, {-60, 0, 40}, 4.0f, 64), StructureKind::artery, "L5", 1);
    s.add("vein", "blood", skin, cylinder({-30, 0, -40}, {-30, 0, 40}, 4.0f, 64), StructureKind::vein);
    s.add("nerve root L5 left", "nerve", skin, cylinder({0, 0, -40}, {0, 0, 40}, 4.0f, 64), StructureKind::nerve_root, "L5", 1);
    const int annulus = s.add("L4-L5 annulus", "disc", skin, box({20, -10, -20}, {40, 10, 20}), StructureKind::disc_annulus, "L4-L5");
    s.add("L4-L5 nucleus", "disc", annulus, box({25, -5, -10}, {35, 5, 10}), StructureKind::disc_nucleus, "L4-L5");
    s.add("kidney left", "soft_tissue", skin, box({50, -60, -20}, {70, -20, 20}), StructureKind::kidney, "", 1);
    return s;
}

// One muscle block, surface y = 0, 200 mm deep: uniform tissue for kinematics.
inline LabelledScene muscle_block() {
    LabelledScene s;
    s.add("muscle", "muscle", -1, primitives::box({-100, -200, -100}, {100, 0, 100}), StructureKind::muscle);
    return s;
}

inline Command cmd(double t, CommandKind kind, std::array<double, 3> v = {}, std::string word = {}) {
    return make_command(t, kind, v, std::move(word));
}

// A started session with the needle set at `entry`, aimed straight anterior.
inline Session started(const LabelledScene& s, const Scenario& scenario, glm::dvec3 entry, SessionOptions options = {}) {
    Session session(scenario, s.scene, &s.structures, options);
    session.apply(cmd(0.0, CommandKind::session_start));
    session.apply(cmd(0.0, CommandKind::needle_entry, {entry.x, entry.y, entry.z}));
    return session;
}

inline std::vector<Event> of_kind(const std::vector<Event>& events, EventKind kind) {
    std::vector<Event> out;
    for (const Event& e : events)
        if (e.kind == kind) out.push_back(e);
    return out;
}

}  // namespace fluorosim::session_test
