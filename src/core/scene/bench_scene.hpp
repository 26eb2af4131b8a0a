#pragma once
// The benchmark scene: a lumbar-like multi-material scene sized like a real patient model
// (about 300k triangles at detail 1) in 8 tissue materials plus a steel needle, nested three
// levels deep. It exercises what a patient exercises in the renderer (many channels, nested
// subtraction, dense meshes, a sub-pixel needle) while staying simple enough to build in code
// in milliseconds; the procedural patient replaces it where available (fluorosim bench --scene).
//
// Nesting (materials in brackets):
//   skin [skin] > fat [adipose] > trunk [soft_tissue] > paraspinal muscles [muscle],
//   vertebral bodies [bone_cortical] > cores [bone_cancellous], pedicles likewise, spinous
//   processes [bone_cortical], discs [disc], thecal sac [csf], needle shaft [steel];
//   the needle's hub end sits in room air.
#include "core/scene/scene.hpp"

namespace fluorosim {

struct BenchSceneLayout {
    int levels = 5;       // vertebrae, 35 mm apart, centred on the origin (the isocentre)
    double detail = 1.0;  // scales every tessellation; the triangle count goes as detail^2
};

Scene make_bench_scene(const BenchSceneLayout& layout = {});

}  // namespace fluorosim
