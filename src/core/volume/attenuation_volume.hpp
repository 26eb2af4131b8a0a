#pragma once
// Labelled volume -> values a volume tool reads: linear attenuation mu (1/mm) at one energy,
// or CT numbers, HU = 1000 (mu - mu_water) / mu_water at that energy (water 0, air about -1000).
#include <string>
#include <vector>

#include "core/volume/voxelise.hpp"

namespace fluorosim {

class MaterialLibrary;

// What fills the voxels outside every object. A CT sees air there (HU about -1000); the mesh
// renderer leaves room air out of its channels (scene.hpp), so a volume meant to reproduce its
// line integrals exactly uses vacuum.
enum class RoomAir { air, vacuum };

// mu (1/mm) of each label at `kev`: [0] room air, [k] materials[k - 1].
std::vector<float> label_mu_per_mm(const LabelledVolume& volume, const MaterialLibrary& library,
                                   double kev, RoomAir room_air);

VolumeF mu_volume(const LabelledVolume& volume, const MaterialLibrary& library, double kev,
                  RoomAir room_air = RoomAir::air);

double hounsfield(double mu_per_mm, double mu_water_per_mm);
VolumeF hu_volume(const LabelledVolume& volume, const MaterialLibrary& library, double kev,
                  RoomAir room_air = RoomAir::air);

}  // namespace fluorosim
