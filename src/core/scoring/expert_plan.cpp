#include "core/scoring/expert_plan.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/needle/needle_placement.hpp"
#include "core/needle/needle_spec.hpp"
#include "core/scoring/score.hpp"
#include "core/util/error.hpp"

namespace fluorosim {

using K = CommandKind;

PlanningPatient planning_patient(std::shared_ptr<const Patient> patient) {
    PlanningPatient pp;
    pp.patient = std::move(patient);
    pp.query = std::make_shared<const TissueQuery>(pp.patient->scene);
    for (std::size_t i = 0; i < pp.patient->structures.size(); ++i)
        pp.classes.push_back(
            tissue_class(pp.patient->structures[i].kind, pp.patient->scene.objects[i].name));
    return pp;
}

bool hazardous(TissueClass t) {
    using T = TissueClass;
    return t == T::nerve_root || t == T::neural || t == T::csf || t == T::dura || t == T::artery ||
           t == T::vein || t == T::disc_annulus || t == T::disc_nucleus || t == T::organ ||
           t == T::gas || t == T::bone;
}

Plan plan_path(const PlanningPatient& pp, const PlanRequest& rq) {
    std::vector<std::pair<double, std::pair<double, double>>> aims;
    const double lim = rq.max_angle_deg;
    for (double m = -lim; m <= lim + 1e-9; m += 5.0)
        for (double c = -lim; c <= lim + 1e-9; c += 5.0) aims.push_back({std::hypot(m, c), {m, c}});
    std::stable_sort(aims.begin(), aims.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    const TissueQuery& q = *pp.query;
    auto allowed = [&](TissueClass t) {
        return !hazardous(t) || std::find(rq.also_allowed.begin(), rq.also_allowed.end(), t) !=
                                    rq.also_allowed.end();
    };
    const bool contact_in_zone = rq.on_bone && rq.zone != nullptr;
    for (const auto& [unused, mc] : aims) {
        (void)unused;
        NeedlePlacement a;
        a.medial_deg = mc.first;
        a.cranial_deg = mc.second;
        const glm::dvec3 d = a.direction();
        if (rq.accept_direction && !rq.accept_direction(d)) continue;
        // Back out of the patient from the target along -d: the last stretch's exit is the skin.
        const std::vector<TissueStretch> behind = q.segment(rq.target, rq.target - 250.0 * d);
        if (behind.empty() || behind.back().exit_mm > 240.0) continue;
        const glm::dvec3 skin = behind.back().exit;
        double depth = glm::length(rq.target - skin);
        if (depth < 5.0) continue;
        // The straight path from just outside the skin to the target (2 mm past it for
        // contacts inside a zone: the bone may start a little beyond the aimed point).
        const glm::dvec3 start = skin - 1.0 * d;
        const double total = glm::length(rq.target - start);
        const std::vector<TissueStretch> path =
            q.segment(start, rq.target + (contact_in_zone ? 2.0 : 0.0) * d);
        bool ok = !path.empty();
        double contact_mm = -1.0;
        for (const TissueStretch& st : path) {
            if (st.exit_mm - st.entry_mm < 1e-6) continue;
            const TissueClass t = pp.classes[std::size_t(st.object)];
            if (t == TissueClass::bone && contact_in_zone) {
                contact_mm = st.entry_mm;  // the tip stops on the first bone
                break;
            }
            // The target bone, or (soft targets) bone within 1.5 mm short of the target: the tip
            // stops there, inside any zone of 2 mm or more.
            if (t == TissueClass::bone && st.entry_mm >= total - 1.5) break;
            if (!allowed(t)) ok = false;
        }
        if (contact_in_zone) {
            ok = ok && contact_mm > 0.0 &&
                 zone_distance(*rq.zone, *pp.patient, start + contact_mm * d) <= -0.5;
            if (ok) depth = contact_mm - 1.0;
        } else if (rq.on_bone) {
            // The bone must start within ~1 mm of the target along this line.
            const std::vector<TissueStretch> beyond = q.segment(start, rq.target + 3.0 * d);
            bool hit = false;
            for (const TissueStretch& st : beyond)
                if (pp.classes[std::size_t(st.object)] == TissueClass::bone) {
                    hit = st.entry_mm >= total - 1.5 && st.entry_mm <= total + 1.5;
                    break;
                }
            ok = ok && hit;
        }
        if (depth > rq.max_depth_mm) ok = false;
        if (ok && rq.at_target) {
            const int at = q.innermost_at(rq.target);
            ok = at >= 0 && rq.at_target(pp.classes[std::size_t(at)]);
        }
        for (const Zone& z : rq.avoid)
            for (double s = 0.0; s <= depth && ok; s += 0.5)
                if (zone_distance(z, *pp.patient, skin + s * d) <= 1.0) ok = false;
        if (!ok) continue;
        Plan p;
        p.ok = true;
        p.medial_deg = a.medial_deg;
        p.cranial_deg = a.cranial_deg;
        p.direction = d;
        p.skin = skin;
        p.entry = skin - 5.0 * d;
        p.depth_mm = depth;
        p.target = rq.target;
        return p;
    }
    return {};
}

PlanRequest expert_request(const Scenario& s, const PlanningPatient& pp) {
    PlanRequest rq;
    rq.target = zone_centre(s.targets.front(), *pp.patient);
    rq.on_bone = s.rubric.require_bone_contact;
    rq.avoid = s.hazards;
    // 6 mm of the needle stay outside the skin (the hub and a grip).
    rq.max_depth_mm = needle_spec(s.needle).length_mm - 6.0;
    if (s.procedure == "facet_intra_articular" || s.procedure == "si_joint")
        rq.at_target = [](TissueClass t) { return t == TissueClass::joint_capsule; };
    if (s.rubric.parallel.enabled) {
        const glm::dvec3 axis = nerve_axis(s.rubric.parallel, *pp.patient);
        // 2 degrees of margin under the rubric's limit.
        const double cmin = std::cos(glm::radians(s.rubric.parallel.max_angle_deg - 2.0));
        rq.accept_direction = [axis, cmin](const glm::dvec3& d) {
            return std::abs(glm::dot(d, axis)) >= cmin;
        };
    }
    return rq;
}

Plan plan_expert(const Scenario& s, const PlanningPatient& pp) {
    PlanRequest rq = expert_request(s, pp);
    const Zone& zone = s.targets.front();
    std::vector<glm::dvec3> aims{rq.target};
    if (zone.shape == ZoneShape::landmark) {
        const Landmark& l = pp.patient->landmark(zone.landmark);
        if (l.kind == LandmarkKind::polyline) {
            // A nerve's course: the cannula may touch down anywhere along it; try its points and
            // the midpoints between them, the centroid first.
            for (std::size_t i = 0; i < l.points.size(); ++i) {
                aims.push_back(glm::dvec3(l.points[i]));
                if (i + 1 < l.points.size())
                    aims.push_back(0.5 * (glm::dvec3(l.points[i]) + glm::dvec3(l.points[i + 1])));
            }
            if (rq.on_bone) rq.zone = &zone;
        }
    }
    for (const glm::dvec3& a : aims) {
        rq.target = a;
        const Plan p = plan_path(pp, rq);
        if (p.ok) return p;
    }
    return {};
}

ScriptedSession::ScriptedSession(const Scenario& s, const PlanningPatient& pp,
                                 SessionOptions options)
    : session(s, pp.query, &pp.patient->structures, options) {}

void ScriptedSession::operator()(CommandKind k, std::array<double, 3> v, std::string word,
                                 double dt) {
    t += dt;
    session.apply(make_command(t, k, v, std::move(word)));
}

bool ScriptedSession::has(EventKind k) const {
    for (const Event& e : session.events())
        if (e.kind == k) return true;
    return false;
}

int side_sign(const Scenario& s) { return s.side == "left" ? 1 : s.side == "right" ? -1 : 0; }

void views_before_entry(ScriptedSession& run, const Scenario& s, const Patient& p) {
    const std::string ep = endplate_landmark(s, p);
    const glm::dvec3 n = ep.empty() ? glm::dvec3(0, 0, 1) : glm::dvec3(p.landmark(ep).normal);
    run(K::carm_angles, {0.0, squaring_secondary_deg(n, 0.0)});
    run(K::carm_shot);
    const double oblique = 25.0 * (side_sign(s) == 0 ? 1 : side_sign(s));
    run(K::carm_angles, {oblique, squaring_secondary_deg(n, oblique)});
    run(K::carm_shot);
}

void place(ScriptedSession& run, const Plan& plan) {
    run(K::needle_aim, {plan.medial_deg, plan.cranial_deg});
    run(K::needle_entry, {plan.entry.x, plan.entry.y, plan.entry.z});
}

void live_contrast(ScriptedSession& run, double ml) {
    run(K::pedal_down);
    run(K::inject_contrast, {ml}, {}, 0.5);
    run(K::pedal_up, {}, {}, 2.0);
}

double expert_contrast_ml(const Scenario& s) {
    if (s.procedure == "facet_intra_articular") return 0.3;  // clinical.md 1.1: 0.2-0.5 mL
    if (s.procedure == "interlaminar_epidural") return 2.0;  // 2-5 mL
    if (s.procedure == "si_joint") return 0.5;               // 0.25-1 mL
    return 1.0;
}

ScriptedSession expert_attempt(const Scenario& s, const PlanningPatient& pp, const Plan& plan,
                               glm::dvec3 shift, SessionOptions options) {
    ScriptedSession run(s, pp, options);
    run(K::session_start, {}, {}, 0.0);
    views_before_entry(run, s, *pp.patient);
    Plan p = plan;
    p.entry += shift;
    place(run, p);
    run(K::needle_depth, {std::max(1.0, plan.depth_mm - 8.0)});
    run(K::carm_angles, {90.0, 0.0});  // lateral depth check, 8 mm short of the target
    run(K::carm_shot);
    if (s.rubric.require_loss_of_resistance) {
        run(K::lor_attach);
        run(K::lor_press);
        for (int i = 0; i < 60 && !run.has(EventKind::loss_of_resistance) &&
                        !run.has(EventKind::csf) && !run.has(EventKind::bone_contact);
             ++i)
            run(K::needle_advance, {0.5}, {}, 0.5);
        run(K::lor_release);
        run(K::lor_detach);
    } else {
        // On bone targets 3 mm more than the contact: the bone stops the tip.
        run(K::needle_depth, {plan.depth_mm + (s.rubric.require_bone_contact ? 3.0 : 0.0)});
    }
    run(K::carm_angles, {0.0, 0.0});
    run(K::carm_shot);
    run(K::aspirate);
    if (s.rubric.require_contrast || s.rubric.require_live_contrast ||
        !s.rubric.expected_pattern.empty())
        live_contrast(run, expert_contrast_ml(s));
    run(s.procedure == "medial_branch_block" || s.procedure == "rf_neurotomy"
            ? K::inject_anaesthetic
            : K::inject_steroid,
        {0.5});
    run(K::session_end);
    return run;
}

Recording expert_recording(const Scenario& s, const PlanningPatient& pp,
                           std::uint64_t session_seed) {
    if (s.targets.empty())
        throw InputError({s.file, 0, "targets"},
                         "the scenario has no target for an expert attempt");
    const Plan plan = plan_expert(s, pp);
    if (!plan.ok)
        throw InputError({s.file, 0, "targets"},
                         "no straight needle path reaches '" + s.targets.front().label +
                             "' through safe tissue on this patient within the needle's length");
    const ScriptedSession run = expert_attempt(s, pp, plan, glm::dvec3(0.0), {session_seed, false});
    return record(run.session, s.file);
}

}  // namespace fluorosim
