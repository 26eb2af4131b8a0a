#pragma once
// Where the GPU keeps each material channel's path length: slot 4t + c is component c of
// render target t (four RGBA32F targets). A fragment of an object writes the channel it adds
// to and its parent's channel it subtracts from (nesting), and llvmpipe pays for every target
// a fragment blends into, whether the value is zero or not. Packing the channels so that an
// object's two channels share a target, weighted by triangle count, lets most triangles blend
// into one target instead of four (measured in `fluorosim bench`, see xray_renderer.cpp).
#include <cstddef>
#include <vector>

#include "core/scene/scene.hpp"

namespace fluorosim {

struct ChannelSlots {
    static constexpr int slots_per_target = 4;
    std::vector<int> slot;  // per channel
    int targets = 0;        // render targets holding at least one channel

    int target_of(int channel) const { return slot[std::size_t(channel)] / slots_per_target; }
    // Bit t set when an object adding to `add` and subtracting `subtract` (-1: none) writes target
    // t.
    unsigned target_mask(int add, int subtract) const;
};

// `object_weight` is per scene object (e.g. its triangle count), in the order of the objects
// the channels were made from. Channels beyond the objects' (extras such as steel) get the
// free slots. Every channel gets a distinct slot below `max_slots` (the slots after it are
// reserved); deterministic. Asserts that the channels fit.
ChannelSlots assign_channel_slots(const MaterialChannels& channels,
                                  const std::vector<std::size_t>& object_weight,
                                  int max_slots = 15);

}  // namespace fluorosim
