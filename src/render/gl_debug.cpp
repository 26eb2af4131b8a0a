#include "render/gl_debug.hpp"

#include <epoxy/gl.h>

#include <string>

#include "core/util/log.hpp"

namespace fluorosim::render {
namespace {
void GLAPIENTRY on_gl_message(GLenum /*source*/, GLenum type, GLuint id, GLenum severity,
                              GLsizei length, const GLchar* message, const void* /*user*/) {
    std::string text = "GL";
    text.append(" [").append(std::to_string(id)).append("] ");
    text.append(message, length > 0 ? std::size_t(length) : std::string(message).size());
    if (type == GL_DEBUG_TYPE_ERROR || severity == GL_DEBUG_SEVERITY_HIGH)
        log::error(text);
    else if (type == GL_DEBUG_TYPE_PERFORMANCE || type == GL_DEBUG_TYPE_PORTABILITY ||
             severity == GL_DEBUG_SEVERITY_MEDIUM)
        log::warning(text);
    else
        log::debug(text);
}
}  // namespace

void enable_gl_debug_output() {
    GLint flags = 0;
    glGetIntegerv(GL_CONTEXT_FLAGS, &flags);
    if (!(flags & GL_CONTEXT_FLAG_DEBUG_BIT)) {
        log::debug("GL context has no debug flag; GL debug output stays off");
        return;
    }
    glEnable(GL_DEBUG_OUTPUT);
    glEnable(GL_DEBUG_OUTPUT_SYNCHRONOUS);
    glDebugMessageCallback(on_gl_message, nullptr);
    log::info("GL debug output enabled");
}
}  // namespace fluorosim::render
