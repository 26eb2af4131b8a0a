#pragma once
// Throughput of Session::apply on a needle-heavy command stream, for the CLI's bench output.
// It reads the wall clock, so it is a measuring tool and no part of the (clock-free)
// simulation.
#include <memory>
#include <vector>

#include "core/session/session.hpp"

namespace fluorosim {

struct SessionBench {
    double commands_per_second = 0.0;
    int commands = 0;
    double needle_mm_per_second = 0.0;  // needle travel (advance + withdraw) per wall-clock second
};

// Applies `count` commands on one thread: the needle set down 5 mm behind the scene's posterior
// bound at its centre, then cycles of 1 mm advances to 60 mm (or bone, or the hub), a
// withdrawal to 3 mm and a re-aim, with a C-arm turn every 10th command. The stream is built
// before the clock starts. Asserts count > 0.
SessionBench bench_session(const Scenario& scenario, std::shared_ptr<const TissueQuery> query,
                           const std::vector<Structure>* structures, int count = 2000);

}  // namespace fluorosim
