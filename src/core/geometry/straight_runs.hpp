#pragma once
// A bent needle's path comes as short steps (0.5 mm). For drawing, consecutive steps that stay
// within a tolerance of one straight chord, and run through the same tissue, can be one
// segment: the renderer pays per segment (a draw call each).
#include <cstddef>
#include <vector>

#include <glm/glm.hpp>

namespace fluorosim {

// Indices of the points where the runs start, then the last point's index: run k goes from
// points[result[k]] to points[result[k + 1]]. `piece_label` (one per piece i -> i + 1, or
// empty) keeps pieces with different labels in different runs. Every point of a run lies
// within `tolerance` of its chord. Fewer than two points: empty.
std::vector<std::size_t> straight_runs(const std::vector<glm::dvec3>& points,
                                       const std::vector<int>& piece_label, double tolerance);

}  // namespace fluorosim
