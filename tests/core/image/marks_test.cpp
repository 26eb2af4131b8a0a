#include <gtest/gtest.h>

#include "core/image/marks.hpp"

namespace fluorosim {

TEST(Marks, RingColoursItsAnnulusOnlyAndClipsAtTheBorder) {
    Image8 img(40, 40, 4, 0);
    draw_ring(img, {20.0, 20.0}, 8.0, 2.0, {255, 128, 1});
    EXPECT_EQ(img.at(20 + 7, 20, 0), 255);  // on the ring (r = 7.5)
    EXPECT_EQ(img.at(20 + 7, 20, 1), 128);
    EXPECT_EQ(img.at(20 + 7, 20, 2), 1);
    EXPECT_EQ(img.at(20 + 7, 20, 3), 0);  // alpha untouched
    EXPECT_EQ(img.at(20, 20, 0), 0);      // the centre stays clear: the anatomy shows through
    EXPECT_EQ(img.at(20 + 4, 20, 0), 0);
    EXPECT_EQ(img.at(20 + 9, 20, 0), 0);              // outside
    draw_ring(img, {1.0, 1.0}, 6.0, 2.0, {9, 9, 9});  // partly outside: no out-of-range write
    EXPECT_EQ(img.at(5, 1, 0), 9);
}

}  // namespace fluorosim
