#include "core/anatomy/vertebra_shape.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace fluorosim {
namespace {

constexpr float kDeg = 0.017453292519943295f;

}  // namespace

// Kidney-shaped body cross-section: elliptical in front, squarer behind with a shallow
// posterior concavity (the anterior canal wall) [R: Panjabi 1992 shape; P: 1.5 mm concavity].
float body_section(const glm::vec2& q, float w, float d) {
    float s;
    if (q.y < 0.0f) {
        s = sdf::ellipse2(q, {0.5f * w, 0.5f * d});
    } else {
        const float r = 0.3f * w;
        const glm::vec2 b = glm::abs(q) - glm::vec2(0.5f * w, 0.5f * d) + glm::vec2(r);
        s = glm::length(glm::max(b, glm::vec2(0.0f))) + std::min(std::max(b.x, b.y), 0.0f) - r;
    }
    const float rc = 0.45f * w;
    const float concave = glm::length(q - glm::vec2(0.0f, 0.5f * d + rc - 1.5f)) - rc;
    return std::max(s, -concave);
}

namespace {

// Joint-local curvilinear coordinates: radial distance beyond the joint surface (toward the
// SAP side positive), arc length along the surface, height along the axis.
glm::vec3 joint_coords(const FacetJointLayout& j, const glm::vec3& p) {
    const glm::vec3 q = j.frame.to_local(p);  // x tangent, y normal (toward IAP), z axis
    const glm::vec2 from_axis(q.x, q.y - j.radius);
    const float rho = glm::length(from_axis);
    const float angle = std::atan2(from_axis.x, -from_axis.y);
    return {rho - j.radius, angle * j.radius, q.z};
}

}  // namespace

// The articular area plus 2-4 mm around it, on one side of the joint surface.
float joint_region(const FacetJointLayout& j, const glm::vec3& c, float radial_centre) {
    return sdf::round_box(c - glm::vec3(radial_centre, 0.0f, 0.0f),
                          {7.0f, j.half_width + 2.0f, j.half_height + 4.0f}, 1.0f);
}

float clear_joint_for_lower(const FacetJointLayout& j, const glm::vec3& p, float d) {
    const glm::vec3 c = joint_coords(j, p);
    return std::max(d, std::min(-joint_region(j, c, -5.0f), 0.5f * j.gap - c.x));
}

float clear_joint_for_upper(const FacetJointLayout& j, const glm::vec3& p, float d) {
    const glm::vec3 c = joint_coords(j, p);
    return std::max(d, std::min(-joint_region(j, c, 5.0f), c.x + 0.5f * j.gap));
}

LaminaEdge lamina_edge(const VertebraLayout& v, bool bottom) {
    const VertebraGeometry g = vertebra_geometry(v);
    const float z = bottom ? g.lamina_bottom : g.lamina_top;
    // The lamina is sheared back 0.15 mm per mm downward (see vertebra_shape).
    const glm::vec3 shift(0.0f, -0.15f * z, z);
    LaminaEdge e;
    for (int s = 0; s < 2; ++s)
        e.lateral[s] =
            v.frame.to_world(glm::vec3(g.lamina_lateral[s].x, g.lamina_lateral[s].y, 0.0f) + shift);
    e.midline = v.frame.to_world(glm::vec3(0.0f, g.lamina_midline.y, 0.0f) + shift);
    return e;
}

namespace {

// A plate on one side of the joint surface in joint coordinates: articular face on the
// surface (radial offset `face`, growing away from it by `sign`), from z0 to z1. Thickness t and
// half-width w are nominal from the root end up to the joint centre (z = 0) and change
// linearly from there to t_end, w_end at the free end (z1 when `free_top`, else z0). Bound with
// a gradient norm close to 1 (the extents change by < 0.35 mm per mm).
float articular_plate(const glm::vec3& c, float face, float sign, float z0, float z1, bool free_top,
                      float t, float t_end, float w, float w_end, float r) {
    const float s = free_top ? std::clamp(c.z / z1, 0.0f, 1.0f) : std::clamp(c.z / z0, 0.0f, 1.0f);
    const float tt = t + (t_end - t) * s, ww = w + (w_end - w) * s;
    const glm::vec3 centre(face + sign * 0.5f * tt, 0.0f, 0.5f * (z0 + z1));
    const float rr = std::min(r, 0.5f * tt - 0.1f);
    return sdf::round_box(c - centre, {0.5f * tt, ww, 0.5f * (z1 - z0)}, rr);
}

}  // namespace

