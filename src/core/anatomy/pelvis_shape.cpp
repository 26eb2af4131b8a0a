#include "core/anatomy/pelvis_shape.hpp"

#include <algorithm>
#include <cmath>

#include "core/anatomy/vertebra_shape.hpp"

namespace fluorosim {
namespace {

constexpr float kSiAngleAnterior = 0.5585054f;   // 32 deg
constexpr float kSiAnglePosterior = 0.2443461f;  // 14 deg

float lerp(float a, float b, float t) { return a + (b - a) * std::clamp(t, 0.0f, 1.0f); }

// Arc length of the ala's upper surface below the S1 endplate at |x| = ax: level with the
// endplate over the body, 3 mm down at its edge, then falling away faster laterally (0.1 mm per
// mm growing by 0.006 per mm), so the alae read as rounded wings sloping to the SI joints
// (~5.5 mm down at the joint, ~9 mm at the anterior wing tip) rather than a flat-topped
// trapezoid [R: Gray's; P: curvature].
float sacrum_ala_top(const SacrumGeometry& g, float ax) {
    const float e = ax - 22.0f * g.size;
    return e < 0.0f ? 0.0f : 3.0f + 0.1f * e + 0.003f * e * e;
}

}  // namespace

glm::vec3 SacrumGeometry::curvilinear(const glm::vec3& p) const {
    const glm::vec3 q = frame.to_local(p);
    const float yy = q.y + curve_radius;
    const float r = std::sqrt(yy * yy + q.z * q.z);
    return {q.x, r - curve_radius, curve_radius * std::atan2(-q.z, yy)};
}

glm::vec3 SacrumGeometry::world(const glm::vec3& c) const {
    const float phi = c.z / curve_radius, r = curve_radius + c.y;
    return frame.to_world({c.x, r * std::cos(phi) - curve_radius, -r * std::sin(phi)});
}

// Outline [R: Gray's; P: smoothed]: alae ~54 mm from the midline to S2; below the auricular
// surface the lateral border curves in (convex outward, a quarter cosine: ~45 mm at S3, the
// inferior lateral angle ~30 mm at S4-S5) to the 16 mm apex, so the sacrum reads as a rounded
// shield, not a straight-sided trapezoid; the body 35 mm deep at S1 thinning caudally; canal
// behind it, dorsal surface 34 mm behind the curve at S1 falling to 12 mm at the apex.
float SacrumGeometry::half_width(float s) const {
    const float t = std::clamp((s - 30.0f * size) / (length - 30.0f * size), 0.0f, 1.0f);
    return size * (16.0f + 38.0f * std::cos(1.5707963f * t));
}
float SacrumGeometry::ventral(float s) const { return size * lerp(-17.5f, -6.0f, s / length); }
float SacrumGeometry::dorsal(float s) const {
    return size * (s < 28.0f * size
                       ? 34.0f
                       : lerp(34.0f, 12.0f, (s - 28.0f * size) / (length - 28.0f * size)));
}
float SacrumGeometry::canal_u(float s) const { return size * lerp(25.0f, 6.0f, s / length); }
float SacrumGeometry::canal_half_width(float s) const {
    return size * lerp(13.0f, 5.0f, s / length);
}
float SacrumGeometry::canal_half_depth(float s) const {
    return size * lerp(6.5f, 2.5f, s / length);
}
float SacrumGeometry::foramen_s(int k) const {
    static const float f[4] = {0.21f, 0.41f, 0.59f, 0.75f};  // S1-S4 ~20 mm apart [R]
    return length * f[std::clamp(k - 1, 0, 3)];
}
// The joint is curved in axial section: ~32 deg to the sagittal plane at its anterior margin,
// ~14 deg at its posterior margin (mean ~23 deg, as the former flat plane's 25) [R: the
// auricular surface is concave-convex; P: angles]. The 10-20 deg contralateral oblique of the
// SI view then runs tangent to the posterior (inferior) joint, which shows as a lucent line.
float SacrumGeometry::si_slope(float u) const {
    const float t = std::clamp((u + 14.0f * size) / (48.0f * size), 0.0f, 1.0f);
    return std::tan(lerp(kSiAngleAnterior, kSiAnglePosterior, t));
}
float SacrumGeometry::si_x(float u, float s) const {
    // x at u: the slope's integral, anchored at the joint's middle (u = 10 mm, x = 38.7 mm);
    // bowed 4 mm laterally at the middle of the auricular surface (S2, s = 32 mm), none at its
    // top and bottom, so the joint line seen tangentially is a gentle C, not a straight line
    // [R: the auricular surface is ear-shaped, its sacral side convex; P: 4 mm].
    const float u0 = -14.0f * size, u1 = 34.0f * size;
    const float m0 = std::tan(kSiAngleAnterior), m1 = std::tan(kSiAnglePosterior);
    auto integral = [u0, u1, m0, m1](float v) {
        if (v <= u0) return m0 * (v - u0);
        const float vc = std::min(v, u1);
        float i = m0 * (vc - u0) + 0.5f * (m1 - m0) * (vc - u0) * (vc - u0) / (u1 - u0);
        if (v > u1) i += m1 * (v - u1);
        return i;
    };
    const float m = (s - 32.0f * size) / (30.0f * size);
    const float bow = 4.0f * size * std::max(0.0f, 1.0f - m * m);
    return size * 38.7f + bow - (integral(u) - integral(10.0f * size));
}
float SacrumGeometry::si_distance(const glm::vec3& c) const {
    return (std::abs(c.x) - si_x(c.y, c.z)) * std::cos(std::atan(si_slope(c.y)));
}
float SacrumGeometry::auricular(const glm::vec3& c) const {
    // Auricular surface ~15-20 cm^2 [R]: an ellipse 40 x 60 mm in (u, s) covering S1-S3.
    return sdf::ellipse2({c.y - 12.0f * size, c.z - 32.0f * size}, {20.0f * size, 30.0f * size});
}
glm::vec3 SacrumGeometry::dorsal_foramen(int k, int side) const {
    const float s = foramen_s(k);
    return world({side * size * (22.0f - 1.5f * k), dorsal(s) + 1.0f, s});
}
glm::vec3 SacrumGeometry::ventral_foramen(int k, int side) const {
    const float s = foramen_s(k);
    return world({side * size * (26.0f - 2.5f * k), ventral(s) - 1.0f, s + 3.0f});
}

SacrumGeometry sacrum_geometry(const SpineLayout& layout, const PatientParameters& p) {
    SacrumGeometry g;
    g.frame = layout.sacrum;
    g.size = (p.height_cm / 175.0f) * (p.sex == Sex::female ? 0.92f : 1.0f);
    g.curve_radius *= g.size;
    g.length *= g.size;
    if (p.transitional == TransitionalVertebra::lumbarized_s1) g.length *= 0.85f;  // S1 moved up
    return g;
}

sdf::Shape sacrum_shape(const SpineLayout& layout, const SacrumGeometry& g) {
    std::vector<FacetJointLayout> saps;
    for (const auto& j : layout.facets)
        if (j.lower == -1) saps.push_back(j);
    sdf::Shape fused{};
    const int last = static_cast<int>(layout.vertebrae.size()) - 1;
    const bool has_fused = layout.vertebrae[last].fused_to_sacrum;
    glm::vec3 fused_centre(0.0f);
    if (has_fused) {
        fused = vertebra_shape(layout, last);
        fused_centre = layout.vertebrae[last].frame.origin;
    }
    auto f = [g, saps, has_fused, fused, fused_centre](const glm::vec3& p) {
        const glm::vec3 c = g.curvilinear(p);
        const float x = c.x, u = c.y, s = c.z, ax = std::abs(x);
        // Top: S1 endplate at s = 0 over the body; alae slope down laterally; the dorsal arch
        // (behind the body) starts 6 mm lower.
        const float ala_top = sacrum_ala_top(g, ax);
        const float top = std::max(ala_top, u > 18.0f * g.size ? 6.0f * g.size : 0.0f);
        float d = std::max({ax - g.half_width(s), g.ventral(s) - u, u - g.dorsal(s)});
        d = sdf::smax(d, top - s, 3.0f);
        d = sdf::smax(d, s - g.length, 6.0f);
        // Median sacral crest.
        d = sdf::smin(d,
                      sdf::capsule(c, {0, g.dorsal(8.0f) + 1.0f, 8.0f},
                                   {0, g.dorsal(g.length - 35.0f) + 1.0f, g.length - 35.0f}, 4.0f),
                      3.0f);
        // S1 superior articular processes.
        for (const auto& j : saps) d = sdf::smin(d, sap_field(j, p), 2.0f);
        // The L5 dorsal ramus groove: a 2 mm deep channel running front to back over the top
        // of the ala, 11 mm lateral of the S1 SAP's joint centre, where ala and SAP meet
        // [S: clinical.md 2.2; P: 3.5 mm radius].
        for (const auto& j : saps) {
            const glm::vec3 jc = g.curvilinear(j.frame.origin);
            const float gx = jc.x + j.side * 11.0f;
            const float gs = sacrum_ala_top(g, std::abs(gx)) - 1.5f;
            d = std::max(d, -sdf::capsule(c, {gx, jc.y - 16.0f, gs}, {gx, jc.y + 6.0f, gs}, 3.5f));
        }
        if (has_fused) {
            d = sdf::smin(d, fused.f(p), 3.0f);
            d = sdf::smin(d, sdf::capsule(p, fused_centre, g.world({0, 0, 8.0f}), 17.0f), 3.0f);
        }
        // Canal, open at the top, with the hiatus opening dorsally over the last 25 mm.
        const float canal_e =
            sdf::ellipse2({x, u - g.canal_u(s)}, {g.canal_half_width(s), g.canal_half_depth(s)});
        const float canal = std::max(canal_e, s - (g.length - 8.0f));
        d = std::max(d, -canal);
        const float hiatus = sdf::round_box(
            c - glm::vec3(0, 0.5f * (g.canal_u(s) + g.dorsal(s)) + 3.0f, g.length - 16.0f),
            {5.0f * g.size, 0.5f * (g.dorsal(s) - g.canal_u(s)) + 6.0f, 10.0f * g.size}, 1.0f);
        d = std::max(d, -hiatus);
        // Foramina S1-S4: ventral (larger) and dorsal channels from the canal [R: Gray's].
        for (int k = 1; k <= 4; ++k) {
            const float sk = g.foramen_s(k);
            for (int side : {1, -1}) {
                const glm::vec3 from(side * 0.8f * g.canal_half_width(sk), g.canal_u(sk), sk);
                const glm::vec3 ven(side * g.size * (26.0f - 2.5f * k), g.ventral(sk) - 6.0f,
                                    sk + 3.0f);
                const glm::vec3 dor(side * g.size * (22.0f - 1.5f * k), g.dorsal(sk) + 6.0f, sk);
                d = std::max(d, -sdf::capsule(c, from, ven, g.size * (5.5f - 0.6f * k)));
                d = std::max(d, -sdf::capsule(c, from, dor, g.size * (4.5f - 0.4f * k)));
            }
        }
        for (const auto& j : saps) d = clear_joint_for_lower(j, p, d);
        // Stay half a joint space medial to the SI joint plane.
        return std::max(d, g.si_distance(c) + 0.5f * g.si_gap);
    };
    Aabb box;
    for (float s : {-25.0f, 0.0f, 40.0f, g.length + 3.0f})
        for (float u : {-25.0f, 50.0f})
            for (float x : {-60.0f, 60.0f}) box.grow(g.world({x * g.size, u * g.size, s}));
    for (const auto& j : saps) box.grow(j.frame.to_world({0, 0, 16.0f}));
    if (has_fused) box.grow(fused.box);
    return {f, sdf::padded(box, 4.0f)};
}

sdf::Shape coccyx_shape(const SacrumGeometry& g) {
    // Three fused segments ~30 mm, continuing the sacral curve after a 3 mm sacrococcygeal joint.
    const glm::vec3 a(0, -1.0f * g.size, g.length + 3.0f + 6.0f * g.size),
        b(0, -3.0f * g.size, g.length + 33.0f * g.size);
    auto f = [g, a, b](const glm::vec3& p) {
        return sdf::capsule(g.curvilinear(p), a, b, 6.0f * g.size, 3.0f * g.size);
    };
    Aabb box;
    box.grow(g.world(a));
    box.grow(g.world(b));
    return {f, sdf::padded(box, 10.0f)};
}

sdf::Shape ilium_shape(const SacrumGeometry& g, int side) {
    // World-frame wing: an arc-shaped plate (centre O, radius 65 mm) from the posterior ilium
    // to the ASIS, crest from ~L4-L5 height behind to ~L5-S1 in front [R: Gray's; P].
    const float k = g.size;
    const glm::vec2 o(side * 45.0f * k, -26.0f * k);
    const float rw = 65.0f * k;
    const float th0 = 0.17f, th1 = 2.0f;  // ~10 deg (posterior) .. ~115 deg (anterior)
    // The crest is convex upward (highest behind its middle) [R: Gray's; P: 10 mm rise].
    auto crest_z = [k, th0, th1](float th) {
        const float t = std::clamp((th - th0) / (th1 - th0), 0.0f, 1.0f);
        return k * (lerp(48.0f, 18.0f, t) + 10.0f * std::sin(3.1415927f * std::sqrt(t)));
    };
    auto f = [g, side, k, o, rw, th0, th1, crest_z](const glm::vec3& p) {
        const glm::vec2 r(p.x - o.x, p.y - o.y);
        const float rho = glm::length(r);
        const float th = std::atan2(side * r.x, r.y);
        const float thc = std::clamp(th, th0, th1);
        // Signed arc distance to the nearer end of the fan, negative between them: a 0 there
        // would make the max() below 0 all through the plate (no inside), and only the parts
        // blended with the crest and body would have been meshed.
        const float ang = rw * std::max(th0 - th, th - th1);
        float wing =
            std::max({std::abs(rho - rw) - 3.5f * k, ang, p.z - crest_z(thc), -45.0f * k - p.z});
        // Crest: a thick rim along the top.
        float crest = 1e9f;
        for (int i = 0; i < 6; ++i) {
            const float t0 = th0 + (th1 - th0) * i / 6.0f, t1 = th0 + (th1 - th0) * (i + 1) / 6.0f;
            const glm::vec3 a(o.x + side * rw * std::sin(t0), o.y + rw * std::cos(t0),
                              crest_z(t0) - 5.0f * k);
            const glm::vec3 b(o.x + side * rw * std::sin(t1), o.y + rw * std::cos(t1),
                              crest_z(t1) - 5.0f * k);
            crest = std::min(crest, sdf::capsule(p, a, b, 6.0f * k));
        }
        // Body toward the acetabulum.
        const float body = sdf::capsule(p, {side * 55.0f * k, 0.0f, -30.0f * k},
                                        {side * 82.0f * k, -25.0f * k, -105.0f * k}, 19.0f * k);
        // Posterior ilium against the auricular surface, reaching back to the PSIS.
        const glm::vec3 c = g.curvilinear(p);
        const float dsi = g.si_distance(c);
        // Rounded (8 mm) rather than a box; its top rises behind to the PSIS.
        const float top =
            -4.0f * k - 8.0f * k * std::clamp((c.y - 10.0f * k) / (25.0f * k), 0.0f, 1.0f);
        // 32 mm thick at the top, thinning to 20 mm at the bottom; the lower border is concave
        // (the greater sciatic notch, ~12 mm deep) [R: Gray's; P: sizes].
        const float thick = k * lerp(32.0f, 20.0f, c.z / (70.0f * k));
        const float tu = std::clamp((c.y + 14.0f * k) / (g.dorsal(c.z) + 12.0f * k), 0.0f, 1.0f);
        const float bottom = k * (70.0f - 48.0f * tu * (1.0f - tu));
        float mass = sdf::smax(0.5f * g.si_gap - dsi, dsi - (0.5f * g.si_gap + thick), 8.0f * k);
        mass =
            sdf::smax(mass, sdf::smax(-14.0f * k - c.y, c.y - (g.dorsal(c.z) - 2.0f * k), 8.0f * k),
                      8.0f * k);
        mass = sdf::smax(mass, sdf::smax(top - c.z, c.z - bottom, 8.0f * k), 8.0f * k);
        mass = side * c.x < 0.0f ? 1e3f : mass;
        float d = sdf::smin(wing, crest, 4.0f);
        d = sdf::smin(d, body, 10.0f);
        d = sdf::smin(d, mass, 10.0f);
        // Lateral of the joint plane (by half the joint space).
        return side * c.x < 0.0f ? std::max(d, 5.0f) : std::max(d, 0.5f * g.si_gap - dsi);
    };
    Aabb box = sdf::make_box({side * 25.0f * k, -75.0f * k, -130.0f * k},
                             {side * 130.0f * k, 90.0f * k, 62.0f * k});
    return {f, box};
}

sdf::Shape si_joint_shape(const SacrumGeometry& g, int side) {
    auto f = [g, side](const glm::vec3& p) {
        const glm::vec3 c = g.curvilinear(p);
        if (side * c.x < 0.0f) return 10.0f;
        // Fills the joint space inside the auricular outline, 0.4 mm clear of both bones.
        return std::max({std::abs(g.si_distance(c)) - (0.5f * g.si_gap - 0.4f), g.auricular(c),
                         std::abs(c.x) - g.half_width(c.z) + 1.0f,
                         sacrum_ala_top(g, std::abs(c.x)) + 1.0f - c.z});
    };
    Aabb box;
    for (float s : {0.0f, 65.0f})
        for (float u : {-10.0f, 34.0f})
            box.grow(g.world({side * g.si_x(u * g.size, s * g.size), u * g.size, s * g.size}));
    return {f, sdf::padded(box, 6.0f)};
}

}  // namespace fluorosim
