#pragma once
// Patients for the scorer and contrast tests: the shipped standard patient and generated
// patients cached on disk, as the expert planner sees them (core/scoring/expert_plan.hpp:
// straight-line plans from landmarks and the tissue query, expert command scripts).
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
#include "core/scoring/expert_plan.hpp"
#include "core/scoring/score.hpp"
#include "core/session/session.hpp"
#include "core/util/error.hpp"
#include "core/xray/material_library.hpp"
#include "io/patient_file.hpp"

namespace fluorosim::scoring_test {

using K = CommandKind;

struct TestPatient : PlanningPatient {
    std::string label;
};

inline double& generation_seconds() {
    static double s = 0.0;
    return s;
}

inline TestPatient make_test_patient(std::string label, Patient p) {
    TestPatient t;
    static_cast<PlanningPatient&>(t) =
        planning_patient(std::make_shared<const Patient>(std::move(p)));
    t.label = std::move(label);
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

// ---- helpers

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

using Script = ScriptedSession;

}  // namespace fluorosim::scoring_test
