#include "core/scoring/score.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

#include "core/contrast/contrast.hpp"
#include "core/needle/tissue_mechanics.hpp"
#include "core/util/error.hpp"
#include "core/util/text_format.hpp"

namespace fluorosim {
namespace {

// A live run of pulses is one "shot" while pulses follow each other within 1.5 pulse intervals.
constexpr double kSameRunIntervals = 1.5;
// A contrast injection counts as watched live when a fluoroscopy pulse falls within 2 s after
// it [P: the 1-2 s an arterial flash lasts, clinical.md 1.2].
constexpr double kLiveWindowS = 2.0;
// Wrong level/side: the tip lies within the zone radius + 2 mm of the same landmark one level
// up/down or on the other side, and nearer to it than to the target [P].
constexpr double kWrongLevelSlackMm = 2.0;
// Accuracy credit outside the zone: at most half, falling to 0 over the rubric's partial_mm.
constexpr double kPartialCreditMax = 0.5;
// Efficiency: bone contacts an expert needs (the first contact gives the depth) [P].
constexpr int kExpertBoneContacts = 2;
// Requirements missed and pattern mismatches take this share of the accuracy points [P].
constexpr double kRequirementShare = 0.25;
// Venous uptake of contrast (seen, not injected into): a technique lesson, 5 points [P].
constexpr double kVenousUptakePoints = 5.0;

std::string mm(double v) { return format_number("%.1f", v) + " mm"; }
std::string sec(double v) { return format_number("%.1f", v) + " s"; }
std::string pts(double v) { return format_number("%.1f", v); }

const std::map<std::string, TissueClass>& tissue_names() {
    using T = TissueClass;
    static const std::map<std::string, TissueClass> m = {
        {"skin", T::skin}, {"fat", T::fat}, {"soft_tissue", T::soft_tissue}, {"muscle", T::muscle},
        {"ligament", T::ligament}, {"ligamentum_flavum", T::ligamentum_flavum}, {"joint_capsule", T::joint_capsule},
        {"bone", T::bone}, {"disc_annulus", T::disc_annulus}, {"disc_nucleus", T::disc_nucleus}, {"dura", T::dura},
        {"csf", T::csf}, {"neural", T::neural}, {"nerve_root", T::nerve_root}, {"epidural_fat", T::epidural_fat},
        {"artery", T::artery}, {"vein", T::vein}, {"organ", T::organ}, {"gas", T::gas}};
    return m;
}

const Landmark& landmark_in(const Patient& p, const std::string& name) {
    const auto it = p.landmarks.find(name);
    if (it == p.landmarks.end())
        throw InputError("landmark '" + name + "' does not exist in this patient (a transitional vertebra changes the "
                         "level names); choose a landmark this patient has");
    return it->second;
}

glm::dvec3 centre_of(const Landmark& l) {
    glm::dvec3 c(0.0);
    for (const glm::vec3& q : l.points) c += glm::dvec3(q);
    return l.points.empty() ? c : c / double(l.points.size());
}

// "L4" <-> neighbours, "L4-L5" <-> "L3-L4"/"L5-S1", left <-> right: the landmarks a trainee
// at the wrong level or side would have reached.
std::vector<std::pair<std::string, std::string>> wrong_alternatives(const std::string& name) {
    static const std::vector<std::string> order = {"T12", "L1", "L2", "L3", "L4", "L5", "S1"};
    std::vector<std::pair<std::string, std::string>> out;
    const auto dot = name.find('.');
    const std::string head = name.substr(0, dot), rest = dot == std::string::npos ? "" : name.substr(dot);
    auto index = [&](const std::string& v) {
        return int(std::find(order.begin(), order.end(), v) - order.begin());
    };
    const auto dash = head.find('-');
    for (int step : {-1, 1}) {
        std::string alt;
        if (dash == std::string::npos) {
            const int i = index(head);
            if (i < int(order.size()) && i + step >= 0 && i + step < int(order.size())) alt = order[std::size_t(i + step)];
        } else {
            const int a = index(head.substr(0, dash)), b = index(head.substr(dash + 1));
            if (a < int(order.size()) && b < int(order.size()) && a + step >= 0 && b + step < int(order.size()) &&
                b + step >= 0)
                alt = order[std::size_t(a + step)] + "-" + order[std::size_t(b + step)];
        }
        if (!alt.empty()) out.push_back({alt + rest, "wrong level"});
    }
    for (const auto& [from, to] : {std::pair<std::string, std::string>{".left.", ".right."}, {".right.", ".left."}}) {
        const std::string dotted = "." + name + ".";
        if (const auto at = dotted.find(from); at != std::string::npos) {
            std::string alt = dotted;
            alt.replace(at, from.size(), to);
            out.push_back({alt.substr(1, alt.size() - 2), "wrong side"});
        }
    }
    return out;
}

// Shots: single shots, plus one per run of live pulses.
void count_images(const std::vector<Event>& events, ScoreMetrics& m) {
    double last_live = -1e9, last_rate = 15.0;
    for (const Event& e : events) {
        if (e.kind != EventKind::image_requested || !e.image) continue;
        ++m.images;
        if (e.image->single_shot) {
            ++m.shots;
            continue;
        }
        if (e.time - last_live > kSameRunIntervals / std::max(0.1, last_rate)) ++m.shots;
        last_live = e.time;
        last_rate = e.image->exposure.pulse_rate;
    }
}

// The vertebra whose superior endplate the trajectory view squares: the target landmark's
// vertebra, or for a segment the lower one (the upper one's inferior endplate when the lower is
// the sacrum).
const Landmark* endplate_for(const Scenario& s, const Patient& p, std::string* name) {
    for (const Zone& z : s.targets) {
        if (z.landmark.empty()) continue;
        const std::string head = z.landmark.substr(0, z.landmark.find('.'));
        std::vector<std::string> tries;
        if (const auto dash = head.find('-'); dash != std::string::npos) {
            tries.push_back(head.substr(dash + 1) + ".superior_endplate");
            tries.push_back(head.substr(0, dash) + ".inferior_endplate");
        } else {
            tries.push_back(head + ".superior_endplate");
        }
        // The S1 endplate is the L5-S1 disc's lower face: squaring L5's inferior endplate
        // squares it too.
        if (head == "S1") tries.push_back("L5.inferior_endplate");
        if (!s.level.empty() && s.level.find('-') == std::string::npos) tries.push_back(s.level + ".superior_endplate");
        for (const std::string& t : tries)
            if (const auto it = p.landmarks.find(t); it != p.landmarks.end()) {
                *name = t;
                return &it->second;
            }
    }
    return nullptr;
}

}  // namespace

std::string endplate_landmark(const Scenario& s, const Patient& p) {
    std::string name;
    return endplate_for(s, p, &name) ? name : std::string();
}

double squaring_secondary_deg(const glm::dvec3& n, double primary_deg) {
    // beam = (sin a cos b, cos a cos b, sin b) in the plane: cos b (sin a nx + cos a ny) + sin b nz = 0.
    const double a = glm::radians(primary_deg);
    return glm::degrees(std::atan2(-(std::sin(a) * n.x + std::cos(a) * n.y), n.z));
}

glm::dvec3 zone_centre(const Zone& z, const Patient& p) {
    switch (z.shape) {
        case ZoneShape::landmark: return centre_of(landmark_in(p, z.landmark)) + z.offset_mm;
        case ZoneShape::sphere: return z.centre;
        case ZoneShape::box: return 0.5 * (z.box_min + z.box_max);
    }
    return z.centre;
}

double zone_distance(const Zone& z, const Patient& p, const glm::dvec3& q) {
    if (z.shape == ZoneShape::box) {
        const glm::dvec3 d = glm::max(glm::max(z.box_min - q, q - z.box_max), glm::dvec3(0.0));
        return glm::length(d);
    }
    if (z.shape == ZoneShape::landmark) {
        // A polyline (a nerve's course) is a tube of the zone's radius around it.
        const Landmark& l = landmark_in(p, z.landmark);
        if (l.kind == LandmarkKind::polyline && l.points.size() >= 2) {
            double best = std::numeric_limits<double>::max();
            for (std::size_t i = 0; i + 1 < l.points.size(); ++i) {
                const glm::dvec3 a(l.points[i]), b(l.points[i + 1]);
                const double len2 = glm::dot(b - a, b - a);
                const double t =
                    len2 > 0.0 ? std::clamp(glm::dot(q - a, b - a) / len2, 0.0, 1.0) : 0.0;
                best = std::min(best, glm::length(q - (a + t * (b - a))));
            }
            return best - z.radius_mm;
        }
    }
    return glm::length(q - zone_centre(z, p)) - z.radius_mm;
}

glm::dvec3 nerve_axis(const ParallelCriterion& c, const Patient& p) {
    if (c.landmark.empty()) return c.axis;
    const Landmark& l = landmark_in(p, c.landmark);
    const glm::dvec3 d =
        l.points.size() >= 2 ? glm::dvec3(l.points.back()) - glm::dvec3(l.points.front()) : c.axis;
    return glm::length(d) > 1e-9 ? glm::normalize(d) : c.axis;
}

ScoreReport report_for(const Scenario& sc) {
    ScoreReport r;
    r.scenario = sc.name;
    r.scenario_file = sc.file;
    r.procedure = sc.procedure;
    r.level = sc.level;
    r.side = sc.side;
    r.difficulty = sc.difficulty;
    r.pass_score = sc.rubric.pass_score;
    return r;
}

ScoreReport score_attempt(const Scenario& sc, const Patient& patient, const std::vector<Event>& events,
                          const SessionState& st) {
    ScoreReport r = report_for(sc);
    ScoreMetrics& m = r.metrics;
    const NeedleState& n = st.needle;
    const Rubric& q = sc.rubric;

    // ---- metrics
    count_images(events, m);
    m.fluoro_s = st.dose.fluoro_time_s;
    m.dap_gy_cm2 = st.dose.dap_gy_cm2;
    m.air_kerma_mgy = st.dose.air_kerma_irp_mGy;
    m.redirections = n.redirections;
    m.skin_punctures = n.skin_punctures;
    m.bone_contacts = n.bone_contacts;
    m.time_s = st.active_s();
    m.depth_mm = n.depth_mm();
    m.contrast_ml = st.injection.contrast_ml;
    m.tip_tissue = n.placed && n.in_tissue ? to_string(n.tip_tissue) : "air";
    if (n.placed && n.in_tissue && n.tip_object >= 0 && std::size_t(n.tip_object) < patient.scene.objects.size())
        m.tip_structure = patient.scene.objects[std::size_t(n.tip_object)].name;
    const std::vector<ContrastDeposit> deposits = contrast_deposits(patient, events);
    for (const ContrastDeposit& d : deposits) m.contrast_patterns.push_back(to_string(d.pattern));

    // ---- 1. safety gates
    auto gate = [&](const std::string& code, const std::string& sentence) {
        if (std::find(r.critical_codes.begin(), r.critical_codes.end(), code) != r.critical_codes.end()) return;
        r.critical_codes.push_back(code);
        r.fail_reasons.push_back(sentence);
    };
    double first_skin = -1.0;
    for (const Event& e : events) {
        if (e.kind == EventKind::skin_pop && first_skin < 0.0) first_skin = e.time;
        switch (e.kind) {
            case EventKind::csf:
                gate("dural_puncture", "Critical: dural puncture at " + sec(e.time) +
                                           " - CSF came back at the hub; the tip went through the dura into the thecal sac.");
                break;
            case EventKind::intrathecal_injection:
                gate("intrathecal_injection", "Critical: intrathecal injection at " + sec(e.time) + " - " +
                                                  format_number("%.2g", e.amount) + " mL of " + e.substance +
                                                  " went into the CSF (a myelogram).");
                break;
            case EventKind::intravascular_injection:
                if (e.tissue == TissueClass::artery)
                    gate("intra_arterial_injection", "Critical: intra-arterial injection at " + sec(e.time) + " - " +
                                                         format_number("%.2g", e.amount) + " mL of " + e.substance + " into " +
                                                         e.structure + "; this can infarct the spinal cord.");
                else if (e.substance != "contrast")
                    gate("intravascular_injection", "Critical: intravascular injection at " + sec(e.time) + " - " +
                                                        format_number("%.2g", e.amount) + " mL of " + e.substance +
                                                        " went into a vein (" + e.structure + ").");
                else {
                    r.deductions.push_back({"safety", kVenousUptakePoints,
                                            "Contrast showed venous uptake at " + sec(e.time) +
                                                ": reposition before injecting anything else (-" +
                                                pts(kVenousUptakePoints) + " points)."});
                }
                break;
            case EventKind::paraesthesia:
                gate(e.tissue == TissueClass::neural ? "cauda_equina_contact" : "nerve_root_contact",
                     "Critical: " + std::string(e.tissue == TissueClass::neural ? "cauda equina" : "nerve root") +
                         " contact at " + sec(e.time) + " - " + e.message);
                break;
            case EventKind::intradiscal:
                gate("intradiscal", "Critical: intradiscal needle at " + sec(e.time) + " - the tip entered " + e.structure +
                                        " (too ventral).");
                break;
            case EventKind::too_deep:
                gate("too_deep", "Critical: too deep at " + sec(e.time) + " - the tip passed beyond the spine into " +
                                     e.structure + ".");
                break;
            default: break;
        }
    }
    if (q.max_depth_mm > 0.0 && m.depth_mm > q.max_depth_mm)
        gate("too_deep", "Critical: too deep - the tip is " + mm(m.depth_mm) + " past the skin, beyond this case's " +
                             mm(q.max_depth_mm) + ".");
    // Scenario hazards: every place the tip was (events in tissue) and the final shaft.
    std::vector<glm::dvec3> visited;
    for (const Event& e : events)
        if (e.tissue != TissueClass::air && e.time >= first_skin && first_skin >= 0.0) visited.push_back(e.position);
    if (n.placed && n.in_tissue)
        for (const TipFrame& f : n.path.nodes())
            if (f.s >= n.puncture_s) visited.push_back(f.position);
    for (const Zone& h : sc.hazards) {
        for (const glm::dvec3& v : visited)
            if (zone_distance(h, patient, v) <= 0.0) {
                gate("hazard:" + h.label, "Critical: the needle entered a no-go zone (" + h.label + ")" +
                                              (h.message.empty() ? "." : ": " + h.message));
                break;
            }
    }
    const bool critical = !r.critical_codes.empty();

    // ---- 2. accuracy
    double accuracy = q.accuracy_weight;
    bool accuracy_fail = false;
    if (!n.placed || !n.in_tissue) {
        accuracy = 0.0;
        accuracy_fail = true;
        m.distance_mm = -1.0;
        r.deductions.push_back({"accuracy", q.accuracy_weight,
                                "The needle is not in the patient at the end: no placement to judge (-" +
                                    pts(q.accuracy_weight) + " points)."});
    } else if (!sc.targets.empty()) {
        const glm::dvec3 tip = n.tip();
        const Zone* best = nullptr;
        double best_out = std::numeric_limits<double>::max();
        for (const Zone& z : sc.targets) {
            const double out = zone_distance(z, patient, tip);
            if (out < best_out) {
                best_out = out;
                best = &z;
            }
        }
        m.target = best->label;
        m.distance_mm = best->shape == ZoneShape::box ? best_out : best_out + best->radius_mm;
        const bool tissue_ok =
            best->tissue.empty() || tissue_names().at(best->tissue) == n.tip_tissue;
        m.in_zone = best_out <= 0.0 && tissue_ok;
        // Wrong level or side?
        std::string wrong;
        if (!m.in_zone && best->shape == ZoneShape::landmark) {
            for (const auto& [alt, why] : wrong_alternatives(best->landmark)) {
                const auto it = patient.landmarks.find(alt);
                if (it == patient.landmarks.end()) continue;
                const double d = glm::length(tip - centre_of(it->second));
                if (d <= best->radius_mm + kWrongLevelSlackMm && d < m.distance_mm) {
                    wrong = why;
                    accuracy = 0.0;
                    accuracy_fail = true;
                    r.fail_reasons.push_back(std::string(why == "wrong level" ? "Wrong level" : "Wrong side") +
                                             ": the tip is " + mm(d) + " from " + alt + " instead of " + best->landmark +
                                             " (" + mm(m.distance_mm) + " away).");
                    r.deductions.push_back({"accuracy", q.accuracy_weight,
                                            "The needle is at the " + why + " (" + alt + "): no accuracy points (-" +
                                                pts(q.accuracy_weight) + " points)."});
                    break;
                }
            }
        }
        if (wrong.empty()) {
            if (m.in_zone) {
                r.notes.push_back("The tip is in the target zone (" + best->label + "), " + mm(m.distance_mm) +
                                  " from its centre.");
            } else {
                accuracy_fail = true;
                double credit = 0.0;
                std::string why;
                if (best_out > 0.0) {
                    credit = kPartialCreditMax * std::max(0.0, 1.0 - best_out / q.partial_mm);
                    why = "The tip ended " + mm(m.distance_mm) + " from the target (" + best->label + "), outside its " +
                          (best->shape == ZoneShape::box ? std::string("box") : mm(best->radius_mm) + " zone") + ".";
                } else {
                    credit = kPartialCreditMax;
                    why = "The tip is at the target (" + best->label + ") but in " + m.tip_tissue + ", not in " +
                          to_string(tissue_names().at(best->tissue)) + ".";
                }
                r.fail_reasons.push_back(why);
                const double lost = q.accuracy_weight * (1.0 - credit);
                accuracy -= lost;
                r.deductions.push_back({"accuracy", lost, why + " (-" + pts(lost) + " points)"});
            }
        }
        auto requirement = [&](bool ok, const std::string& sentence) {
            if (ok) return;
            const double lost = std::min(accuracy, q.accuracy_weight * kRequirementShare);
            accuracy -= lost;
            accuracy_fail = true;
            r.fail_reasons.push_back(sentence);
            r.deductions.push_back({"accuracy", lost, sentence + " (-" + pts(lost) + " points)"});
        };
        if (q.require_bone_contact)
            requirement(n.on_bone, "The tip is not resting on bone: this block needs the needle on the bone at the target.");
        if (q.require_loss_of_resistance) {
            bool lor = false;
            for (const Event& e : events) lor |= e.kind == EventKind::loss_of_resistance;
            requirement(lor, "No loss of resistance was felt: advance with the LOR syringe under pressure to find the "
                             "epidural space.");
        }
        if (q.require_contrast)
            requirement(!deposits.empty(), "No contrast was injected: this injection needs a contrast check of the spread.");
        if (!q.expected_pattern.empty() && !deposits.empty()) {
            const ContrastDeposit& last = deposits.back();
            if (q.expected_pattern != to_string(last.pattern)) {
                const std::string s = "The last contrast made " + describe(last.pattern) + ", not the " +
                                      q.expected_pattern + " this injection needs.";
                if (q.require_contrast) requirement(false, s);
                else {
                    const double lost = std::min(accuracy, q.accuracy_weight * kRequirementShare);
                    accuracy -= lost;
                    r.deductions.push_back({"accuracy", lost, s + " (-" + pts(lost) + " points)"});
                }
            } else {
                r.notes.push_back("The contrast made " + describe(last.pattern) + ", as it should.");
            }
        }
        if (q.parallel.enabled) {
            const double c = std::abs(
                glm::dot(glm::normalize(n.tip_direction()), nerve_axis(q.parallel, patient)));
            const double angle = glm::degrees(std::acos(std::clamp(c, 0.0, 1.0)));
            requirement(angle <= q.parallel.max_angle_deg,
                        "The cannula lies at " + format_number("%.0f", angle) + " degrees to the nerve; a radiofrequency lesion needs "
                        "it within " + format_number("%.0f", q.parallel.max_angle_deg) + " degrees (parallel to the nerve).");
        }
    }
    accuracy = std::max(0.0, accuracy);

    // ---- 3. efficiency
    double efficiency = q.efficiency_weight;
    {
        const double share = q.efficiency_weight / 7.0;
        struct Measure {
            const char* what;
            double actual, expert;
            const char* unit;  // printf format of the values
        };
        const Measure measures[] = {
            {"Fluoroscopy shots", double(m.shots), double(sc.expert.shots), "%.0f"},
            {"Fluoroscopy time", m.fluoro_s, sc.expert.fluoro_s, "%.1f s"},
            {"Dose-area product", m.dap_gy_cm2, sc.expert.dap_gy_cm2, "%.2f Gy.cm2"},
            {"Redirections", double(m.redirections), double(sc.expert.redirections), "%.0f"},
            {"Skin punctures", double(m.skin_punctures), 1.0, "%.0f"},
            {"Bone contacts", double(m.bone_contacts), double(kExpertBoneContacts), "%.0f"},
            {"Procedure time", m.time_s, sc.expert.time_s, "%.0f s"},
        };
        for (const Measure& x : measures) {
            const double over = (x.actual - x.expert) / std::max(1.0, x.expert);
            if (over <= 0.0) continue;
            const double lost = share * std::min(1.0, over);
            efficiency -= lost;
            r.deductions.push_back({"efficiency", lost, std::string(x.what) + " " + format_number(x.unit, x.actual) +
                                                            " against the expert's " + format_number(x.unit, x.expert) + " (-" +
                                                            pts(lost) + " points)."});
        }
        auto limit = [&](double actual, double cap, const char* what, const char* unit) {
            if (cap > 0.0 && actual > cap)
                r.fail_reasons.push_back(std::string(what) + " " + format_number(unit, actual) + " is over this scenario's limit of " +
                                         format_number(unit, cap) + ".");
        };
        limit(double(m.shots), double(sc.limits.shots), "Fluoroscopy shots", "%.0f");
        limit(m.fluoro_s, sc.limits.fluoro_s, "Fluoroscopy time", "%.1f s");
        limit(m.dap_gy_cm2, sc.limits.dap_gy_cm2, "Dose-area product", "%.2f Gy.cm2");
        limit(m.time_s, sc.limits.time_s, "Procedure time", "%.0f s");
    }
    efficiency = std::max(0.0, efficiency);

    // ---- 4. technique
    struct Item {
        bool ok;
        std::string missing;
        std::string done;
    };
    std::vector<Item> items;
    const double t_skin = first_skin >= 0.0 ? first_skin : std::numeric_limits<double>::max();
    std::vector<const Event*> images;
    for (const Event& e : events)
        if (e.kind == EventKind::image_requested && e.image) images.push_back(&e);
    std::string endplate_name;
    if (const Landmark* ep = endplate_for(sc, patient, &endplate_name)) {
        bool squared = false;
        double closest = 1e9, wanted = 0.0;
        for (const Event* e : images) {
            if (e->time > t_skin) break;
            const double want = squaring_secondary_deg(glm::dvec3(ep->normal), e->image->pose.primary_deg);
            const double off = std::abs(e->image->pose.secondary_deg - want);
            if (off < closest) {
                closest = off;
                wanted = want;
            }
            squared |= off <= q.endplate_tolerance_deg;
        }
        const std::string tilt = (wanted >= 0 ? "CRAN " : "CAUD ") + format_number("%.0f", std::abs(wanted)) + " degrees";
        items.push_back({squared,
                         closest > 1e8 ? "No image before the skin puncture: square the " + endplate_name.substr(0, endplate_name.find('.')) +
                                             " endplate (about " + tilt + ") before entering."
                                       : "The endplate was not squared before the skin puncture: the closest tilt was " +
                                             format_number("%.1f", closest) + " degrees off the " + tilt + " that squares " +
                                             endplate_name + " (tolerance " + format_number("%.0f", q.endplate_tolerance_deg) + ").",
                         "Endplate squared before the skin puncture."});
    }
    if (sc.procedure != "interlaminar_epidural" && sc.procedure != "phantom") {
        // The AP is the trajectory view for an interlaminar epidural; every other approach is
        // planned in an oblique or down the beam.
        bool seen = false;
        const glm::dvec3 dir = n.placed ? glm::normalize(n.tip_direction()) : glm::dvec3(0, -1, 0);
        for (const Event* e : images) {
            const double a = std::abs(e->image->pose.primary_deg);
            const bool oblique = a >= q.oblique_min_deg && a < q.depth_view_min_deg;
            const glm::dvec3 beam = carm_geometry(e->image->pose).beam;
            const bool coaxial = e->tissue != TissueClass::air &&
                                 glm::degrees(std::acos(std::min(1.0, std::abs(glm::dot(beam, dir))))) <= q.coaxial_tolerance_deg;
            seen |= oblique || coaxial;
        }
        items.push_back({seen, "No oblique or down-the-beam (coaxial) view was used to plan the trajectory.",
                         "Trajectory planned in an oblique or coaxial view."});
    }
    if (n.placed && n.in_tissue) {
        bool depth = false;
        const glm::dvec3 dir = glm::normalize(n.tip_direction());
        for (const Event* e : images) {
            if (e->tissue == TissueClass::air || e->time < t_skin) continue;
            const bool view = std::abs(e->image->pose.primary_deg) >= q.depth_view_min_deg;
            depth |= view && glm::dot(n.tip() - e->position, dir) >= q.depth_margin_mm;
        }
        items.push_back({depth,
                         "No depth view (lateral or contralateral oblique) was taken while the tip was still " +
                             mm(q.depth_margin_mm) + " or more short of its final depth.",
                         "Depth checked in a lateral or contralateral-oblique view before the final advance."});
    }
    double first_injection = -1.0, first_contrast = -1.0, first_injectate = -1.0, first_aspiration = -1.0;
    for (const Event& e : events) {
        if (e.kind == EventKind::injection) {
            if (first_injection < 0.0) first_injection = e.time;
            if (e.substance == "contrast" && first_contrast < 0.0) first_contrast = e.time;
            if (e.substance != "contrast" && first_injectate < 0.0) first_injectate = e.time;
        }
        if ((e.kind == EventKind::aspiration_negative || e.kind == EventKind::csf || e.kind == EventKind::blood_arterial ||
             e.kind == EventKind::blood_venous) &&
            first_aspiration < 0.0 && e.message.rfind("Aspiration", 0) == 0)
            first_aspiration = e.time;
    }
    if (first_injection >= 0.0)
        items.push_back({first_aspiration >= 0.0 && first_aspiration <= first_injection,
                         "No aspiration before the first injection (at " + sec(first_injection) + ").",
                         "Aspirated before injecting."});
    if (first_injectate >= 0.0 && q.require_contrast_before_injectate)
        items.push_back({first_contrast >= 0.0 && first_contrast <= first_injectate,
                         "Injectate went in at " + sec(first_injectate) + " without a contrast check first.",
                         "Contrast checked before the injectate."});
    if (q.require_live_contrast && !deposits.empty()) {
        bool live = true;
        for (const ContrastDeposit& d : deposits) {
            bool seen = false;
            for (const Event* e : images)
                seen |= !e->image->single_shot && e->time >= d.time - 1e-9 && e->time <= d.time + kLiveWindowS;
            live &= seen;
        }
        items.push_back({live, "Contrast went in without live fluoroscopy: a transforaminal injection needs live images "
                               "to catch an arterial flash within 1-2 s.",
                         "Contrast injected under live fluoroscopy."});
    }
    double technique = q.technique_weight;
    if (!items.empty()) {
        const double share = q.technique_weight / double(items.size());
        for (const Item& it : items) {
            if (it.ok) {
                r.notes.push_back(it.done);
                continue;
            }
            technique -= share;
            r.deductions.push_back({"technique", share, it.missing + " (-" + pts(share) + " points)"});
        }
    }
    technique = std::max(0.0, technique);

    // ---- total
    double safety_lost = 0.0;
    for (const Deduction& d : r.deductions)
        if (d.section == "safety") safety_lost += d.points;
    r.sections = {{"accuracy", accuracy, q.accuracy_weight},
                  {"efficiency", efficiency, q.efficiency_weight},
                  {"technique", technique, q.technique_weight}};
    r.score = std::clamp(accuracy + efficiency + technique - safety_lost, 0.0, 100.0);
    if (critical) {
        r.deductions.insert(r.deductions.begin(),
                            {"safety", r.score, "A critical safety error fails the attempt: the score is 0 (-" + pts(r.score) + " points)."});
        r.score = 0.0;
    }
    r.score = std::round(r.score * 10.0) / 10.0;
    if (!critical && r.score < q.pass_score)
        r.fail_reasons.push_back("The score " + format_number("%.1f", r.score) + " is below this scenario's pass mark of " +
                                 format_number("%.0f", q.pass_score) + ".");
    r.passed = !critical && !accuracy_fail && r.fail_reasons.empty();
    return r;
}

}  // namespace fluorosim
