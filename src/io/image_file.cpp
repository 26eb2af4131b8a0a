#include "io/image_file.hpp"

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <stb_image.h>
#include <stb_image_write.h>

#include "core/util/error.hpp"

namespace fluorosim::io {
namespace fs = std::filesystem;

namespace {
void ensure_parent(const fs::path& path) {
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
}
}  // namespace

void write_png(const fs::path& path, const Image8& image) {
    assert(!image.empty());
    ensure_parent(path);
    if (!stbi_write_png(path.c_str(), image.width, image.height, image.channels,
                        image.pixels.data(), image.width * image.channels))
        throw InputError({path.string(), 0, ""}, "cannot write PNG file (check the folder exists and is writable)");
}

std::vector<std::uint8_t> encode_png(const Image8& image) {
    std::vector<std::uint8_t> bytes;
    stbi_write_png_to_func(
        [](void* context, void* data, int size) {
            auto* out = static_cast<std::vector<std::uint8_t>*>(context);
            const auto* p = static_cast<const std::uint8_t*>(data);
            out->insert(out->end(), p, p + size);
        },
        &bytes, image.width, image.height, image.channels, image.pixels.data(), image.width * image.channels);
    return bytes;
}

Image8 read_png(const fs::path& path) {
    int w = 0, h = 0, c = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> data(stbi_load(path.c_str(), &w, &h, &c, 0),
                                                         stbi_image_free);
    if (!data) {
        const char* why = stbi_failure_reason();
        throw InputError({path.string(), 0, ""},
                         std::string("cannot read image: ") + (why ? why : "unknown reason"));
    }
    Image8 img(w, h, c);
    std::copy(data.get(), data.get() + std::size_t(w) * h * c, img.pixels.begin());
    return img;
}

void write_pfm(const fs::path& path, const ImageF& image) {
    assert(image.channels == 1);
    ensure_parent(path);
    std::ofstream out(path, std::ios::binary);
    if (!out) throw InputError({path.string(), 0, ""}, "cannot write PFM file");
    out << "Pf\n" << image.width << " " << image.height << "\n-1.0\n";  // negative scale = little-endian
    for (int y = image.height - 1; y >= 0; --y)
        out.write(reinterpret_cast<const char*>(&image.pixels[std::size_t(y) * image.width]),
                  std::streamsize(sizeof(float) * image.width));
    if (!out) throw InputError({path.string(), 0, ""}, "error while writing PFM file");
}

ImageF read_pfm(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError({path.string(), 0, ""}, "cannot open PFM file");
    std::string magic;
    int w = 0, h = 0;
    double scale = 0.0;
    in >> magic >> w >> h >> scale;
    in.get();
    if (magic != "Pf" || w <= 0 || h <= 0 || scale >= 0.0)
        throw InputError({path.string(), 1, ""}, "not a little-endian single-channel PFM (\"Pf\", negative scale)");
    ImageF img(w, h, 1);
    for (int y = h - 1; y >= 0; --y)
        in.read(reinterpret_cast<char*>(&img.pixels[std::size_t(y) * w]), std::streamsize(sizeof(float) * w));
    if (!in) throw InputError({path.string(), 0, ""}, "PFM file is truncated");
    return img;
}

}  // namespace fluorosim::io
