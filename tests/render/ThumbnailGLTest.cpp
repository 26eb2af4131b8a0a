// Thumbnails of displayed images: the right way up, shrunk by averaging, and back into a
// texture unchanged.
#include <gtest/gtest.h>

#include <vector>

#include "render/gl_context.hpp"
#include "render/thumbnail.hpp"

namespace fluorosim::render {
namespace {

TEST(ThumbnailGLTest, ShrinksTheWholeTextureTopRowFirst) {
    HeadlessContext context;
    // 400 x 400 texture, GL rows bottom-up: the top 100 rows white, the rest black, except the
    // left half of the bottom 200 rows mid grey (128); a one-texel checkerboard in the top-right
    // quarter averages to ~half.
    const int n = 400;
    std::vector<std::uint8_t> px(std::size_t(n) * n * 4, 0);
    for (int row = 0; row < n; ++row)  // row 0 = bottom
        for (int x = 0; x < n; ++x) {
            std::uint8_t v = 0;
            if (row >= 300) v = 255;
            if (row < 200 && x < 200) v = 128;
            if (row >= 200 && row < 300 && x >= 200) v = ((x + row) % 2) ? 255 : 0;
            for (int c = 0; c < 3; ++c)
                px[(std::size_t(row) * n + std::size_t(x)) * 4 + std::size_t(c)] = v;
            px[(std::size_t(row) * n + std::size_t(x)) * 4 + 3] = 255;
        }
    const Texture tex = make_texture_2d(GL_RGBA8, n, n, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTextureSubImage2D(tex.id(), 0, 0, 0, n, n, GL_RGBA, GL_UNSIGNED_BYTE, px.data());

    const Image8 t = read_thumbnail(tex.id(), n, n, 40);
    ASSERT_EQ(t.width, 40);
    ASSERT_EQ(t.height, 40);
    ASSERT_EQ(t.channels, 4);
    EXPECT_EQ(t.at(20, 2, 0), 255) << "the texture's top rows are the thumbnail's row 0";
    EXPECT_EQ(t.at(5, 35, 0), 128) << "bottom-left grey";
    EXPECT_EQ(t.at(35, 35, 0), 0) << "bottom-right black";
    EXPECT_NEAR(double(t.at(35, 15, 0)), 127.5, 20.0)
        << "fine checkerboard averages, it does not alias";
    EXPECT_EQ(t.at(35, 15, 3), 255);

    // Back into a texture: texture row 0 = image row 0.
    const Texture up = upload_rgba8(t);
    std::vector<std::uint8_t> back(t.pixels.size());
    glGetTextureImage(up.id(), 0, GL_RGBA, GL_UNSIGNED_BYTE, GLsizei(back.size()), back.data());
    EXPECT_EQ(back, t.pixels);
}

}  // namespace
}  // namespace fluorosim::render
