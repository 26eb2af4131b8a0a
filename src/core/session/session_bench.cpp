#include "core/session/session_bench.hpp"

#include <cassert>
#include <chrono>
#include <cmath>

namespace fluorosim {

SessionBench bench_session(const Scenario& scenario, std::shared_ptr<const TissueQuery> query,
                           const std::vector<Structure>* structures, int count) {
    assert(count > 0 && query);
    const Aabb box = query->bounds();
    const glm::dvec3 centre = box.empty() ? glm::dvec3(0.0) : glm::dvec3(0.5f * (box.min + box.max));
    const double top = box.empty() ? 0.0 : double(box.max.y);
    const double bottom = box.empty() ? 0.0 : double(box.min.y);

    std::vector<Command> stream;
    stream.reserve(std::size_t(count));
    double t = 0.0;
    stream.push_back(make_command(t, CommandKind::session_start));
    int cycle = 0;
    int k = 0;  // position in the present cycle
    while (int(stream.size()) < count) {
        t += 0.1;
        if (stream.size() % 10 == 0) {
            stream.push_back(make_command(t, CommandKind::carm_rotate, {1.0, 0.0}));
        } else if (k == 0) {
            const double dx = -40.0 + 16.0 * (cycle % 6), dz = -30.0 + 30.0 * ((cycle / 6) % 3);
            // 5 mm above the skin below the grid point (the scene's top may be far above it).
            const glm::dvec3 high(centre.x + dx, top + 5.0, centre.z + dz);
            const std::vector<TissueStretch> down = query->segment(high, glm::dvec3(high.x, bottom, high.z));
            const double y = down.empty() ? high.y : down.front().entry.y + 5.0;
            stream.push_back(make_command(t, CommandKind::needle_entry, {high.x, y, high.z}));
            ++k;
        } else if (k <= 60) {
            stream.push_back(make_command(t, CommandKind::needle_advance, {1.0}));
            ++k;
        } else {
            stream.push_back(make_command(t, CommandKind::needle_depth, {0.0}));
            k = 0;
            ++cycle;
        }
    }
    Session session(scenario, std::move(query), structures, {});
    double travel = 0.0;
    const auto t0 = std::chrono::steady_clock::now();
    for (const Command& c : stream) {
        const double before = session.state().needle.path.length();
        session.apply(c);
        travel += std::abs(session.state().needle.path.length() - before);
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - t0;
    const double s = std::max(elapsed.count(), 1e-9);
    SessionBench b;
    b.commands = int(stream.size());
    b.commands_per_second = double(stream.size()) / s;
    b.needle_mm_per_second = travel / s;
    return b;
}

}  // namespace fluorosim
