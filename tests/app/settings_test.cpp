#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/settings.hpp"

namespace fluorosim::app {
namespace {

TEST(Settings, RoundTripAndBrokenFileFallsBackToDefaults) {
    const auto file = std::filesystem::path(::testing::TempDir()) / "fluorosim-settings" / "settings.json";
    Settings s;
    s.window_width = 1280;
    s.invert = true;
    s.last_scenario = "/x/y.yaml";
    save_settings(file, s);
    const Settings back = load_settings(file);
    EXPECT_EQ(back.window_width, 1280);
    EXPECT_TRUE(back.invert);
    EXPECT_EQ(back.last_scenario, "/x/y.yaml");

    std::ofstream(file) << "{ not json";
    const Settings fallback = load_settings(file);
    EXPECT_EQ(fallback.window_width, Settings{}.window_width);
    EXPECT_FALSE(fallback.invert);
}

}  // namespace
}  // namespace fluorosim::app
