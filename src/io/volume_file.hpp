#pragma once
// Volume files that CT tools read: MetaImage (.mha, header and data in one file) and NRRD
// (.nrrd, one file, raw). Both written the way ITK and plastimatch write them, so plastimatch,
// 3D Slicer and ITK-SNAP place the volume where the scene is:
// - coordinates are DICOM LPS in mm; MetaImage says so with "AnatomicalOrientation = RAI"
//   (ITK's name for LPS) and NRRD with "space: left-posterior-superior";
// - Offset / "space origin" is the centre of the first voxel; the axes are the patient axes
//   (TransformMatrix / space directions diagonal), x fastest, little-endian.
#include <filesystem>

#include "core/volume/volume.hpp"

namespace fluorosim::io {

enum class VoxelType {
    float32,  // the values as they are (mu in 1/mm, HU with decimals)
    int16,    // rounded and clamped to -32768..32767, as CT scanners store HU
};

// The format follows the extension (.mha or .nrrd). Throws InputError for another extension or
// a file that cannot be written.
void write_volume(const std::filesystem::path& path, const VolumeF& volume,
                  VoxelType type = VoxelType::float32);

// Reads what write_volume writes, and uncompressed single-file MHA/NRRD from other tools:
// 3 dimensions, float, short or unsigned char voxels, axis-aligned. Throws InputError naming
// the file and the field it cannot use (compressed data, a rotated grid, a missing size, ...).
VolumeF read_volume(const std::filesystem::path& path);

}  // namespace fluorosim::io
