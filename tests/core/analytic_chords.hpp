#pragma once
// Exact chords of lines through analytic solids, and the bracket within which a tessellated
// (inscribed) mesh's chord must lie. Shared by the geometry and x-ray tests.
//
// Tessellation error: a convex mesh whose vertices lie on a convex solid S (radius r) contains
// the solid S_in of radius r_in = the smallest distance from the centre (axis) to a facet's
// plane, and is contained in S. So along any line chord(S_in) <= chord(mesh) <= chord(S).
// For a regular inscribed n-gon (a cylinder's cross-section, one ring of a UV sphere) the
// radial error is r - r_in = r (1 - cos(pi / n)): 0.021% of r for n = 48. For a UV sphere the
// facets are spherical-triangle chords with angular circumradius a, so r_in = r cos(a); we
// measure r_in on the mesh itself rather than bound a by hand. Near the silhouette the chord
// error grows like 2 (r - r_in) r / sqrt(r^2 - d^2) (d: the line's distance from the centre).
#include <algorithm>
#include <cmath>
#include <limits>

#include <glm/glm.hpp>

#include "core/geometry/mesh.hpp"

namespace fluorosim::testkit {

// Interval [t0, t1] (t0 > t1 when empty) of the line o + t u (u unit) inside a ball.
inline glm::dvec2 ball_interval(const glm::dvec3& o, const glm::dvec3& u, const glm::dvec3& c,
                                double r) {
    const glm::dvec3 oc = o - c;
    const double b = glm::dot(oc, u);
    const double disc = b * b - (glm::dot(oc, oc) - r * r);
    if (disc < 0.0) return {1.0, 0.0};
    const double s = std::sqrt(disc);
    return {-b - s, -b + s};
}

inline double ball_chord(const glm::dvec3& o, const glm::dvec3& u, const glm::dvec3& c, double r) {
    const glm::dvec2 i = ball_interval(o, u, c, r);
    return std::max(0.0, i.y - i.x);
}

// Interval of the line inside the box [lo, hi] (slab clipping).
inline glm::dvec2 box_interval(const glm::dvec3& o, const glm::dvec3& u, const glm::dvec3& lo,
                               const glm::dvec3& hi) {
    double t0 = -std::numeric_limits<double>::infinity(), t1 = -t0;
    for (int k = 0; k < 3; ++k) {
        if (u[k] == 0.0) {
            if (o[k] < lo[k] || o[k] > hi[k]) return {1.0, 0.0};
            continue;
        }
        double a = (lo[k] - o[k]) / u[k], b = (hi[k] - o[k]) / u[k];
        if (a > b) std::swap(a, b);
        t0 = std::max(t0, a);
        t1 = std::min(t1, b);
    }
    return {t0, t1};
}

inline double box_chord(const glm::dvec3& o, const glm::dvec3& u, const glm::dvec3& lo,
                        const glm::dvec3& hi) {
    const glm::dvec2 i = box_interval(o, u, lo, hi);
    return std::max(0.0, i.y - i.x);
}

// Chord of a capped circular cylinder along z (axis through (cx, cy), z in [z0, z1]).
inline double cylinder_z_chord(const glm::dvec3& o, const glm::dvec3& u, glm::dvec2 c, double r,
                               double z0, double z1) {
    double t0 = -std::numeric_limits<double>::infinity(), t1 = -t0;
    // Side: |(o - c)_xy + t u_xy| <= r.
    const glm::dvec2 p(o.x - c.x, o.y - c.y), v(u.x, u.y);
    const double vv = glm::dot(v, v);
    if (vv == 0.0) {
        if (glm::dot(p, p) > r * r) return 0.0;
    } else {
        const double b = glm::dot(p, v) / vv;
        const double disc = b * b - (glm::dot(p, p) - r * r) / vv;
        if (disc < 0.0) return 0.0;
        t0 = -b - std::sqrt(disc);
        t1 = -b + std::sqrt(disc);
    }
    // Caps.
    if (u.z == 0.0) {
        if (o.z < z0 || o.z > z1) return 0.0;
    } else {
        double a = (z0 - o.z) / u.z, b = (z1 - o.z) / u.z;
        if (a > b) std::swap(a, b);
        t0 = std::max(t0, a);
        t1 = std::min(t1, b);
    }
    return std::max(0.0, t1 - t0);
}

// Radii bracketing a convex mesh around centre c: r_out = farthest vertex, r_in = nearest facet
// plane. Measured on the mesh (float vertices included), so the bracket is exact for it.
struct RadiusBracket {
    double r_in = 0.0;
    double r_out = 0.0;
};
inline RadiusBracket radius_bracket(const TriangleMesh& m, const glm::dvec3& c) {
    RadiusBracket b{std::numeric_limits<double>::infinity(), 0.0};
    for (const auto& v : m.vertices) b.r_out = std::max(b.r_out, glm::length(glm::dvec3(v) - c));
    for (const auto& t : m.triangles) {
        const glm::dvec3 p0(m.vertices[t.x]), p1(m.vertices[t.y]), p2(m.vertices[t.z]);
        const glm::dvec3 n = glm::normalize(glm::cross(p1 - p0, p2 - p0));
        b.r_in = std::min(b.r_in, glm::dot(p0 - c, n));
    }
    return b;
}

}  // namespace fluorosim::testkit
