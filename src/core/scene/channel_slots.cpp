#include "core/scene/channel_slots.hpp"

#include <algorithm>
#include <cassert>
#include <map>
#include <numeric>
#include <utility>

namespace fluorosim {

unsigned ChannelSlots::target_mask(int add, int subtract) const {
    unsigned mask = 1u << unsigned(target_of(add));
    if (subtract >= 0 && subtract != add) mask |= 1u << unsigned(target_of(subtract));
    return mask;
}

ChannelSlots assign_channel_slots(const MaterialChannels& channels,
                                  const std::vector<std::size_t>& object_weight, int max_slots) {
    const int n = static_cast<int>(channels.materials.size());
    const int per = ChannelSlots::slots_per_target;
    assert(n <= max_slots);
    assert(object_weight.size() == channels.add_channel.size());

    // Weight of each channel pair written together, and of each channel alone.
    std::map<std::pair<int, int>, std::size_t> pair_weight;
    std::vector<std::size_t> channel_weight(static_cast<std::size_t>(n), 0);
    for (std::size_t o = 0; o < object_weight.size(); ++o) {
        const int a = channels.add_channel[o], s = channels.subtract_channel[o];
        channel_weight[std::size_t(a)] += object_weight[o];
        if (s >= 0 && s != a) pair_weight[{std::min(a, s), std::max(a, s)}] += object_weight[o];
    }
    std::vector<std::pair<std::pair<int, int>, std::size_t>> pairs(pair_weight.begin(),
                                                                   pair_weight.end());
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const auto& x, const auto& y) { return x.second > y.second; });

    // Greedy clustering: heaviest pairs first, merge two clusters when they fit one target.
    std::vector<int> cluster(static_cast<std::size_t>(n));
    std::iota(cluster.begin(), cluster.end(), 0);
    auto members = [&](int c) {
        std::vector<int> m;
        for (int i = 0; i < n; ++i)
            if (cluster[std::size_t(i)] == c) m.push_back(i);
        return m;
    };
    for (const auto& [p, w] : pairs) {
        const int ca = cluster[std::size_t(p.first)], cb = cluster[std::size_t(p.second)];
        if (ca == cb) continue;
        if (members(ca).size() + members(cb).size() > std::size_t(per)) continue;
        for (int& c : cluster)
            if (c == cb) c = ca;
    }

    // Pack clusters into targets, largest (then heaviest) first; the last target has only the
    // slots below max_slots.
    std::vector<std::vector<int>> groups;
    for (int c = 0; c < n; ++c)
        if (auto m = members(c); !m.empty()) groups.push_back(std::move(m));
    auto group_weight = [&](const std::vector<int>& g) {
        std::size_t w = 0;
        for (int i : g) w += channel_weight[std::size_t(i)];
        return w;
    };
    std::stable_sort(groups.begin(), groups.end(), [&](const auto& x, const auto& y) {
        return x.size() != y.size() ? x.size() > y.size() : group_weight(x) > group_weight(y);
    });
    const int target_count = std::max(1, (max_slots + per - 1) / per);
    std::vector<int> free;
    for (int t = 0; t < target_count; ++t) free.push_back(std::min(per, max_slots - per * t));
    std::vector<int> used(free.size(), 0);
    ChannelSlots out;
    out.slot.assign(std::size_t(n), -1);
    std::vector<int> left_over;
    for (const auto& g : groups) {
        const auto fits =
            std::find_if(free.begin(), free.end(), [&](int f) { return f >= int(g.size()); });
        if (fits == free.end()) {
            left_over.insert(left_over.end(), g.begin(), g.end());
            continue;
        }
        const auto t = std::size_t(fits - free.begin());
        for (int i : g) {
            out.slot[std::size_t(i)] = int(t) * per + used[t]++;
            --free[t];
        }
    }
    // Clusters that no longer fit whole (fragmented targets) are split over the free slots.
    for (int i : left_over) {
        const auto t = std::size_t(
            std::find_if(free.begin(), free.end(), [](int f) { return f > 0; }) - free.begin());
        assert(t < free.size());
        out.slot[std::size_t(i)] = int(t) * per + used[t]++;
        --free[t];
    }
    for (int s : out.slot) out.targets = std::max(out.targets, s / per + 1);
    return out;
}

}  // namespace fluorosim
