#pragma once
// A crude lumbar phantom for throughput figures and whole-scene checks: a soft-tissue trunk
// around five vertebral bodies (cortical shell, cancellous core), four discs, a dural tube with
// CSF, spinous processes and two kidneys. Not anatomy: sizes are only roughly right (mm, LPS).
// `slices` sets the tessellation; the scene has about 16 * slices^2 triangles (56 -> 50k,
// 136 -> 300k).
#include <string>

#include "core/geometry/primitives.hpp"
#include "core/scene/scene.hpp"

namespace fluorosim::testkit {

inline Scene lumbar_phantom(int slices) {
    Scene s;
    s.name = "lumbar phantom";
    const int stacks = slices / 2;
    const int trunk = s.add({"trunk", "soft_tissue", -1,
                             primitives::elliptic_cylinder_z({0, 0}, 170, 110, -150, 150, 4 * slices)});
    for (int i = 0; i < 5; ++i) {
        const float z = -100.0f + 50.0f * float(i);
        // Built with append: GCC 12 warns falsely (-Wrestrict, bug 105651) on "L" + string.
        const std::string level = std::string("L").append(std::to_string(5 - i));
        const int shell = s.add({level + " cortical", "bone_cortical", trunk,
                                 primitives::ellipsoid({0, 0, z}, {25, 18, 12}, slices, stacks)});
        s.add({level + " cancellous", "bone_cancellous", shell,
               primitives::ellipsoid({0, 0, z}, {23, 16, 10}, slices, stacks)});
        s.add({level + " spinous process", "bone_cortical", trunk,
               primitives::box({-4, 45, z - 10}, {4, 70, z + 10})});
        if (i < 4) {
            s.add({level + " disc", "disc", trunk,
                   primitives::ellipsoid({0, 0, z + 25}, {24, 17, 9}, slices, stacks)});
        }
    }
    const int dura = s.add({"dural sac", "dura", trunk,
                            primitives::cylinder({0, 32, -140}, {0, 32, 140}, 10.0f, slices)});
    s.add({"CSF", "csf", dura, primitives::cylinder({0, 32, -139}, {0, 32, 139}, 9.0f, slices)});
    for (const float x : {-90.0f, 90.0f}) {
        s.add({x < 0 ? "right kidney" : "left kidney", "kidney", trunk,
               primitives::ellipsoid({x, -20, 40}, {30, 25, 55}, slices, stacks)});
    }
    return s;
}

}  // namespace fluorosim::testkit