// SAP, the Scotty dog's "ear": above the joint centre it thins and narrows to a pointed tip
// 1 mm above the articular area, so in the oblique the ear stops short of the pars of the level
// above (it sits in front of it, under the pedicle) instead of merging with it into one column
// [R: lumbar SAP is a tapering process; P: taper ratios].
float sap_field(const FacetJointLayout& j, const glm::vec3& p) {
    const glm::vec3 c = joint_coords(j, p);
    const float t = j.sap_thickness;
    // From the pillar (6 mm below the articular surface) to 1 mm above it.
    const float z0 = -j.half_height - 6.0f, z1 = j.half_height + 1.0f;
    return articular_plate(c, 0.5f * j.gap, 1.0f, z0, z1, true, t, 0.55f * t, j.half_width,
                           j.half_width - 3.0f, 2.0f);
}

// IAP, the "front leg": hangs from the pars and tapers below the joint centre to its foot.
float iap_field(const FacetJointLayout& j, const glm::vec3& p) {
    const glm::vec3 c = joint_coords(j, p);
    const float t = j.iap_thickness;
    // The foot ends 2.5 mm under the articular area, clear of the lower level's pedicle.
    const float z0 = -j.half_height - 2.5f, z1 = j.half_height + 8.0f;
    // As wide as the articular area plus 0.5 mm (the leg is seen along its width in the
    // oblique, as dense as the ear it meets), narrowing to half of it at the foot: the rounded,
    // downward-pointing leg [R: Gray's lumbar IAP; P: taper ratio].
    return articular_plate(c, -0.5f * j.gap, -1.0f, z0, z1, false, t, 0.7f * t, j.half_width + 0.5f,
                           std::max(3.0f, 0.5f * j.half_width), 2.5f);
}

ParsAxis pars_axis(const FacetJointLayout& j, const VertebraLayout& upper, const VertebraGeometry& g) {
    const int s = j.side > 0 ? 0 : 1;
    ParsAxis a;
    // Strut from the IAP's top up into the pillar / lamina corner under the pedicle.
    a.iap_end = j.frame.to_world({0.0f, 0.5f * j.gap + 0.5f * j.iap_thickness, j.half_height + 4.0f});
    a.pillar_end = upper.frame.to_world(g.pillar[s] + glm::vec3(0, 2.0f, -0.3f * g.pedicle_h));
    a.middle = 0.5f * (a.iap_end + a.pillar_end);
    return a;
}

