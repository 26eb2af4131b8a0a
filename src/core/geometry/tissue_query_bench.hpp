#pragma once
// Throughput of the tissue queries, for the CLI's bench output and for reports. It reads the
// wall clock, so it is a measuring tool and no part of the (clock-free) simulation.
#include <cstdint>

#include "core/geometry/tissue_query.hpp"

namespace fluorosim {

// Segment queries per second on the calling thread, over `count` needle-like segments
// (20-120 mm long, random direction, starting uniformly inside the scene bounds), drawn from
// `seed` before the clock starts. Asserts count > 0.
double bench_tissue_queries(const TissueQuery& query, int count = 100000, std::uint64_t seed = 1);

}  // namespace fluorosim
