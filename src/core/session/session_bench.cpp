#include "core/session/session_bench.hpp"

#include <cassert>
#include <chrono>

namespace fluorosim {

SessionBench bench_session(const Scenario& scenario, std::shared_ptr<const TissueQuery> query,
                           const std::vector<Structure>* structures, int count) {
    assert(count > 0 && query);
    const Aabb box = query->bounds();
    const glm::dvec3 centre = box.empty() ? glm::dvec3(0.0) : glm::dvec3(0.5f * (box.min + box.max));
    const double top = box.empty() ? 0.0 : double(box.max.y);

    // The stream: the session's depth is not known ahead, so the cycle is fixed in commands
    // (60 advances of 1 mm, a withdrawal of 57 mm, a re-aim), whatever the tissue does.
    std::vector<Command> stream;
    stream.reserve(std::size_t(count) + 3);
    double t = 0.0;
    stream.push_back(make_command(t, CommandKind::session_start));
    stream.push_back(make_command(t, CommandKind::needle_entry, {centre.x, top + 5.0, centre.z}));
    double travel = 0.0;
    int cycle = 0;
    while (int(stream.size()) < count) {
        t += 0.1;
        const int k = int(stream.size()) % 63;
        if (int(stream.size()) % 10 == 0) {
            stream.push_back(make_command(t, CommandKind::carm_rotate, {1.0, 0.0}));
        } else if (k < 61) {
            stream.push_back(make_command(t, CommandKind::needle_advance, {1.0}));
            travel += 1.0;
        } else if (k == 61) {
            stream.push_back(make_command(t, CommandKind::needle_depth, {3.0}));
            travel += 57.0;
        } else {
            stream.push_back(make_command(t, CommandKind::needle_aim, {cycle % 2 ? 3.0 : -3.0, 0.0}));
            ++cycle;
        }
    }
    Session session(scenario, std::move(query), structures, {});
    std::size_t events = 0;  // used below, so the work cannot be optimised away
    const auto t0 = std::chrono::steady_clock::now();
    for (const Command& c : stream) events += session.apply(c).size();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - t0;
    const double s = std::max(elapsed.count(), 1e-9);
    SessionBench b;
    b.commands = int(stream.size());
    b.commands_per_second = events == std::size_t(-1) ? 0.0 : double(stream.size()) / s;
    b.needle_mm_per_second = travel / s;
    return b;
}

}  // namespace fluorosim
