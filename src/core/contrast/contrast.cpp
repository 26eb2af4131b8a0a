#include "core/contrast/contrast.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/geometry/primitives.hpp"

namespace fluorosim {
namespace {

constexpr double kPi = 3.14159265358979323846;
// Time constants and sizes; the header lists them with their reasons.
constexpr double kEpiduralMlPerLevel = 1.5;
constexpr double kEpiduralTauS = 3.0;
constexpr double kMyelogramTauS = 0.5;
constexpr double kSubduralTauS = 10.0;
constexpr double kVenousWashoutS = 3.0;
constexpr double kArterialGoneS = 1.5;
constexpr double kVisibleMgPerMl = 2.0;     // below this an object is dropped (washed out)
constexpr double kFacetCapsuleMl = 1.5;
constexpr double kMuscleDilution = 3.0;
constexpr double kForamenNearMm = 8.0;
constexpr double kRootNearMm = 4.0;

const Landmark* landmark(const Patient& p, const std::string& name) {
    const auto it = p.landmarks.find(name);
    return it == p.landmarks.end() ? nullptr : &it->second;
}

glm::dvec3 centre_of(const Landmark& l) {
    glm::dvec3 c(0.0);
    for (const glm::vec3& q : l.points) c += glm::dvec3(q);
    return l.points.empty() ? c : c / double(l.points.size());
}

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string side_name(int side) { return side > 0 ? "left" : side < 0 ? "right" : "midline"; }

// Centroid and principal axis of a mesh's vertices (power iteration on the covariance).
struct Axis {
    glm::dvec3 centre{0.0};
    glm::dvec3 dir{0.0, 0.0, 1.0};
};
Axis principal_axis(const TriangleMesh& m) {
    Axis a;
    if (m.vertices.empty()) return a;
    for (const glm::vec3& v : m.vertices) a.centre += glm::dvec3(v);
    a.centre /= double(m.vertices.size());
    glm::dmat3 cov(0.0);
    for (const glm::vec3& v : m.vertices) {
        const glm::dvec3 d = glm::dvec3(v) - a.centre;
        cov += glm::outerProduct(d, d);
    }
    glm::dvec3 x(0.3, 0.2, 0.93);
    for (int i = 0; i < 50; ++i) {
        const glm::dvec3 y = cov * x;
        if (glm::length(y) < 1e-12) break;
        x = glm::normalize(y);
    }
    a.dir = x;
    return a;
}

double min_vertex_distance(const TriangleMesh& m, const glm::dvec3& p) {
    double best = std::numeric_limits<double>::max();
    for (const glm::vec3& v : m.vertices) best = std::min(best, glm::length(glm::dvec3(v) - p));
    return best;
}

// Keeps a mesh's normals outward (positive signed volume).
void orient_outward(TriangleMesh& m) {
    if (signed_volume(m) < 0.0)
        for (glm::uvec3& t : m.triangles) std::swap(t.y, t.z);
}

// An ellipsoid with axes a1, a2, a3 (vectors, their lengths the semi-axes).
TriangleMesh ellipsoid_axes(const glm::dvec3& c, const glm::dvec3& a1, const glm::dvec3& a2, const glm::dvec3& a3) {
    TriangleMesh m = primitives::sphere(glm::vec3(0.0f), 1.0f, 24, 12);
    for (glm::vec3& v : m.vertices) v = glm::vec3(c + a1 * double(v.x) + a2 * double(v.y) + a3 * double(v.z));
    orient_outward(m);
    return m;
}

// Two unit vectors across direction d, the first as close to `hint` as possible.
void across(const glm::dvec3& d, const glm::dvec3& hint, glm::dvec3& u, glm::dvec3& v) {
    u = hint - glm::dot(hint, d) * d;
    if (glm::length(u) < 1e-6) u = glm::cross(d, std::abs(d.x) < 0.9 ? glm::dvec3(1, 0, 0) : glm::dvec3(0, 1, 0));
    u = glm::normalize(u);
    v = glm::normalize(glm::cross(d, u));
}

// A closed tube along a centreline: an elliptical ring per point (half widths: along the
// hint direction, and across it), capped at both ends with a vertex on the centreline.
TriangleMesh tube(const std::vector<glm::dvec3>& line, const std::vector<glm::dvec2>& half, const glm::dvec3& hint,
                  int sides = 16) {
    TriangleMesh m;
    const std::size_t n = line.size();
    if (n < 2) return m;
    for (std::size_t i = 0; i < n; ++i) {
        const glm::dvec3 d = glm::normalize(line[std::min(i + 1, n - 1)] - line[i == 0 ? 0 : i - 1]);
        glm::dvec3 u, v;
        across(d, hint, u, v);
        for (int k = 0; k < sides; ++k) {
            const double a = 2.0 * kPi * k / sides;
            m.vertices.push_back(glm::vec3(line[i] + half[i].x * std::cos(a) * u + half[i].y * std::sin(a) * v));
        }
    }
    const auto ring = [&](std::size_t i, int k) { return unsigned(i * std::size_t(sides) + std::size_t((k + sides) % sides)); };
    for (std::size_t i = 0; i + 1 < n; ++i)
        for (int k = 0; k < sides; ++k) {
            m.triangles.push_back({ring(i, k), ring(i + 1, k), ring(i + 1, k + 1)});
            m.triangles.push_back({ring(i, k), ring(i + 1, k + 1), ring(i, k + 1)});
        }
    const unsigned first = unsigned(m.vertices.size());
    m.vertices.push_back(glm::vec3(line.front()));
    const unsigned last = unsigned(m.vertices.size());
    m.vertices.push_back(glm::vec3(line.back()));
    for (int k = 0; k < sides; ++k) {
        m.triangles.push_back({first, ring(0, k), ring(0, k + 1)});
        m.triangles.push_back({last, ring(n - 1, k + 1), ring(n - 1, k)});
    }
    orient_outward(m);
    return m;
}

// Tapered half widths for a tube of n rings: full in the middle, 30 % at the ends.
std::vector<glm::dvec2> taper(std::size_t n, glm::dvec2 full) {
    std::vector<glm::dvec2> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double f = n > 1 ? double(i) / double(n - 1) : 0.5;
        out[i] = full * (0.3 + 0.7 * std::sin(kPi * f));
    }
    return out;
}

// A piecewise linear curve sorted by z, evaluated at any z (clamped at its ends).
struct ZCurve {
    std::vector<glm::dvec3> points;  // increasing z
    bool empty() const { return points.size() < 2; }
    glm::dvec3 at(double z) const {
        if (z <= points.front().z) return points.front() + glm::dvec3(0, 0, z - points.front().z);
        if (z >= points.back().z) return points.back() + glm::dvec3(0, 0, z - points.back().z);
        for (std::size_t i = 0; i + 1 < points.size(); ++i)
            if (z <= points[i + 1].z) {
                const double f = (z - points[i].z) / std::max(1e-9, points[i + 1].z - points[i].z);
                return glm::mix(points[i], points[i + 1], f);
            }
        return points.back();
    }
    double spacing() const { return empty() ? 30.0 : (points.back().z - points.front().z) / double(points.size() - 1); }
};

ZCurve curve_of(const Patient& p, const std::string& suffix, int side, glm::dvec3 shift) {
    ZCurve c;
    for (const auto& [name, l] : p.landmarks) {
        if (!ends_with(name, suffix)) continue;
        if (side != 0 && name.find(side > 0 ? ".left." : ".right.") == std::string::npos) continue;
        c.points.push_back(centre_of(l) + shift);
    }
    std::sort(c.points.begin(), c.points.end(), [](const glm::dvec3& a, const glm::dvec3& b) { return a.z < b.z; });
    return c;
}

// Centreline samples of a curve over [z0, z1], shifted so it passes `through` at its z.
std::vector<glm::dvec3> sample(const ZCurve& c, double z0, double z1, double step = 3.0) {
    std::vector<glm::dvec3> out;
    const int n = std::max(2, int(std::ceil((z1 - z0) / step)) + 1);
    for (int i = 0; i < n; ++i) out.push_back(c.at(z0 + (z1 - z0) * i / (n - 1)));
    return out;
}

double volume_ml(const TriangleMesh& m) { return std::max(1e-6, signed_volume(m) / 1000.0); }

ContrastObject make(std::string name, ContrastPattern pattern, TriangleMesh mesh, double iodine_mg) {
    ContrastObject o;
    o.name = std::move(name);
    o.pattern = pattern;
    o.concentration_mg_ml = std::min(kInjectedIodineMgPerMl, iodine_mg / volume_ml(mesh));
    o.mesh = std::move(mesh);
    return o;
}

const TriangleMesh* mesh_named(const Patient& p, const std::string& name) {
    const int i = p.find(name);
    return i < 0 ? nullptr : &p.scene.objects[std::size_t(i)].mesh;
}

const TriangleMesh* mesh_of_kind(const Patient& p, StructureKind kind) {
    for (std::size_t i = 0; i < p.structures.size(); ++i)
        if (p.structures[i].kind == kind) return &p.scene.objects[i].mesh;
    return nullptr;
}

// The nerve root nearest a point, or -1.
int nearest_root(const Patient& p, const glm::dvec3& tip, double* distance) {
    int best = -1;
    double d = std::numeric_limits<double>::max();
    for (std::size_t i = 0; i < p.structures.size(); ++i) {
        if (p.structures[i].kind != StructureKind::nerve_root) continue;
        const double di = min_vertex_distance(p.scene.objects[i].mesh, tip);
        if (di < d) {
            d = di;
            best = int(i);
        }
    }
    if (distance) *distance = d;
    return best;
}

// The thecal sac's cross-section around height z, from the CSF mesh's vertices.
struct SacSlice {
    bool ok = false;
    double x = 0, ymin = 0, ymax = 0, width = 0;
};
SacSlice sac_at(const TriangleMesh& csf, double z) {
    // The sac's midline part only: root sleeves reach out laterally and forward and would
    // pull the front of the sac forward.
    SacSlice s;
    double xs = 0.0;
    int n = 0;
    for (const glm::vec3& v : csf.vertices)
        if (std::abs(double(v.z) - z) <= 2.5) {
            xs += double(v.x);
            ++n;
        }
    if (n < 6) return s;
    s.x = xs / n;
    double xmin = 1e9, xmax = -1e9;
    s.ymin = 1e9;
    s.ymax = -1e9;
    int m = 0;
    for (const glm::vec3& v : csf.vertices) {
        if (std::abs(double(v.z) - z) > 2.5) continue;
        xmin = std::min(xmin, double(v.x));
        xmax = std::max(xmax, double(v.x));
        if (std::abs(double(v.x) - s.x) > 4.0) continue;
        s.ymin = std::min(s.ymin, double(v.y));
        s.ymax = std::max(s.ymax, double(v.y));
        ++m;
    }
    s.ok = m >= 2 && s.ymax > s.ymin;
    s.width = std::min(xmax - xmin, 2.0 * (s.ymax - s.ymin) + 6.0);
    return s;
}

double grow(double tau, double time_constant) { return 1.0 - std::exp(-tau / time_constant); }

// Epidural spread along a curve centred on the tip's height.
void epidural(const ContrastDeposit& d, double tau, double ml, const ZCurve& curve, ContrastPattern pattern,
              glm::dvec2 half, std::vector<ContrastObject>& out) {
    if (curve.empty()) return;
    const double levels = std::clamp(ml / kEpiduralMlPerLevel, 1.0, 3.0);
    const double h = 3.0 + (0.5 * levels * curve.spacing() - 3.0) * grow(tau, kEpiduralTauS);
    std::vector<glm::dvec3> line = sample(curve, d.position.z - h, d.position.z + h);
    // Pulled halfway toward the tip laterally: the spread starts where the needle is.
    const double dx = 0.5 * (d.position.x - curve.at(d.position.z).x);
    for (glm::dvec3& q : line) q.x += dx;
    const char* what = pattern == ContrastPattern::epidurogram_dorsal ? "dorsal" : "ventral";
    out.push_back(make(std::string(what) + " epidurogram " + d.level, pattern,
                       tube(line, taper(line.size(), half), {1, 0, 0}), ml * kInjectedIodineMgPerMl));
}

void vessel(const Patient& p, const ContrastDeposit& d, double tau, std::vector<ContrastObject>& out) {
    const bool arterial = d.pattern == ContrastPattern::arterial;
    const double fade = arterial ? 1.0 - tau / kArterialGoneS : std::exp(-tau / kVenousWashoutS);
    if (fade <= 0.0) return;
    glm::dvec3 axis(0, 0, 1);
    if (const TriangleMesh* m = mesh_named(p, d.structure)) axis = principal_axis(*m).dir;
    const double reach = 5.0 + 25.0 * grow(tau, 0.3);  // a vessel fills within a fraction of a second [P]
    std::vector<std::vector<glm::dvec3>> lines;
    const auto straight = [&](const glm::dvec3& from, const glm::dvec3& dir, double len) {
        std::vector<glm::dvec3> l;
        for (int i = 0; i <= 8; ++i) l.push_back(from + dir * (len * i / 8.0));
        return l;
    };
    lines.push_back(straight(d.position - reach * axis, axis, 2.0 * reach));
    if (arterial) {  // branching: two side branches off the tip [P: 35 deg, 15 mm]
        glm::dvec3 u, v;
        across(axis, {1, 0, 0}, u, v);
        for (double s : {-1.0, 1.0}) {
            const glm::dvec3 b = glm::normalize(std::cos(0.61) * axis + s * std::sin(0.61) * u);
            lines.push_back(straight(d.position + 2.0 * b, b, 15.0 * grow(tau, 0.3) + 2.0));
        }
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const double r = arterial ? (i == 0 ? 1.2 : 0.6) : 1.5;
        std::vector<glm::dvec2> half(lines[i].size(), glm::dvec2(r));
        TriangleMesh mesh = tube(lines[i], half, {1, 0, 0}, 12);
        ContrastObject o = make(std::string(arterial ? "arterial flash " : "venous uptake ") + d.structure +
                                    (i ? " branch " + std::to_string(i) : ""),
                                d.pattern, std::move(mesh), d.ml * kInjectedIodineMgPerMl / double(lines.size()));
        // The vessel carries the contrast away: concentration falls with the fade.
        o.concentration_mg_ml *= fade;
        if (o.concentration_mg_ml >= kVisibleMgPerMl) out.push_back(std::move(o));
    }
}

void blob(const ContrastDeposit& d, double tau, double ml, std::vector<ContrastObject>& out, const std::string& what) {
    const double vol_mm3 = (1.0 + kMuscleDilution) * ml * 1000.0 * std::min(1.0, 0.3 + tau);
    const double r = std::cbrt(vol_mm3 / (4.0 / 3.0 * kPi * 1.8));
    out.push_back(make(what, ContrastPattern::intramuscular,
                       ellipsoid_axes(d.position, {r, 0, 0}, {0, r, 0}, {0, 0, 1.8 * r}), ml * kInjectedIodineMgPerMl));
}

}  // namespace

