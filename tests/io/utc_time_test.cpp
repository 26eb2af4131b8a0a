#include <gtest/gtest.h>

#include <cctype>

#include "io/utc_time.hpp"

namespace fluorosim::io {
namespace {

TEST(UtcTime, Iso8601NowEarlierAndCompact) {
    const std::string now = utc_now();
    ASSERT_EQ(now.size(), 20u);  // 2026-11-29T10:15:00Z
    EXPECT_EQ(now[4], '-');
    EXPECT_EQ(now[10], 'T');
    EXPECT_EQ(now[19], 'Z');
    // ISO 8601 text sorts as time does: an hour ago comes first, a day ago changes the date.
    EXPECT_LT(utc_now(3600.0), utc_now());
    EXPECT_NE(utc_now(86400.0).substr(0, 10), utc_now().substr(0, 10));
    const std::string compact = utc_now(0.0, "%Y%m%d-%H%M%S");
    ASSERT_EQ(compact.size(), 15u);
    EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(compact[0])));
    EXPECT_EQ(compact[8], '-');
}

}  // namespace
}  // namespace fluorosim::io