VertebraGeometry vertebra_geometry(const VertebraLayout& v) {
    const LevelDimensions& d = v.dims;
    VertebraGeometry g;
    g.depth = d.body_depth;
    g.width = d.body_width;
    g.h_ant = v.height_anterior;
    g.h_post = v.height_posterior;
    g.pedicle_w = d.pedicle_width;
    g.pedicle_h = d.pedicle_height;
    const float pa = d.pedicle_angle_deg * kDeg;
    // Pedicles arise from the upper posterior body, their top ~1.5 mm under the endplate.
    const float zp = 0.5f * g.h_post - 0.5f * d.pedicle_height - 1.5f;
    const float y_back_wall = 0.5f * d.body_depth;
    for (int s = 0; s < 2; ++s) {
        const float side = s == 0 ? 1.0f : -1.0f;
        // The medial wall crosses y = back wall + 2 mm at x = canal_width / 2.
        const glm::vec3 ref(side * (0.5f * d.canal_width + 0.5f * d.pedicle_width / std::cos(pa)),
                            y_back_wall + 2.0f, zp);
        const glm::vec3 ant(-side * std::sin(pa), -std::cos(pa), 0.0f);
        const float back_len = std::max(2.0f, 0.55f * d.canal_depth - 2.0f) / std::cos(pa);
        g.pedicle_back[s] = ref - ant * back_len;
        g.pedicle_front[s] = ref + ant * 10.0f;
        g.pedicle_centre[s] = ref - ant * (0.5f * back_len - 1.0f);
        g.pillar[s] =
            glm::vec3(g.pedicle_back[s].x, y_back_wall + 0.75f * d.canal_depth, zp - 1.0f);
        g.lamina_lateral[s] = glm::vec3(side * (0.5f * d.canal_width + 0.3f * d.pedicle_width),
                                        y_back_wall + 0.8f * d.canal_depth, 0.0f);
        // Transverse process from the pedicle-pillar junction, slightly backward and up.
        g.tp_root[s] = glm::vec3(side * (0.5f * d.canal_width + 0.6f * d.pedicle_width),
                                 y_back_wall + 0.55f * d.canal_depth, zp - 1.0f);
        g.tp_tip[s] = glm::vec3(side * 0.5f * d.tp_span, y_back_wall + 0.55f * d.canal_depth + 3.0f,
                                zp + 1.0f);
    }
    g.lamina_midline = glm::vec3(0.0f, y_back_wall + d.canal_depth + g.lamina_half_thickness, 0.0f);
    g.lamina_top = 0.5f * g.h_post - 4.0f;
    g.lamina_bottom = -0.5f * g.h_post - 0.45f * v.disc_below;
    g.sp_base = glm::vec3(0.0f, y_back_wall + d.canal_depth + 3.0f, -2.0f);
    g.sp_tip = glm::vec3(0.0f, y_back_wall + d.sp_length, -7.0f);
    g.sp_tip_half_height = 0.5f * d.sp_height;
    const bool l5_like = d.name == "L5" || d.name == "L6";
    g.tp_half_height = l5_like ? 8.0f : 6.0f;  // L5 TP stout [R: Gray's]
    g.tp_half_thickness = l5_like ? 4.5f : 3.0f;
    return g;
}

float vertebral_body_field(const VertebraLayout& v, const VertebraGeometry& g, const glm::vec3& q) {
    // Heights vary linearly front to back (wedge); 1 mm central endplate concavity and a 1.5 mm
    // waist at mid-height [P: typical radiographic contour].
    const float tpos = std::clamp((q.y + 0.5f * g.depth) / g.depth, 0.0f, 1.0f);
    const float h = g.h_ant + (g.h_post - g.h_ant) * tpos;
    const float r2 = std::min(1.0f, (q.x * q.x) / (0.25f * g.width * g.width) +
                                        (q.y * q.y) / (0.25f * g.depth * g.depth));
    const float cup = kEndplateCup * (1.0f - r2);
    const float zz = std::abs(q.z) + cup;
    const float waist = 1.5f * std::max(0.0f, 1.0f - (2.0f * q.z / h) * (2.0f * q.z / h));
    const float d2 = body_section({q.x, q.y}, g.width, g.depth) + waist;
    (void)v;
    return sdf::extrude(d2, zz, 0.5f * h, 2.0f);
}

float pedicle_wall_field(const VertebraLayout& v, const VertebraGeometry& g, const glm::vec3& p) {
    const glm::vec3 q = v.frame.to_local(p);
    const float y_back_wall = 0.5f * g.depth;
    float out = -1e9f;
    for (int s = 0; s < 2; ++s) {
        const glm::vec3 axis = glm::normalize(g.pedicle_front[s] - g.pedicle_back[s]);
        const glm::vec3 side_dir = glm::normalize(glm::cross(glm::vec3(0, 0, 1), axis));
        const glm::vec3 rel = q - g.pedicle_back[s];
        const float u = glm::dot(rel, axis);
        // Where the axis crosses the body's back wall, plus 3 mm.
        const float u_hi = (y_back_wall - g.pedicle_back[s].y) / axis.y + 3.0f;
        const glm::vec2 sec(glm::dot(rel, side_dir), rel.z);
        const glm::vec2 outer(0.5f * g.pedicle_w, 0.5f * g.pedicle_h);
        const float inner = sdf::ellipse2(sec, glm::max(outer - glm::vec2(kPedicleWall), 1.2f));
        const float near_tube = 1.0f - sdf::ellipse2(sec, outer);
        out = std::max(out, std::min({inner, near_tube, u + 1.0f, u_hi - u}));
    }
    return out;
}

