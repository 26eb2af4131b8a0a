#include "core/scene/bench_scene.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/geometry/primitives.hpp"
#include "core/needle/needle_placement.hpp"
#include "core/needle/needle_spec.hpp"

namespace fluorosim {

Scene make_bench_scene(const BenchSceneLayout& layout) {
    using primitives::cylinder;
    using primitives::ellipsoid;
    using primitives::sphere;
    // Segment counts at detail 1; the budget (about 300k) is mostly the muscles (2 x 90k) and
    // the pedicles (20 spheres x 4k), the kind of dense organic surface a patient model has.
    auto n = [&](int base) { return std::max(8, int(std::lround(base * layout.detail))); };
    Scene scene;
    scene.name = "synthetic lumbar (bench)";
    // Trunk: 300 x 220 x 300 mm; 2 mm of skin over 12 mm of subcutaneous fat.
    const int skin = scene.add({"skin", "skin", -1, primitives::elliptic_cylinder_z({0, 0}, 150, 110, -150, 150, n(2048))});
    const int fat = scene.add({"subcutaneous fat", "adipose", skin,
                               primitives::elliptic_cylinder_z({0, 0}, 148, 108, -148, 148, n(2048))});
    const int trunk = scene.add({"trunk", "soft_tissue", fat,
                                 primitives::elliptic_cylinder_z({0, 0}, 136, 96, -136, 136, n(2048))});
    // Erector spinae beside the spinous processes, posterior to the pedicles (x 25-65, y 40-80).
    for (float side : {-1.0f, 1.0f})
        scene.add({side > 0 ? "left erector spinae" : "right erector spinae", "muscle", trunk,
                   ellipsoid({side * 45.0f, 60.0f, 0.0f}, {20.0f, 20.0f, 120.0f}, n(256), n(176))});

    const float body_radius = 20.0f, body_height = 25.0f, disc_height = 10.0f, cortex = 2.5f;
    const float pitch = body_height + disc_height;
    const float z0 = -0.5f * pitch * float(layout.levels - 1);
    for (int i = 0; i < layout.levels; ++i) {
        const std::string level = "level " + std::to_string(i + 1);
        const float zc = z0 + pitch * float(i);
        const glm::vec3 lo(0, 0, zc - 0.5f * body_height), hi(0, 0, zc + 0.5f * body_height);
        const int body = scene.add({level + " body cortex", "bone_cortical", trunk, cylinder(lo, hi, body_radius, n(256))});
        scene.add({level + " body core", "bone_cancellous", body,
                   cylinder(lo + glm::vec3(0, 0, cortex), hi - glm::vec3(0, 0, cortex), body_radius - cortex, n(256))});
        for (float side : {-1.0f, 1.0f}) {
            const std::string name = level + (side > 0 ? " left pedicle" : " right pedicle");
            const glm::vec3 c(side * 14.0f, body_radius + 9.0f, zc + 3.0f);
            const int ped = scene.add({name, "bone_cortical", trunk, sphere(c, 6.5f, n(64), n(32))});
            scene.add({name + " core", "bone_cancellous", ped, sphere(c, 4.5f, n(64), n(32))});
        }
        scene.add({level + " spinous process", "bone_cortical", trunk,
                   cylinder({0, body_radius + 22.0f, zc}, {0, body_radius + 50.0f, zc - 8.0f}, 4.5f, n(64))});
        if (i + 1 < layout.levels) {
            const float zd = zc + 0.5f * body_height;
            scene.add({level + " disc", "disc", trunk, cylinder({0, 0, zd}, {0, 0, zd + disc_height}, body_radius, n(256))});
        }
    }
    // Thecal sac between the pedicles (x +-6 vs pedicles from x 7.5), behind the bodies
    // (y 23-35 vs bodies to y 20), in front of the spinous processes (from y 37.5).
    const float half_column = 0.5f * pitch * float(layout.levels);
    scene.add({"thecal sac", "csf", trunk,
               cylinder({0, body_radius + 9.0f, -half_column}, {0, body_radius + 9.0f, half_column}, 6.0f, n(128))});

    // A 22G needle entering 18 mm left of the midline, tilted 35 degrees cranially (as for an
    // interlaminar approach), 80 mm in: tip at (13.8, 43.6, 15.9), between the spinous
    // processes (x < 4.5) and the erector spinae (x > 25), behind the pedicles (y < 35.5).
    // In AP it reads as a 46 mm line, not the dot of a needle "down the beam", so a comparison
    // of images weighs the whole shaft. The entry is 0.1 mm under the skin's surface, so the
    // part outside (in room air) overlaps the skin by no more than that.
    NeedlePlacement placement;
    placement.entry = {18.0, 110.0 * std::sqrt(1.0 - (18.0 / 150.0) * (18.0 / 150.0)) - 0.1, -30.0};
    placement.medial_deg = -3.0;
    placement.cranial_deg = 35.0;
    placement.depth_mm = 80.0;
    // The shaft's single tissue parent is the trunk: its first ~4 mm really run in skin and
    // fat, so the renderer subtracts soft tissue there instead, an error of
    // (mu_soft - mu_fat) x 0.4 mm2 x 4 mm: invisible, and the same in every engine compared.
    add_needle_to_scene(scene, needle_spec("quincke_22g_90mm"), placement, trunk);
    return scene;
}

}  // namespace fluorosim
