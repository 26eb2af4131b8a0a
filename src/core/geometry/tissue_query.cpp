#include "core/geometry/tissue_query.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace fluorosim {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Per-thread scratch: the queries are const and may run on several threads at once, and at
// 1e5 queries/s a fresh allocation per query would cost more than the ray cast.
thread_local std::vector<BvhHit> t_point_hits;  // innermost_at (segment may call it)
thread_local std::vector<BvhHit> t_hits;        // segment
thread_local std::vector<BvhHit> t_crossings;   // segment

// Parameter interval [t0, t1] of the line o + t u inside the box [lo, hi]; false when it misses.
bool clip_line(const glm::dvec3& o, const glm::dvec3& u, const glm::dvec3& lo, const glm::dvec3& hi,
               double& t0, double& t1) {
    t0 = -kInfinity;
    t1 = kInfinity;
    for (int k = 0; k < 3; ++k) {
        if (u[k] == 0.0) {
            if (o[k] < lo[k] || o[k] > hi[k]) return false;
            continue;
        }
        double a = (lo[k] - o[k]) / u[k], b = (hi[k] - o[k]) / u[k];
        if (a > b) std::swap(a, b);
        t0 = std::max(t0, a);
        t1 = std::min(t1, b);
    }
    return t0 <= t1;
}

}  // namespace

TissueQuery::TissueQuery(const Scene& scene) {
    std::vector<const TriangleMesh*> meshes;
    for (const auto& o : scene.objects) {
        meshes.push_back(&o.mesh);
        names_.push_back(o.name);
        materials_.push_back(o.material);
        // Scene::add asserts parents come first, so the parent's depth is known already.
        depth_.push_back(o.parent < 0 ? 0 : depth_[std::size_t(o.parent)] + 1);
    }
    bvh_ = Bvh(meshes);
}

int TissueQuery::innermost(const std::vector<Winding>& windings) const {
    // Objects containing the point form a chain in the parent tree when the scene is valid
    // (siblings do not overlap); the deepest is the innermost. Should a broken scene let
    // siblings overlap, the later object wins, as it would be drawn last.
    int best = -1;
    for (const Winding& w : windings) {
        if (w.count <= 0) continue;
        if (best < 0 || depth_[std::size_t(w.object)] > depth_[std::size_t(best)] ||
            (depth_[std::size_t(w.object)] == depth_[std::size_t(best)] && w.object > best)) {
            best = w.object;
        }
    }
    return best;
}

int TissueQuery::innermost_at(const glm::dvec3& p) const {
    const Aabb box = bvh_.bounds();
    if (box.empty()) return -1;
    // Any direction gives the same answer for closed meshes; the one toward the nearest face
    // of the scene bounds crosses the fewest nodes and triangles.
    int axis = 0;
    double sign = 1.0, nearest = kInfinity;
    for (int k = 0; k < 3; ++k) {
        const double to_max = double(box.max[k]) - p[k], to_min = p[k] - double(box.min[k]);
        if (to_max < nearest) { nearest = to_max; axis = k; sign = 1.0; }
        if (to_min < nearest) { nearest = to_min; axis = k; sign = -1.0; }
    }
    assert(std::isfinite(nearest) && "innermost_at: non-finite point");
    if (!(nearest >= 0.0)) return -1;  // outside the bounds of every mesh (or not a number)
    glm::dvec3 dir(0.0);
    dir[axis] = sign;
    std::vector<BvhHit>& hits = t_point_hits;
    hits.clear();
    bvh_.intersect_all(p, dir, 0.0, kInfinity, hits);
    thread_local std::vector<Winding> windings;  // reused like the hit buffers
    windings.clear();
    for (const BvhHit& h : hits) {
        if (!(h.t > 0.0)) continue;  // on the surface: the tissue just beyond p counts
        const int o = static_cast<int>(h.mesh);
        auto it = std::find_if(windings.begin(), windings.end(),
                               [o](const Winding& w) { return w.object == o; });
        if (it == windings.end()) windings.push_back({o, h.facing});
        else it->count += h.facing;
    }
    return innermost(windings);
}

std::vector<TissueStretch> TissueQuery::segment(const glm::dvec3& a, const glm::dvec3& b) const {
    std::vector<TissueStretch> out;
    segment(a, b, out);
    return out;
}

