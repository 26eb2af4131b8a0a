#include "core/volume/attenuation_volume.hpp"

#include "core/xray/material_library.hpp"

namespace fluorosim {
namespace {

VolumeF map_labels(const LabelledVolume& volume, const std::vector<float>& value) {
    VolumeF out(volume.labels.grid);
    for (std::size_t v = 0; v < out.voxels.size(); ++v) out.voxels[v] = value[volume.labels.voxels[v]];
    return out;
}

}  // namespace

std::vector<float> label_mu_per_mm(const LabelledVolume& volume, const MaterialLibrary& library,
                                   double kev, RoomAir room_air) {
    std::vector<float> mu{room_air == RoomAir::air ? float(library.mu_per_mm("air", kev)) : 0.0f};
    for (const auto& m : volume.materials) mu.push_back(float(library.mu_per_mm(m, kev)));
    return mu;
}

VolumeF mu_volume(const LabelledVolume& volume, const MaterialLibrary& library, double kev,
                  RoomAir room_air) {
    return map_labels(volume, label_mu_per_mm(volume, library, kev, room_air));
}

double hounsfield(double mu_per_mm, double mu_water_per_mm) {
    return 1000.0 * (mu_per_mm - mu_water_per_mm) / mu_water_per_mm;
}

VolumeF hu_volume(const LabelledVolume& volume, const MaterialLibrary& library, double kev,
                  RoomAir room_air) {
    std::vector<float> hu = label_mu_per_mm(volume, library, kev, room_air);
    const double water = library.mu_per_mm("water", kev);
    for (float& v : hu) v = float(hounsfield(double(v), water));
    return map_labels(volume, hu);
}

}  // namespace fluorosim