float cortical_only_field(const VertebraLayout& v, const VertebraGeometry& g, const glm::vec3& p) {
    const glm::vec3 q = v.frame.to_local(p);
    // Behind the pedicles' back ends (1 mm margin) but off the midline (the spinous process
    // keeps its cancellous core: seen end-on in AP it is a moderate, not a solid, density),
    // and lateral of the TP roots.
    const float arch = std::min(q.y - (std::min(g.pedicle_back[0].y, g.pedicle_back[1].y) - 1.0f),
                                std::abs(q.x) - 6.0f);
    const float tps = std::abs(q.x) - (std::abs(g.tp_root[0].x) + 2.0f);
    return std::max({pedicle_wall_field(v, g, p), arch, tps});
}

sdf::Shape vertebra_shape(const SpineLayout& layout, int index) {
    const VertebraLayout v = layout.vertebrae[index];
    const VertebraGeometry g = vertebra_geometry(v);
    std::vector<FacetJointLayout> sap_joints, iap_joints;
    for (const auto& j : layout.facets) {
        if (j.lower == index) sap_joints.push_back(j);
        if (j.upper == index) iap_joints.push_back(j);
    }
    // Pillar tops where the IAPs hang from (for the strut joining IAP and lamina).
    const bool thoracic = v.name == "T12";
    auto f = [v, g, sap_joints, iap_joints, thoracic](const glm::vec3& p) {
        const glm::vec3 q = v.frame.to_local(p);
        float d = vertebral_body_field(v, g, q);
        for (int s = 0; s < 2; ++s) {
            // Pedicle: elliptic section (width x height) swept along its axis.
            const glm::vec3 axis = glm::normalize(g.pedicle_front[s] - g.pedicle_back[s]);
            const glm::vec3 side_dir = glm::normalize(glm::cross(glm::vec3(0, 0, 1), axis));
            const glm::vec3 rel = q - g.pedicle_back[s];
            const float len = glm::length(g.pedicle_front[s] - g.pedicle_back[s]);
            const float u = glm::dot(rel, axis);
            const float e = sdf::ellipse2({glm::dot(rel, side_dir), rel.z},
                                          {0.5f * g.pedicle_w, 0.5f * g.pedicle_h});
            const float ped = sdf::extrude(e, u - 0.5f * len, 0.5f * len, 1.0f);
            d = sdf::smin(d, ped, 1.2f);
            // Articular pillar: the block joining pedicle, lamina, TP and the processes.
            const float pil = sdf::round_box(q - g.pillar[s],
                                             {0.4f * g.pedicle_w, 5.0f, 0.5f * g.pedicle_h}, 2.5f);
            d = sdf::smin(d, pil, 2.0f);
            // Lamina: a 6 mm plate from the pillar to the midline, shingled (lower edge ~0.15
            // mm further back per mm down) [P].
            {
                const glm::vec3 qs(q.x, q.y + 0.15f * q.z, q.z);
                const glm::vec3 a = g.lamina_lateral[s], b = g.lamina_midline;
                const glm::vec3 along = glm::normalize(glm::vec3(b.x - a.x, b.y - a.y, 0.0f));
                const glm::vec3 across = glm::vec3(-along.y, along.x, 0.0f);
                const glm::vec3 c(0.5f * (a.x + b.x), 0.5f * (a.y + b.y),
                                  0.5f * (g.lamina_top + g.lamina_bottom));
                const float half_len = 0.5f * glm::length(glm::vec2(b.x - a.x, b.y - a.y)) + 2.0f;
                const float lam = sdf::oriented_box(
                    qs, c, along, across, {0, 0, 1},
                    {half_len, g.lamina_half_thickness, 0.5f * (g.lamina_top - g.lamina_bottom)},
                    0.95f * g.lamina_half_thickness);
                d = sdf::smin(d, lam, 3.0f);
            }
            // Transverse process, the Scotty dog's "nose": a flat (coronal) process with an
            // elliptic section, tall at its root and tapering to a rounded tip [R: Gray's; P:
            // root/tip ratio ~2:1] (T12: a short stub, the rib carries on).
            {
                const glm::vec3 a = g.tp_root[s];
                glm::vec3 b = g.tp_tip[s];
                if (thoracic) b = a + 0.5f * (b - a);
                const glm::vec3 along = glm::normalize(b - a);
                const glm::vec3 across = glm::normalize(glm::cross(glm::vec3(0, 0, 1), along));
                const glm::vec3 up = glm::cross(along, across);
                const float tlen = glm::length(b - a);
                const glm::vec3 tr = q - a;
                const float tu = glm::dot(tr, along);
                const float t = std::clamp(tu / tlen, 0.0f, 1.0f);
                const float hh = g.tp_half_height * (1.0f - 0.5f * t);
                const float ht = g.tp_half_thickness * (1.0f - 0.3f * t);
                // Flat above and below (a plate with rounded edges, not an ellipse): the beam
                // crosses the same thickness over most of its height, so its upper and lower
                // borders are crisp lines in AP and oblique views as on real films.
                const float te = sdf::round_rect2({glm::dot(tr, across), glm::dot(tr, up)},
                                                  {ht, hh}, 0.8f * ht);
                // Rounded tip (the dog's "nose"): the last `ra` mm are an ellipsoid over the
                // tip's section, ending where the process ends (the span stays the table's).
                const float ra = 0.6f * g.tp_half_height;
                const float body_len = tlen - ra;
                const float tp = sdf::extrude(te, tu - 0.5f * body_len, 0.5f * body_len,
                                              std::min(2.0f, 0.9f * ht));
                const glm::vec3 tl(tu - body_len, glm::dot(tr, across), glm::dot(tr, up));
                const float tip =
                    sdf::ellipsoid(tl, {ra, 0.7f * g.tp_half_thickness, 0.5f * g.tp_half_height});
                d = sdf::smin(d, sdf::smin(tp, tip, 1.5f), 2.0f);
            }
        }
        // Spinous process: tapered in height from base to tip, 7 mm wide.
        {
            const glm::vec3 a = g.sp_base, b = g.sp_tip;
            const glm::vec3 along = glm::normalize(b - a);
            const glm::vec3 up = glm::normalize(glm::cross(along, glm::vec3(1, 0, 0)));
            const float half_len = 0.5f * glm::length(b - a);
            const float t = std::clamp(glm::dot(q - a, along) / (2.0f * half_len), 0.0f, 1.0f);
            const float hh =
                g.sp_base_half_height + (g.sp_tip_half_height - g.sp_base_half_height) * t;
            const float sp = sdf::oriented_box(q, 0.5f * (a + b), along, {1, 0, 0}, up,
                                               {half_len, 3.5f, hh}, 2.5f);
            d = sdf::smin(d, sp, 6.0f);  // broad lamina-spinous junction
        }
        // Articular processes in world coordinates (their joints span two vertebrae).
        for (const auto& j : sap_joints) d = sdf::smin(d, sap_field(j, p), 2.0f);
        for (const auto& j : iap_joints) {
            float ia = iap_field(j, p);
            // Waisted: 4.5 mm at the IAP, 4 mm at the pillar, 3.2 mm at its middle, so its lateral
            // edge is concave under the TP yet the compact neck reads as clearly as the ear in
            // the oblique [R: pars is the narrowest part of the neural arch, ~6-8 mm wide; P:
            // radii].
            const ParsAxis a = pars_axis(j, v, g);
            const float pars = std::min(sdf::capsule(p, a.iap_end, a.middle, 4.5f, 3.2f),
                                        sdf::capsule(p, a.middle, a.pillar_end, 3.2f, 4.0f));
            ia = sdf::smin(ia, pars, 2.0f);
            d = sdf::smin(d, ia, 2.0f);
        }
        for (const auto& j : sap_joints) d = clear_joint_for_lower(j, p, d);
        for (const auto& j : iap_joints) d = clear_joint_for_upper(j, p, d);
        return d;
    };
    // Bounding box: body frame extents (TP span, SP length, processes reach ~25 mm up/down).
    const LevelDimensions& dm = v.dims;
    const float rx = 0.5f * dm.tp_span + 6.0f;
    const float zr =
        0.5f * std::max(g.h_ant, g.h_post) + std::max(v.disc_below, v.disc_above) + 22.0f;
    Aabb box;
    for (int c = 0; c < 8; ++c) {
        const glm::vec3 local(
            (c & 1) ? rx : -rx,
            (c & 2) ? 0.5f * dm.body_depth + dm.sp_length + 6.0f : -0.5f * dm.body_depth - 6.0f,
            (c & 4) ? zr : -zr);
        box.grow(v.frame.to_world(local));
    }
    return {f, box};
}

}  // namespace fluorosim
