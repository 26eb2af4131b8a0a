// `fluorosim render` and `info` end to end: a headless EGL context, a PNG and a PFM on disk.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "io/image_file.hpp"
#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::test {
namespace {

TEST(CliRenderGLTest, WritesARealLineIntegralImage) {
    const auto png = output_dir() / "cli_render_ap.png";
    const auto pfm = output_dir() / "cli_render_ap.pfm";
    const auto r = run_fluorosim("render --size 128 --out " + quoted(png.string()) + " --line-integral " + quoted(pfm.string()));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const Image8 img = io::read_png(png);
    EXPECT_EQ(img.width, 128);
    const ImageF line = io::read_pfm(pfm);
    // The phantom's central ray crosses 220 mm of soft tissue and a bone column: the line
    // integral there is several units, far more than at the field edge beside the trunk.
    const float centre = line.at(64, 64);
    EXPECT_GT(centre, 4.0f);
    EXPECT_LT(centre, 30.0f);
    // Left-right symmetric phantom in AP: mirrored pixels agree.
    EXPECT_NEAR(line.at(40, 64), line.at(87, 64), 0.02f * line.at(40, 64));
    // Dense is dark: the centre of the display is darker than soft tissue beside the column.
    EXPECT_LT(img.at(64, 64, 0), img.at(20, 64, 0));
}

TEST(CliRenderGLTest, AnglesChangeTheImage) {
    const auto ap = output_dir() / "cli_ap.pfm", lat = output_dir() / "cli_lat.pfm";
    ASSERT_EQ(run_fluorosim("render --size 64 --disable abc --out /dev/null --line-integral " + quoted(ap.string())).exit_code, 0);
    ASSERT_EQ(run_fluorosim("render --size 64 --disable abc --lao 90 --out /dev/null --line-integral " + quoted(lat.string())).exit_code, 0);
    const ImageF a = io::read_pfm(ap), b = io::read_pfm(lat);
    double diff = 0;
    for (std::size_t i = 0; i < a.pixels.size(); ++i) diff += double(std::abs(a.pixels[i] - b.pixels[i]));
    EXPECT_GT(diff / double(a.pixels.size()), 0.5);
}

TEST(CliRenderGLTest, InfoNamesTheGlRendererAndPaths) {
    const auto r = run_fluorosim("info");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("GL renderer:"), std::string::npos);
    EXPECT_NE(r.output.find("4.5"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("shaders:"), std::string::npos);
}

}  // namespace
}  // namespace fluorosim::test
