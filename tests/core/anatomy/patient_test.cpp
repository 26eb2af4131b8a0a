// The standard generated patient as a whole: valid meshes, nesting, no overlaps, budget,
// landmarks, summary. The patient is generated once for the whole test executable.
#include <gtest/gtest.h>

#include <iostream>
#include <set>
#include <sstream>

#include "anatomy_test_support.hpp"
#include "core/anatomy/pelvis_shape.hpp"
#include "core/geometry/mesh_query.hpp"

namespace fluorosim {
namespace {

using anatomy_test::mesh_of;
using anatomy_test::standard_patient;

bool in_box(const Aabb& b, const glm::vec3& p) {
    return p.x >= b.min.x && p.x <= b.max.x && p.y >= b.min.y && p.y <= b.max.y && p.z >= b.min.z &&
           p.z <= b.max.z;
}

void check_GeneratesWithinBudgetAndReportsTime() {
    const Patient& p = standard_patient();
    std::cout << "[ info     ] standard patient: " << p.scene.objects.size() << " objects, "
              << p.scene.triangle_count() << " triangles, " << p.landmarks.size()
              << " landmarks, generated in " << anatomy_test::standard_patient_seconds() << " s\n";
    EXPECT_LE(p.scene.triangle_count(), p.parameters.triangle_budget);
    EXPECT_EQ(p.structures.size(), p.scene.objects.size());
}

void check_EveryMeshIsClosedOrientedOutwardAndNonEmpty() {
    const Patient& p = standard_patient();
    for (const auto& o : p.scene.objects) {
        const MeshCheck c = check_mesh(o.mesh);
        EXPECT_GT(o.mesh.triangle_count(), 0u) << o.name;
        EXPECT_TRUE(c.ok()) << o.name << ": " << c.describe();
        EXPECT_EQ(c.degenerate_triangles, 0u) << o.name;
    }
}

void check_HasTheStructuresTheBriefNames() {
    const Patient& p = standard_patient();
    for (const char* name : {"skin",
                             "subcutaneous fat",
                             "soft tissue",
                             "T12 cortical",
                             "T12 rib left cortical",
                             "L1 cortical",
                             "L4 cortical",
                             "L4 cancellous",
                             "L5 cortical",
                             "sacrum cortical",
                             "sacrum cancellous",
                             "coccyx cortical",
                             "ilium left cortical",
                             "ilium right cortical",
                             "SI joint left",
                             "SI joint right",
                             "L4-L5 annulus",
                             "L4-L5 nucleus",
                             "L5-S1 annulus",
                             "dura",
                             "CSF",
                             "cord and cauda equina",
                             "nerve root L4 left",
                             "nerve root S1 right",
                             "ligamentum flavum L4-L5",
                             "interspinous ligament L4-L5",
                             "supraspinous ligament",
                             "dorsal epidural fat",
                             "facet joint L4-L5 left",
                             "facet joint L5-S1 right",
                             "aorta and common iliac arteries",
                             "inferior vena cava and common iliac veins",
                             "segmental artery L2 right",
                             "radiculomedullary artery L1 left",
                             "psoas left",
                             "paraspinal muscles right",
                             "kidney left",
                             "kidney right",
                             "bowel",
                             "bowel gas"})
        EXPECT_GE(p.find(name), 0) << name;
    // Materials come from the shared library's names.
    const std::set<std::string> materials = {
        "air",  "adipose",  "soft_tissue", "muscle",          "skin",         "blood", "csf",
        "disc", "ligament", "nerve",       "bone_cancellous", "bone_cortical"};
    for (const auto& o : p.scene.objects)
        EXPECT_TRUE(materials.count(o.material)) << o.name << " " << o.material;
    // Queries can name what a structure is.
    const int root = p.find("nerve root L4 left");
    EXPECT_EQ(p.structures[root].kind, StructureKind::nerve_root);
    EXPECT_EQ(p.structures[root].level, "L4");
    EXPECT_EQ(p.structures[root].side, 1);
    EXPECT_EQ(p.structures[p.find("dura")].kind, StructureKind::dura);
}

// Children lie inside their parents: every (sampled) child vertex is inside the parent mesh.
void check_ChildrenLieInsideTheirParents() {
    const Patient& p = standard_patient();
    for (const auto& o : p.scene.objects) {
        if (o.parent < 0) continue;
        const auto& parent = p.scene.objects[o.parent];
        const std::size_t step = std::max<std::size_t>(1, o.mesh.vertices.size() / 60);
        int outside = 0;
        for (std::size_t i = 0; i < o.mesh.vertices.size(); i += step)
            outside += !point_inside(parent.mesh, o.mesh.vertices[i]);
        EXPECT_EQ(outside, 0) << o.name << " pokes out of " << parent.name;
    }
}

// Siblings never overlap: no vertex of one lies inside another. Bones are kept 1 mm apart by
// construction (joint spaces are designed in), so for bone pairs no tolerance is allowed; for
// soft siblings clipped against each other with 0.25-1.5 mm margins, a vertex may sit at most
// 0.3 mm inside a neighbour (grid chords and the decimation tolerance).
void check_SiblingsDoNotOverlap() {
    const Patient& p = standard_patient();
    const auto& objs = p.scene.objects;
    std::vector<Aabb> boxes;
    for (const auto& o : objs) boxes.push_back(bounds(o.mesh));
    for (std::size_t a = 0; a < objs.size(); ++a) {
        for (std::size_t b = 0; b < objs.size(); ++b) {
            if (a == b || objs[a].parent != objs[b].parent) continue;
            const bool bones = p.structures[a].kind == StructureKind::bone_cortical &&
                               p.structures[b].kind == StructureKind::bone_cortical;
            const std::size_t step = std::max<std::size_t>(1, objs[a].mesh.vertices.size() / 150);
            int bad = 0;
            float worst = 0.0f;
            for (std::size_t i = 0; i < objs[a].mesh.vertices.size(); i += step) {
                const glm::vec3& v = objs[a].mesh.vertices[i];
                if (!in_box(boxes[b], v) || !point_inside(objs[b].mesh, v)) continue;
                const float depth = distance_to_surface(objs[b].mesh, v);
                worst = std::max(worst, depth);
                bad += bones || depth > 0.3f;
            }
            EXPECT_EQ(bad, 0) << objs[a].name << " overlaps " << objs[b].name << " (deepest "
                              << worst << " mm)";
        }
    }
}

// Every landmark lies in (tolerance 0) or on (within its tolerance) the structure it names.
void check_LandmarksLieInOrOnTheirStructures() {
    const Patient& p = standard_patient();
    for (const auto& [name, l] : p.landmarks) {
        const int i = p.find(l.structure);
        ASSERT_GE(i, 0) << name << " names missing structure " << l.structure;
        for (const auto& pt : l.points) {
            const float d = signed_distance(p.scene.objects[i].mesh, pt);
            EXPECT_LE(d, l.tolerance_mm) << name << " is " << d << " mm outside " << l.structure;
        }
        if (l.kind == LandmarkKind::plane) {
            EXPECT_NEAR(glm::length(l.normal), 1.0f, 1e-4f) << name;
        }
    }
}

// Targets in soft tissue must not be inside bone (a foramen target inside a pedicle is useless).
void check_SoftTissueTargetsAreNotInsideBone() {
    const Patient& p = standard_patient();
    for (const auto& [name, l] : p.landmarks) {
        if (l.structure != "soft tissue") continue;
        for (const auto& pt : l.points)
            for (std::size_t i = 0; i < p.scene.objects.size(); ++i)
                if (p.structures[i].kind == StructureKind::bone_cortical) {
                    EXPECT_FALSE(point_inside(p.scene.objects[i].mesh, pt))
                        << name << " inside " << p.scene.objects[i].name;
                }
    }
}

void check_HasTheLandmarksScenariosUse() {
    const Patient& p = standard_patient();
    for (const char* name :
         {"L4.left.pedicle_centre", "L4.left.sap_tp_junction", "L5.left.dorsal_ramus_groove",
          "L4-L5.left.facet_superior_recess", "L4-L5.left.facet_inferior_recess",
          "L4-L5.left.safe_triangle", "L4-L5.left.kambin_triangle", "L5-S1.interlaminar_window",
          "L5-S1.ventral_interlaminar_line", "L3-L4.interlaminar_window", "S1.left.dorsal_foramen",
          "left.si_joint_inferior_third", "right.si_joint_inferior_third", "L4.spinous_tip",
          "L4.superior_endplate", "L1-L2.left.radiculomedullary_entry", "conus_tip"})
        EXPECT_TRUE(p.landmarks.count(name)) << name;
    EXPECT_EQ(p.landmark("L4-L5.left.safe_triangle").kind, LandmarkKind::polygon);
    EXPECT_EQ(p.landmark("L4.superior_endplate").kind, LandmarkKind::plane);
    // The conus ends at L1-L2 [brief]: between the L1 and L2 body centres.
    const float z = p.landmark("conus_tip").points[0].z;
    EXPECT_LT(z, p.landmark("L1.body_centre").points[0].z);
    EXPECT_GT(z, p.landmark("L2.body_centre").points[0].z);
}

void check_SummaryListsStructuresAndLandmarks() {
    const Patient& p = standard_patient();
    std::ostringstream s;
    write_patient_summary(p, s);
    const std::string text = s.str();
    EXPECT_NE(text.find("nerve root L4 left"), std::string::npos);
    EXPECT_NE(text.find("L4.left.pedicle_centre"), std::string::npos);
    EXPECT_NE(text.find(std::to_string(p.scene.triangle_count())), std::string::npos);
}

// The iliac wing is a plate ~7 mm thick across its whole fan, not only where it blends into
// the crest and body (generator 5 meshed it only there: its field was 0 through the plate).
// A ray out from the fan's centre of curvature, 15 mm above S1, crosses it once.
void check_IliacWingIsAPlateAcrossTheFan() {
    const Patient& p = standard_patient();
    const SacrumGeometry sg = sacrum_geometry(p.layout, p.parameters);
    const float k = sg.size;
    for (int side : {1, -1}) {
        const TriangleMesh& m = mesh_of(p, std::string("ilium ") + (side > 0 ? "left" : "right") + " cortical");
        for (float th : {0.7f, 1.0f, 1.3f}) {  // rad from the back of the fan (0.17-2.0, pelvis_shape)
            const glm::vec3 o(side * 45.0f * k, -26.0f * k, 15.0f * k);  // under the crest, above the body
            const glm::vec3 dir(side * std::sin(th), std::cos(th), 0.0f);
            const auto hits = anatomy_test::ray_hits(m, o, dir);
            ASSERT_GE(hits.size(), 2u) << "side " << side << " angle " << th;
            // 7 mm nominal (3.5 mm either side of the 65 mm arc, scaled by the pelvis size).
            EXPECT_NEAR(hits[1] - hits[0], 7.0f * k, 1.5f) << "side " << side << " angle " << th;
            EXPECT_NEAR(0.5f * (hits[0] + hits[1]), 65.0f * k, 2.0f) << "side " << side << " angle " << th;
        }
    }
}

// CTest runs every TEST in its own process; one TEST keeps the standard patient to one
// generation (the dimension measurements of dimensions_test.cpp run here too).
TEST(StandardPatient, IsValidNestedWithinBudgetAndLandmarked) {
    {
        SCOPED_TRACE("GeneratesWithinBudgetAndReportsTime");
        check_GeneratesWithinBudgetAndReportsTime();
    }
    {
        SCOPED_TRACE("EveryMeshIsClosedOrientedOutwardAndNonEmpty");
        check_EveryMeshIsClosedOrientedOutwardAndNonEmpty();
    }
    {
        SCOPED_TRACE("HasTheStructuresTheBriefNames");
        check_HasTheStructuresTheBriefNames();
    }
    {
        SCOPED_TRACE("ChildrenLieInsideTheirParents");
        check_ChildrenLieInsideTheirParents();
    }
    {
        SCOPED_TRACE("SiblingsDoNotOverlap");
        check_SiblingsDoNotOverlap();
    }
    {
        SCOPED_TRACE("LandmarksLieInOrOnTheirStructures");
        check_LandmarksLieInOrOnTheirStructures();
    }
    {
        SCOPED_TRACE("SoftTissueTargetsAreNotInsideBone");
        check_SoftTissueTargetsAreNotInsideBone();
    }
    {
        SCOPED_TRACE("HasTheLandmarksScenariosUse");
        check_HasTheLandmarksScenariosUse();
    }
    {
        SCOPED_TRACE("SummaryListsStructuresAndLandmarks");
        check_SummaryListsStructuresAndLandmarks();
    }
    {
        SCOPED_TRACE("IliacWingIsAPlateAcrossTheFan");
        check_IliacWingIsAPlateAcrossTheFan();
    }
    {
        SCOPED_TRACE("dimensions against the clinical.md 2.1 table");
        check_standard_patient_dimensions();
    }
}

}  // namespace
}  // namespace fluorosim
