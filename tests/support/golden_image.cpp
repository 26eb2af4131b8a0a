#include "support/golden_image.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "io/image_file.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::test {
namespace fs = std::filesystem;

ImageDifference difference(const Image8& a, const Image8& b) {
    ImageDifference d;
    double sum = 0.0;
    for (std::size_t i = 0; i < a.pixels.size(); ++i) {
        const int diff = std::abs(int(a.pixels[i]) - int(b.pixels[i]));
        d.max_abs = std::max(d.max_abs, diff);
        sum += diff;
    }
    d.mean_abs = a.pixels.empty() ? 0.0 : sum / double(a.pixels.size());
    return d;
}

::testing::AssertionResult matches_golden(const std::string& name, const Image8& actual,
                                          GoldenThresholds thresholds) {
    const fs::path baseline = golden_dir() / (name + ".png");
    const char* bless = std::getenv("FLUOROSIM_BLESS");
    if (bless && std::string(bless) == "1") {
        io::write_png(baseline, actual);
        return ::testing::AssertionSuccess() << "blessed " << baseline;
    }
    if (!fs::exists(baseline)) {
        const fs::path out = output_dir() / (name + ".actual.png");
        io::write_png(out, actual);
        return ::testing::AssertionFailure()
               << "no baseline " << baseline << "; wrote " << out
               << ". Look at it, then bless it with FLUOROSIM_BLESS=1";
    }
    const Image8 expected = io::read_png(baseline);
    if (expected.width != actual.width || expected.height != actual.height ||
        expected.channels != actual.channels) {
        return ::testing::AssertionFailure()
               << "size differs from " << baseline << ": expected " << expected.width << "x"
               << expected.height << "x" << expected.channels << ", got " << actual.width << "x"
               << actual.height << "x" << actual.channels;
    }
    const ImageDifference d = difference(expected, actual);
    if (d.max_abs <= thresholds.max_abs && d.mean_abs <= thresholds.mean_abs)
        return ::testing::AssertionSuccess();

    const fs::path actual_out = output_dir() / (name + ".actual.png");
    const fs::path diff_out = output_dir() / (name + ".diff.png");
    io::write_png(actual_out, actual);
    Image8 diff(actual.width, actual.height, actual.channels);
    for (std::size_t i = 0; i < diff.pixels.size(); ++i)
        diff.pixels[i] = static_cast<std::uint8_t>(
            std::min(255, 8 * std::abs(int(actual.pixels[i]) - int(expected.pixels[i]))));
    if (diff.channels == 4)  // keep the diff opaque so viewers show it
        for (std::size_t i = 3; i < diff.pixels.size(); i += 4) diff.pixels[i] = 255;
    io::write_png(diff_out, diff);
    return ::testing::AssertionFailure()
           << name << ": max difference " << d.max_abs << " (allowed " << thresholds.max_abs
           << "), mean " << d.mean_abs << " (allowed " << thresholds.mean_abs << "); wrote "
           << actual_out << " and " << diff_out;
}

}  // namespace fluorosim::test
