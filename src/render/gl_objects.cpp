#include "render/gl_objects.hpp"

namespace fluorosim::render {

Texture make_texture_2d(GLenum internal_format, int width, int height, GLenum filter) {
    GLuint id = 0;
    glCreateTextures(GL_TEXTURE_2D, 1, &id);
    glTextureStorage2D(id, 1, internal_format, width, height);
    glTextureParameteri(id, GL_TEXTURE_MIN_FILTER, GLint(filter));
    glTextureParameteri(id, GL_TEXTURE_MAG_FILTER, GLint(filter));
    glTextureParameteri(id, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTextureParameteri(id, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    return Texture(id);
}

}  // namespace fluorosim::render
