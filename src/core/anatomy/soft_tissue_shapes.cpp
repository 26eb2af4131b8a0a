#include "core/anatomy/soft_tissue_shapes.hpp"

#include <algorithm>
#include <cmath>

namespace fluorosim {
namespace {

Aabb box_of(const std::vector<glm::vec3>& pts, float pad) {
    Aabb b;
    for (const auto& p : pts) b.grow(p);
    return sdf::padded(b, pad);
}

glm::vec3 local_to_world(const VertebraLayout& v, glm::vec3 q) { return v.frame.to_world(q); }

}  // namespace

sdf::Shape tube(const std::vector<glm::vec3>& pts, const std::vector<float>& r) {
    auto f = [pts, r](const glm::vec3& p) {
        float d = 1e9f;
        for (std::size_t i = 0; i + 1 < pts.size(); ++i) d = std::min(d, sdf::capsule(p, pts[i], pts[i + 1], r[i], r[i + 1]));
        return d;
    };
    return {f, box_of(pts, *std::max_element(r.begin(), r.end()) + 2.0f)};
}

sdf::Shape elliptic_tube(const std::vector<glm::vec3>& pts, const std::vector<float>& lat, const std::vector<float>& ap) {
    auto f = [pts, lat, ap](const glm::vec3& p) {
        float d = 1e9f;
        for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
            const glm::vec3 a = pts[i], b = pts[i + 1], ab = b - a;
            const float len = glm::length(ab);
            const glm::vec3 along = ab / len;
            const float tt = glm::dot(p - a, along) / len;
            const float t = std::clamp(tt, 0.0f, 1.0f);
            const glm::vec3 x_axis = glm::normalize(glm::vec3(1, 0, 0) - along * along.x);
            const glm::vec3 y_axis = glm::cross(along, x_axis);
            const glm::vec3 r = p - (a + ab * t);
            const float e = sdf::ellipse2({glm::dot(r, x_axis), glm::dot(r, y_axis)},
                                          {lat[i] + (lat[i + 1] - lat[i]) * t, ap[i] + (ap[i + 1] - ap[i]) * t});
            const float excess = (tt < 0.0f ? -tt : (tt > 1.0f ? tt - 1.0f : 0.0f)) * len;
            const float di = excess > 0.0f ? glm::length(glm::vec2(std::max(e, 0.0f), excess)) : e;
            d = std::min(d, di);
        }
        return d;
    };
    float m = 0.0f;
    for (std::size_t i = 0; i < lat.size(); ++i) m = std::max({m, lat[i], ap[i]});
    return {f, box_of(pts, m + 2.0f)};
}

NeuralGeometry neural_geometry(const SpineLayout& L, const SacrumGeometry& sg) {
    // Dural sac ~16 x 11 mm (width x AP) [R: clinical.md 2.3 "~15 mm"], its front 1.5 mm
    // behind the vertebral bodies so the dorsal epidural space keeps ~4 mm [R: 4-6 mm L3-5].
    NeuralGeometry n;
    auto add = [&](glm::vec3 p, float lat, float ap) {
        n.sac_centre.push_back(p);
        n.sac_lateral.push_back(lat);
        n.sac_ap.push_back(ap);
    };
    const auto& top = L.vertebrae.front();
    add(local_to_world(top, {0, 0.5f * top.dims.body_depth + 7.0f, 0.5f * top.height_posterior + 45.0f}), 7.0f, 5.5f);
    for (std::size_t i = 0; i < L.vertebrae.size(); ++i) {
        const auto& v = L.vertebrae[i];
        if (v.fused_to_sacrum) break;
        add(local_to_world(v, {0, 0.5f * v.dims.body_depth + 7.0f, 0.0f}), 8.0f, 5.5f);
        add(local_to_world(v, {0, 0.5f * v.dims.body_depth + 7.0f, -0.5f * v.height_posterior - 0.5f * v.disc_below}), 8.0f, 5.5f);
    }
    // Into the sacral canal, ending at S2 [R].
    add(sg.world({0, sg.canal_u(8.0f), 8.0f}), 6.5f, 4.5f);
    add(sg.world({0, sg.canal_u(25.0f), 25.0f}), 4.5f, 3.5f);
    add(sg.world({0, sg.canal_u(42.0f), 42.0f}), 1.2f, 1.2f);
    // Conus medullaris at the L1-L2 disc [S: brief; R: adult conus L1-L2].
    const int l1 = L.index_of("L1");
    const auto& v1 = L.vertebrae[l1];
    n.conus_tip = local_to_world(v1, {0, 0.5f * v1.dims.body_depth + 6.0f, -0.5f * v1.height_posterior - 0.5f * v1.disc_below});
    return n;
}

