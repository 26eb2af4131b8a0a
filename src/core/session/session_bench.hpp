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
    double needle_mm_per_second = 0.0;  // needle actually moved (advance and withdrawal), per second
};

// Applies `count` commands on one thread: entries on a 6 x 3 grid (x +-40 mm, z +-30 mm
// around the scene's centre, 5 mm behind the skin there), each followed by 60 advances
// of 1 mm (stopping where bone or the hub stops them) and a withdrawal out of the skin, with
// a C-arm turn every 10th command. The stream is built before the clock starts. Asserts
// count > 0.
SessionBench bench_session(const Scenario& scenario, std::shared_ptr<const TissueQuery> query,
                           const std::vector<Structure>* structures, int count = 2000);

}  // namespace fluorosim
