#include "core/geometry/straight_runs.hpp"

#include <cassert>

namespace fluorosim {

namespace {

// Whether points[first + 1 .. last - 1] lie within `tolerance` of the chord first -> last.
bool straight(const std::vector<glm::dvec3>& points, std::size_t first, std::size_t last,
              double tolerance) {
    const glm::dvec3 a = points[first], chord = points[last] - a;
    const double length = glm::length(chord);
    for (std::size_t k = first + 1; k < last; ++k) {
        const glm::dvec3 d = points[k] - a;
        const double off =
            length > 1e-12 ? glm::length(glm::cross(d, chord)) / length : glm::length(d);
        if (off > tolerance) return false;
    }
    return true;
}

}  // namespace

std::vector<std::size_t> straight_runs(const std::vector<glm::dvec3>& points,
                                       const std::vector<int>& piece_label, double tolerance) {
    assert(piece_label.empty() || piece_label.size() + 1 == points.size());
    std::vector<std::size_t> starts;
    if (points.size() < 2) return starts;
    auto label = [&](std::size_t piece) { return piece_label.empty() ? 0 : piece_label[piece]; };
    std::size_t start = 0;
    while (start + 1 < points.size()) {
        starts.push_back(start);
        std::size_t end = start + 1;
        while (end + 1 < points.size() && label(end) == label(start) &&
               straight(points, start, end + 1, tolerance))
            ++end;
        start = end;
    }
    starts.push_back(points.size() - 1);
    return starts;
}

}  // namespace fluorosim
