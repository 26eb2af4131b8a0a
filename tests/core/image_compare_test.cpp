#include <gtest/gtest.h>

#include "core/image/image_compare.hpp"
#include "core/util/error.hpp"

namespace fluorosim {
namespace {

ImageF ramp(float scale, float offset) {
    ImageF img(4, 3, 1);
    for (int y = 0; y < 3; ++y)
        for (int x = 0; x < 4; ++x) img.at(x, y) = scale * float(x + 4 * y) + offset;
    return img;
}

TEST(ImageCompare, IdenticalImagesAgreeFully) {
    const ImageAgreement r = compare_images(ramp(1, 0), ramp(1, 0));
    EXPECT_EQ(r.max_abs, 0.0);
    EXPECT_DOUBLE_EQ(r.ncc, 1.0);
    EXPECT_DOUBLE_EQ(r.gain, 1.0);
}

TEST(ImageCompare, NccIgnoresGainAndOffsetButGainShowsIt) {
    const ImageAgreement r = compare_images(ramp(1, 0), ramp(10, 0));  // e.g. plastimatch's 1/10
    EXPECT_NEAR(r.ncc, 1.0, 1e-12);
    EXPECT_NEAR(r.gain, 10.0, 1e-12);
    EXPECT_NEAR(r.max_abs, 99.0, 1e-9);  // pixel 11: 11 vs 110
    EXPECT_NEAR(compare_images(ramp(1, 0), ramp(2, 5)).ncc, 1.0, 1e-12);
    EXPECT_NEAR(compare_images(ramp(1, 0), ramp(-1, 0)).ncc, -1.0, 1e-12);
}

TEST(ImageCompare, SizesMustMatch) {
    EXPECT_THROW(compare_images(ImageF(4, 3, 1), ImageF(3, 4, 1)), InputError);
}

}  // namespace
}  // namespace fluorosim
