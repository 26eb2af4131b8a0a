#include "core/image/marks.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace fluorosim {

void draw_ring(Image8& image, const glm::dvec2& centre, double radius, double thickness,
               const std::array<unsigned char, 3>& rgb) {
    assert(image.channels >= 3 && radius > 0.0 && thickness > 0.0);
    const int x0 = std::max(0, int(std::floor(centre.x - radius))),
              x1 = std::min(image.width - 1, int(std::ceil(centre.x + radius)));
    const int y0 = std::max(0, int(std::floor(centre.y - radius))),
              y1 = std::min(image.height - 1, int(std::ceil(centre.y + radius)));
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const double r = glm::length(glm::dvec2(x + 0.5, y + 0.5) - centre);
            if (r > radius || r < radius - thickness) continue;
            for (int c = 0; c < 3; ++c) image.at(x, y, c) = rgb[std::size_t(c)];
        }
}

}  // namespace fluorosim