sdf::Shape disc_shape(const SpineLayout& L, const DiscLayout& d) {
    // The disc fills the space between the endplates, bulging ~1 mm beyond the body outline;
    // it is cut back from the bones by the assembly.
    const auto& up = L.vertebrae[d.upper];
    const float w = up.dims.body_width + 2.0f, depth = up.dims.body_depth + 2.0f;
    const sdf::Frame fr = d.frame;
    const float half_h = 0.5f * d.height + 0.5f;
    auto f = [fr, w, depth, half_h](const glm::vec3& p) {
        const glm::vec3 q = fr.to_local(p);
        return sdf::extrude(body_section({q.x, q.y}, w, depth), q.z, half_h, 1.0f);
    };
    Aabb box;
    for (int c = 0; c < 8; ++c)
        box.grow(fr.to_world({(c & 1) ? 0.5f * w : -0.5f * w, (c & 2) ? 0.5f * depth : -0.5f * depth, (c & 4) ? half_h : -half_h}));
    return {f, sdf::padded(box, 3.0f)};
}

sdf::Field nucleus_field(const SpineLayout& L, const DiscLayout& d) {
    // Nucleus pulposus: ellipsoid slightly posterior of centre, ~40% of the disc's width and
    // depth [R]; degeneration shrinks it.
    const auto& up = L.vertebrae[d.upper];
    const float k = 1.0f - 0.4f * d.degeneration;
    const glm::vec3 radii(0.22f * up.dims.body_width * k, 0.2f * up.dims.body_depth * k, 0.38f * d.height);
    const sdf::Frame fr = d.frame;
    return [fr, radii](const glm::vec3& p) { return sdf::ellipsoid(fr.to_local(p) - glm::vec3(0, 2.0f, 0), radii); };
}

sdf::Shape dural_sac_shape(const NeuralGeometry& n) { return elliptic_tube(n.sac_centre, n.sac_lateral, n.sac_ap); }

sdf::Shape cauda_equina_shape(const SpineLayout& L, const NeuralGeometry& n, const SacrumGeometry& sg) {
    // Cord (radius 4 mm, tapering to the conus) and the roots of the cauda equina (radius
    // 1.2 mm) leaving the conus for their foramina; prone, they lie in the dependent (anterior)
    // half of the sac [R].
    std::vector<std::vector<glm::vec3>> strands;
    std::vector<std::vector<float>> radii;
    const glm::vec3 top = n.sac_centre.front() - glm::vec3(0, 1.0f, 0);
    const glm::vec3 conus_base = n.conus_tip + (top - n.conus_tip) * (18.0f / glm::length(top - n.conus_tip));
    strands.push_back({top, conus_base, n.conus_tip});
    radii.push_back({4.0f, 3.5f, 1.0f});
    int order = 0;
    for (std::size_t i = 0; i < L.vertebrae.size(); ++i) {
        const auto& v = L.vertebrae[i];
        if (v.name == "T12" || v.name == "L1" || v.fused_to_sacrum) continue;
        for (int side : {1, -1}) {
            const glm::vec3 exit = local_to_world(v, {side * 6.0f, 0.5f * v.dims.body_depth + 6.0f, 0.5f * v.height_posterior + 2.0f});
            const glm::vec3 mid = local_to_world(v, {side * 3.5f, 0.5f * v.dims.body_depth + 5.5f + 0.4f * (order % 3), 0.5f * v.height_posterior + 16.0f});
            strands.push_back({n.conus_tip, mid, exit});
            radii.push_back({1.1f, 1.2f, 1.2f});
        }
        ++order;
    }
    // S1 roots and the filum terminale to the end of the sac.
    for (int side : {1, -1}) {
        strands.push_back({n.conus_tip, sg.world({side * 3.0f, sg.canal_u(-10.0f) - 1.0f, -10.0f}), sg.world({side * 4.5f, sg.canal_u(6.0f) - 0.5f, 6.0f})});
        radii.push_back({1.1f, 1.3f, 1.3f});
    }
    strands.push_back({n.conus_tip, sg.world({0, sg.canal_u(36.0f), 36.0f})});
    radii.push_back({0.8f, 0.8f});
    std::vector<sdf::Shape> parts;
    for (std::size_t i = 0; i < strands.size(); ++i) parts.push_back(tube(strands[i], radii[i]));
    Aabb box;
    for (const auto& s : parts) box.grow(s.box);
    auto f = [parts](const glm::vec3& p) { return sdf::union_culled(parts, p); };
    return {f, box};
}

