#pragma once
// The X-ray's level of detail: llvmpipe's pulse time grows with the triangles drawn, and much
// of a patient's detail lies in structures that barely differ in attenuation from what they
// displace (ligament, nerve, vessels and CSF within soft tissue: a few % of water's mu). Their
// surfaces may move by a few tenths of a millimetre without a visible change: a path length
// then changes by at most 2 x the error, times a contrast of a few %, i.e. ~1e-3 in the line
// integral against the ~5-10 of a lumbar spine. Bone, air, metal, contrast and the skin keep
// every triangle. The needle's tissue queries and the 3D view keep the full meshes.
#include <functional>
#include <string>

#include "core/scene/scene.hpp"

namespace fluorosim {

struct XrayLodOptions {
    double max_contrast = 0.12;  // |mu - mu_parent| / mu_water below which an object is coarsened
    float max_error_mm = 0.35f;  // surface error allowed for those (decimation plane distance)
};

// `mu_per_mm(material)` at the beam's effective energy (room air: 0 for "").
Scene xray_lod(const Scene& scene, const std::function<double(const std::string&)>& mu_per_mm,
               const XrayLodOptions& options = {});

}  // namespace fluorosim
