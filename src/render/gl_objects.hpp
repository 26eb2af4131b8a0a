#pragma once
// Move-only owners of OpenGL objects (GL 4.5 direct state access names).
#include <epoxy/gl.h>

#include <utility>

namespace fluorosim::render {

template <void (*Delete)(GLuint)>
class GlHandle {
public:
    GlHandle() = default;
    explicit GlHandle(GLuint id) : id_(id) {}
    ~GlHandle() { reset(); }
    GlHandle(GlHandle&& o) noexcept : id_(std::exchange(o.id_, 0)) {}
    GlHandle& operator=(GlHandle&& o) noexcept {
        if (this != &o) {
            reset();
            id_ = std::exchange(o.id_, 0);
        }
        return *this;
    }
    GlHandle(const GlHandle&) = delete;
    GlHandle& operator=(const GlHandle&) = delete;
    GLuint id() const { return id_; }
    explicit operator bool() const { return id_ != 0; }
    void reset() {
        if (id_) Delete(id_);
        id_ = 0;
    }

private:
    GLuint id_ = 0;
};

namespace detail {
inline void delete_buffer(GLuint id) { glDeleteBuffers(1, &id); }
inline void delete_texture(GLuint id) { glDeleteTextures(1, &id); }
inline void delete_framebuffer(GLuint id) { glDeleteFramebuffers(1, &id); }
inline void delete_vertex_array(GLuint id) { glDeleteVertexArrays(1, &id); }
}  // namespace detail

using Buffer = GlHandle<detail::delete_buffer>;
using Texture = GlHandle<detail::delete_texture>;
using Framebuffer = GlHandle<detail::delete_framebuffer>;
using VertexArray = GlHandle<detail::delete_vertex_array>;

inline Buffer make_buffer() { GLuint id = 0; glCreateBuffers(1, &id); return Buffer(id); }
inline Framebuffer make_framebuffer() { GLuint id = 0; glCreateFramebuffers(1, &id); return Framebuffer(id); }
inline VertexArray make_vertex_array() { GLuint id = 0; glCreateVertexArrays(1, &id); return VertexArray(id); }
// An immutable 2D texture with nearest filtering and edge clamping.
Texture make_texture_2d(GLenum internal_format, int width, int height, GLenum filter = GL_NEAREST);

}  // namespace fluorosim::render
