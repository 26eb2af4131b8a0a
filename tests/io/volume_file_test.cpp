// MHA and NRRD volume files: exact round trips, int16 rounding and clamping, clear errors,
// and (where plastimatch is installed) that plastimatch reads our grid as we wrote it.
#include <gtest/gtest.h>

#include <fstream>

#include "core/util/error.hpp"
#include "io/volume_file.hpp"
#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::io {
namespace {

VolumeF ramp() {
    VolumeGrid g;
    g.origin = {-12.25, 3.5, -100.125};
    g.spacing = {0.75, 1.25, 2.0};
    g.dims = {5, 4, 3};
    VolumeF v(g);
    for (std::size_t i = 0; i < v.voxels.size(); ++i) v.voxels[i] = 0.013f * float(i) - 0.2f;
    return v;
}

void expect_same_grid(const VolumeGrid& a, const VolumeGrid& b) {
    EXPECT_EQ(a.dims, b.dims);
    EXPECT_EQ(a.origin, b.origin);
    EXPECT_EQ(a.spacing, b.spacing);
}

TEST(VolumeFile, FloatRoundTripsExactly) {
    for (const char* name : {"ramp.mha", "ramp.nrrd"}) {
        const auto path = test::output_dir() / name;
        const VolumeF v = ramp();
        write_volume(path, v);
        const VolumeF back = read_volume(path);
        expect_same_grid(back.grid, v.grid);
        EXPECT_EQ(back.voxels, v.voxels) << name;
    }
}

TEST(VolumeFile, Int16RoundsAndClamps) {
    VolumeF v = ramp();
    v.voxels[0] = -1000.4f;
    v.voxels[1] = 41.6f;
    v.voxels[2] = 1.0e6f;   // steel in HU at 40 keV is ~1e5: beyond int16
    v.voxels[3] = -5.0e4f;
    for (const char* name : {"hu.mha", "hu.nrrd"}) {
        const auto path = test::output_dir() / name;
        write_volume(path, v, VoxelType::int16);
        const VolumeF back = read_volume(path);
        EXPECT_EQ(back.voxels[0], -1000.0f);
        EXPECT_EQ(back.voxels[1], 42.0f);
        EXPECT_EQ(back.voxels[2], 32767.0f);
        EXPECT_EQ(back.voxels[3], -32768.0f);
    }
}

TEST(VolumeFile, HeaderStatesLpsAndFirstVoxelCentre) {
    const auto path = test::output_dir() / "header.mha";
    write_volume(path, ramp());
    std::ifstream in(path, std::ios::binary);
    std::string text(400, '\0');  // the header is about 300 characters
    in.read(text.data(), std::streamsize(text.size()));
    text = text.substr(0, text.find("ElementDataFile"));
    EXPECT_NE(text.find("AnatomicalOrientation = RAI"), std::string::npos) << text;
    EXPECT_NE(text.find("Offset = -12.25 3.5 -100.125"), std::string::npos) << text;
    EXPECT_NE(text.find("ElementSpacing = 0.75 1.25 2"), std::string::npos) << text;
    EXPECT_NE(text.find("DimSize = 5 4 3"), std::string::npos) << text;
}

TEST(VolumeFile, ErrorsNameTheProblem) {
    EXPECT_THROW(write_volume(test::output_dir() / "x.nii", ramp()), InputError);
    EXPECT_THROW(read_volume(test::output_dir() / "does_not_exist.mha"), InputError);
    const auto path = test::output_dir() / "short.mha";
    write_volume(path, ramp());
    std::filesystem::resize_file(path, std::filesystem::file_size(path) - 4);
    try {
        read_volume(path);
        FAIL() << "a truncated file was read";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("shorter"), std::string::npos) << e.what();
    }
    const auto gz = test::output_dir() / "gz.nrrd";
    std::ofstream(gz) << "NRRD0004\ntype: float\ndimension: 3\nsizes: 1 1 1\n"
                         "space directions: (1,0,0) (0,1,0) (0,0,1)\nencoding: gzip\n\n";
    try {
        read_volume(gz);
        FAIL() << "gzip NRRD was read";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("encoding"), std::string::npos) << e.what();
    }
}

TEST(VolumeFile, PlastimatchReadsOurGrid) {
    if (test::run_shell("command -v plastimatch").exit_code != 0) GTEST_SKIP() << "plastimatch not installed";
    for (const char* name : {"pm.mha", "pm.nrrd"}) {
        const auto path = test::output_dir() / name;
        write_volume(path, ramp());
        const auto r = test::run_shell("plastimatch header " + test::quoted(path.string()));
        ASSERT_EQ(r.exit_code, 0) << r.output;
        EXPECT_NE(r.output.find("Origin = -12.2500 3.5000 -100.1250"), std::string::npos) << r.output;
        EXPECT_NE(r.output.find("Size = 5 4 3"), std::string::npos) << r.output;
        EXPECT_NE(r.output.find("Spacing = 0.7500 1.2500 2.0000"), std::string::npos) << r.output;
    }
}

}  // namespace
}  // namespace fluorosim::io