const char* to_string(ContrastPattern p) {
    switch (p) {
        case ContrastPattern::facet_arthrogram: return "facet_arthrogram";
        case ContrastPattern::si_arthrogram: return "si_arthrogram";
        case ContrastPattern::epidurogram_dorsal: return "epidurogram_dorsal";
        case ContrastPattern::epidurogram_ventral: return "epidurogram_ventral";
        case ContrastPattern::neurogram: return "neurogram";
        case ContrastPattern::myelogram: return "myelogram";
        case ContrastPattern::subdural: return "subdural";
        case ContrastPattern::venous: return "venous";
        case ContrastPattern::arterial: return "arterial";
        case ContrastPattern::intramuscular: return "intramuscular";
        case ContrastPattern::nucleogram: return "nucleogram";
    }
    return "?";
}

std::string describe(ContrastPattern p) {
    switch (p) {
        case ContrastPattern::facet_arthrogram: return "a facet arthrogram (a thin line along the joint filling its recesses)";
        case ContrastPattern::si_arthrogram: return "an SI-joint arthrogram (contrast along the joint line pooling in the inferior capsule)";
        case ContrastPattern::epidurogram_dorsal: return "a dorsal epidurogram (lacy spread in the dorsal epidural fat over levels)";
        case ContrastPattern::epidurogram_ventral: return "a ventral epidurogram (spread under the pedicle into the ventral epidural space)";
        case ContrastPattern::neurogram: return "a neurogram (contrast tracking out along the exiting nerve root)";
        case ContrastPattern::myelogram: return "a myelogram (dense contrast filling the thecal sac, layering anteriorly): intrathecal";
        case ContrastPattern::subdural: return "a subdural pattern (dense, sharply marginated, slow, no layering)";
        case ContrastPattern::venous: return "venous uptake (a vessel that washes out over seconds)";
        case ContrastPattern::arterial: return "an arterial flash (fast branching vessels gone within 1-2 s)";
        case ContrastPattern::intramuscular: return "an intramuscular blob at the tip (extra-articular, periarticular)";
        case ContrastPattern::nucleogram: return "a nucleogram (contrast inside the disc): intradiscal";
    }
    return "?";
}