RootPath exiting_root_path(const SpineLayout& L, const SacrumGeometry& sg, int index, int side) {
    RootPath r;
    if (index < 0) {
        // S1: down the sacral canal, out through the S1 ventral foramen.
        const float s1 = sg.foramen_s(1);
        r.points = {sg.world({side * 6.0f, sg.canal_u(2.0f), 2.0f}), sg.world({side * 8.5f, sg.canal_u(s1 - 8.0f), s1 - 8.0f}),
                    sg.world({side * 11.0f, sg.canal_u(s1), s1}), sg.world({side * 21.0f, sg.ventral(s1) - 6.0f, s1 + 4.0f}),
                    sg.world({side * 32.0f, sg.ventral(s1) - 20.0f, s1 + 16.0f})};
        r.radii = {2.2f, 2.4f, 3.2f, 2.8f, 2.8f};
        return r;
    }
    // Under the pedicle and out through the upper foramen, infero-laterally [S: clinical.md
    // 2.3 "exiting nerve runs in the superior foramen just under the pedicle"]. Root ~5 mm,
    // DRG ~8 x 6 mm in the foramen [R].
    const auto& v = L.vertebrae[index];
    const VertebraGeometry g = vertebra_geometry(v);
    const int s = side > 0 ? 0 : 1;
    const float yb = 0.5f * v.dims.body_depth;
    const float ped_bottom = g.pedicle_centre[s].z - 0.5f * g.pedicle_h;
    const float cw = 0.5f * v.dims.canal_width;
    r.points = {local_to_world(v, {side * 5.0f, yb + 6.0f, ped_bottom + 12.0f}),
                local_to_world(v, {side * (cw - 1.0f), yb + 4.0f, ped_bottom - 1.5f}),
                local_to_world(v, {side * (cw + 0.6f * g.pedicle_w), yb + 3.0f, ped_bottom - 5.0f}),
                local_to_world(v, {side * (cw + g.pedicle_w + 6.0f), yb - 3.0f, ped_bottom - 14.0f}),
                local_to_world(v, {side * (cw + g.pedicle_w + 24.0f), yb - 14.0f, ped_bottom - 34.0f})};
    r.radii = {2.2f, 2.4f, 3.8f, 2.6f, 2.6f};
    return r;
}

FlavumGeometry flavum_geometry(const SpineLayout& L, const SacrumGeometry& sg, int upper, int lower) {
    // Between the upper lamina's lower edge and the lower lamina's upper edge (the sacral arch
    // ~6 mm below the S1 endplate for L5-S1), filling the interlaminar gap and tucking 4 mm
    // under each lamina; 5 mm thick [R: 3-6 mm], its front flush with the laminae's fronts.
    FlavumGeometry fg;
    const LaminaEdge up = lamina_edge(L.vertebrae[upper], true);
    LaminaEdge lo;
    if (lower >= 0) {
        lo = lamina_edge(L.vertebrae[lower], false);
    } else {
        const float s = 6.0f, u = sg.canal_u(s) + sg.canal_half_depth(s) + 3.0f;
        const float x = 0.5f * L.s1.canal_width;
        lo.lateral = {sg.world({x, u, s}), sg.world({-x, u, s})};
        lo.midline = sg.world({0.0f, u, s});
    }
    for (int s = 0; s < 2; ++s) {
        fg.upper_lateral[s] = up.lateral[s];
        fg.lower_lateral[s] = lo.lateral[s];
    }
    fg.upper_mid = up.midline;
    fg.lower_mid = lo.midline;
    return fg;
}

