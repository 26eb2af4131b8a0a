#pragma once
// Scripted attempts for the scorer and contrast tests, computed from a patient's landmarks and
// its tissue query (never from hard-coded coordinates): a straight-line planner that searches
// needle aims for one whose path reaches a point through allowed tissue only, and command
// scripts that drive a Session the way an expert would (square, oblique, enter, depth view,
// final advance, aspirate, contrast under live fluoroscopy, injectate).
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <unistd.h>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/anatomy/patient.hpp"
#include "core/needle/needle_placement.hpp"
#include "core/needle/needle_spec.hpp"
#include "core/needle/tissue_mechanics.hpp"
#include "core/scenario/scenario.hpp"
#include "core/scoring/score.hpp"
#include "core/session/session.hpp"
#include "core/util/error.hpp"
#include "core/xray/material_library.hpp"
#include "io/patient_file.hpp"

namespace fluorosim::scoring_test {

using K = CommandKind;

struct TestPatient {
    std::string label;
    std::shared_ptr<const Patient> patient;
    std::shared_ptr<const TissueQuery> query;
    std::vector<TissueClass> classes;  // per scene object
};

inline double& generation_seconds() {
    static double s = 0.0;
    return s;
}

inline TestPatient make_test_patient(std::string label, Patient p) {
    TestPatient t;
    t.label = std::move(label);
    t.patient = std::make_shared<const Patient>(std::move(p));
    t.query = std::make_shared<const TissueQuery>(t.patient->scene);
    for (std::size_t i = 0; i < t.patient->structures.size(); ++i)
        t.classes.push_back(tissue_class(t.patient->structures[i].kind, t.patient->scene.objects[i].name));
    return t;
}

// The shipped standard patient (loads in ~1 s), once per test binary.
inline const TestPatient& standard_patient() {
    static const TestPatient t = make_test_patient(
        "standard patient", io::load_patient(io::standard_patient_dir(), MaterialLibrary::standard()));
    return t;
}

// A generated patient at resolution_scale 2 (far fewer triangles than the shipped one,
// generated in a few seconds), cached per parameter set in memory and on disk under the test
// output folder: CTest runs every test in its own process, and loading takes a fraction of
// generating. Written to a private folder and renamed, so parallel tests never read half a
// patient.
inline const TestPatient& generated_patient(PatientParameters p) {
    static std::map<std::string, TestPatient> cache;
    p.resolution_scale = 2.0f;
    const std::string key = io::patient_key(p);
    auto it = cache.find(key);
    if (it == cache.end()) {
        const auto t0 = std::chrono::steady_clock::now();
        const std::filesystem::path dir = std::filesystem::path(FLUOROSIM_TEST_OUTPUT_DIR) / "patients" / key;
        std::optional<Patient> patient;
        if (std::filesystem::exists(dir / "patient.json")) {
            try {
                patient = io::load_patient(dir, MaterialLibrary::standard());
            } catch (const InputError&) {
            }
        }
        if (!patient) {
            patient = generate_patient(p);
            std::error_code ec;
            const std::filesystem::path tmp = dir.string() + ".tmp" + std::to_string(::getpid());
            std::filesystem::create_directories(tmp, ec);
            io::save_patient(*patient, tmp);
            std::filesystem::rename(tmp, dir, ec);
            if (ec) std::filesystem::remove_all(tmp, ec);
        }
        generation_seconds() += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        it = cache.emplace(key, make_test_patient("generated seed " + std::to_string(p.seed), std::move(*patient))).first;
    }
    return it->second;
}

// The patients a scenario is tested on: the standard patient and two generated seeds for
// standard-patient scenarios; the scenario's own parameters at two seeds otherwise.
inline std::vector<const TestPatient*> patients_for(const Scenario& s) {
    PatientParameters p = s.patient.parameters;
    PatientParameters standard;
    standard.seed = p.seed;
    const bool is_standard = p.height_cm == standard.height_cm && p.bmi == standard.bmi &&
                             p.scoliosis_cobb_deg == 0.0f && p.disc_degeneration == 0.0f &&
                             p.facet_hypertrophy == 0.0f && p.transitional == TransitionalVertebra::none &&
                             p.sex == standard.sex;
    std::vector<const TestPatient*> out;
    if (is_standard) {
        out.push_back(&standard_patient());
        for (std::uint64_t seed : {2u, 3u}) {
            PatientParameters q;
            q.seed = seed;
            out.push_back(&generated_patient(q));
        }
    } else {
        for (std::uint64_t extra : {0u, 1u}) {
            PatientParameters q = p;
            q.seed = p.seed + extra;
            out.push_back(&generated_patient(q));
        }
    }
    return out;
}

inline glm::dvec3 landmark_point(const Patient& p, const std::string& name) {
    const Landmark& l = p.landmark(name);
    glm::dvec3 c(0.0);
    for (const glm::vec3& q : l.points) c += glm::dvec3(q);
    return c / double(l.points.size());
}

// ---- the planner

inline bool hazardous(TissueClass t) {
    using T = TissueClass;
    return t == T::nerve_root || t == T::neural || t == T::csf || t == T::dura || t == T::artery || t == T::vein ||
           t == T::disc_annulus || t == T::disc_nucleus || t == T::organ || t == T::gas || t == T::bone;
}

struct Plan {
    bool ok = false;
    double medial_deg = 0.0, cranial_deg = 0.0;
    glm::dvec3 direction{0.0};
    glm::dvec3 skin{0.0};    // where the path enters the skin
    glm::dvec3 entry{0.0};   // 5 mm outside it: where the tip is set down
    double depth_mm = 0.0;   // skin to the aimed point
};

struct PlanRequest {
    glm::dvec3 target{0.0};
    bool on_bone = false;  // the point lies on a bone surface: bone is allowed just there
    // Tissue allowed along the way (hazards are not, except those listed here).
    std::vector<TissueClass> also_allowed;
    std::function<bool(TissueClass)> at_target;   // the class the target point must be in (optional)
    std::function<bool(const glm::dvec3&)> accept_direction;  // extra filter (RF: parallel)
    std::vector<Zone> avoid;                      // scenario hazards to keep 1 mm clear of
    const Patient* patient = nullptr;
    double max_depth_mm = 85.0;
};

inline Plan plan_path(const TestPatient& tp, const PlanRequest& rq) {
    std::vector<std::pair<double, std::pair<double, double>>> aims;
    for (double m = -60.0; m <= 60.0; m += 5.0)
        for (double c = -55.0; c <= 55.0; c += 5.0) aims.push_back({std::hypot(m, c), {m, c}});
    std::stable_sort(aims.begin(), aims.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    const TissueQuery& q = *tp.query;
    auto allowed = [&](TissueClass t) {
        return !hazardous(t) || std::find(rq.also_allowed.begin(), rq.also_allowed.end(), t) != rq.also_allowed.end();
    };
    for (const auto& [unused, mc] : aims) {
        NeedlePlacement a;
        a.medial_deg = mc.first;
        a.cranial_deg = mc.second;
        const glm::dvec3 d = a.direction();
        if (rq.accept_direction && !rq.accept_direction(d)) continue;
        // Back out of the patient from the target along -d: the last stretch's exit is the skin.
        const std::vector<TissueStretch> behind = q.segment(rq.target, rq.target - 250.0 * d);
        if (behind.empty() || behind.back().exit_mm > 240.0) continue;
        const glm::dvec3 skin = behind.back().exit;
        const double depth = glm::length(rq.target - skin);
        if (depth > rq.max_depth_mm || depth < 5.0) continue;
        // The straight path from just outside the skin to the target.
        const glm::dvec3 start = skin - 1.0 * d;
        const std::vector<TissueStretch> path = q.segment(start, rq.target);
        const double total = glm::length(rq.target - start);
        bool ok = !path.empty();
        for (const TissueStretch& st : path) {
            if (st.exit_mm - st.entry_mm < 1e-6) continue;
            const TissueClass t = tp.classes[std::size_t(st.object)];
            // The target bone, or (soft targets) bone within 1.5 mm short of the target: the tip
            // stops there, inside any zone of 2 mm or more.
            if (t == TissueClass::bone && st.entry_mm >= total - 1.5) break;
            if (!allowed(t)) ok = false;
        }
        if (rq.on_bone) {
            // The bone must start within ~1 mm of the target along this line.
            const std::vector<TissueStretch> beyond = q.segment(start, rq.target + 3.0 * d);
            bool hit = false;
            for (const TissueStretch& st : beyond)
                if (tp.classes[std::size_t(st.object)] == TissueClass::bone) {
                    hit = st.entry_mm >= total - 1.5 && st.entry_mm <= total + 1.5;
                    break;
                }
            ok = ok && hit;
        }
        if (ok && rq.at_target) {
            const int at = q.innermost_at(rq.target);
            ok = at >= 0 && rq.at_target(tp.classes[std::size_t(at)]);
        }
        if (ok && rq.patient)
            for (const Zone& z : rq.avoid)
                for (double s = 0.0; s <= depth && ok; s += 0.5)
                    if (zone_distance(z, *rq.patient, skin + s * d) <= 1.0) ok = false;
        if (!ok) continue;
        Plan p;
        p.ok = true;
        p.medial_deg = a.medial_deg;
        p.cranial_deg = a.cranial_deg;
        p.direction = d;
        p.skin = skin;
        p.entry = skin - 5.0 * d;
        p.depth_mm = depth;
        return p;
    }
    return {};
}

// Points inside a scene object (a 14^3 grid over its bounds), nearest to `near` first, at
// most `count` of them spread over the list.
inline std::vector<glm::dvec3> points_inside(const TestPatient& tp, int object, const glm::dvec3& near, std::size_t count) {
    const Aabb b = bounds(tp.patient->scene.objects[std::size_t(object)].mesh);
    std::vector<std::pair<double, glm::dvec3>> all;
    const int n = 14;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            for (int k = 0; k < n; ++k) {
                const glm::dvec3 p = glm::dvec3(b.min) + glm::dvec3((i + 0.5) / n, (j + 0.5) / n, (k + 0.5) / n) *
                                                             glm::dvec3(b.size());
                if (tp.query->innermost_at(p) == object) all.push_back({glm::length(p - near), p});
            }
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& c) { return a.first < c.first; });
    std::vector<glm::dvec3> out;
    const std::size_t step = std::max<std::size_t>(1, all.size() / std::max<std::size_t>(1, count));
    for (std::size_t i = 0; i < all.size() && out.size() < count; i += step) out.push_back(all[i].second);
    return out;
}