const std::vector<ContrastPattern>& all_contrast_patterns() {
    static const std::vector<ContrastPattern> all = {
        ContrastPattern::facet_arthrogram, ContrastPattern::si_arthrogram, ContrastPattern::epidurogram_dorsal,
        ContrastPattern::epidurogram_ventral, ContrastPattern::neurogram, ContrastPattern::myelogram,
        ContrastPattern::subdural, ContrastPattern::venous, ContrastPattern::arterial,
        ContrastPattern::intramuscular, ContrastPattern::nucleogram};
    return all;
}

ContrastPattern classify_contrast(const Patient& p, const glm::dvec3& tip, TissueClass tissue, const std::string& structure) {
    using T = TissueClass;
    const int object = p.find(structure);
    const Structure* s = object >= 0 && std::size_t(object) < p.structures.size() ? &p.structures[std::size_t(object)] : nullptr;
    switch (tissue) {
        case T::joint_capsule:
            return s && s->kind == StructureKind::si_joint ? ContrastPattern::si_arthrogram : ContrastPattern::facet_arthrogram;
        case T::epidural_fat: {
            // Dorsal unless the tip is in front of the ventral line (behind the vertebral bodies).
            const ZCurve ventral = curve_of(p, ".kambin_triangle", 0, {0, 0, 0});
            if (!ventral.empty() && tip.y < ventral.at(tip.z).y + 4.0) return ContrastPattern::epidurogram_ventral;
            return ContrastPattern::epidurogram_dorsal;
        }
        case T::dura: return ContrastPattern::subdural;
        case T::csf:
        case T::neural: return ContrastPattern::myelogram;
        case T::nerve_root: return ContrastPattern::neurogram;
        case T::artery: return ContrastPattern::arterial;
        case T::vein: return ContrastPattern::venous;
        case T::disc_annulus:
        case T::disc_nucleus: return ContrastPattern::nucleogram;
        default: break;
    }
    for (const auto& [name, l] : p.landmarks)
        if ((ends_with(name, ".safe_triangle") || ends_with(name, ".dorsal_foramen")) &&
            glm::length(centre_of(l) - tip) <= kForamenNearMm)
            return ContrastPattern::neurogram;
    double d = 0.0;
    if (nearest_root(p, tip, &d) >= 0 && d <= kRootNearMm) return ContrastPattern::neurogram;
    return ContrastPattern::intramuscular;
}