glm::vec3 FlavumGeometry::point(int side, float along, float down, float depth) const {
    const int s = side > 0 ? 0 : 1;
    const glm::vec3 top = upper_mid + (upper_lateral[s] - upper_mid) * along;
    const glm::vec3 bottom = lower_mid + (lower_lateral[s] - lower_mid) * along;
    const glm::vec3 p = top + (bottom - top) * down;
    // Depth: toward the canal (anterior) along the plate normal.
    const glm::vec3 w = glm::normalize(bottom - top);
    glm::vec3 lat = upper_lateral[s] - upper_mid;
    glm::vec3 n = glm::normalize(glm::cross(w, lat));
    if (n.y > 0.0f) n = -n;
    return p + n * depth;
}

sdf::Shape ligamentum_flavum_shape(const FlavumGeometry& fg) {
    std::vector<sdf::Shape> halves;
    for (int s = 0; s < 2; ++s) {
        const glm::vec3 mid_c = 0.5f * (fg.upper_mid + fg.lower_mid);
        const glm::vec3 lat_c = 0.5f * (fg.upper_lateral[s] + fg.lower_lateral[s]);
        const glm::vec3 along = glm::normalize(lat_c - mid_c);
        glm::vec3 w = 0.5f * (fg.upper_mid + fg.upper_lateral[s]) - 0.5f * (fg.lower_mid + fg.lower_lateral[s]);
        const float wlen = glm::length(w);
        w /= wlen;
        const glm::vec3 across = glm::normalize(glm::cross(along, w));
        w = glm::cross(across, along);
        const float hl = 0.5f * glm::length(lat_c - mid_c);
        // Centre 1 mm in front of the lamina centre line: front flush with the lamina fronts.
        glm::vec3 front = across.y > 0.0f ? -across : across;
        const glm::vec3 c = 0.5f * (mid_c + lat_c) + front * 1.0f;
        const glm::vec3 half(hl + 1.0f, 2.5f, 0.5f * wlen + 4.0f);
        auto f = [c, along, across, w, half](const glm::vec3& p) { return sdf::oriented_box(p, c, along, across, w, half, 1.0f); };
        Aabb box;
        for (int k = 0; k < 8; ++k)
            box.grow(c + along * ((k & 1) ? half.x : -half.x) + across * ((k & 2) ? half.y : -half.y) + w * ((k & 4) ? half.z : -half.z));
        halves.push_back({f, sdf::padded(box, 1.0f)});
    }
    Aabb box = halves[0].box;
    box.grow(halves[1].box);
    return {[halves](const glm::vec3& p) { return sdf::union_culled(halves, p); }, box};
}

sdf::Shape interspinous_shape(const SpineLayout& L, int upper, int lower) {
    const auto& lo = L.vertebrae[lower];
    const auto& up = L.vertebrae[upper];
    const VertebraGeometry g = vertebra_geometry(lo);
    const glm::vec3 tip_up = lo.frame.to_local(up.frame.to_world(vertebra_geometry(up).sp_tip));
    const float y0 = g.lamina_midline.y + 2.0f, y1 = std::min(g.sp_tip.y, tip_up.y);
    const float z0 = g.sp_tip.z, z1 = tip_up.z;
    const sdf::Frame fr = lo.frame;
    auto f = [fr, y0, y1, z0, z1](const glm::vec3& p) {
        const glm::vec3 q = fr.to_local(p);
        return sdf::round_box(q - glm::vec3(0, 0.5f * (y0 + y1), 0.5f * (z0 + z1)), {2.5f, 0.5f * (y1 - y0), 0.5f * (z1 - z0)}, 1.0f);
    };
    Aabb box;
    for (int c = 0; c < 8; ++c) box.grow(fr.to_world({(c & 1) ? 3.0f : -3.0f, (c & 2) ? y1 : y0, (c & 4) ? z1 : z0}));
    return {f, sdf::padded(box, 3.0f)};
}

sdf::Shape supraspinous_shape(const SpineLayout& L, const SacrumGeometry& sg) {
    std::vector<glm::vec3> pts;
    for (const auto& v : L.vertebrae) {
        const VertebraGeometry g = vertebra_geometry(v);
        pts.push_back(v.frame.to_world(g.sp_tip + glm::vec3(0, 4.0f, 0)));
    }
    pts.push_back(sg.world({0, sg.dorsal(12.0f) + 6.0f, 12.0f}));
    return tube(pts, std::vector<float>(pts.size(), 2.5f));
}

