#pragma once
// An expert attempt at a scenario, computed from the patient's landmarks and tissue query
// (never from coordinates): a straight-line planner that searches needle aims for one whose
// path reaches a target through allowed tissue only, and the command script an expert would
// run (square the endplate, oblique, enter down the beam, depth view, final advance, aspirate,
// contrast under live fluoroscopy, injectate). `fluorosim expert` writes it as a recording;
// the scoring tests use it for expert passes, near misses and critical errors.
#include <array>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/anatomy/patient.hpp"
#include "core/geometry/tissue_query.hpp"
#include "core/needle/tissue_mechanics.hpp"
#include "core/scenario/scenario.hpp"
#include "core/session/recording.hpp"
#include "core/session/session.hpp"

namespace fluorosim {

// A patient as the planner sees it: landmarks, the tissue query over its scene, and each
// scene object's tissue class.
struct PlanningPatient {
    std::shared_ptr<const Patient> patient;
    std::shared_ptr<const TissueQuery> query;
    std::vector<TissueClass> classes;  // per scene object
};
PlanningPatient planning_patient(std::shared_ptr<const Patient> patient);

// Tissue a needle must not cross on its way (unless a request allows it).
bool hazardous(TissueClass t);

struct Plan {
    bool ok = false;
    double medial_deg = 0.0, cranial_deg = 0.0;
    glm::dvec3 direction{0.0};
    glm::dvec3 skin{0.0};   // where the path enters the skin
    glm::dvec3 entry{0.0};  // 5 mm outside it: where the tip is set down
    double depth_mm = 0.0;  // skin to the aimed point (on-bone targets: to the bone contact)
    glm::dvec3 target{0.0};
};

struct PlanRequest {
    glm::dvec3 target{0.0};
    bool on_bone = false;  // the point lies on a bone surface: bone is allowed just there
    // On-bone targets with a zone: the tip stops at the first bone on the line, and that contact
    // must lie at least 0.5 mm inside this zone (instead of within 1.5 mm of `target`).
    const Zone* zone = nullptr;
    // Tissue allowed along the way (hazards are not, except those listed here).
    std::vector<TissueClass> also_allowed;
    std::function<bool(TissueClass)> at_target;  // class the target must be in (optional)
    std::function<bool(const glm::dvec3&)> accept_direction;  // extra filter (RF: parallel)
    std::vector<Zone> avoid;  // scenario hazards to keep 1 mm clear of
    double max_depth_mm = 85.0;
    double max_angle_deg =
        60.0;  // aims searched up to this far from straight anterior, 5 deg steps
};

// The first aim (nearest straight anterior) whose straight path works; ok = false if none.
Plan plan_path(const PlanningPatient& pp, const PlanRequest& rq);

// The expert's request for a scenario's first target (needle length, hazards, joint capsule,
// parallel to the nerve).
PlanRequest expert_request(const Scenario& s, const PlanningPatient& pp);
// The expert's plan: the first target's centre, or for a nerve course (polyline target, RF)
// points along it; ok = false if no straight path works on this patient.
Plan plan_expert(const Scenario& s, const PlanningPatient& pp);

// A session driven by timed commands, one second apart unless told otherwise.
struct ScriptedSession {
    Session session;
    double t = 0.0;
    ScriptedSession(const Scenario& s, const PlanningPatient& pp,
                    SessionOptions options = {7, false});
    void operator()(CommandKind k, std::array<double, 3> v = {}, std::string word = {},
                    double dt = 1.0);
    bool has(EventKind k) const;
};

int side_sign(const Scenario& s);
// Square the endplate in AP, then an ipsilateral oblique: both before the skin.
void views_before_entry(ScriptedSession& run, const Scenario& s, const Patient& p);
// Aim and set the tip down at the plan's entry.
void place(ScriptedSession& run, const Plan& plan);
// Contrast under live fluoroscopy: the pedal goes down, contrast goes in, 2.5 s later it comes up.
void live_contrast(ScriptedSession& run, double ml);
double expert_contrast_ml(const Scenario& s);

// The whole expert attempt along `plan` (its entry moved by `shift`, for near misses).
ScriptedSession expert_attempt(const Scenario& s, const PlanningPatient& pp, const Plan& plan,
                               glm::dvec3 shift = glm::dvec3(0.0),
                               SessionOptions options = {7, false});

// Plans and runs the expert attempt, and returns it as a recording; throws InputError (naming
// the scenario file) when no straight path reaches the target on this patient.
Recording expert_recording(const Scenario& s, const PlanningPatient& pp,
                           std::uint64_t session_seed = 7);

}  // namespace fluorosim
