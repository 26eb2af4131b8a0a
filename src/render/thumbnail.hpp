#pragma once
// Small copies of displayed images, kept for a debrief's gallery and report: a GL texture read
// back once into a size x size RGBA8 image, and such an image put back into a texture to show.
#include "core/image/image.hpp"
#include "render/gl_objects.hpp"

namespace fluorosim::render {

// The whole of an RGBA8 texture (width x height, GL's bottom-up rows), shrunk to size x size,
// row 0 at the top. A linear blit to 2*size on the GPU, then a 2x2 box on the CPU: each output
// pixel averages 16 source texels, so quantum noise and the thin needle thin out rather than
// alias (a 1000 px image to 192 px is a 5.2x reduction). The read-back is 4*(2 size)^2 bytes
// (590 kB for 192), not the full image.
Image8 read_thumbnail(GLuint texture, int width, int height, int size);

// An RGBA8 texture holding `image` (row 0 at the top becomes texture row 0: draw it with
// v running 0 at the top), linear filtering for enlargement.
Texture upload_rgba8(const Image8& image);

}  // namespace fluorosim::render
