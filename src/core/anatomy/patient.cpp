#include "core/anatomy/patient.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <stdexcept>
#include <thread>

#include "core/anatomy/decimate.hpp"
#include "core/anatomy/isosurface.hpp"
#include "core/anatomy/landmarks.hpp"
#include "core/anatomy/pelvis_shape.hpp"
#include "core/anatomy/soft_tissue_shapes.hpp"
#include "core/anatomy/trunk_shape.hpp"
#include "core/anatomy/vertebra_shape.hpp"

namespace fluorosim {
namespace {

// Marching tetrahedra leaves a few specks (4-20 triangles) where a thin feature grazes a grid
// point; they carry no anatomy, so components smaller than `min_triangles` are dropped when a
// larger one exists.
void drop_small_components(TriangleMesh& m, std::size_t min_triangles) {
    std::vector<unsigned> parent(m.vertices.size());
    for (unsigned i = 0; i < parent.size(); ++i) parent[i] = i;
    auto root = [&parent](unsigned x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    };
    for (const auto& t : m.triangles) {
        parent[root(t.x)] = root(t.y);
        parent[root(t.y)] = root(t.z);
    }
    std::vector<std::size_t> count(m.vertices.size(), 0);
    for (const auto& t : m.triangles) ++count[root(t.x)];
    const std::size_t largest = count.empty() ? 0 : *std::max_element(count.begin(), count.end());
    if (largest < min_triangles) return;
    std::vector<glm::uvec3> kept;
    for (const auto& t : m.triangles)
        if (count[root(t.x)] >= min_triangles) kept.push_back(t);
    if (kept.size() == m.triangles.size()) return;
    std::vector<unsigned> remap(m.vertices.size(), ~0u);
    std::vector<glm::vec3> verts;
    for (auto& t : kept)
        for (int c = 0; c < 3; ++c) {
            if (remap[t[c]] == ~0u)
                remap[t[c]] = static_cast<unsigned>(verts.size()),
                verts.push_back(m.vertices[t[c]]);
            t[c] = remap[t[c]];
        }
    m.vertices = std::move(verts);
    m.triangles = std::move(kept);
}

// One meshed object: extracted from the job's field at `iso`, or from its own field sampled on
// the job's grid (children that must nest exactly in an earlier output of the same job).
struct Output {
    std::string name, material;
    Structure info;
    float iso = 0.0f;
    sdf::Field own;   // empty: the job's field
    int parent = -1;  // earlier output of the same job; -1: the job's parent object
    float error = 0.15f;
    // Set: the surface is {derive(job field value, point) = 0} on the job's grid (a child
    // bounded by the parent's field, e.g. a cancellous core with thicker walls in places);
    // `iso` then only widens the narrow band.
    std::function<float(float, const glm::vec3&)> derive;
};

struct Job {
    std::string parent;  // scene object name, "" = none
    sdf::Field f;
    Aabb box;
    float h = 1.0f;
    std::vector<Output> outputs;
    std::vector<TriangleMesh> meshes;  // filled by run()
};

void run(Job& job, float resolution_scale) {
    float lo = 0.0f, hi = 0.0f;
    for (const auto& o : job.outputs)
        if (!o.own) lo = std::min(lo, o.iso), hi = std::max(hi, o.iso);
    // The trunk's grid is not coarsened: its back surface carries the skin-depth calibration.
    const float h =
        job.outputs[0].info.kind == StructureKind::skin ? job.h : job.h * resolution_scale;
    const SampledField field = sample_field(job.f, job.box, h, lo, hi);
    for (const auto& o : job.outputs) {
        TriangleMesh m;
        if (o.own) {
            m = extract_isosurface(sample_field_like(o.own, field), 0.0f);
        } else if (o.derive) {
            SampledField d = field;
            for (int k = 0; k < d.n.z; ++k)
                for (int jj = 0; jj < d.n.y; ++jj)
                    for (int i = 0; i < d.n.x; ++i) {
                        float& val = d.values[d.index(i, jj, k)];
                        val = o.derive(val, d.point(i, jj, k));
                    }
            m = extract_isosurface(d, 0.0f);
        } else {
            m = extract_isosurface(field, o.iso);
        }
        decimate(m, DecimateOptions{o.error, 0, 0.2f});
        drop_small_components(m, 24);
        job.meshes.push_back(std::move(m));
    }
}

struct Bone {
    std::string name;  // "L4", "sacrum", "ilium left", ...
    Structure info;
    sdf::Shape raw;
    float shell = 1.5f;  // cortical thickness
    float h = 0.9f;
    sdf::Field thick_cortex;  // optional: positive where the cortex is thicker than `shell`
};

// Bones are kept `gap` apart where they meet: inside bone i, points closer to a neighbour j
// than (d_i - d_j + gap) / 2 < 0 allows go to neither. Joint spaces are designed into the
// shapes; this only guarantees that siblings never overlap [X-ray nesting rule, scene.hpp].
Bone make_bone(const std::string& name, StructureKind kind, const std::string& level, int side,
               sdf::Shape raw, float shell, float h) {
    Bone b;
    b.name = name;
    b.info.kind = kind;
    b.info.level = level;
    b.info.side = side;
    b.raw = std::move(raw);
    b.shell = shell;
    b.h = h;
    return b;
}

sdf::Field separated(const std::vector<Bone>& bones, std::size_t i, float gap) {
    std::vector<sdf::Shape> nb;
    const Aabb me = sdf::padded(bones[i].raw.box, gap);
    for (std::size_t j = 0; j < bones.size(); ++j) {
        if (j == i) continue;
        const Aabb& b = bones[j].raw.box;
        if (b.min.x > me.max.x || b.max.x < me.min.x || b.min.y > me.max.y || b.max.y < me.min.y ||
            b.min.z > me.max.z || b.max.z < me.min.z)
            continue;
        nb.push_back(bones[j].raw);
    }
    const sdf::Shape self = bones[i].raw;
    return [self, nb, gap](const glm::vec3& p) {
        float d = self.f(p);
        if (d > gap) return d;
        for (const auto& n : nb) {
            if (sdf::box_distance(p, n.box) > gap + 0.5f) continue;
            d = std::max(d, 0.5f * (d - n.f(p) + gap));
        }
        return d;
    };
}

// f kept `margin` clear of the obstacles and 1 mm inside the soft-tissue body. Obstacles are
// only evaluated where f is small: elsewhere the sign is already positive.
sdf::Field clipped(sdf::Field f, std::vector<sdf::Shape> obstacles, float margin,
                   const TrunkGeometry& trunk) {
    return [f, obstacles, margin, trunk](const glm::vec3& p) {
        float d = f(p);
        if (d > 1.0f) return d;
        d = std::max(d, trunk.field(p) + trunk.body_offset() + 1.0f);
        // An obstacle matters only where margin - o > d, i.e. o < margin - d.
        const float o = sdf::union_culled(obstacles, p, margin - d + 1.0f);
        return std::max(d, margin - o);
    };
}

std::string side_name(int side) { return side > 0 ? "left" : "right"; }

Structure structure(StructureKind kind, const std::string& level, int side) {
    Structure s;
    s.kind = kind;
    s.level = level;
    s.side = side;
    return s;
}

Output make_output(const std::string& name, const std::string& material, const Structure& info,
                   float iso, sdf::Field own, int parent, float error) {
    Output o;
    o.name = name;
    o.material = material;
    o.info = info;
    o.iso = iso;
    o.own = std::move(own);
    o.parent = parent;
    o.error = error;
    return o;
}

}  // namespace

const char* to_string(StructureKind k) {
    switch (k) {
        case StructureKind::skin:
            return "skin";
        case StructureKind::subcutaneous_fat:
            return "subcutaneous fat";
        case StructureKind::soft_tissue:
            return "soft tissue";
        case StructureKind::bone_cortical:
            return "cortical bone";
        case StructureKind::bone_cancellous:
            return "cancellous bone";
        case StructureKind::disc_annulus:
            return "annulus fibrosus";
        case StructureKind::disc_nucleus:
            return "nucleus pulposus";
        case StructureKind::dura:
            return "dura";
        case StructureKind::csf:
            return "CSF";
        case StructureKind::neural_tissue:
            return "spinal cord / cauda equina";
        case StructureKind::nerve_root:
            return "nerve root";
        case StructureKind::ligament:
            return "ligament";
        case StructureKind::facet_capsule:
            return "facet joint";
        case StructureKind::si_joint:
            return "sacroiliac joint";
        case StructureKind::epidural_fat:
            return "epidural fat";
        case StructureKind::artery:
            return "artery";
        case StructureKind::vein:
            return "vein";
        case StructureKind::muscle:
            return "muscle";
        case StructureKind::kidney:
            return "kidney";
        case StructureKind::bowel:
            return "bowel";
        case StructureKind::bowel_gas:
            return "bowel gas";
    }
    return "?";
}

const char* to_string(LandmarkKind k) {
    switch (k) {
        case LandmarkKind::point:
            return "point";
        case LandmarkKind::polyline:
            return "polyline";
        case LandmarkKind::polygon:
            return "polygon";
        case LandmarkKind::plane:
            return "plane";
    }
    return "?";
}

int Patient::find(const std::string& name) const {
    for (std::size_t i = 0; i < scene.objects.size(); ++i)
        if (scene.objects[i].name == name) return static_cast<int>(i);
    return -1;
}

const Landmark& Patient::landmark(const std::string& name) const {
    auto it = landmarks.find(name);
    if (it == landmarks.end()) throw std::out_of_range("no landmark " + name);
    return it->second;
}

std::vector<std::string> Patient::lumbar_levels() const {
    std::vector<std::string> out;
    for (const auto& v : layout.vertebrae)
        if (v.name != "T12" && !v.fused_to_sacrum) out.push_back(v.name);
    return out;
}

Patient generate_patient(const PatientParameters& params) {
    Patient patient;
    patient.parameters = params;
    patient.scene.name = "generated lumbar patient (seed " + std::to_string(params.seed) + ")";
    patient.layout = layout_spine(params);
    const SpineLayout& L = patient.layout;
    const SacrumGeometry sg = sacrum_geometry(L, params);
    const NeuralGeometry ng = neural_geometry(L, sg);

    // --- Bones (raw shapes) ---------------------------------------------------------------
    std::vector<Bone> bones;
    for (std::size_t i = 0; i < L.vertebrae.size(); ++i) {
        const auto& v = L.vertebrae[i];
        if (v.fused_to_sacrum) continue;
        bones.push_back(make_bone(v.name, StructureKind::bone_cortical, v.name, 0,
                                  vertebra_shape(L, static_cast<int>(i)), 1.5f, 1.1f));
        const VertebraGeometry g = vertebra_geometry(v);
        bones.back().thick_cortex = [v, g](const glm::vec3& p) {
            return cortical_only_field(v, g, p);
        };
    }
    bones.push_back(make_bone("sacrum", StructureKind::bone_cortical, "S1", 0, sacrum_shape(L, sg),
                              1.5f, 1.5f));
    bones.push_back(
        make_bone("coccyx", StructureKind::bone_cortical, "Co", 0, coccyx_shape(sg), 1.0f, 0.7f));
    for (int side : {1, -1})
        bones.push_back(make_bone("ilium " + side_name(side), StructureKind::bone_cortical, "",
                                  side, ilium_shape(sg, side), 2.0f, 1.9f));
    {
        // 12th rib stubs from the T12 costovertebral joint, out and down [R: Gray's].
        const auto& t12 = L.vertebrae.front();
        const float hw = 0.5f * t12.dims.body_width, yb = 0.5f * t12.dims.body_depth;
        for (int side : {1, -1}) {
            std::vector<glm::vec3> pts = {
                t12.frame.to_world({side * (hw + 3.0f), yb - 3.0f, 4.0f}),
                t12.frame.to_world({side * (hw + 24.0f), yb + 14.0f, -4.0f}),
                t12.frame.to_world({side * (hw + 52.0f), yb + 18.0f, -24.0f})};
            bones.push_back(make_bone("T12 rib " + side_name(side), StructureKind::bone_cortical,
                                      "T12", side, tube(pts, {5.5f, 5.0f, 4.0f}), 1.2f, 0.8f));
        }
    }
    std::vector<sdf::Shape> bone_raw;
    Aabb skeleton;
    for (const auto& b : bones) bone_raw.push_back(b.raw), skeleton.grow(b.raw.box);

    const TrunkGeometry trunk = trunk_geometry(L, sg, params, skeleton);
    patient.skin_to_epidural_mm = trunk.skin_y(trunk.epidural_z) - trunk.epidural_y;
    patient.epidural_reference = glm::vec3(0.0f, trunk.epidural_y, trunk.epidural_z);

    // Clipping margins must cover the grids' chord error where surfaces meet at creases:
    // at least 0.6 grid spacings [P, from the sibling-overlap test].
    auto mg = [&params](float margin, float h) {
        return std::max(margin, 0.6f * h * params.resolution_scale);
    };
    std::vector<Job> jobs;
    auto add = [&](Job j) { jobs.push_back(std::move(j)); };
    auto single = [](std::string parent, sdf::Field f, Aabb box, float h, std::string name,
                     std::string material, Structure info, float error) {
        Job j{std::move(parent), std::move(f), box, h, {}, {}};
        j.outputs.push_back(
            make_output(std::move(name), std::move(material), info, 0.0f, {}, -1, error));
        return j;
    };

    // --- Skin, fat, soft-tissue body: one field, three iso levels -------------------------
    {
        Job j;
        j.f = [trunk](const glm::vec3& p) { return trunk.field(p); };
        j.h = 7.0f;
        j.outputs.push_back(
            make_output("skin", "skin", structure(StructureKind::skin, "", 0), 0.0f, {}, -1, 0.5f));
        j.outputs.push_back(make_output("subcutaneous fat", "adipose",
                                        structure(StructureKind::subcutaneous_fat, "", 0),
                                        -trunk.skin, {}, 0, 0.5f));
        j.outputs.push_back(make_output("soft tissue", "soft_tissue",
                                        structure(StructureKind::soft_tissue, "", 0),
                                        -trunk.body_offset(), {}, 1, 0.5f));
        // The field's extent: the section follows the tip line up and down.
        Aabb tb;
        for (float z : {trunk.z_lo, trunk.z_hi})
            for (const auto& [zz, y] : trunk.tip_line) {
                (void)zz;
                tb.grow({trunk.half_width, y + trunk.clearance, z});
                tb.grow({-trunk.half_width, y + trunk.clearance - trunk.depth, z});
            }
        j.box = tb;
        add(std::move(j));
    }
    const std::string body = "soft tissue";

    // --- Bones: cortical shell with the cancellous core as a child ------------------------
    for (std::size_t i = 0; i < bones.size(); ++i) {
        Job j;
        j.parent = body;
        j.f = separated(bones, i, 1.0f);
        j.box = bones[i].raw.box;
        j.h = bones[i].h;
        Structure canc = bones[i].info;
        canc.kind = StructureKind::bone_cancellous;
        j.outputs.push_back(make_output(bones[i].name + " cortical", "bone_cortical", bones[i].info,
                                        0.0f, {}, -1, 0.35f));
        j.outputs.push_back(make_output(bones[i].name + " cancellous", "bone_cancellous", canc,
                                        -bones[i].shell, {}, 0, 0.6f));
        if (bones[i].thick_cortex) {
            const float shell = bones[i].shell;
            const sdf::Field thick = bones[i].thick_cortex;
            j.outputs.back().derive = [shell, thick](float v, const glm::vec3& p) {
                return v + shell > 0.0f ? v + shell : std::max(v + shell, thick(p));
            };
        }
        add(std::move(j));
    }

    // --- Discs ------------------------------------------------------------------------------
    std::vector<sdf::Shape> discs;
    const bool soft = !params.skeleton_only;
    for (const auto& d : L.discs) {
        if (!soft) break;
        const sdf::Shape raw = disc_shape(L, d);
        discs.push_back(raw);
        const sdf::Field annulus = clipped(raw.f, bone_raw, mg(0.3f, 0.8f), trunk);
        const sdf::Field nucleus = nucleus_field(L, d);
        Job j = single(body, annulus, raw.box, 0.8f, d.name + " annulus", "disc",
                       structure(StructureKind::disc_annulus, d.name, 0), 0.3f);
        j.outputs.push_back(make_output(
            d.name + " nucleus", "disc", structure(StructureKind::disc_nucleus, d.name, 0), 0.0f,
            [annulus, nucleus](const glm::vec3& p) {
                const float n = nucleus(p);
                return n > 1.0f ? n : std::max(n, annulus(p) + 1.5f);
            },
            0, 0.15f));
        add(std::move(j));
    }
    std::vector<sdf::Shape> hard = bone_raw;
    hard.insert(hard.end(), discs.begin(), discs.end());

    if (soft) {
        // --- Dural sac, CSF, cord and cauda equina ----------------------------------------------
        const sdf::Shape sac = dural_sac_shape(ng);
        const sdf::Field dura = clipped(sac.f, hard, mg(0.5f, 0.9f), trunk);
        {
            Job j = single(body, dura, sac.box, 0.9f, "dura", "ligament",
                           structure(StructureKind::dura, "", 0), 0.15f);
            // Dura ~0.5 mm [R]; CSF is the same field 0.5 mm in.
            j.outputs.push_back(make_output("CSF", "csf", structure(StructureKind::csf, "", 0),
                                            -0.5f, {}, 0, 0.15f));
            add(std::move(j));
            const sdf::Shape cauda = cauda_equina_shape(L, ng, sg);
            add(single(
                "CSF",
                [cauda, dura](const glm::vec3& p) {
                    const float c = cauda.f(p);
                    return c > 1.0f ? c : std::max(c, dura(p) + 1.3f);
                },
                cauda.box, 0.6f, "cord and cauda equina", "nerve",
                structure(StructureKind::neural_tissue, "", 0), 0.35f));
        }
        std::vector<sdf::Shape> hard_dura = hard;
        hard_dura.push_back(sac);

        // --- Exiting nerve roots with DRG
        // ---------------------------------------------------------
        std::vector<sdf::Shape> roots;
        auto add_root = [&](int index, const std::string& level, int side) {
            const RootPath rp = exiting_root_path(L, sg, index, side);
            const sdf::Shape raw = tube(rp.points, rp.radii);
            roots.push_back(raw);
            add(single(body, clipped(raw.f, hard_dura, mg(0.4f, 0.6f), trunk), raw.box, 0.6f,
                       "nerve root " + level + " " + side_name(side), "nerve",
                       structure(StructureKind::nerve_root, level, side), 0.35f));
        };
        for (std::size_t i = 0; i < L.vertebrae.size(); ++i) {
            if (L.vertebrae[i].name == "T12" || L.vertebrae[i].fused_to_sacrum) continue;
            for (int side : {1, -1}) add_root(static_cast<int>(i), L.vertebrae[i].name, side);
        }
        for (int side : {1, -1}) add_root(-1, "S1", side);

        // --- Ligaments, facet capsules, SI joints, epidural fat ----------------------------------
        std::vector<sdf::Shape> ligaments, flava, capsules, si_joints;
        for (const auto& disc : L.discs) {
            const std::string& seg = disc.name;
            const sdf::Shape lf =
                ligamentum_flavum_shape(flavum_geometry(L, sg, disc.upper, disc.lower));
            ligaments.push_back(lf);
            flava.push_back(lf);
            add(single(body, clipped(lf.f, hard_dura, mg(0.3f, 0.6f), trunk), lf.box, 0.6f,
                       "ligamentum flavum " + seg, "ligament",
                       structure(StructureKind::ligament, seg, 0), 0.3f));
        }
        {
            std::vector<sdf::Shape> isl_obstacles = bone_raw;
            isl_obstacles.insert(isl_obstacles.end(), ligaments.begin(), ligaments.end());
            std::vector<sdf::Shape> isls;
            for (std::size_t i = 0; i + 1 < L.vertebrae.size(); ++i) {
                if (L.vertebrae[i + 1].fused_to_sacrum) continue;
                const std::string seg = L.vertebrae[i].name + "-" + L.vertebrae[i + 1].name;
                const sdf::Shape isl =
                    interspinous_shape(L, static_cast<int>(i), static_cast<int>(i + 1));
                isls.push_back(isl);
                add(single(body, clipped(isl.f, isl_obstacles, mg(0.3f, 0.8f), trunk), isl.box,
                           0.8f, "interspinous ligament " + seg, "ligament",
                           structure(StructureKind::ligament, seg, 0), 0.25f));
            }
            std::vector<sdf::Shape> ssl_obstacles = bone_raw;
            ssl_obstacles.insert(ssl_obstacles.end(), isls.begin(), isls.end());
            const sdf::Shape ssl = supraspinous_shape(L, sg);
            add(single(body, clipped(ssl.f, ssl_obstacles, mg(0.3f, 0.8f), trunk), ssl.box, 0.8f,
                       "supraspinous ligament", "ligament",
                       structure(StructureKind::ligament, "", 0), 0.25f));
            ligaments.insert(ligaments.end(), isls.begin(), isls.end());
            ligaments.push_back(ssl);
        }
        {
            std::vector<sdf::Shape> cap_obstacles = bone_raw;
            cap_obstacles.insert(cap_obstacles.end(), roots.begin(), roots.end());
            cap_obstacles.insert(cap_obstacles.end(), flava.begin(), flava.end());
            for (const auto& fj : L.facets) {
                const sdf::Shape cap = facet_capsule_shape(fj);
                capsules.push_back(cap);
                add(single(body, clipped(cap.f, cap_obstacles, mg(0.3f, 0.5f), trunk), cap.box,
                           0.5f, "facet joint " + fj.name + " " + side_name(fj.side), "ligament",
                           structure(StructureKind::facet_capsule, fj.name, fj.side), 0.35f));
            }
            for (int side : {1, -1}) {
                const sdf::Shape sij = si_joint_shape(sg, side);
                si_joints.push_back(sij);
                add(single(body, sij.f, sij.box, 0.7f, "SI joint " + side_name(side), "ligament",
                           structure(StructureKind::si_joint, "S1", side), 0.2f));
            }
        }

        // --- Vessels ---------------------------------------------------------------------------
        const VesselPaths vp = vessel_paths(L, sg);
        std::vector<sdf::Shape> arteries, veins;
        {
            std::vector<sdf::Shape> parts = {tube(vp.aorta, vp.aorta_r)};
            for (int s = 0; s < 2; ++s)
                parts.push_back(tube(vp.iliac_artery[s], {8.0f, 5.5f, 5.0f}));
            Aabb box;
            for (const auto& p : parts) box.grow(p.box);
            const sdf::Shape aorta{
                [parts](const glm::vec3& p) { return sdf::union_culled(parts, p); }, box};
            arteries.push_back(aorta);
            add(single(body, clipped(aorta.f, hard, mg(0.5f, 1.6f), trunk), box, 1.6f,
                       "aorta and common iliac arteries", "blood",
                       structure(StructureKind::artery, "", 0), 0.5f));
        }
        std::vector<sdf::Shape> seg_arteries;
        {
            std::vector<sdf::Shape> obst = hard;
            obst.insert(obst.end(), roots.begin(), roots.end());
            obst.push_back(arteries.front());
            const int rma_index = L.index_of(params.radiculomedullary_level);
            const int rma_side = params.radiculomedullary_left ? 1 : -1;
            for (std::size_t i = 1; i < L.vertebrae.size(); ++i) {
                const auto& v = L.vertebrae[i];
                if (v.name == "L5" || v.name == "L6" || v.fused_to_sacrum)
                    continue;  // L5 is fed by iliolumbar branches
                for (int side : {1, -1}) {
                    const auto path = segmental_artery_path(L, static_cast<int>(i), side);
                    const sdf::Shape a = tube(path, std::vector<float>(path.size(), 1.4f));
                    seg_arteries.push_back(a);
                    add(single(body, clipped(a.f, obst, mg(0.3f, 0.45f), trunk), a.box, 0.45f,
                               "segmental artery " + v.name + " " + side_name(side), "blood",
                               structure(StructureKind::artery, v.name, side), 0.25f));
                }
            }
            if (rma_index >= 0) {
                const auto path = radiculomedullary_path(L, rma_index, rma_side);
                const sdf::Shape a = tube(path, {0.9f, 0.8f, 0.7f});
                std::vector<sdf::Shape> o2 = hard_dura;
                o2.insert(o2.end(), roots.begin(), roots.end());
                o2.insert(o2.end(), seg_arteries.begin(), seg_arteries.end());
                seg_arteries.push_back(a);
                add(single(
                    body, clipped(a.f, o2, mg(0.25f, 0.3f), trunk), a.box, 0.3f,
                    "radiculomedullary artery " + params.radiculomedullary_level + " " +
                        side_name(rma_side),
                    "blood",
                    structure(StructureKind::artery, params.radiculomedullary_level, rma_side),
                    0.06f));
            }
            arteries.insert(arteries.end(), seg_arteries.begin(), seg_arteries.end());
        }
        {
            std::vector<sdf::Shape> parts = {tube(vp.ivc, vp.ivc_r)};
            for (int s = 0; s < 2; ++s) parts.push_back(tube(vp.iliac_vein[s], {9.0f, 6.5f, 6.0f}));
            Aabb box;
            for (const auto& p : parts) box.grow(p.box);
            const sdf::Shape ivc{
                [parts](const glm::vec3& p) { return sdf::union_culled(parts, p); }, box};
            veins.push_back(ivc);
            std::vector<sdf::Shape> obst = hard;
            obst.insert(obst.end(), arteries.begin(), arteries.end());
            obst.insert(obst.end(), roots.begin(), roots.end());
            add(single(body, clipped(ivc.f, obst, mg(0.5f, 1.6f), trunk), box, 1.6f,
                       "inferior vena cava and common iliac veins", "blood",
                       structure(StructureKind::vein, "", 0), 0.5f));
        }
        {
            std::vector<sdf::Shape> obst = hard_dura;
            obst.insert(obst.end(), flava.begin(), flava.end());
            obst.insert(obst.end(), roots.begin(), roots.end());
            obst.insert(obst.end(), seg_arteries.begin(), seg_arteries.end());
            const sdf::Shape fat = epidural_fat_shape(L, sg);
            add(single(body, clipped(fat.f, obst, mg(0.3f, 0.6f), trunk), fat.box, 0.6f,
                       "dorsal epidural fat", "adipose",
                       structure(StructureKind::epidural_fat, "", 0), 0.3f));
        }

        // --- Muscles, kidneys, bowel
        // ---------------------------------------------------------------
        std::vector<sdf::Shape> vessels = arteries;
        vessels.insert(vessels.end(), veins.begin(), veins.end());
        std::vector<sdf::Shape> psoas, paraspinal, kidneys;
        for (int side : {1, -1}) {
            std::vector<float> r;
            const auto path = psoas_path(L, sg, side, r);
            const sdf::Shape m = tube(path, r);
            psoas.push_back(m);
            std::vector<sdf::Shape> obst = hard;
            obst.insert(obst.end(), roots.begin(), roots.end());
            obst.insert(obst.end(), vessels.begin(), vessels.end());
            add(single(body, clipped(m.f, obst, mg(0.5f, 2.2f), trunk), m.box, 2.2f,
                       "psoas " + side_name(side), "muscle",
                       structure(StructureKind::muscle, "", side), 0.9f));
        }
        for (int side : {1, -1}) {
            const sdf::Shape m = paraspinal_shape(L, sg, side);
            paraspinal.push_back(m);
            std::vector<sdf::Shape> obst = hard_dura;
            obst.insert(obst.end(), ligaments.begin(), ligaments.end());
            obst.insert(obst.end(), capsules.begin(), capsules.end());
            obst.insert(obst.end(), si_joints.begin(), si_joints.end());
            obst.insert(obst.end(), roots.begin(), roots.end());
            obst.insert(obst.end(), vessels.begin(), vessels.end());
            obst.insert(obst.end(), psoas.begin(), psoas.end());
            add(single(body, clipped(m.f, obst, mg(0.5f, 2.5f), trunk), m.box, 2.5f,
                       "paraspinal muscles " + side_name(side), "muscle",
                       structure(StructureKind::muscle, "", side), 0.9f));
        }
        std::vector<sdf::Shape> organ_obstacles = hard;
        organ_obstacles.insert(organ_obstacles.end(), roots.begin(), roots.end());
        organ_obstacles.insert(organ_obstacles.end(), vessels.begin(), vessels.end());
        organ_obstacles.insert(organ_obstacles.end(), psoas.begin(), psoas.end());
        organ_obstacles.insert(organ_obstacles.end(), paraspinal.begin(), paraspinal.end());
        for (int side : {1, -1}) {
            const sdf::Shape k = kidney_shape(L, side);
            kidneys.push_back(k);
            add(single(body, clipped(k.f, organ_obstacles, mg(1.0f, 2.5f), trunk), k.box, 2.5f,
                       "kidney " + side_name(side), "soft_tissue",
                       structure(StructureKind::kidney, "", side), 0.8f));
        }
        {
            std::vector<sdf::Shape> obst = organ_obstacles;
            obst.insert(obst.end(), kidneys.begin(), kidneys.end());
            const sdf::Shape b = bowel_shape(L);
            const sdf::Field bowel = clipped(b.f, obst, mg(1.5f, 3.5f), trunk);
            const sdf::Field gas = bowel_gas_field(L);
            Job j = single(body, bowel, b.box, 3.5f, "bowel", "soft_tissue",
                           structure(StructureKind::bowel, "", 0), 1.0f);
            j.outputs.push_back(make_output(
                "bowel gas", "air", structure(StructureKind::bowel_gas, "", 0), 0.0f,
                [bowel, gas](const glm::vec3& p) {
                    const float g = gas(p);
                    return g > 2.0f ? g : std::max(g, bowel(p) + 2.0f);
                },
                0, 0.6f));
            add(std::move(j));
        }
    }

    // --- Mesh all jobs in parallel (each job is deterministic on its own) --------------------
    {
        // Largest grids first so no big job starts last and runs alone.
        std::vector<std::size_t> order(jobs.size());
        std::vector<double> cost(jobs.size());
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            order[i] = i;
            const glm::vec3 e = jobs[i].box.size();
            cost[i] = double(e.x) * double(e.y) * double(e.z) / std::pow(double(jobs[i].h), 3.0);
        }
        std::stable_sort(order.begin(), order.end(),
                         [&cost](std::size_t a, std::size_t b) { return cost[a] > cost[b]; });
        std::atomic<std::size_t> next{0};
        const unsigned n = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
        std::vector<std::thread> workers;
        for (unsigned w = 0; w < n; ++w)
            workers.emplace_back([&] {
                for (std::size_t k = next++; k < jobs.size(); k = next++)
                    run(jobs[order[k]], params.resolution_scale);
            });
        for (auto& w : workers) w.join();
    }

