// `fluorosim render` and `info` end to end: a headless EGL context, a PNG and a PFM on disk.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "io/image_file.hpp"
#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::test {
namespace {

TEST(CliRenderGLTest, WritesARealLineIntegralImage) {
    const auto png = output_dir() / "cli_render_ap.png";
    const auto pfm = output_dir() / "cli_render_ap.pfm";
    const std::string phantom = quoted((source_dir() / "scenarios" / "phantom_ap.yaml").string());
    const auto r = run_fluorosim("render --scenario " + phantom + " --size 128 --out " + quoted(png.string()) +
                                 " --line-integral " + quoted(pfm.string()));
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
    // The default scenario: the shipped standard patient.
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

namespace fluorosim::test {
namespace {

// A user's own model, written by another tool: an OBJ cube in centimetres, y up, whose only
// hint of its material is its name.
TEST(CliRenderGLTest, RendersAUsersOwnMeshFile) {
    const auto obj = output_dir() / "user_cube.obj";
    run_shell("printf 'o femur_bone\\nv -3 -3 -3\\nv 3 -3 -3\\nv 3 3 -3\\nv -3 3 -3\\nv -3 -3 3\\nv 3 -3 3\\nv 3 3 3\\nv -3 3 3\\n"
              "f 1 4 3\\nf 1 3 2\\nf 5 6 7\\nf 5 7 8\\nf 1 2 6\\nf 1 6 5\\nf 2 3 7\\nf 2 7 6\\nf 3 4 8\\nf 3 8 7\\nf 4 1 5\\nf 4 5 8\\n' > " +
              quoted(obj.string()));
    const auto pfm = output_dir() / "user_cube.pfm";
    // The phantom scenario's C-arm: isocentre at the origin, where the cube is.
    const auto r = run_fluorosim("render --scenario " + quoted((source_dir() / "scenarios" / "phantom_ap.yaml").string()) +
                                 " --size 64 --disable abc --mesh " + quoted(obj.string()) +
                                 " --units cm --up y --out /dev/null --line-integral " + quoted(pfm.string()));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const ImageF line = io::read_pfm(pfm);
    // 60 mm of cortical bone on the central ray: mu(~36 keV) ~ 0.17/mm gives ~10.
    EXPECT_GT(line.at(32, 32), 5.0f);
    EXPECT_EQ(line.at(2, 2), 0.0f);  // beside the 60 mm cube (field ~148 mm at the isocentre)
    const auto bad = run_fluorosim("render --mesh " + quoted(obj.string()) + " --material kryptonite --out /dev/null");
    EXPECT_NE(bad.exit_code, 0);
    EXPECT_NE(bad.output.find("unknown material 'kryptonite'"), std::string::npos) << bad.output;
    EXPECT_NE(bad.output.find("(known: "), std::string::npos) << bad.output;  // says what would work
}

}  // namespace
}  // namespace fluorosim::test

namespace fluorosim::test {
namespace {

TEST(CliRenderGLTest, InteractiveBenchPrintsItsFigures) {
    const auto r = run_fluorosim("bench-interactive --json --frames 5 --size 128 --view 320x240 --scenario " +
                                 quoted((source_dir() / "scenarios" / "phantom_ap.yaml").string()));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    for (const char* key : {"\"view_fps\"", "\"pulses_per_s\"", "\"latency_ms_median\"", "\"session_commands_per_s\""})
        EXPECT_NE(r.output.find(key), std::string::npos) << key << "\n" << r.output;
}

}  // namespace
}  // namespace fluorosim::test

namespace fluorosim::test {
namespace {

// The Scotty dog labels: every part of L3-L5 listed with its pixel, a ring of its colour there
// (the eye's is yellow) and the anatomy left visible inside the ring.
TEST(CliRenderGLTest, LabelAnatomyRingsAndListsTheScottyDog) {
    const auto png = output_dir() / "cli_label_dog.png";
    const std::string scenario = quoted((source_dir() / "scenarios" / "mbb_l4_left.yaml").string());
    const auto r = run_fluorosim("render --scenario " + scenario + " --lao 30 --size 256 --label-anatomy --out " +
                                 quoted(png.string()));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    for (const char* line : {"L3  left  eye       (pedicle): pixel ", "L4  left  nose      (transverse process)",
                             "L5  left  front leg (inferior articular process)", "L4  left  neck      (pars interarticularis)"})
        EXPECT_NE(r.output.find(line), std::string::npos) << line << "\n" << r.output;
    const auto at = r.output.find("L4  left  eye       (pedicle): pixel ");
    ASSERT_NE(at, std::string::npos);
    int x = -1, y = -1;
    ASSERT_EQ(std::sscanf(r.output.c_str() + at + 37, "%d, %d", &x, &y), 2) << r.output.substr(at, 60);
    const Image8 img = io::read_png(png);
    // Somewhere on a ring of radius ~2 mm (~7 px at 256) around the eye: saturated yellow.
    int yellow = 0;
    for (int dy = -9; dy <= 9; ++dy)
        for (int dx = -9; dx <= 9; ++dx) {
            const int u = x + dx, v = y + dy;
            if (u < 0 || v < 0 || u >= img.width || v >= img.height) continue;
            yellow += img.at(u, v, 0) == 255 && img.at(u, v, 1) == 220 && img.at(u, v, 2) == 0;
        }
    EXPECT_GT(yellow, 8);
    // The centre is the X-ray, grey (R = G = B).
    EXPECT_EQ(img.at(x, y, 0), img.at(x, y, 2));
    // The phantom has no landmarks: said, not an error.
    const auto phantom = run_fluorosim("render --scenario " + quoted((source_dir() / "scenarios" / "phantom_ap.yaml").string()) +
                                       " --size 64 --label-anatomy --out /dev/null");
    EXPECT_EQ(phantom.exit_code, 0) << phantom.output;
    EXPECT_NE(phantom.output.find("no anatomy to label"), std::string::npos) << phantom.output;
}

}  // namespace
}  // namespace fluorosim::test