void TissueQuery::segment(const glm::dvec3& a, const glm::dvec3& b,
                          std::vector<TissueStretch>& out) const {
    out.clear();
    auto stretch = [&](int o, double t0, const glm::dvec3& p0, double t1, const glm::dvec3& p1) {
        return TissueStretch{o, names_[std::size_t(o)], materials_[std::size_t(o)], p0, p1, t0, t1};
    };
    if (bvh_.bounds().empty()) return;  // a scene without triangles is all air
    const double len = glm::length(b - a);
    if (!(len > 0.0)) {
        const int o = innermost_at(a);
        if (o >= 0) out.push_back(stretch(o, 0.0, a, 0.0, a));
        return;
    }
    const glm::dvec3 u = (b - a) / len;
    double t_in = 0.0, t_out = 0.0;
    // Padded like the BVH's nodes (1e-9 of the scene's size and distance from the origin), so
    // rounding in the clip cannot declare "all air" for a segment touching the outer surface.
    const Aabb box = bvh_.bounds();
    const glm::dvec3 lo(box.min), hi(box.max);
    const double pad = 1e-9 * (glm::length(hi - lo) + glm::length(glm::max(glm::abs(lo), glm::abs(hi))));
    if (!clip_line(a, u, lo - pad, hi + pad, t_in, t_out) || t_out < 0.0 || t_in > len) return;

    // The state at a comes from the crossings between a and infinity along one side of the
    // line: exits minus entries beyond a (ahead) or entries minus exits before it (behind).
    // Both are exact for closed meshes; cast toward the side where the line leaves the scene
    // sooner, which for a needle entering from the skin is usually behind its start.
    const bool behind = (len - t_in) < t_out;
    std::vector<BvhHit>& hits = t_hits;
    hits.clear();
    if (behind) bvh_.intersect_all(a, u, -kInfinity, len, hits);
    else bvh_.intersect_all(a, u, 0.0, kInfinity, hits);

    // Convention: the state "at a" is the state just after a (a + eps u), so hits at t == 0
    // count as behind it; crossings are the hits with 0 < t <= len.
    thread_local std::vector<Winding> windings;
    windings.clear();
    std::vector<BvhHit>& crossings = t_crossings;
    crossings.clear();
    for (const BvhHit& h : hits) {
        const bool ahead = h.t > 0.0;
        if (ahead && h.t <= len) crossings.push_back(h);
        int contribution = 0;
        if (behind && !ahead) contribution = -h.facing;
        if (!behind && ahead) contribution = h.facing;
        const int o = static_cast<int>(h.mesh);
        auto it = std::find_if(windings.begin(), windings.end(),
                               [o](const Winding& w) { return w.object == o; });
        if (it == windings.end()) windings.push_back({o, contribution});
        else it->count += contribution;
    }
    std::sort(crossings.begin(), crossings.end(),
              [](const BvhHit& x, const BvhHit& y) { return x.t < y.t; });

    // Walk the crossings; a stretch ends where the innermost object changes. Crossings at the
    // same distance (touching surfaces) are applied together, so no zero-length stretch appears.
    int current = innermost(windings);
    double start = 0.0;
    glm::dvec3 start_point = a;
    auto close = [&](double t, const glm::dvec3& p) {
        if (current >= 0 && t > start) out.push_back(stretch(current, start, start_point, t, p));
    };
    for (std::size_t i = 0; i < crossings.size();) {
        const double t = crossings[i].t;
        for (; i < crossings.size() && crossings[i].t == t; ++i) {
            const int o = static_cast<int>(crossings[i].mesh);
            auto it = std::find_if(windings.begin(), windings.end(),
                                   [o](const Winding& w) { return w.object == o; });
            assert(it != windings.end());
            it->count -= crossings[i].facing;  // passing an exit leaves, passing an entry enters
        }
        const int next = innermost(windings);
        if (next == current) continue;
        const glm::dvec3 p = t == len ? b : a + t * u;
        close(t, p);
        current = next;
        start = t;
        start_point = p;
    }
    close(len, b);
}

std::optional<glm::dvec3> skin_above(const TissueQuery& query, double x_mm, double z_mm) {
    // 1 m above and below: far beyond any patient (the trunk is ~0.3 m deep).
    const auto stretches = query.segment({x_mm, 1000.0, z_mm}, {x_mm, -1000.0, z_mm});
    if (stretches.empty()) return std::nullopt;
    return glm::dvec3(stretches.front().entry);
}

}  // namespace fluorosim