std::vector<ContrastDeposit> contrast_deposits(const Patient& p, const std::vector<Event>& events) {
    std::vector<ContrastDeposit> out;
    for (const Event& e : events) {
        if (e.kind != EventKind::injection || e.substance != "contrast" || e.amount <= 0.0) continue;
        ContrastDeposit d;
        d.time = e.time;
        d.ml = e.amount;
        d.position = e.position;
        d.structure = e.structure;
        d.pattern = classify_contrast(p, e.position, e.tissue, e.structure);
        const int object = p.find(e.structure);
        if (object >= 0 && std::size_t(object) < p.structures.size()) {
            d.level = p.structures[std::size_t(object)].level;
            d.side = p.structures[std::size_t(object)].side;
        }
        if (d.pattern == ContrastPattern::neurogram) {
            double dist = 0.0;
            const int root = nearest_root(p, e.position, &dist);
            if (root >= 0) {
                d.structure = p.scene.objects[std::size_t(root)].name;
                d.level = p.structures[std::size_t(root)].level;
                d.side = p.structures[std::size_t(root)].side;
            }
        }
        if (d.side == 0 && std::abs(d.position.x) > 5.0) d.side = d.position.x > 0 ? 1 : -1;
        if (d.level.empty()) {  // the nearest vertebral body
            double best = std::numeric_limits<double>::max();
            for (const auto& [name, l] : p.landmarks)
                if (ends_with(name, ".body_centre") && std::abs(centre_of(l).z - d.position.z) < best) {
                    best = std::abs(centre_of(l).z - d.position.z);
                    d.level = name.substr(0, name.find('.'));
                }
        }
        out.push_back(std::move(d));
    }
    return out;
}

