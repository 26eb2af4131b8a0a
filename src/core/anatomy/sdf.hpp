#pragma once
// Signed distance functions (negative inside, millimetres) and blending operators from which
// the procedural anatomy is composed. Most are exact distances; the ellipsoid, tapered capsule
// and curvilinear boxes are bounds with a gradient norm close to 1. The mesher relies on the
// gradient staying below ~1.5 (it skips empty blocks on that assumption, see isosurface.hpp).
#include <algorithm>
#include <cmath>
#include <functional>

#include <glm/glm.hpp>

#include "core/geometry/mesh.hpp"

namespace fluorosim::sdf {

using Field = std::function<float(const glm::vec3&)>;

// A field plus the box outside which it is certainly positive (used to mesh and to cull).
struct Shape {
    Field f;
    Aabb box;
};

inline float sphere(const glm::vec3& p, const glm::vec3& c, float r) {
    return glm::length(p - c) - r;
}

// Box centred at the origin with half extents `half`, edges rounded by `r` (r <= min(half)).
inline float round_box(const glm::vec3& p, const glm::vec3& half, float r) {
    const glm::vec3 q = glm::abs(p) - half + glm::vec3(r);
    return glm::length(glm::max(q, glm::vec3(0.0f))) +
           std::min(std::max(q.x, std::max(q.y, q.z)), 0.0f) - r;
}

// Ellipsoid centred at the origin (Quilez' bound: exact on the surface, gradient ~1 near it).
inline float ellipsoid(const glm::vec3& p, const glm::vec3& radii) {
    const float k0 = glm::length(p / radii);
    const float k1 = glm::length(p / (radii * radii));
    if (k1 < 1e-12f) return -std::min(radii.x, std::min(radii.y, radii.z));
    return k0 * (k0 - 1.0f) / k1;
}

// Segment a-b swept by a radius that varies linearly from ra to rb.
inline float capsule(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b, float ra,
                     float rb) {
    const glm::vec3 pa = p - a, ba = b - a;
    const float len2 = glm::dot(ba, ba);
    const float t = len2 > 0.0f ? std::clamp(glm::dot(pa, ba) / len2, 0.0f, 1.0f) : 0.0f;
    return glm::length(pa - ba * t) - (ra + (rb - ra) * t);
}
inline float capsule(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b, float r) {
    return capsule(p, a, b, r, r);
}

// 2D ellipse bound (same construction as the ellipsoid).
inline float ellipse2(const glm::vec2& p, const glm::vec2& radii) {
    const float k0 = glm::length(p / radii);
    const float k1 = glm::length(p / (radii * radii));
    if (k1 < 1e-12f) return -std::min(radii.x, radii.y);
    return k0 * (k0 - 1.0f) / k1;
}

// Rectangle with half-sizes `half` and corners rounded by r (r <= the smaller half-size).
inline float round_rect2(const glm::vec2& p, const glm::vec2& half, float r) {
    const glm::vec2 q = glm::abs(p) - half + glm::vec2(r);
    return glm::length(glm::max(q, glm::vec2(0.0f))) + std::min(std::max(q.x, q.y), 0.0f) - r;
}

// Extrude a 2D distance d2 along a coordinate w over |w| <= half, rounding the rim by r.
inline float extrude(float d2, float w, float half, float r = 0.0f) {
    const glm::vec2 q(d2 + r, std::abs(w) - half + r);
    return std::min(std::max(q.x, q.y), 0.0f) + glm::length(glm::max(q, glm::vec2(0.0f))) - r;
}

// Polynomial smooth minimum / maximum with blend radius k (Quilez); k = 0 gives min / max.
inline float smin(float a, float b, float k) {
    if (k <= 0.0f) return std::min(a, b);
    const float h = std::max(k - std::abs(a - b), 0.0f) / k;
    return std::min(a, b) - h * h * k * 0.25f;
}
inline float smax(float a, float b, float k) { return -smin(-a, -b, k); }

// A rigid frame: origin and orthonormal axes (columns). to_local maps world -> frame.
struct Frame {
    glm::vec3 origin{0.0f};
    glm::mat3 axes{1.0f};  // columns: local x, y, z in world coordinates
    glm::vec3 to_local(const glm::vec3& p) const { return glm::transpose(axes) * (p - origin); }
    glm::vec3 to_world(const glm::vec3& q) const { return origin + axes * q; }
    glm::vec3 dir(const glm::vec3& d) const { return axes * d; }
};

// Oriented rounded box: centre c, unit axes u, v, w (orthonormal), half extents, rounding.
inline float oriented_box(const glm::vec3& p, const glm::vec3& c, const glm::vec3& u,
                          const glm::vec3& v, const glm::vec3& w, const glm::vec3& half, float r) {
    const glm::vec3 d = p - c;
    return round_box(glm::vec3(glm::dot(d, u), glm::dot(d, v), glm::dot(d, w)), half, r);
}

// Distance from p to an axis-aligned box (0 inside): a cheap lower bound for culling.
inline float box_distance(const glm::vec3& p, const Aabb& b) {
    const glm::vec3 q = glm::max(glm::max(b.min - p, p - b.max), glm::vec3(0.0f));
    return glm::length(q);
}

inline Aabb make_box(const glm::vec3& lo, const glm::vec3& hi) {
    Aabb b;
    b.grow(lo);
    b.grow(hi);
    return b;
}
inline Aabb padded(Aabb b, float pad) {
    b.min -= glm::vec3(pad);
    b.max += glm::vec3(pad);
    return b;
}

// Union of many shapes, culling those whose box is farther than the running minimum.
// Outside a shape's box its true value is positive, so replacing it by the box distance
// there keeps every sign (and so the zero set) exact.
inline float union_culled(const std::vector<Shape>& shapes, const glm::vec3& p, float init = 1e9f) {
    float d = init;
    for (const auto& s : shapes) {
        const float bd = box_distance(p, s.box);
        if (bd >= d) continue;
        d = std::min(d, bd > 0.0f ? std::max(bd, s.f(p)) : s.f(p));
    }
    return d;
}

}  // namespace fluorosim::sdf