// ---- scripts

struct Script {
    Session session;
    double t = 0.0;
    Script(const Scenario& s, const TestPatient& tp)
        : session(s, tp.query, &tp.patient->structures, SessionOptions{7, false}) {}
    void operator()(CommandKind k, std::array<double, 3> v = {}, std::string word = {}, double dt = 1.0) {
        t += dt;
        session.apply(make_command(t, k, v, std::move(word)));
    }
    bool has(EventKind k) const {
        for (const Event& e : session.events())
            if (e.kind == k) return true;
        return false;
    }
};

inline int side_sign(const Scenario& s) { return s.side == "left" ? 1 : s.side == "right" ? -1 : 0; }

// Square the endplate in AP, then an ipsilateral oblique: both before the skin.
inline void views_before_entry(Script& run, const Scenario& s, const Patient& p) {
    const std::string ep = endplate_landmark(s, p);
    const glm::dvec3 n = ep.empty() ? glm::dvec3(0, 0, 1) : glm::dvec3(p.landmark(ep).normal);
    run(K::carm_angles, {0.0, squaring_secondary_deg(n, 0.0)});
    run(K::carm_shot);
    const double oblique = 25.0 * (side_sign(s) == 0 ? 1 : side_sign(s));
    run(K::carm_angles, {oblique, squaring_secondary_deg(n, oblique)});
    run(K::carm_shot);
}

inline void place(Script& run, const Plan& plan) {
    run(K::needle_aim, {plan.medial_deg, plan.cranial_deg});
    run(K::needle_entry, {plan.entry.x, plan.entry.y, plan.entry.z});
}

// Contrast under live fluoroscopy: the pedal goes down, contrast goes in, 2.5 s later it comes up.
inline void live_contrast(Script& run, double ml) {
    run(K::pedal_down);
    run(K::inject_contrast, {ml}, {}, 0.5);
    run(K::pedal_up, {}, {}, 2.0);
}

}  // namespace fluorosim::scoring_test