sdf::Shape facet_capsule_shape(const FacetJointLayout& j) {
    const sdf::Frame fr = j.frame;
    const glm::vec3 radii(j.half_width + 3.0f, 5.5f, j.half_height + 4.0f);
    auto f = [fr, radii](const glm::vec3& p) { return sdf::ellipsoid(fr.to_local(p) - glm::vec3(0, 0.5f, 0), radii); };
    Aabb box;
    for (int c = 0; c < 8; ++c) box.grow(fr.to_world({(c & 1) ? radii.x : -radii.x, (c & 2) ? radii.y + 0.5f : -radii.y + 0.5f, (c & 4) ? radii.z : -radii.z}));
    return {f, sdf::padded(box, 2.0f)};
}

sdf::Shape epidural_fat_shape(const SpineLayout& L, const SacrumGeometry& sg) {
    // Dorsal epidural fat pad between dura and ligamentum flavum [R: 4-6 mm at L3-5].
    std::vector<glm::vec3> pts;
    for (const auto& v : L.vertebrae) {
        if (v.fused_to_sacrum) break;
        pts.push_back(v.frame.to_world({0, 0.5f * v.dims.body_depth + v.dims.canal_depth - 2.5f, 0.0f}));
        pts.push_back(v.frame.to_world({0, 0.5f * v.dims.body_depth + v.dims.canal_depth - 1.5f, -0.5f * v.height_posterior - 0.5f * v.disc_below}));
    }
    pts.push_back(sg.world({0, sg.canal_u(12.0f) + sg.canal_half_depth(12.0f) - 2.0f, 12.0f}));
    return elliptic_tube(pts, std::vector<float>(pts.size(), 7.0f), std::vector<float>(pts.size(), 4.0f));
}

VesselPaths vessel_paths(const SpineLayout& L, const SacrumGeometry& sg) {
    // Aorta left-anterior of L1-L4, 20 mm across, bifurcating at L4; IVC on the right,
    // confluence at L5 [R: clinical.md 2.3].
    VesselPaths vp;
    const int l4 = L.index_of("L4");
    const int l5 = L.index_of("L5");
    for (std::size_t i = 0; i < L.vertebrae.size(); ++i) {
        const auto& v = L.vertebrae[i];
        const float yf = -0.5f * v.dims.body_depth;
        if (static_cast<int>(i) <= l4) {
            if (i == 0) {
                vp.aorta.push_back(v.frame.to_world({12.0f, yf - 13.0f, 60.0f}));
                vp.aorta_r.push_back(10.5f);
            }
            const float z = static_cast<int>(i) == l4 ? -0.3f * v.height_anterior : 0.0f;
            vp.aorta.push_back(v.frame.to_world({static_cast<int>(i) == l4 ? 7.0f : 12.0f, yf - 13.0f, z}));
            vp.aorta_r.push_back(static_cast<int>(i) == l4 ? 8.5f : 10.0f);
        }
        if (static_cast<int>(i) <= l5) {
            if (i == 0) {
                vp.ivc.push_back(v.frame.to_world({-20.0f, yf - 13.0f, 60.0f}));
                vp.ivc_r.push_back(10.0f);
            }
            vp.ivc.push_back(v.frame.to_world({static_cast<int>(i) == l5 ? -8.0f : -20.0f, yf - 13.0f, 0.0f}));
            vp.ivc_r.push_back(10.0f);
        }
    }
    const glm::vec3 bif = vp.aorta.back(), conf = vp.ivc.back();
    for (int s = 0; s < 2; ++s) {
        const float side = s == 0 ? 1.0f : -1.0f;
        vp.iliac_artery[s] = {bif, sg.world({side * 30.0f, sg.ventral(0.0f) - 16.0f, 5.0f}), sg.world({side * 52.0f, sg.ventral(30.0f) - 28.0f, 45.0f})};
        vp.iliac_vein[s] = {conf, sg.world({side * 28.0f, sg.ventral(10.0f) - 8.0f, 15.0f}), sg.world({side * 50.0f, sg.ventral(40.0f) - 16.0f, 55.0f})};
    }
    return vp;
}

