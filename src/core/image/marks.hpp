#pragma once
// Marks drawn into a display image (RGB or RGBA, 8 bit): the labelled anatomy of
// `fluorosim render --label-anatomy`. Pixels outside the image are skipped.
#include <array>

#include <glm/glm.hpp>

#include "core/image/image.hpp"

namespace fluorosim {

// A ring `thickness` px wide whose outer radius is `radius` px, centred on `centre` (pixel
// coordinates, x right, y down, pixel (0, 0) covering [0, 1)).
void draw_ring(Image8& image, const glm::dvec2& centre, double radius, double thickness,
               const std::array<unsigned char, 3>& rgb);

}  // namespace fluorosim
