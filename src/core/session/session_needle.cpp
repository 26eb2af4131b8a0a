// Needle commands: kinematics on the needle path, tissue transitions from the tissue query.
#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>

#include "core/needle/needle_placement.hpp"
#include "core/session/session.hpp"
#include "core/session/tissue_events.hpp"

namespace fluorosim {
namespace {

// Deeper than this past the skin the shaft is held by tissue and cannot be levered to a new
// angle: withdraw first. 5 mm = the withdrawal that makes a re-angle count as a redirection
// (clinical.md 1.3 "withdraw > 5 mm & re-angle > 5 deg" [P]).
constexpr double kFreePivotDepthMm = 5.0;
constexpr double kRedirectWithdrawMm = 5.0;
constexpr double kRedirectAngleDeg = 5.0;
// Integration step: curvature changes at tissue boundaries are followed exactly (a step ends
// at each boundary); within a tissue an arc is exact, so the step only bounds how often the
// tissue query runs (0.5 mm: a 90 mm needle is at most 180 queries).
constexpr double kSubstepMm = 0.5;
// The tip stops 10 um short of a bone surface, so the tissue at the tip is the soft tissue
// in front of the bone, not a point on the surface that either side may claim.
constexpr double kBoneStandoffMm = 0.01;
// A re-entry within 1 mm of the last skin puncture goes through the same hole (a 20G needle
// is 0.9 mm wide): not a new puncture.
constexpr double kSameHoleMm = 1.0;
// Distances below this are rounding (lengths are tens of mm; doubles carry ~1e-14 mm there).
constexpr double kEps = 1e-9;
// Stretches shorter than 1 nm are surfaces meeting within rounding (tissue_query.hpp: a tip
// on a surface can see a ~1e-13 mm sliver of the tissue behind it); they are not tissue.
constexpr double kSliverMm = 1e-6;

std::string mm(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", v);
    return b;
}

glm::dvec3 aim_direction(double medial_deg, double cranial_deg) {
    NeedlePlacement p;
    p.medial_deg = medial_deg;
    p.cranial_deg = cranial_deg;
    return p.direction();
}

// The frame a fraction f of the way along the step from `a` to its arc end `b`: on the chord
// (the segment the tissue query measured), turned by f of the step's turn.
TipFrame along_step(const TipFrame& a, const TipFrame& b, double f, double length, double kappa) {
    TipFrame t = arc_step(a, f * length, kappa);
    t.position = glm::mix(a.position, b.position, f);
    return t;
}

}  // namespace

TissueClass Session::tissue_of(int object) const {
    return object < 0 ? TissueClass::air : classes_[std::size_t(object)];
}

void Session::update_tip_tissue(int object) {
    state_.needle.tip_object = object;
    state_.needle.tip_tissue = tissue_of(object);
    // Back in firm tissue behind the epidural space: the next drop in resistance is a new loss
    // of resistance (the dura in front of the space does not count).
    const TissueClass t = state_.needle.tip_tissue;
    if (t != TissueClass::dura && mechanics(t).resistance >= kPlungerResistanceThreshold) state_.injection.lor_felt = false;
}

void Session::needle_command(const Command& c, Out& out) {
    const auto& v = c.values;
    switch (c.kind) {
        case CommandKind::needle_select: return select_needle(c.word, out);
        case CommandKind::needle_entry: return place_needle({v[0], v[1], v[2]}, out);
        case CommandKind::needle_aim: return aim_needle(v[0], v[1], out);
        case CommandKind::needle_advance: return advance_needle(v[0], -1.0, out);
        case CommandKind::needle_withdraw: return withdraw_needle(v[0], out);
        case CommandKind::needle_rotate_bevel: return rotate_bevel(v[0]);
        case CommandKind::needle_depth: {
            NeedleState& n = state_.needle;
            if (!n.placed) return refuse("needle.depth refused: set the skin entry point first.", out);
            const double depth = n.depth_mm();
            if (n.in_tissue && v[0] < depth) return withdraw_needle(depth - v[0], out);
            if (v[0] > depth) return advance_needle(n.spec.length_mm + 100.0, v[0], out);
            return;
        }
        default: assert(false && "not a needle command");
    }
}

void Session::select_needle(const std::string& id, Out& out) {
    NeedleState& n = state_.needle;
    if (n.in_tissue) return refuse("needle.select refused: withdraw the needle from the skin before changing it.", out);
    n.spec = needle_spec(id);  // check_arguments made sure the id is known
    state_.injection.lor_attached = state_.injection.lor_pressed = false;
    out.push_back(make_event(EventKind::needle_selected, "Needle: " + n.spec.label + "."));
}

void Session::place_needle(const glm::dvec3& entry, Out& out) {
    NeedleState& n = state_.needle;
    if (n.in_tissue) return refuse("needle.entry refused: withdraw the needle from the skin before moving it.", out);
    const glm::dvec3 d = aim_direction(n.medial_deg, n.cranial_deg);
    n.placed = true;
    n.path = NeedlePath(TipFrame{entry, d, bevel_face(d, n.bevel_deg), 0.0});
    n.on_bone = false;
    update_tip_tissue(query_->innermost_at(entry));
    out.push_back(make_event(EventKind::needle_placed, "The needle tip is set on the entry point."));
}

void Session::aim_needle(double medial_deg, double cranial_deg, Out& out) {
    NeedleState& n = state_.needle;
    const glm::dvec3 d = aim_direction(medial_deg, cranial_deg);
    if (!n.placed || !n.in_tissue) {
        // Outside the skin the needle swings freely about its tip.
        n.medial_deg = medial_deg;
        n.cranial_deg = cranial_deg;
        if (n.placed) n.path = NeedlePath(TipFrame{n.tip(), d, bevel_face(d, n.bevel_deg), 0.0});
        return;
    }
    const double depth = n.depth_mm();
    if (depth > kFreePivotDepthMm + kEps)
        return refuse("needle.aim refused: the tip is " + mm(depth) + " mm deep and held by tissue; withdraw it to " +
                          mm(kFreePivotDepthMm) + " mm or less before re-aiming.",
                      out);
    // Pivot about the skin entry: same depth along the new line.
    n.medial_deg = medial_deg;
    n.cranial_deg = cranial_deg;
    n.path.retract(depth);
    n.path.set_tip_direction(d, bevel_face(d, n.bevel_deg));
    const std::vector<TissueStretch> line = query_->segment(n.skin_entry, n.skin_entry + depth * d);
    double go = depth;
    for (const TissueStretch& st : line)
        if (mechanics(tissue_of(st.object)).hard_stop) {
            go = std::max(0.0, st.entry_mm - kBoneStandoffMm);
            break;
        }
    n.path.extend(go, 0.0);
    n.on_bone = go < depth;
    int at_tip = -1;  // the stretch holding the new tip (air if none)
    for (const TissueStretch& st : line)
        if (st.entry_mm < go && st.exit_mm >= go - kEps) at_tip = st.object;
    update_tip_tissue(at_tip);
    if (n.on_bone) {
        ++n.bone_contacts;
        out.push_back(make_event(EventKind::bone_contact, "The tip stops on bone."));
    }
    const double withdrawn = n.deepest_mm - n.depth_mm();
    const double angle = glm::degrees(std::acos(std::clamp(glm::dot(n.advance_aim, d), -1.0, 1.0)));
    if (withdrawn > kRedirectWithdrawMm && angle > kRedirectAngleDeg) {
        ++n.redirections;
        n.deepest_mm = n.depth_mm();
        Event e = make_event(EventKind::redirection, "Redirection " + std::to_string(n.redirections) + ": withdrawn " +
                                                         mm(withdrawn) + " mm and re-aimed by " + mm(angle) + " degrees.");
        e.amount = angle;
        out.push_back(std::move(e));
    }
}

void Session::rotate_bevel(double deg) {
    NeedleState& n = state_.needle;
    n.bevel_deg = std::fmod(n.bevel_deg + deg, 360.0);
    if (n.bevel_deg < 0.0) n.bevel_deg += 360.0;
    n.path.rotate_bevel(deg);
}

void Session::enter_structure(int object, const glm::dvec3& at, double s, Out& out) {
    NeedleState& n = state_.needle;
    InjectionState& inj = state_.injection;
    const TissueClass from = n.in_tissue ? n.tip_tissue : TissueClass::air;
    const TissueClass to = tissue_of(object);
    const std::string& name = query_->name(object);
    auto emit = [&](EventKind kind, std::string message) {
        Event e = make_event(kind, std::move(message));
        e.position = at;
        e.structure = name;
        e.tissue = to;
        out.push_back(std::move(e));
    };
    update_tip_tissue(object);
    if (!n.in_tissue) {
        const bool same_hole = n.skin_punctures > 0 && glm::length(at - n.skin_entry) <= kSameHoleMm;
        n.in_tissue = true;
        n.puncture_s = s;
        n.skin_entry = at;
        n.deepest_mm = 0.0;
        if (same_hole) return emit(EventKind::tissue_entered, "The needle re-enters through the same skin puncture.");
        ++n.skin_punctures;
        return emit(EventKind::skin_pop, "Skin pop: the needle is through the skin (" + name + ").");
    }
    // Where the flavum lies directly on the dura (no fat between), the loss comes as the tip
    // leaves the flavum.
    const bool epidural = to == TissueClass::epidural_fat ||
                          ((to == TissueClass::dura || to == TissueClass::csf) && from == TissueClass::ligamentum_flavum);
    if (epidural && inj.lor_attached && inj.lor_pressed && !inj.lor_felt) {
        inj.lor_felt = true;
        emit(EventKind::loss_of_resistance,
             "Loss of resistance: the plunger suddenly gives way; the tip has entered the epidural space.");
        if (to == TissueClass::epidural_fat) return;
    }
    const EntryReport r = entry_report(to, from, name, structures_.empty() ? nullptr : &structures_[std::size_t(object)]);
    emit(r.kind, r.message);
}

void Session::advance_needle(double distance, double target_depth, Out& out) {
    NeedleState& n = state_.needle;
    if (!n.placed) return refuse("needle.advance refused: set the skin entry point first.", out);
    const double scale = options_.bevel_deflection ? curvature_scale(n.spec) : 0.0;
    std::vector<TissueStretch> line;
    double moved = 0.0;
    int stalls = 0;  // structure changes in a row without moving (coinciding surfaces)
    // Every pass moves a sub-step or enters a structure; a path crossing a few hundred
    // structures is far beyond any anatomy, so this only guards against a broken scene.
    for (int pass = 0; distance - moved > kEps && pass < 100000; ++pass) {
        if (target_depth >= 0.0 && n.in_tissue && n.depth_mm() >= target_depth - kEps) break;
        if (n.in_tissue && n.depth_mm() >= n.spec.length_mm - kEps) {
            out.push_back(make_event(EventKind::hub_at_skin, "The needle is in up to its hub and cannot go deeper."));
            break;
        }
        double ds = std::min(distance - moved, kSubstepMm);
        if (n.in_tissue) ds = std::min(ds, n.spec.length_mm - n.depth_mm());
        if (target_depth >= 0.0 && n.in_tissue) ds = std::min(ds, target_depth - n.depth_mm());
        const double kappa = scale * mechanics(n.in_tissue ? n.tip_tissue : TissueClass::air).curvature_per_mm;
        const TipFrame a = n.path.tip();
        const TipFrame b = arc_step(a, ds, kappa);
        const double chord = glm::length(b.position - a.position);
        query_->segment(a.position, b.position, line);

        // The first change of structure along this step: entering another object, or leaving
        // into room air (a gap between stretches or after the last one).
        int cursor = n.in_tissue ? n.tip_object : -1;
        int next_object = cursor;
        double at = chord;
        double end = 0.0;
        for (const TissueStretch& st : line) {
            if (st.exit_mm - st.entry_mm < kSliverMm) continue;
            if (cursor >= 0 && st.entry_mm > end + kSliverMm) {
                next_object = -1;
                at = end;
                break;
            }
            if (st.object != cursor) {
                next_object = st.object;
                at = st.entry_mm;
                break;
            }
            end = st.exit_mm;
        }
        if (next_object == cursor && cursor >= 0 && end < chord - kSliverMm) {
            next_object = -1;
            at = end;
        }
        if (at < kSliverMm) at = 0.0;
        const bool hard = next_object >= 0 && mechanics(tissue_of(next_object)).hard_stop;
        // Surfaces that coincide within rounding can report several changes at one point;
        // after a few, the step goes ahead in the structure the query named last.
        if (next_object == cursor || chord <= 0.0 || (!hard && at <= 0.0 && ++stalls > 4)) {  // the whole step
            stalls = 0;
            n.path.push(b);
            moved += ds;
            continue;
        }
        const double f = chord > 0.0 ? std::clamp(at / chord, 0.0, 1.0) : 0.0;
        if (hard) {
            const glm::dvec3 surface = a.position + f * (b.position - a.position);
            if (n.on_bone && at <= kBoneStandoffMm + kSliverMm) {
                out.push_back(make_event(EventKind::advance_blocked,
                                         "The tip is on bone and will not advance: withdraw and redirect."));
                break;
            }
            // Stop the standoff short of the surface (backing off if the tip is closer).
            const double stop = at - kBoneStandoffMm;
            if (stop > 0.0) n.path.push(along_step(a, b, stop / chord, ds, kappa));
            else n.path.retract(-stop);
            moved += stop;
            n.on_bone = true;
            ++n.bone_contacts;
            Event e = make_event(EventKind::bone_contact,
                                 "The tip stops on bone (" + query_->name(next_object) + "); it will go no deeper here.");
            e.position = surface;
            e.structure = query_->name(next_object);
            e.tissue = TissueClass::bone;
            out.push_back(std::move(e));
            break;
        }
        if (f > 0.0) {
            n.path.push(along_step(a, b, f, ds, kappa));
            stalls = 0;
        }
        moved += f * ds;
        n.on_bone = false;
        if (next_object < 0) update_tip_tissue(-1);
        else enter_structure(next_object, n.tip(), n.path.length(), out);
    }
    if (moved > 0.0) {
        n.deepest_mm = std::max(n.deepest_mm, n.depth_mm());
        n.advance_aim = aim_direction(n.medial_deg, n.cranial_deg);
    }
}

void Session::withdraw_needle(double distance, Out& out) {
    NeedleState& n = state_.needle;
    if (!n.placed) return refuse("needle.withdraw refused: set the skin entry point first.", out);
    const double moved = n.path.retract(distance);
    if (moved <= 0.0) return refuse("needle.withdraw refused: the needle is already fully withdrawn.", out);
    n.on_bone = false;
    if (n.in_tissue && n.path.length() <= n.puncture_s + kEps) {
        n.in_tissue = false;
        n.deepest_mm = 0.0;
        update_tip_tissue(-1);
        out.push_back(make_event(EventKind::needle_out_of_skin, "The needle is out of the skin."));
        return;
    }
    update_tip_tissue(n.in_tissue ? query_->innermost_at(n.tip()) : -1);
}

std::vector<glm::dvec3> Session::shaft_polyline() const {
    const NeedleState& n = state_.needle;
    if (!n.placed) return {};
    const double length = n.spec.length_mm;
    if (!n.in_tissue) return {n.tip() - length * n.tip_direction(), n.tip()};
    const TipFrame entry = n.path.at(n.puncture_s);
    const double outside = std::max(0.0, length - n.depth_mm());
    std::vector<glm::dvec3> poly{n.skin_entry - outside * entry.direction, n.skin_entry};
    for (const TipFrame& f : n.path.nodes())
        if (f.s > n.puncture_s + kEps) poly.push_back(f.position);
    return poly;
}

double Session::tip_deflection_mm() const {
    const NeedleState& n = state_.needle;
    if (!n.in_tissue) return 0.0;
    const glm::dvec3 d = n.path.at(n.puncture_s).direction;
    const glm::dvec3 v = n.tip() - n.skin_entry;
    return glm::length(v - glm::dot(v, d) * d);
}

double Session::resistance() const {
    const NeedleState& n = state_.needle;
    if (!n.placed || !n.in_tissue) return 0.0;
    return n.on_bone ? 1.0 : mechanics(n.tip_tissue).resistance;
}

Plunger Session::plunger() const {
    const InjectionState& i = state_.injection;
    if (!i.lor_attached) return Plunger::no_syringe;
    if (!i.lor_pressed) return Plunger::released;
    return resistance() >= kPlungerResistanceThreshold ? Plunger::resisting : Plunger::giving_way;
}

}  // namespace fluorosim
