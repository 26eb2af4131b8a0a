#pragma once
// Image files: PNG (display images, screenshots, golden baselines) and PFM (float line
// integrals that other tools such as plastimatch and ImageJ read).
#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/image/image.hpp"

namespace fluorosim::io {

// Throws InputError naming the path when the file cannot be written or read.
void write_png(const std::filesystem::path& path, const Image8& image);
Image8 read_png(const std::filesystem::path& path);
// PNG bytes in memory (for reports that embed images).
std::vector<std::uint8_t> encode_png(const Image8& image);
// Single-channel float image as little-endian PFM ("Pf"); PFM stores the bottom row first.
void write_pfm(const std::filesystem::path& path, const ImageF& image);
ImageF read_pfm(const std::filesystem::path& path);

}  // namespace fluorosim::io
