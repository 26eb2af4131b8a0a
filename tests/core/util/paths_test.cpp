#include <gtest/gtest.h>

#include <cstdlib>

#include "core/util/paths.hpp"

namespace fluorosim {
namespace {

TEST(Paths, DataDirHoldsShadersAssetsAndScenarios) {
    EXPECT_TRUE(std::filesystem::exists(paths::shader_dir() / "path_length.frag"));
    EXPECT_TRUE(std::filesystem::is_directory(paths::asset_dir()));
    EXPECT_TRUE(std::filesystem::exists(paths::default_scenario()));
}

TEST(Paths, ConfigFollowsXdgAndIgnoresRelativeValues) {
    const char* old = std::getenv("XDG_CONFIG_HOME");
    const std::string saved = old ? old : "";
    setenv("XDG_CONFIG_HOME", "/tmp/xdg-test", 1);
    EXPECT_EQ(paths::config_dir(), std::filesystem::path("/tmp/xdg-test/fluorosim"));
    setenv("XDG_CONFIG_HOME", "relative/dir", 1);  // invalid per the XDG spec
    EXPECT_NE(paths::config_dir().string().find(".config/fluorosim"), std::string::npos);
    if (old) setenv("XDG_CONFIG_HOME", saved.c_str(), 1); else unsetenv("XDG_CONFIG_HOME");
}

}  // namespace
}  // namespace fluorosim