std::vector<glm::vec3> segmental_artery_path(const SpineLayout& L, int index, int side) {
    // Lumbar arteries wind around the mid-waist of the body, 2.5 mm off the bone, to the
    // foramen, then give the dorsal branch [R: clinical.md 2.3].
    const auto& v = L.vertebrae[index];
    const float a = 0.5f * v.dims.body_width + 2.5f, b = 0.5f * v.dims.body_depth + 2.5f;
    std::vector<glm::vec3> pts;
    const float start = side > 0 ? 0.45f : -0.15f;  // from the aorta (left of the midline)
    for (int i = 0; i <= 6; ++i) {
        const float th = start + (1.75f - start) * i / 6.0f;  // radians from anterior
        pts.push_back(v.frame.to_world({side * a * std::sin(th), -b * std::cos(th), 0.0f}));
    }
    const VertebraGeometry g = vertebra_geometry(v);
    const int s = side > 0 ? 0 : 1;
    const float ped_bottom = g.pedicle_centre[s].z - 0.5f * g.pedicle_h;
    pts.push_back(v.frame.to_world({side * (0.5f * v.dims.canal_width + g.pedicle_w + 9.0f), 0.5f * v.dims.body_depth + 5.0f, ped_bottom - 9.0f}));
    return pts;
}

std::vector<glm::vec3> radiculomedullary_path(const SpineLayout& L, int index, int side) {
    const auto& v = L.vertebrae[index];
    const VertebraGeometry g = vertebra_geometry(v);
    const int s = side > 0 ? 0 : 1;
    const float ped_bottom = g.pedicle_centre[s].z - 0.5f * g.pedicle_h;
    const float yb = 0.5f * v.dims.body_depth;
    const float cw = 0.5f * v.dims.canal_width;
    // Enters the anterior-superior foramen just under the pedicle and hugging the back of the
    // body, then turns medially toward the canal [S: clinical.md 1.1 TFESI hazards, 2.3].
    return {v.frame.to_world({side * (cw + g.pedicle_w + 7.0f), yb - 1.0f, ped_bottom - 6.0f}),
            v.frame.to_world({side * (cw + 0.6f * g.pedicle_w), yb + 0.8f, ped_bottom - 1.2f}),
            v.frame.to_world({side * (cw - 1.0f), yb + 0.8f, ped_bottom + 1.0f})};
}

std::vector<glm::vec3> psoas_path(const SpineLayout& L, const SacrumGeometry& sg, int side, std::vector<float>& radii) {
    std::vector<glm::vec3> pts;
    radii.clear();
    int k = 0;
    for (std::size_t i = 1; i < L.vertebrae.size(); ++i) {
        const auto& v = L.vertebrae[i];
        pts.push_back(v.frame.to_world({side * (0.5f * v.dims.body_width + 7.0f + 3.0f * k), -2.0f - 3.0f * k, 0.0f}));
        radii.push_back(7.0f + 3.0f * k);
        ++k;
    }
    pts.push_back(sg.world({side * 52.0f, sg.ventral(20.0f) - 12.0f, 25.0f}));
    radii.push_back(18.0f);
    pts.push_back(sg.world({side * 70.0f, sg.ventral(60.0f) - 25.0f, 80.0f}));
    radii.push_back(15.0f);
    return pts;
}

sdf::Shape paraspinal_shape(const SpineLayout& L, const SacrumGeometry& sg, int side) {
    // Erector spinae + multifidus in the gutter beside the spinous processes, from the laminae
    // and transverse processes back to the thoracolumbar fascia (the assembly trims it to
    // the fascia and around the bones).
    std::vector<glm::vec3> pts;
    std::vector<float> lat, ap;
    const auto& top = L.vertebrae.front();
    pts.push_back(top.frame.to_world({side * 38.0f, 0.5f * top.dims.body_depth + top.dims.canal_depth + 22.0f, 60.0f}));
    for (const auto& v : L.vertebrae) {
        pts.push_back(v.frame.to_world({side * 38.0f, 0.5f * v.dims.body_depth + v.dims.canal_depth + 22.0f, 0.0f}));
    }
    pts.push_back(sg.world({side * 26.0f, sg.dorsal(20.0f) + 14.0f, 20.0f}));
    pts.push_back(sg.world({side * 18.0f, sg.dorsal(60.0f) + 8.0f, 60.0f}));
    for (std::size_t i = 0; i < pts.size(); ++i) {
        const bool sacral = i + 2 >= pts.size();
        lat.push_back(sacral ? (i + 1 == pts.size() ? 12.0f : 24.0f) : 37.0f);
        ap.push_back(sacral ? (i + 1 == pts.size() ? 8.0f : 16.0f) : 32.0f);
    }
    sdf::Shape t = elliptic_tube(pts, lat, ap);
    auto f = [t, side](const glm::vec3& p) { return std::max(t.f(p), 2.0f - side * p.x); };
    return {f, t.box};
}