    // --- Triangle budget: if over, coarsen every mesh proportionally with errors at most
    // doubled. The standard patient (~330k) never needs it; with doubled errors nested surfaces
    // 1.5-2 mm apart could come within a few tenths of a mm, so keep budgets >= ~250k. -------
    {
        std::size_t total = 0;
        for (const auto& j : jobs)
            for (const auto& m : j.meshes) total += m.triangle_count();
        if (total > params.triangle_budget) {
            const double keep = 0.97 * double(params.triangle_budget) / double(total);
            for (auto& j : jobs)
                for (std::size_t k = 0; k < j.meshes.size(); ++k) {
                    auto& m = j.meshes[k];
                    decimate(m,
                             DecimateOptions{2.0f * j.outputs[k].error,
                                             std::size_t(keep * double(m.triangle_count())), 0.2f});
                }
        }
    }

    // --- Scene -------------------------------------------------------------------------------
    for (auto& j : jobs) {
        std::vector<int> ids;
        for (std::size_t k = 0; k < j.outputs.size(); ++k) {
            const Output& o = j.outputs[k];
            const int parent =
                o.parent >= 0 ? ids[o.parent] : (j.parent.empty() ? -1 : patient.find(j.parent));
            ids.push_back(patient.scene.add({o.name, o.material, parent, std::move(j.meshes[k])}));
            patient.structures.push_back(o.info);
        }
    }

    // --- Landmarks -----------------------------------------------------------------------------
    std::map<std::string, sdf::Field> bone_fields;
    for (std::size_t i = 0; i < bones.size(); ++i)
        bone_fields[bones[i].name + " cortical"] = separated(bones, i, 1.0f);
    SurfaceProjector project = [&bone_fields](const std::string& object, const glm::vec3& start) {
        const sdf::Field& f = bone_fields.at(object);
        glm::vec3 p = start;
        for (int it = 0; it < 12; ++it) {
            const float d = f(p), e = 0.05f;
            const glm::vec3 g(f(p + glm::vec3(e, 0, 0)) - f(p - glm::vec3(e, 0, 0)),
                              f(p + glm::vec3(0, e, 0)) - f(p - glm::vec3(0, e, 0)),
                              f(p + glm::vec3(0, 0, e)) - f(p - glm::vec3(0, 0, e)));
            const float gl = glm::length(g) / (2.0f * e);
            if (gl < 1e-4f) break;
            p -= (d / gl) * (g / (2.0f * e)) / gl;
            if (std::abs(d) < 0.01f) break;
        }
        return p;
    };
    patient.landmarks = compute_landmarks(L, sg, ng, params, project);
    return patient;
}

}  // namespace fluorosim
