#include "core/scene/test_phantom.hpp"

#include "core/geometry/primitives.hpp"

namespace fluorosim {

Scene make_test_phantom(const TestPhantomLayout& p) {
    using primitives::cylinder;
    using primitives::sphere;
    Scene scene;
    scene.name = "test phantom";
    const int trunk = scene.add({"trunk", "soft_tissue", -1,
                                 primitives::elliptic_cylinder_z({0, 0}, p.trunk_half_width, p.trunk_half_depth,
                                                                 -p.trunk_half_length, p.trunk_half_length, 96)});
    // Levels stacked along z around the origin (the isocentre of the default pose).
    const float pitch = p.body_height + p.disc_height;
    const float z0 = -0.5f * pitch * float(p.levels - 1);
    for (int i = 0; i < p.levels; ++i) {
        const std::string level = "level " + std::to_string(i + 1);
        const float zc = z0 + pitch * float(i);
        const glm::vec3 lo(0, 0, zc - 0.5f * p.body_height), hi(0, 0, zc + 0.5f * p.body_height);
        const int shell = scene.add({level + " body cortex", "bone_cortical", trunk, cylinder(lo, hi, p.body_radius, 48)});
        scene.add({level + " body core", "bone_cancellous", shell,
                   cylinder(lo + glm::vec3(0, 0, p.cortical_mm), hi - glm::vec3(0, 0, p.cortical_mm),
                            p.body_radius - p.cortical_mm, 48)});
        // Pedicles: spheres posterior-lateral to the body, read as ovals/rings in AP.
        for (float side : {-1.0f, 1.0f}) {
            const int ped = scene.add({level + (side > 0 ? " left" : " right") + " pedicle", "bone_cortical", trunk,
                                       sphere({side * 14.0f, p.body_radius + 9.0f, zc + 3.0f}, 6.5f, 32, 16)});
            scene.add({level + (side > 0 ? " left" : " right") + " pedicle core", "bone_cancellous", ped,
                       sphere({side * 14.0f, p.body_radius + 9.0f, zc + 3.0f}, 4.5f, 32, 16)});
        }
        // Spinous process: a posterior bar, tilted caudally as real ones are.
        scene.add({level + " spinous process", "bone_cortical", trunk,
                   cylinder({0, p.body_radius + 22.0f, zc}, {0, p.body_radius + 50.0f, zc - 8.0f}, 4.5f, 24)});
        if (i + 1 < p.levels) {
            const float zd = zc + 0.5f * p.body_height;
            scene.add({level + " disc", "disc", trunk,
                       cylinder({0, 0, zd}, {0, 0, zd + p.disc_height}, p.body_radius, 48)});
        }
    }
    return scene;
}

}  // namespace fluorosim
