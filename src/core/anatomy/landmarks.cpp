#include "core/anatomy/landmarks.hpp"

#include <cmath>

#include "core/anatomy/vertebra_shape.hpp"

namespace fluorosim {
namespace {

std::string side_name(int side) { return side > 0 ? "left" : "right"; }

Landmark point(glm::vec3 p, std::string structure, float tol) {
    return {LandmarkKind::point, {p}, glm::vec3(0.0f), std::move(structure), tol};
}
Landmark shape(LandmarkKind kind, std::vector<glm::vec3> pts, std::string structure, float tol) {
    return {kind, std::move(pts), glm::vec3(0.0f), std::move(structure), tol};
}

}  // namespace

std::map<std::string, Landmark> compute_landmarks(const SpineLayout& L, const SacrumGeometry& sg,
                                                  const NeuralGeometry& ng,
                                                  const PatientParameters& params,
                                                  const SurfaceProjector& project) {
    std::map<std::string, Landmark> out;
    const int nv = static_cast<int>(L.vertebrae.size());
    for (int i = 0; i < nv; ++i) {
        const auto& v = L.vertebrae[i];
        if (v.fused_to_sacrum) continue;
        const VertebraGeometry g = vertebra_geometry(v);
        const std::string V = v.name, bone = V + " cortical";
        const sdf::Frame& F = v.frame;
        out[V + ".body_centre"] = point(F.origin, V + " cancellous", 0.0f);
        // Endplates: centre point on the bone (surface of the 1 mm central cup) and the plane
        // normal, tilted by half the body wedge.
        const float wedge = std::atan((g.h_ant - g.h_post) / g.depth);
        const glm::vec3 n_sup = F.dir(rot_x(-0.5f * wedge) * glm::vec3(0, 0, 1));
        const glm::vec3 n_inf = F.dir(rot_x(0.5f * wedge) * glm::vec3(0, 0, -1));
        out[V + ".superior_endplate"] = {
            LandmarkKind::plane,
            {project(bone, F.to_world({0, 0, 0.25f * (g.h_ant + g.h_post)}))},
            n_sup,
            bone,
            0.6f};
        out[V + ".inferior_endplate"] = {
            LandmarkKind::plane,
            {project(bone, F.to_world({0, 0, -0.25f * (g.h_ant + g.h_post)}))},
            n_inf,
            bone,
            0.6f};
        out[V + ".spinous_tip"] =
            point(project(bone, F.to_world(g.sp_tip + glm::vec3(0, 1.0f, 0))), bone, 0.6f);
        for (int s = 0; s < 2; ++s) {
            const int side = s == 0 ? 1 : -1;
            const std::string S = side_name(side);
            out[V + "." + S + ".pedicle_centre"] =
                point(F.to_world(g.pedicle_centre[s]), bone, 0.0f);
            out[V + "." + S + ".transverse_process_tip"] = point(
                project(bone, F.to_world(g.tp_tip[s] + glm::vec3(side * 2.0f, 0, 0))), bone, 0.6f);
            if (V == "T12") continue;
            // Medial branch target: the groove where the SAP base meets the TP's upper border,
            // approached from dorsolateral [S: clinical.md 1.1 MBB].
            const glm::vec3 sap_tp(g.tp_root[s].x + side * 3.0f, g.tp_root[s].y + 3.0f,
                                   g.tp_root[s].z + g.tp_half_height + 2.0f);
            out[V + "." + S + ".sap_tp_junction"] =
                point(project(bone, F.to_world(sap_tp)), bone, 0.6f);
            // The medial branch from the level above crossing this vertebra: from the TP's upper
            // border at the SAP root it runs dorsally and caudally along the SAP's lateral neck,
            // over the TP root, toward the mamillo-accessory notch: ~13 mm at ~45 deg to the
            // coronal plane, on the bone [R: Bogduk's MB course; S: clinical.md 1.1 RF "parallel
            // to MB along SAP neck"; P: length and angle]. RF cannulas are laid along it.
            std::vector<glm::vec3> course;
            for (int k = 0; k < 4; ++k)
                course.push_back(
                    project(bone, F.to_world(sap_tp + float(k) * glm::vec3(0.0f, 3.0f, -3.0f))));
            out[V + "." + S + ".medial_branch_course"] =
                shape(LandmarkKind::polyline, std::move(course), bone, 0.6f);
        }
    }

    // Segments: foramina (below the upper vertebra's pedicle), facets, interlaminar windows.
    for (int i = 0; i < nv; ++i) {
        const auto& up = L.vertebrae[i];
        if (up.fused_to_sacrum || up.name == "T12") continue;
        // The segment below: to the next vertebra (fused or not; a sacralized L5 keeps its
        // name and its L4-L5 disc), or to S1.
        const std::string lower = i + 1 < nv ? L.vertebrae[i + 1].name : std::string("S1");
        const std::string seg = up.name + "-" + lower;
        const VertebraGeometry g = vertebra_geometry(up);
        const sdf::Frame& F = up.frame;
        const float yb = 0.5f * up.dims.body_depth;
        for (int s = 0; s < 2; ++s) {
            const int side = s == 0 ? 1 : -1;
            const std::string S = side_name(side);
            const glm::vec3 pc = g.pedicle_centre[s];
            const float ped_bottom = pc.z - 0.5f * g.pedicle_h;
            // Safe triangle (AP view): roof under the pedicle, lateral side on the lateral
            // pedicle tangent, hypotenuse along the exiting nerve [S: clinical.md 1.1].
            const float x_mid = pc.x, x_lat = pc.x + side * 0.5f * g.pedicle_w;
            out[seg + "." + S + ".safe_triangle"] =
                shape(LandmarkKind::polygon,
                      {F.to_world({x_mid, yb + 5.0f, ped_bottom - 1.5f}),
                       F.to_world({x_lat, yb + 5.0f, ped_bottom - 1.5f}),
                       F.to_world({x_lat, yb + 5.0f, ped_bottom - 7.0f})},
                      "soft tissue", 0.0f);
            // Kambin triangle: exiting root (hypotenuse), lower vertebra's superior endplate
            // (base), traversing root / SAP (height), over the posterolateral disc.
            const float disc_z =
                -0.5f * up.height_posterior - (up.disc_below - 2.0f * kEndplateCup) + 0.5f;
            out[seg + "." + S + ".kambin_triangle"] =
                shape(LandmarkKind::polygon,
                      {F.to_world({side * (0.5f * up.dims.canal_width + 1.0f), yb + 1.0f, disc_z}),
                       F.to_world({side * (0.5f * up.dims.canal_width + 9.0f), yb + 1.0f, disc_z}),
                       F.to_world(
                           {side * (0.5f * up.dims.canal_width + 1.0f), yb + 1.0f, disc_z + 8.0f})},
                      seg + " annulus", 6.0f);
        }
    }

    // Interlaminar windows (AP), ventral interlaminar lines (the front of laminae and flavum
    // seen in contralateral oblique) and the dorsal epidural space just in front of the flavum.
    for (const auto& disc : L.discs) {
        if (L.vertebrae[disc.upper].name == "T12") continue;
        const FlavumGeometry fg = flavum_geometry(L, sg, disc.upper, disc.lower);
        const std::string& seg = disc.name;
        const std::string lf = "ligamentum flavum " + seg;
        out[seg + ".interlaminar_window"] =
            shape(LandmarkKind::polygon,
                  {fg.point(1, 0.6f, 0.3f, 1.0f), fg.point(-1, 0.6f, 0.3f, 1.0f),
                   fg.point(-1, 0.6f, 0.7f, 1.0f), fg.point(1, 0.6f, 0.7f, 1.0f)},
                  lf, 1.0f);
        out[seg + ".ventral_interlaminar_line"] =
            shape(LandmarkKind::polyline,
                  {fg.point(1, 0.6f, 0.5f, 3.0f), fg.point(1, 0.0f, 0.5f, 3.0f),
                   fg.point(-1, 0.6f, 0.5f, 3.0f)},
                  lf, 1.0f);
        out[seg + ".dorsal_epidural_space"] =
            point(fg.point(1, 0.0f, 0.5f, 5.0f), "dorsal epidural fat", 1.0f);
    }

    for (const auto& j : L.facets) {
        // The articular processes' free ends and the pars: the Scotty dog's ear (the SAP tip,
        // 1 mm above the articular area), front leg (the IAP's foot, 2.5 mm under it) and neck,
        // on the bone (see vertebra_shape: sap_field, iap_field, pars_axis). Frame y points from
        // the SAP side to the IAP side of the joint.
        const std::string S = side_name(j.side);
        const auto& upper = L.vertebrae[std::size_t(j.upper)];
        const std::string lower_name = j.lower >= 0 ? L.vertebrae[std::size_t(j.lower)].name : std::string("S1");
        const std::string lower_bone = j.lower >= 0 ? lower_name + " cortical" : std::string("sacrum cortical");
        const glm::vec3 sap_tip =
            j.frame.to_world({0, -0.5f * j.gap - 0.25f * j.sap_thickness, j.half_height + 0.5f});
        // (A sacralized L5 is part of the sacrum's mesh and has no landmarks of its own.)
        if (j.lower < 0 || !L.vertebrae[std::size_t(j.lower)].fused_to_sacrum)
            out[lower_name + "." + S + ".superior_articular_tip"] =
                point(project(lower_bone, sap_tip), lower_bone, 0.6f);
        const glm::vec3 iap_foot =
            j.frame.to_world({0, 0.5f * j.gap + 0.35f * j.iap_thickness, -j.half_height - 2.0f});
        const std::string upper_bone = upper.name + " cortical";
        out[upper.name + "." + S + ".inferior_articular_tip"] = point(project(upper_bone, iap_foot), upper_bone, 0.6f);
        out[upper.name + "." + S + ".pars"] =
            point(pars_axis(j, upper, vertebra_geometry(upper)).middle, upper_bone, 0.0f);
        if (L.vertebrae[std::size_t(j.upper)].name == "T12") continue;
        const std::string base = j.name + "." + side_name(j.side) + ".";
        const std::string cap = "facet joint " + j.name + " " + side_name(j.side);
        out[base + "facet_joint_centre"] = point(j.frame.origin, cap, 0.0f);
        out[base + "facet_superior_recess"] =
            point(j.frame.to_world({0, 0, j.half_height + 1.5f}), cap, 0.0f);
        out[base + "facet_inferior_recess"] =
            point(j.frame.to_world({0, 0, -j.half_height - 1.5f}), cap, 0.0f);
    }

    // Sacrum: dorsal foramina, L5 dorsal ramus groove (between ala and S1 SAP), SI joints.
    for (int side : {1, -1}) {
        const std::string S = side_name(side);
        for (int k = 1; k <= 4; ++k) {
            std::string name = "S";
            name += std::to_string(k);
            name += ".";
            name += S;
            name += ".dorsal_foramen";
            out[name] = point(sg.dorsal_foramen(k, side), "soft tissue", 0.0f);
        }
        for (const auto& j : L.facets) {
            if (j.lower != -1 || j.side != side) continue;
            const std::string up = L.vertebrae[j.upper].name;
            // Lateral of the SAP base, on the top of the ala [S: clinical.md 1.1 MBB "L5 dorsal
            // ramus in the groove between sacral ala and S1 SAP"].
            const glm::vec3 c = sg.curvilinear(j.frame.origin);
            const glm::vec3 start = sg.world({c.x + side * 11.0f, c.y - 4.0f, 3.0f});
            out[up + "." + S + ".dorsal_ramus_groove"] =
                point(project("sacrum cortical", start), "sacrum cortical", 0.6f);
        }
        // Inferior third of the posterior joint line, ~15 mm above its lowest point
        // [S: clinical.md 1.1 SIJ].
        const float s_low = 32.0f * sg.size + 30.0f * sg.size;
        const float s_t = s_low - 15.0f;
        const float du =
            20.0f * sg.size *
            std::sqrt(std::max(0.0f, 1.0f - ((s_t - 32.0f * sg.size) / (30.0f * sg.size)) *
                                                ((s_t - 32.0f * sg.size) / (30.0f * sg.size))));
        const float u = 12.0f * sg.size + 0.7f * du;
        out[S + ".si_joint_inferior_third"] =
            point(sg.world({side * sg.si_x(u, s_t), u, s_t}), "SI joint " + S, 0.0f);
    }
    out["conus_tip"] = point(ng.conus_tip, "cord and cauda equina", 1.5f);

    // Radiculomedullary artery entry (anterior-superior foramen).
    const int ri = L.index_of(params.radiculomedullary_level);
    if (ri >= 0 && ri + 1 < nv) {
        const int side = params.radiculomedullary_left ? 1 : -1;
        const auto path = radiculomedullary_path(L, ri, side);
        const std::string seg = L.vertebrae[ri].name + "-" + L.vertebrae[ri + 1].name;
        out[seg + "." + side_name(side) + ".radiculomedullary_entry"] = point(
            path[1],
            "radiculomedullary artery " + params.radiculomedullary_level + " " + side_name(side),
            0.8f);
    }
    return out;
}

}  // namespace fluorosim
