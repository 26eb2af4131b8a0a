#pragma once
// A headless OpenGL 4.5 core context through EGL, for the CLI and the tests.
// Tries Mesa's surfaceless platform first (llvmpipe here, or a GPU's Mesa driver), then an EGL
// device (NVIDIA's EGL on a GPU machine). The renderer never creates contexts itself: the app
// brings a GLFW window's context, the CLI and tests bring this one.
#include <memory>
#include <string>

namespace fluorosim::render {

struct GlInfo {
    std::string vendor, renderer, version, glsl_version, platform;
};

class HeadlessContext {
public:
    // Throws std::runtime_error with a message saying what is missing when no context can be made.
    explicit HeadlessContext(bool debug = false);
    ~HeadlessContext();
    HeadlessContext(const HeadlessContext&) = delete;
    HeadlessContext& operator=(const HeadlessContext&) = delete;

    const std::string& platform() const;  // "surfaceless (Mesa)" or "EGL device"

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

// Strings of the current context.
GlInfo query_gl_info();

}  // namespace fluorosim::render
