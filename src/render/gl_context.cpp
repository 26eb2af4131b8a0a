#include "render/gl_context.hpp"

// epoxy/egl.h must come before epoxy/gl.h (and never <EGL/egl.h>: they clash).
#include <epoxy/egl.h>
#include <epoxy/gl.h>

#include <stdexcept>
#include <vector>

#include "render/gl_debug.hpp"

namespace fluorosim::render {

struct HeadlessContext::Impl {
    EGLDisplay display = EGL_NO_DISPLAY;
    EGLContext context = EGL_NO_CONTEXT;
    std::string platform;
};

namespace {

std::string egl_error_name(EGLint e) {
    switch (e) {
        case EGL_NOT_INITIALIZED: return "EGL_NOT_INITIALIZED";
        case EGL_BAD_ACCESS: return "EGL_BAD_ACCESS";
        case EGL_BAD_ALLOC: return "EGL_BAD_ALLOC";
        case EGL_BAD_ATTRIBUTE: return "EGL_BAD_ATTRIBUTE";
        case EGL_BAD_CONFIG: return "EGL_BAD_CONFIG";
        case EGL_BAD_CONTEXT: return "EGL_BAD_CONTEXT";
        case EGL_BAD_DISPLAY: return "EGL_BAD_DISPLAY";
        case EGL_BAD_MATCH: return "EGL_BAD_MATCH";
        case EGL_BAD_PARAMETER: return "EGL_BAD_PARAMETER";
        default: return "EGL error " + std::to_string(e);
    }
}

// Create a 4.5 core context on an initialised display; returns EGL_NO_CONTEXT on failure.
EGLContext make_context(EGLDisplay display, bool debug, std::string& why) {
    if (!eglBindAPI(EGL_OPENGL_API)) {
        why = "the EGL driver has no desktop OpenGL API";
        return EGL_NO_CONTEXT;
    }
    const EGLint config_attribs[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE};
    EGLConfig config = nullptr;
    EGLint count = 0;
    if (!eglChooseConfig(display, config_attribs, &config, 1, &count) || count == 0) {
        // Surfaceless contexts may have no configs at all; EGL_KHR_no_config_context covers it.
        config = EGL_NO_CONFIG_KHR;
    }
    std::vector<EGLint> attribs = {EGL_CONTEXT_MAJOR_VERSION, 4, EGL_CONTEXT_MINOR_VERSION, 5,
                                   EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                   EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT};
    if (debug) attribs.insert(attribs.end(), {EGL_CONTEXT_OPENGL_DEBUG, EGL_TRUE});
    attribs.push_back(EGL_NONE);
    EGLContext ctx = eglCreateContext(display, config, EGL_NO_CONTEXT, attribs.data());
    if (ctx == EGL_NO_CONTEXT) {
        why = "no OpenGL 4.5 core context (" + egl_error_name(eglGetError()) + ")";
        return EGL_NO_CONTEXT;
    }
    if (!eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx)) {
        why = "cannot make a surfaceless context current (" + egl_error_name(eglGetError()) + ")";
        eglDestroyContext(display, ctx);
        return EGL_NO_CONTEXT;
    }
    return ctx;
}

bool try_display(EGLDisplay display, bool debug, HeadlessContext::Impl& impl, std::string& why) {
    if (display == EGL_NO_DISPLAY) {
        why = "no display";
        return false;
    }
    EGLint major = 0, minor = 0;
    if (!eglInitialize(display, &major, &minor)) {
        why = "eglInitialize failed (" + egl_error_name(eglGetError()) + ")";
        return false;
    }
    EGLContext ctx = make_context(display, debug, why);
    if (ctx == EGL_NO_CONTEXT) {
        eglTerminate(display);
        return false;
    }
    impl.display = display;
    impl.context = ctx;
    return true;
}

}  // namespace

HeadlessContext::HeadlessContext(bool debug) : impl_(std::make_unique<Impl>()) {
    if (!epoxy_has_egl()) {
        throw std::runtime_error(
            "cannot create a headless OpenGL context: no EGL library found (install libegl1 and "
            "libegl-mesa0 / libgl1-mesa-dri, or a GPU driver with EGL)");
    }
    std::string errors;
    const char* client = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
    const std::string client_ext = client ? client : "";

    // 1. Mesa surfaceless: no window system, renders with llvmpipe or a Mesa GPU driver.
    if (client_ext.find("EGL_MESA_platform_surfaceless") != std::string::npos) {
        std::string why;
        EGLDisplay d = eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
        if (try_display(d, debug, *impl_, why)) {
            impl_->platform = "EGL surfaceless (Mesa)";
        } else {
            errors += "surfaceless: " + why + "; ";
        }
    } else {
        errors += "surfaceless: EGL_MESA_platform_surfaceless not offered; ";
    }
    // 2. EGL devices (NVIDIA's EGL and others): one context on the first device that works.
    if (impl_->context == EGL_NO_CONTEXT &&
        client_ext.find("EGL_EXT_platform_device") != std::string::npos) {
        EGLDeviceEXT devices[8];
        EGLint n = 0;
        if (eglQueryDevicesEXT(8, devices, &n)) {
            for (EGLint i = 0; i < n && impl_->context == EGL_NO_CONTEXT; ++i) {
                std::string why;
                EGLDisplay d = eglGetPlatformDisplayEXT(EGL_PLATFORM_DEVICE_EXT, devices[i], nullptr);
                if (try_display(d, debug, *impl_, why))
                    impl_->platform = "EGL device " + std::to_string(i);
                else
                    errors += "device " + std::to_string(i) + ": " + why + "; ";
            }
        }
    }
    if (impl_->context == EGL_NO_CONTEXT) {
        throw std::runtime_error(
            "cannot create a headless OpenGL 4.5 core context: " + errors +
            "install Mesa (libegl-mesa0, libgl1-mesa-dri) or a GPU driver with EGL");
    }
    if (debug) enable_gl_debug_output();
}

HeadlessContext::~HeadlessContext() {
    if (impl_ && impl_->display != EGL_NO_DISPLAY) {
        eglMakeCurrent(impl_->display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
        eglDestroyContext(impl_->display, impl_->context);
        // No eglTerminate: it unloads Mesa's driver, whose once-per-process state then looks
        // leaked to LeakSanitizer (its owners are unmapped), and the next context would load it
        // again. The display is a per-process singleton that eglInitialize reuses.
    }
}

const std::string& HeadlessContext::platform() const { return impl_->platform; }

GlInfo query_gl_info() {
    auto str = [](GLenum e) {
        const auto* s = reinterpret_cast<const char*>(glGetString(e));
        return std::string(s ? s : "?");
    };
    return {str(GL_VENDOR), str(GL_RENDERER), str(GL_VERSION), str(GL_SHADING_LANGUAGE_VERSION), ""};
}

}  // namespace fluorosim::render
