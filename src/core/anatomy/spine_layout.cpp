#include "core/anatomy/spine_layout.hpp"

#include <algorithm>
#include <cmath>

#include "core/anatomy/random.hpp"

namespace fluorosim {
namespace {

constexpr float kDeg = 0.017453292519943295f;

LevelDimensions scaled(LevelDimensions d, float size, float body_var, float post_var) {
    auto s = [&](float& v, float k) { v *= size * k; };
    s(d.body_width, body_var);
    s(d.body_depth, body_var);
    s(d.body_height, body_var);
    s(d.pedicle_width, post_var);
    s(d.pedicle_height, post_var);
    s(d.canal_width, post_var);
    s(d.canal_depth, post_var);
    s(d.tp_span, post_var);
    s(d.sp_length, post_var);
    s(d.sp_height, post_var);
    s(d.disc_height_below, 1.0f);
    return d;
}

// Joint centre in the lower vertebra's body frame: lateral to the canal behind the pedicle,
// a quarter of the disc height above the lower endplate level [P, from lateral radiographs:
// the L4-L5 joint projects over the posterior L4-L5 disc / upper L5].
glm::vec3 joint_centre_local(const LevelDimensions& l, float h_post, float disc, int side) {
    return {side * (l.canal_width * 0.5f + l.pedicle_width * 0.25f + 2.0f), l.body_depth * 0.5f + 0.8f * l.canal_depth,
            0.5f * h_post + 0.25f * disc};
}

}  // namespace

glm::mat3 rot_x(float a) {
    const float c = std::cos(a), s = std::sin(a);
    return glm::mat3(glm::vec3(1, 0, 0), glm::vec3(0, c, s), glm::vec3(0, -s, c));
}
glm::mat3 rot_y(float a) {
    const float c = std::cos(a), s = std::sin(a);
    return glm::mat3(glm::vec3(c, 0, -s), glm::vec3(0, 1, 0), glm::vec3(s, 0, c));
}
glm::mat3 rot_z(float a) {
    const float c = std::cos(a), s = std::sin(a);
    return glm::mat3(glm::vec3(c, s, 0), glm::vec3(-s, c, 0), glm::vec3(0, 0, 1));
}

int SpineLayout::index_of(const std::string& name) const {
    for (std::size_t i = 0; i < vertebrae.size(); ++i)
        if (vertebrae[i].name == name) return static_cast<int>(i);
    return -1;
}

SpineLayout layout_spine(const PatientParameters& p) {
    SpineLayout out;
    Random rng(p.seed);
    const float size = (p.height_cm / 175.0f) * (p.sex == Sex::female ? 0.92f : 1.0f);

    std::vector<std::string> names = {"T12", "L1", "L2", "L3", "L4", "L5"};
    if (p.transitional == TransitionalVertebra::lumbarized_s1) names.push_back("L6");
    out.lumbar_count = static_cast<int>(names.size()) - 1 -
                       (p.transitional == TransitionalVertebra::sacralized_l5 ? 1 : 0);

    // S1: endplate ~50 x 35 [R: clinical.md 2.2], sacral canal ~28 x 15 [P].
    out.s1 = {"S1", 50.0f, 35.0f, 28.0f, 0.0f, 16.0f, 20.0f, 30.0f, 28.0f, 15.0f, 100.0f, 30.0f, 15.0f, 0.0f, 0.0f, 0.0f};
    out.s1 = scaled(out.s1, size, 1.0f, 1.0f);

    // Individual variation: one factor for the body and one for the posterior elements per
    // level, sigma 3%, clamped to 2 sigma [P; Clouthier 2023 cohort ranges are ~+-15% (2 SD)
    // across people, much of it overall size, which `height_cm` already carries].
    for (const auto& n : names) {
        VertebraLayout v;
        v.name = n;
        const float bv = 1.0f + 0.03f * rng.clamped_normal(2.0f);
        const float pv = 1.0f + 0.03f * rng.clamped_normal(2.0f);
        v.dims = scaled(level_dimensions(n), size, bv, pv);
        out.vertebrae.push_back(v);
    }
    const int nv = static_cast<int>(out.vertebrae.size());
    const int last = nv - 1;

    // Lordosis: table segmental values (standing) scaled to the requested total L1-S1.
    float table_total = 0.0f;
    for (int i = 1; i < nv; ++i) table_total += out.vertebrae[i].dims.lordosis_below_deg;
    const float lordosis_scale = table_total > 0.0f ? p.lordosis_deg / table_total : 0.0f;

    // Degeneration and facet hypertrophy: full at the two lowest mobile segments, half above.
    for (int i = 0; i < nv; ++i) {
        const bool low = i >= last - 1;
        auto& v = out.vertebrae[i];
        const float deg = p.disc_degeneration * (low ? 1.0f : 0.5f);
        v.disc_below = v.dims.disc_height_below * (1.0f - 0.5f * deg);
        v.hypertrophy = p.facet_hypertrophy * (i >= last - 2 ? 1.0f : 0.5f);
        const float tanw = std::tan(v.dims.body_wedge_deg * kDeg);
        v.height_anterior = v.dims.body_height + 0.5f * v.dims.body_depth * tanw;
        v.height_posterior = v.dims.body_height - 0.5f * v.dims.body_depth * tanw;
        if (v.name == p.fracture_level) {
            v.height_anterior *= 1.0f - p.fracture_height_loss;
            v.height_posterior *= 1.0f - 0.3f * p.fracture_height_loss;
        }
    }
    if (p.transitional == TransitionalVertebra::sacralized_l5) {
        // The fused L5 sits on a rudimentary, ossified disc [P: Castellvi type IV].
        out.vertebrae[last].fused_to_sacrum = true;
        out.vertebrae[last].disc_below = 2.0f;
    }

    // Scoliosis: lateral tilt of each lumbar vertebra (k = 0 for L1) = Cobb/2 * (k - apex)/2,
    // clamped to +-Cobb/2, so the end vertebrae two levels from the apex differ by the Cobb
    // angle; sacrum and T12 stay level (compensated curve). Axial rotation toward the convexity,
    // largest at the apex, fading over two levels [P: Perdriolle-type ~1/3 of Cobb].
    const float cobb = p.scoliosis_cobb_deg * kDeg;
    const float rot_apex = (p.apical_rotation_deg < 0.0f ? p.scoliosis_cobb_deg / 3.0f : p.apical_rotation_deg) * kDeg;
    std::vector<float> tilt(nv, 0.0f), axial(nv, 0.0f);
    for (int i = 1; i < nv; ++i) {
        const int k = i - 1;
        tilt[i] = std::clamp(0.5f * cobb * (k - p.scoliosis_apex) / 2.0f, -0.5f * cobb, 0.5f * cobb);
        axial[i] = (p.scoliosis_cobb_deg >= 0.0f ? 1.0f : -1.0f) * rot_apex *
                   std::max(0.0f, 1.0f - std::abs(float(k - p.scoliosis_apex)) / 2.5f);
    }

    // Sacrum: the S1 endplate faces up and forward by the sacral slope.
    out.sacrum.origin = glm::vec3(0.0f);
    out.sacrum.axes = rot_x(p.sacral_slope_deg * kDeg);

    // Chain upward. `top` = superior endplate frame of the structure below.
    sdf::Frame top = out.sacrum;
    glm::mat3 body_axes = out.sacrum.axes;
    float tilt_below = 0.0f;
    for (int i = last; i >= 0; --i) {
        auto& v = out.vertebrae[i];
        const float lord = (i == last ? v.dims.lordosis_below_deg : v.dims.lordosis_below_deg) * lordosis_scale * kDeg;
        const float lateral = tilt[i] - tilt_below;
        const glm::mat3 rel = rot_x(-lord) * rot_y(lateral);
        const glm::mat3 half_rel = rot_x(-0.5f * lord) * rot_y(0.5f * lateral);
        const glm::mat3 axes = body_axes * rel;
        const glm::mat3 disc_axes = body_axes * half_rel;
        // Rim to rim: the table height minus the cups (the sacral endplate is flat).
        const float hd = std::max(0.5f, v.disc_below - (i == last ? 1.0f : 2.0f) * kEndplateCup);
        const glm::vec3 disc_top = top.origin + disc_axes[2] * hd;
        const float wedge = std::atan((v.height_anterior - v.height_posterior) / v.dims.body_depth);
        const float h_mid = 0.5f * (v.height_anterior + v.height_posterior);
        v.frame.origin = disc_top + axes[2] * (0.5f * h_mid);
        v.frame.axes = axes * rot_z(axial[i]);
        if (!v.fused_to_sacrum || hd > 0.0f) {
            DiscLayout d;
            d.name = v.name + "-" + (i == last ? std::string("S1") : out.vertebrae[i + 1].name);
            d.upper = i;
            d.lower = i == last ? -1 : i + 1;
            d.height = v.disc_below;
            d.degeneration = p.disc_degeneration * (i >= last - 1 ? 1.0f : 0.5f);
            d.frame.origin = top.origin + disc_axes[2] * (0.5f * hd);
            d.frame.axes = disc_axes;
            if (!v.fused_to_sacrum) out.discs.insert(out.discs.begin(), d);
        }
        top.origin = v.frame.origin + axes[2] * (0.5f * h_mid);
        top.axes = axes * rot_x(-0.5f * wedge);
        body_axes = axes;
        tilt_below = tilt[i];
    }
    for (int i = 0; i + 1 < nv; ++i) {
        out.vertebrae[i].disc_above = i > 0 ? out.vertebrae[i - 1].disc_below : 0.0f;
    }
    out.vertebrae[0].disc_above = out.vertebrae[0].disc_below;
    if (nv > 1) out.vertebrae[last].disc_above = out.vertebrae[last - 1].disc_below;

    // Facet joints between each vertebra and the one below (sacrum for the last one).
    for (int i = 0; i <= last; ++i) {
        const bool to_sacrum = i == last;
        if (to_sacrum && out.vertebrae[i].fused_to_sacrum) continue;
        const auto& up = out.vertebrae[i];
        const LevelDimensions& ld = to_sacrum ? out.s1 : out.vertebrae[i + 1].dims;
        const float h_post = to_sacrum ? out.s1.body_height : out.vertebrae[i + 1].height_posterior;
        // The sacrum frame sits on the endplate; its "body centre" is half an S1 height below.
        sdf::Frame lower_body = to_sacrum ? out.sacrum : out.vertebrae[i + 1].frame;
        if (to_sacrum) lower_body.origin -= out.sacrum.axes[2] * (0.5f * out.s1.body_height);
        const float fa = up.dims.facet_angle_deg * kDeg;
        const float hyp = std::max(up.hypertrophy, to_sacrum ? up.hypertrophy : out.vertebrae[i + 1].hypertrophy);
        for (int side : {1, -1}) {
            FacetJointLayout j;
            j.name = up.name + "-" + (to_sacrum ? std::string("S1") : out.vertebrae[i + 1].name);
            j.upper = i;
            j.lower = to_sacrum ? -1 : i + 1;
            j.side = side;
            const glm::vec3 c = joint_centre_local(ld, h_post, up.disc_below, side);
            const glm::vec3 n(-side * std::cos(fa), std::sin(fa), 0.0f);   // SAP -> IAP
            const glm::vec3 t(side * std::sin(fa), std::cos(fa), 0.0f);    // along the joint
            j.frame.origin = lower_body.to_world(c);
            j.frame.axes = glm::mat3(lower_body.dir(t), lower_body.dir(n), lower_body.dir({0, 0, 1}));
            // Hypertrophy thickens the processes up to 60% [P], narrowing the lateral recess.
            j.sap_thickness *= 1.0f + 0.6f * hyp;
            j.iap_thickness *= 1.0f + 0.6f * hyp;
            out.facets.push_back(j);
        }
    }
    return out;
}

}  // namespace fluorosim
