// Channel packing: an object's two channels share a render target whenever the targets allow,
// heaviest objects first; every channel gets its own slot.
#include <gtest/gtest.h>

#include <set>

#include "core/scene/channel_slots.hpp"

namespace fluorosim {
namespace {

// Channels as MaterialChannels holds them, from (add, subtract) per object.
MaterialChannels channels(int count, const std::vector<std::pair<int, int>>& objects) {
    MaterialChannels ch;
    for (int i = 0; i < count; ++i) ch.materials.push_back("m" + std::to_string(i));
    for (const auto& [a, s] : objects) {
        ch.add_channel.push_back(a);
        ch.subtract_channel.push_back(s);
    }
    return ch;
}

void expect_distinct_slots_below(const ChannelSlots& s, int max_slots) {
    std::set<int> seen;
    for (int slot : s.slot) {
        EXPECT_GE(slot, 0);
        EXPECT_LT(slot, max_slots);
        EXPECT_TRUE(seen.insert(slot).second) << "slot " << slot << " given twice";
    }
}

TEST(ChannelSlotsTest, TheBenchPatientsObjectsEachWriteOneTarget) {
    // The synthetic bench scene's nesting (fluorosim bench): skin <- air, adipose <- skin,
    // soft <- adipose, muscle <- soft (179k triangles), cortical <- soft, cancellous <- cortical,
    // disc <- soft, csf <- soft; steel is an extra channel without objects.
    enum { skin, adipose, soft, muscle, cortical, cancellous, disc, csf, steel };
    const auto ch = channels(9, {{skin, -1},
                                 {adipose, skin},
                                 {soft, adipose},
                                 {muscle, soft},
                                 {cortical, soft},
                                 {cancellous, cortical},
                                 {disc, soft},
                                 {csf, soft}});
    const std::vector<std::size_t> triangles{8192, 8192, 8192, 179200, 46080, 44800, 4096, 512};
    const ChannelSlots s = assign_channel_slots(ch, triangles);
    expect_distinct_slots_below(s, 15);
    EXPECT_EQ(s.target_of(muscle), s.target_of(soft)) << "the heaviest pair shares a target";
    EXPECT_EQ(s.target_of(cortical), s.target_of(soft));
    EXPECT_EQ(s.target_of(cancellous), s.target_of(cortical));
    EXPECT_EQ(s.target_mask(cancellous, cortical), 1u << unsigned(s.target_of(cortical)));
    EXPECT_LE(s.targets, 3) << "9 channels fit three targets";
    // Two of three lighter pairs at most cross targets: the soft-tissue target is full.
    std::size_t one_target = 0, total = 0;
    for (std::size_t o = 0; o < triangles.size(); ++o) {
        total += triangles[o];
        const unsigned m = s.target_mask(ch.add_channel[o], ch.subtract_channel[o]);
        if ((m & (m - 1)) == 0) one_target += triangles[o];
    }
    EXPECT_GT(double(one_target) / double(total), 0.9)
        << "over 90% of triangles blend into one target";
}

TEST(ChannelSlotsTest, IsDeterministicAndFillsEveryChannel) {
    // 15 channels, all nested in channel 0: only three can join it; the rest still get slots.
    std::vector<std::pair<int, int>> objects;
    std::vector<std::size_t> weights;
    for (int i = 1; i < 15; ++i) {
        objects.emplace_back(i, 0);
        weights.push_back(std::size_t(100 * i));
    }
    const auto ch = channels(15, objects);
    const ChannelSlots a = assign_channel_slots(ch, weights), b = assign_channel_slots(ch, weights);
    EXPECT_EQ(a.slot, b.slot);
    expect_distinct_slots_below(a, 15);
    EXPECT_EQ(a.targets, 4);
    for (int heavy : {14, 13, 12}) EXPECT_EQ(a.target_of(heavy), a.target_of(0)) << heavy;
}

TEST(ChannelSlotsTest, ObjectsNestedInTheirOwnMaterialWriteOneTarget) {
    const auto ch = channels(2, {{0, -1}, {1, 0}, {1, 1}});
    const ChannelSlots s = assign_channel_slots(ch, {10, 10, 10});
    EXPECT_EQ(s.target_mask(1, 1), 1u << unsigned(s.target_of(1)));
    EXPECT_EQ(s.targets, 1);
}

}  // namespace
}  // namespace fluorosim
