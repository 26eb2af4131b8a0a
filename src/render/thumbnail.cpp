#include "render/thumbnail.hpp"

#include <cassert>
#include <vector>

namespace fluorosim::render {

Image8 read_thumbnail(GLuint texture, int width, int height, int size) {
    assert(size > 0 && width > 0 && height > 0);
    const int big = 2 * size;
    const Texture scratch = make_texture_2d(GL_RGBA8, big, big);
    const Framebuffer from = make_framebuffer(), to = make_framebuffer();
    glNamedFramebufferTexture(from.id(), GL_COLOR_ATTACHMENT0, texture, 0);
    glNamedFramebufferTexture(to.id(), GL_COLOR_ATTACHMENT0, scratch.id(), 0);
    glBlitNamedFramebuffer(from.id(), to.id(), 0, 0, width, height, 0, 0, big, big,
                           GL_COLOR_BUFFER_BIT, GL_LINEAR);
    std::vector<std::uint8_t> raw(std::size_t(big) * std::size_t(big) * 4);
    glGetTextureImage(scratch.id(), 0, GL_RGBA, GL_UNSIGNED_BYTE, GLsizei(raw.size()), raw.data());
    Image8 out(size, size, 4);
    for (int y = 0; y < size; ++y) {
        // Output row y (top down) comes from GL rows counted from the bottom.
        const int gl_row = big - 2 - 2 * y;
        for (int x = 0; x < size; ++x)
            for (int c = 0; c < 4; ++c) {
                unsigned sum = 0;
                for (int dy = 0; dy < 2; ++dy)
                    for (int dx = 0; dx < 2; ++dx)
                        sum += raw[(std::size_t(gl_row + dy) * std::size_t(big) +
                                    std::size_t(2 * x + dx)) *
                                       4 +
                                   std::size_t(c)];
                out.at(x, y, c) = std::uint8_t((sum + 2) / 4);
            }
    }
    return out;
}

Texture upload_rgba8(const Image8& image) {
    assert(image.channels == 4);
    Texture t = make_texture_2d(GL_RGBA8, image.width, image.height, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTextureSubImage2D(t.id(), 0, 0, 0, image.width, image.height, GL_RGBA, GL_UNSIGNED_BYTE,
                        image.pixels.data());
    return t;
}

}  // namespace fluorosim::render