std::vector<ContrastObject> contrast_at(const Patient& p, const std::vector<ContrastDeposit>& deposits, double t) {
    std::vector<ContrastObject> out;
    for (const ContrastDeposit& d : deposits) {
        const double tau = t - d.time;
        if (tau < 0.0 || d.ml <= 0.0) continue;
        const std::string where = d.level + (d.side ? " " + side_name(d.side) : "");
        switch (d.pattern) {
            case ContrastPattern::facet_arthrogram: {
                const std::string base = d.level + "." + side_name(d.side) + ".";
                const Landmark* inf = landmark(p, base + "facet_inferior_recess");
                const Landmark* sup = landmark(p, base + "facet_superior_recess");
                const Landmark* mid = landmark(p, base + "facet_joint_centre");
                if (!inf || !sup || !mid) {
                    blob(d, tau, d.ml, out, "contrast at the tip " + where);
                    break;
                }
                const double inside = std::min(d.ml, kFacetCapsuleMl);
                const double fill = std::min(1.0, 0.3 + tau / 1.5);  // fills the joint within ~1 s [P]
                const glm::dvec3 c = centre_of(*mid), lo = glm::mix(c, centre_of(*inf), fill),
                                 hi = glm::mix(c, centre_of(*sup), fill);
                std::vector<glm::dvec3> line;
                for (int i = 0; i <= 8; ++i) line.push_back(glm::mix(lo, hi, i / 8.0));
                // The joint space is thin across x (a near-sagittal lumbar facet), ~0.7 mm [P].
                out.push_back(make("facet arthrogram " + where, d.pattern,
                                   tube(line, std::vector<glm::dvec2>(line.size(), glm::dvec2(0.7, 2.5)), {1, 0, 0}, 12),
                                   0.5 * inside * kInjectedIodineMgPerMl));
                const double r = 1.2 + 1.0 * fill;  // the recesses balloon as they fill
                for (const glm::dvec3& q : {lo, hi})
                    out.push_back(make("facet recess " + where, d.pattern,
                                       ellipsoid_axes(q + glm::normalize(q - c) * r, {r, 0, 0}, {0, r, 0}, {0, 0, r}),
                                       0.25 * inside * kInjectedIodineMgPerMl));
                if (d.ml > kFacetCapsuleMl) blob(d, tau, d.ml - kFacetCapsuleMl, out, "capsular rupture " + where);
                break;
            }
            case ContrastPattern::si_arthrogram: {
                const TriangleMesh* joint = mesh_named(p, "SI joint " + side_name(d.side));
                if (!joint) {
                    blob(d, tau, d.ml, out, "contrast at the tip " + where);
                    break;
                }
                Axis a = principal_axis(*joint);
                if (a.dir.z < 0.0) a.dir = -a.dir;
                const double fill = std::min(1.0, 0.3 + tau / 2.0);
                std::vector<glm::dvec3> line;
                for (int i = 0; i <= 10; ++i) line.push_back(d.position + a.dir * (-4.0 + (4.0 + 30.0 * fill) * i / 10.0));
                out.push_back(make("SI-joint arthrogram " + side_name(d.side), d.pattern,
                                   tube(line, taper(line.size(), {0.8, 3.0}), {1, 0, 0}, 12),
                                   0.6 * d.ml * kInjectedIodineMgPerMl));
                const double r = 2.0 + 1.5 * fill;  // pooling in the inferior capsule
                out.push_back(make("SI-joint inferior recess " + side_name(d.side), d.pattern,
                                   ellipsoid_axes(d.position - a.dir * (5.0 + r), {r, 0, 0}, {0, r, 0}, {0, 0, r}),
                                   0.4 * d.ml * kInjectedIodineMgPerMl));
                break;
            }
            case ContrastPattern::epidurogram_dorsal:
                epidural(d, tau, d.ml, curve_of(p, ".dorsal_epidural_space", 0, {0, 0, 0}), d.pattern, {5.0, 1.5}, out);
                break;
            case ContrastPattern::epidurogram_ventral:
                epidural(d, tau, d.ml, curve_of(p, ".kambin_triangle", d.side, {0, 1.5, 0}), d.pattern, {4.0, 1.2}, out);
                break;
            case ContrastPattern::neurogram: {
                // Half tracks out along the root, half flows medially under the pedicle into the
                // ventral epidural space (clinical.md 1.1 TFESI success criterion).
                const TriangleMesh* root = mesh_named(p, d.structure);
                if (root) {
                    Axis a = principal_axis(*root);
                    // Roots run out laterally and down: point the axis away from the midline.
                    if (a.dir.x * (d.side != 0 ? d.side : (d.position.x >= 0 ? 1 : -1)) < 0.0) a.dir = -a.dir;
                    const double len = 2.0 + (10.0 + 8.0 * d.ml) * grow(tau, 1.0);
                    std::vector<glm::dvec3> line;
                    for (int i = 0; i <= 8; ++i) line.push_back(d.position + a.dir * (len * i / 8.0));
                    out.push_back(make("neurogram " + d.structure, d.pattern,
                                       tube(line, taper(line.size(), {1.5, 1.5}), {1, 0, 0}, 12),
                                       0.5 * d.ml * kInjectedIodineMgPerMl));
                }
                ContrastDeposit v = d;
                v.pattern = ContrastPattern::epidurogram_ventral;
                epidural(v, tau, root ? 0.5 * d.ml : d.ml, curve_of(p, ".kambin_triangle", d.side, {0, 1.5, 0}),
                         ContrastPattern::epidurogram_ventral, {4.0, 1.2}, out);
                break;
            }
            case ContrastPattern::myelogram:
            case ContrastPattern::subdural: {
                const TriangleMesh* csf = mesh_of_kind(p, StructureKind::csf);
                if (!csf) {
                    blob(d, tau, d.ml, out, "contrast at the tip " + where);
                    break;
                }
                const bool myelo = d.pattern == ContrastPattern::myelogram;
                const double hmax = myelo ? 20.0 + 25.0 * d.ml : 10.0 + 10.0 * d.ml;
                const double h = 3.0 + (hmax - 3.0) * grow(tau, myelo ? kMyelogramTauS : kSubduralTauS);
                std::vector<glm::dvec3> line;
                std::vector<glm::dvec2> half;
                for (double z = d.position.z - h; z <= d.position.z + h + 1e-9; z += 3.0) {
                    const SacSlice s = sac_at(*csf, z);
                    if (!s.ok) continue;
                    const double depth = s.ymax - s.ymin;
                    // Myelogram: the dependent (anterior, prone) third, dense; subdural: a thin
                    // posterior sheet under the dura.
                    line.push_back({s.x, myelo ? s.ymin + 0.25 * depth : s.ymax - 0.15 * depth, z});
                    half.push_back(myelo ? glm::dvec2(0.35 * s.width, 0.2 * depth) : glm::dvec2(0.3 * s.width, 0.6));
                }
                if (line.size() < 2) {
                    blob(d, tau, d.ml, out, "contrast at the tip " + where);
                    break;
                }
                out.push_back(make(std::string(myelo ? "myelogram " : "subdural contrast ") + where, d.pattern,
                                   tube(line, half, {1, 0, 0}), d.ml * kInjectedIodineMgPerMl));
                break;
            }
            case ContrastPattern::venous:
            case ContrastPattern::arterial: vessel(p, d, tau, out); break;
            case ContrastPattern::nucleogram: {
                std::string nucleus = d.structure;
                if (const auto at = nucleus.find(" annulus"); at != std::string::npos) nucleus.replace(at, 8, " nucleus");
                const TriangleMesh* m = mesh_named(p, nucleus);
                if (!m) {
                    blob(d, tau, d.ml, out, "contrast at the tip " + where);
                    break;
                }
                const Aabb b = bounds(*m);
                const glm::dvec3 half = 0.45 * glm::dvec3(b.size()) * std::cbrt(std::min(1.0, 0.3 + tau / 2.0));
                out.push_back(make("nucleogram " + d.level, d.pattern,
                                   ellipsoid_axes(glm::dvec3(b.centre()), {half.x, 0, 0}, {0, half.y, 0}, {0, 0, half.z}),
                                   d.ml * kInjectedIodineMgPerMl));
                break;
            }
            case ContrastPattern::intramuscular: blob(d, tau, d.ml, out, "contrast blob " + where); break;
        }
    }
    return out;
}

}  // namespace fluorosim
