#pragma once
// A plain 2D image buffer, row 0 at the top, channels interleaved.
#include <cassert>
#include <cstdint>
#include <vector>

namespace fluorosim {

template <class T>
struct Image {
    int width = 0;
    int height = 0;
    int channels = 1;
    std::vector<T> pixels;

    Image() = default;
    Image(int w, int h, int c, T fill = T{})
        : width(w), height(h), channels(c), pixels(std::size_t(w) * h * c, fill) {}

    T& at(int x, int y, int c = 0) {
        assert(x >= 0 && x < width && y >= 0 && y < height && c >= 0 && c < channels);
        return pixels[(std::size_t(y) * width + x) * channels + c];
    }
    const T& at(int x, int y, int c = 0) const {
        assert(x >= 0 && x < width && y >= 0 && y < height && c >= 0 && c < channels);
        return pixels[(std::size_t(y) * width + x) * channels + c];
    }
    bool empty() const { return pixels.empty(); }
};

using ImageF = Image<float>;
using Image8 = Image<std::uint8_t>;

}  // namespace fluorosim
