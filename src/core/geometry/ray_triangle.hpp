#pragma once
// Watertight ray-triangle intersection that counts a ray through a shared edge or vertex of a
// closed mesh exactly once.
//
// Method: Woop, Benthin & Wald, "Watertight Ray/Triangle Intersection" (JCGT 2013), in double
// precision. The ray is sheared so that it runs along +z through the 2D origin; each vertex is
// projected once (all triangles sharing a vertex see the very same projected coordinates), and
// three 2D edge functions E(P1,P2) = P1x*P2y - P1y*P2x decide whether the origin is inside.
// Two additions make the count exact rather than merely gap-free:
//  1. The sign of each edge function is exact for the projected coordinates (a floating-point
//     filter, and an error-free expansion when the filter cannot decide). Signs computed from a
//     consistent set of points are those of a real planar configuration, so the projections of a
//     closed surface cover a generic point a net zero times (entries and exits pair up).
//  2. An edge function that is exactly zero (the ray passes through an edge or a vertex) takes
//     the sign it would have if the origin were moved by (eps, eps^2), eps -> 0+ (simulation
//     of simplicity). Two triangles sharing an edge evaluate it with swapped arguments, so they
//     get opposite signs and exactly one of them (or, at a silhouette, both or neither) counts.
//     Around a shared vertex the moved origin lies inside exactly one triangle of the fan.
// A WBW test without (2) counts a ray through a shared edge twice ("all >= 0 or all <= 0").
#include <algorithm>
#include <cmath>

#include <glm/glm.hpp>

namespace fluorosim {

// A ray prepared once for many triangle tests: hit point = origin + t * dir.
struct WatertightRay {
    glm::dvec3 origin{0.0};
    glm::dvec3 dir{0.0, 0.0, 1.0};  // need not be unit; t is in units of |dir|
    int kx = 0, ky = 1, kz = 2;     // axis permutation: kz = dominant axis of dir
    double sx = 0.0, sy = 0.0, sz = 1.0;  // shear that maps dir onto +z with unit length

    WatertightRay() = default;
    WatertightRay(const glm::dvec3& origin, const glm::dvec3& dir);  // asserts dir != 0
};

struct TriangleHit {
    double t = 0.0;  // ray parameter of the hit
    int facing = 0;  // sign of dir . N (N: outward normal of a CCW triangle): +1 = the ray leaves
                     // the solid here (back face), -1 = it enters (front face)
};

namespace detail {
// Exact sign of p1x*p2y - p1y*p2x, with the (eps, eps^2) tie-break when it is exactly zero;
// 0 only when P1 == P2 (a degenerate projected edge). Out of line: the filter below rarely fails.
int cross_sign_exact(double p1x, double p1y, double p2x, double p2y);

// Shewchuk's bound for a 2x2 determinant of exact inputs: the rounded value of a*b - c*d has the
// exact sign whenever |value| > (3 + 16u) u (|a*b| + |c*d|), u = 2^-53.
inline constexpr double kCrossErrorBound = (3.0 + 16.0 * 0x1p-53) * 0x1p-53;

// Edge function value (rounded) and its exact tie-broken sign.
inline int edge_sign(double p1x, double p1y, double p2x, double p2y, double& value) {
    const double l = p1x * p2y, r = p1y * p2x;
    value = l - r;
    const double bound = kCrossErrorBound * (std::abs(l) + std::abs(r));
    if (value > bound) return 1;
    if (value < -bound) return -1;
    return cross_sign_exact(p1x, p1y, p2x, p2y);
}
}  // namespace detail

// Intersects the ray with triangle (a, b, c); on a hit with t_min <= t <= t_max fills `hit`.
// Degenerate triangles (zero area, or seen exactly edge-on) are never hit, consistently with
// their neighbours.
inline bool intersect_triangle(const WatertightRay& ray, const glm::dvec3& a3, const glm::dvec3& b3,
                               const glm::dvec3& c3, double t_min, double t_max, TriangleHit& hit) {
    const glm::dvec3 a = a3 - ray.origin, b = b3 - ray.origin, c = c3 - ray.origin;
    const double ax = a[ray.kx] - ray.sx * a[ray.kz], ay = a[ray.ky] - ray.sy * a[ray.kz];
    const double bx = b[ray.kx] - ray.sx * b[ray.kz], by = b[ray.ky] - ray.sy * b[ray.kz];
    const double cx = c[ray.kx] - ray.sx * c[ray.kz], cy = c[ray.ky] - ray.sy * c[ray.kz];

    double u = 0.0, v = 0.0, w = 0.0;
    const int su = detail::edge_sign(cx, cy, bx, by, u);
    if (su == 0) return false;
    const int sv = detail::edge_sign(ax, ay, cx, cy, v);
    if (sv != su) return false;
    const int sw = detail::edge_sign(bx, by, ax, ay, w);
    if (sw != su) return false;

    // The exact signs agree; a rounded value may still carry the wrong sign when it is tiny, so
    // clamp each barycentric numerator to the decided side before interpolating the depth.
    const double s = su;
    u = s * std::max(0.0, s * u);
    v = s * std::max(0.0, s * v);
    w = s * std::max(0.0, s * w);
    const double det = u + v + w;
    const double az = ray.sz * a[ray.kz], bz = ray.sz * b[ray.kz], cz = ray.sz * c[ray.kz];
    // det == 0 here only for a sliver seen within rounding of edge-on: any point of it will do.
    const double t = det != 0.0 ? (u * az + v * bz + w * cz) / det : (az + bz + cz) / 3.0;
    if (!(t >= t_min && t <= t_max)) return false;
    hit.t = t;
    // det > 0 exactly when the triangle's outward (CCW) normal points against the ray: a front
    // face, dir . N < 0 (the tests check this along all six axis directions).
    hit.facing = -su;
    return true;
}

}  // namespace fluorosim
