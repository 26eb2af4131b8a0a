#include "core/geometry/ray_triangle.hpp"

#include <cassert>
#include <cmath>
#include <utility>

namespace fluorosim {

WatertightRay::WatertightRay(const glm::dvec3& o, const glm::dvec3& d) : origin(o), dir(d) {
    assert(d != glm::dvec3(0.0));
    const glm::dvec3 m = glm::abs(d);
    kz = m.x >= m.y ? (m.x >= m.z ? 0 : 2) : (m.y >= m.z ? 1 : 2);
    kx = (kz + 1) % 3;
    ky = (kx + 1) % 3;
    // Swapping x and y when the dominant component is negative keeps the sheared frame
    // right-handed, so the sign of the 2D determinant keeps meaning "front face".
    if (d[kz] < 0.0) std::swap(kx, ky);
    sx = d[kx] / d[kz];
    sy = d[ky] / d[kz];
    sz = 1.0 / d[kz];
}

namespace detail {
namespace {

// Error-free transformations (Shewchuk, "Adaptive Precision Floating-Point Arithmetic and Fast
// Robust Geometric Predicates", 1997). They rely on round-to-nearest doubles (SSE2, no x87).
inline void two_product(double a, double b, double& x, double& y) {
    x = a * b;
    y = std::fma(a, b, -x);  // exact: the rounding error of a*b is itself a double
}

inline void two_sum(double a, double b, double& x, double& y) {
    x = a + b;
    const double bv = x - a;
    const double av = x - bv;
    y = (a - av) + (b - bv);
}

inline void two_diff(double a, double b, double& x, double& y) {
    x = a - b;
    const double bv = a - x;
    const double av = x + bv;
    y = (a - av) + (bv - b);
}

// (a1 + a0) - b as the nonoverlapping expansion x2 + x1 + x0.
inline void two_one_diff(double a1, double a0, double b, double& x2, double& x1, double& x0) {
    double i = 0.0;
    two_diff(a0, b, i, x0);
    two_sum(a1, i, x2, x1);
}

}  // namespace

int cross_sign_exact(double p1x, double p1y, double p2x, double p2y) {
    // p1x*p2y and p1y*p2x exactly, each as a two-term expansion.
    double l1 = 0.0, l0 = 0.0, r1 = 0.0, r0 = 0.0;
    two_product(p1x, p2y, l1, l0);
    two_product(p1y, p2x, r1, r0);
    // (l1 + l0) - (r1 + r0) exactly as x3 + x2 + x1 + x0 (Shewchuk's Two_Two_Diff). The
    // components do not overlap and grow in magnitude, so the sign is the largest nonzero one's.
    double j = 0.0, k = 0.0, x0 = 0.0, x1 = 0.0, x2 = 0.0, x3 = 0.0;
    two_one_diff(l1, l0, r0, j, k, x0);
    two_one_diff(j, k, r1, x3, x2, x1);
    for (const double x : {x3, x2, x1, x0}) {
        if (x > 0.0) return 1;
        if (x < 0.0) return -1;
    }
    // Exactly zero: the ray passes through the edge's line. Move the origin to (eps, eps^2):
    // E becomes E + eps (p1y - p2y) + eps^2 (p2x - p1x), whose sign for eps -> 0+ is that of
    // the first nonzero coefficient. Swapping P1 and P2 negates it, as it must.
    if (p1y != p2y) return p1y > p2y ? 1 : -1;
    if (p1x != p2x) return p2x > p1x ? 1 : -1;
    return 0;
}

}  // namespace detail
}  // namespace fluorosim