sdf::Shape kidney_shape(const SpineLayout& L, int side) {
    // ~11 x 6 x 4 cm, left at T12-L2, right ~1.5 cm lower, upper pole medial and posterior
    // [R: Gray's]; lateral of the psoas, in front of the quadratus lumborum.
    const int idx = L.index_of(side > 0 ? "L1" : "L2");
    const auto& v = L.vertebrae[idx];
    sdf::Frame fr;
    fr.origin = v.frame.to_world({side * (0.5f * v.dims.body_width + 50.0f), 14.0f, side > 0 ? 12.0f : 6.0f});
    fr.axes = v.frame.axes * rot_y(-side * 0.26f) * rot_z(side * 0.5f);
    const glm::vec3 radii(27.0f, 20.0f, 55.0f);
    auto f = [fr, radii](const glm::vec3& p) { return sdf::ellipsoid(fr.to_local(p), radii); };
    return {f, sdf::padded(sdf::make_box(fr.origin - glm::vec3(60.0f), fr.origin + glm::vec3(60.0f)), 0.0f)};
}

namespace {
struct Bowel {
    std::vector<sdf::Shape> colon;
    glm::vec3 small_centre, small_radii;
};
Bowel bowel_parts(const SpineLayout& L) {
    // Colon frame (ascending right, transverse, descending left, sigmoid) and a small-bowel
    // mass anterior to the spine [R: Gray's; P positions]. Anchored to L3 height.
    const glm::vec3 c = L.vertebrae[L.index_of("L3")].frame.origin;
    auto at = [c](float x, float y, float z) { return c + glm::vec3(x, y, z); };
    Bowel b;
    b.colon.push_back(tube({at(-85, -20, -150), at(-90, -15, -50), at(-80, -25, 20)}, {22, 22, 20}));
    b.colon.push_back(tube({at(-80, -25, 20), at(0, -85, 5), at(80, -30, 40)}, {20, 18, 18}));
    b.colon.push_back(tube({at(80, -30, 40), at(92, -5, -30), at(85, -10, -120)}, {17, 17, 16}));
    b.colon.push_back(tube({at(85, -10, -120), at(40, -50, -150), at(0, -40, -175)}, {15, 15, 14}));
    b.small_centre = at(0, -80, -60);
    b.small_radii = glm::vec3(60, 28, 50);
    return b;
}
}  // namespace

sdf::Shape bowel_shape(const SpineLayout& L) {
    const Bowel b = bowel_parts(L);
    auto f = [b](const glm::vec3& p) {
        const float colon = sdf::union_culled(b.colon, p);
        return sdf::smin(colon, sdf::ellipsoid(p - b.small_centre, b.small_radii), 6.0f);
    };
    Aabb box;
    for (const auto& s : b.colon) box.grow(s.box);
    box.grow(b.small_centre - b.small_radii);
    box.grow(b.small_centre + b.small_radii);
    return {f, sdf::padded(box, 4.0f)};
}

sdf::Field bowel_gas_field(const SpineLayout& L) {
    // Gas rises to the non-dependent side: posterior (+y) in a prone patient.
    const glm::vec3 c = L.vertebrae[L.index_of("L3")].frame.origin;
    std::vector<std::pair<glm::vec3, glm::vec3>> pockets = {
        {c + glm::vec3(-88, -8, -40), {11, 8, 28}}, {c + glm::vec3(-30, -58, 12), {20, 7, 10}},
        {c + glm::vec3(40, -58, 14), {18, 7, 10}},  {c + glm::vec3(90, 0, -20), {9, 7, 25}},
        {c + glm::vec3(50, -38, -140), {10, 7, 9}}};
    return [pockets](const glm::vec3& p) {
        float d = 1e9f;
        for (const auto& [centre, radii] : pockets) d = std::min(d, sdf::ellipsoid(p - centre, radii));
        return d;
    };
}

}  // namespace fluorosim
