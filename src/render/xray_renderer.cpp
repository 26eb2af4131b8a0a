#include "render/xray_renderer.hpp"

#include <algorithm>
#include <cassert>
#include <string>

#include "core/util/error.hpp"

namespace fluorosim::render {

XrayRenderer::XrayRenderer(int width, int height)
    : path_program_(ShaderProgram::from_files({"path_length.vert", "path_length.frag"})),
      composite_program_(ShaderProgram::from_files({"fullscreen.vert", "xray_composite.frag"})),
      display_program_(ShaderProgram::from_files({"fullscreen.vert", "display.frag"})),
      vao_(make_vertex_array()),
      empty_vao_(make_vertex_array()) {
    resize(width, height);
}

void XrayRenderer::resize(int width, int height) {
    assert(width > 0 && height > 0);
    if (width == width_ && height == height_) return;
    width_ = width;
    height_ = height;
    allocate_targets();
}

void XrayRenderer::allocate_targets() {
    lengths_fbo_ = make_framebuffer();
    const GLenum buffers[4] = {GL_COLOR_ATTACHMENT0, GL_COLOR_ATTACHMENT1, GL_COLOR_ATTACHMENT2,
                               GL_COLOR_ATTACHMENT3};
    for (int i = 0; i < 4; ++i) {
        lengths_[i] = make_texture_2d(GL_RGBA32F, width_, height_);
        glNamedFramebufferTexture(lengths_fbo_.id(), buffers[i], lengths_[i].id(), 0);
    }
    glNamedFramebufferDrawBuffers(lengths_fbo_.id(), 4, buffers);

    signal_tex_ = make_texture_2d(GL_RG32F, width_, height_);
    signal_fbo_ = make_framebuffer();
    glNamedFramebufferTexture(signal_fbo_.id(), GL_COLOR_ATTACHMENT0, signal_tex_.id(), 0);

    display_tex_ = make_texture_2d(GL_RGBA8, width_, height_, GL_LINEAR);
    display_fbo_ = make_framebuffer();
    glNamedFramebufferTexture(display_fbo_.id(), GL_COLOR_ATTACHMENT0, display_tex_.id(), 0);

    for (GLuint fbo : {lengths_fbo_.id(), signal_fbo_.id(), display_fbo_.id()}) {
        const GLenum status = glCheckNamedFramebufferStatus(fbo, GL_FRAMEBUFFER);
        if (status != GL_FRAMEBUFFER_COMPLETE)
            throw std::runtime_error("X-ray render targets incomplete (status " + std::to_string(status) + ")");
    }
}

void XrayRenderer::set_scene(const Scene& scene) {
    channels_ = material_channels(scene);
    if (static_cast<int>(channels_.materials.size()) > max_channels)
        throw InputError({scene.name, 0, "materials"},
                         "scene uses " + std::to_string(channels_.materials.size()) +
                             " materials; the renderer separates at most " + std::to_string(max_channels));
    std::vector<glm::vec3> positions;
    std::vector<glm::ivec2> ids;
    positions.reserve(scene.triangle_count() * 3);
    ids.reserve(scene.triangle_count() * 3);
    // Non-indexed triangles: objects share no vertices, and per-vertex channel ids are needed.
    for (std::size_t o = 0; o < scene.objects.size(); ++o) {
        const auto& mesh = scene.objects[o].mesh;
        const glm::ivec2 ch(channels_.add_channel[o], channels_.subtract_channel[o]);
        for (const auto& t : mesh.triangles) {
            for (unsigned i : {t.x, t.y, t.z}) {
                positions.push_back(mesh.vertices[i]);
                ids.push_back(ch);
            }
        }
    }
    vertex_count_ = static_cast<GLsizei>(positions.size());
    positions_ = make_buffer();
    channel_ids_ = make_buffer();
    glNamedBufferStorage(positions_.id(), GLsizeiptr(positions.size() * sizeof(glm::vec3)),
                         positions.data(), 0);
    glNamedBufferStorage(channel_ids_.id(), GLsizeiptr(ids.size() * sizeof(glm::ivec2)), ids.data(), 0);
    glVertexArrayVertexBuffer(vao_.id(), 0, positions_.id(), 0, sizeof(glm::vec3));
    glVertexArrayAttribFormat(vao_.id(), 0, 3, GL_FLOAT, GL_FALSE, 0);
    glVertexArrayAttribBinding(vao_.id(), 0, 0);
    glEnableVertexArrayAttrib(vao_.id(), 0);
    glVertexArrayVertexBuffer(vao_.id(), 1, channel_ids_.id(), 0, sizeof(glm::ivec2));
    glVertexArrayAttribIFormat(vao_.id(), 1, 2, GL_INT, 0);
    glVertexArrayAttribBinding(vao_.id(), 1, 1);
    glEnableVertexArrayAttrib(vao_.id(), 1);
}

void XrayRenderer::render(const CArmGeometry& geometry, const Attenuation& attenuation) {
    const int bins = static_cast<int>(attenuation.bin_weight.size());
    const int nch = static_cast<int>(channels_.materials.size());
    assert(bins >= 1 && bins <= max_bins);
    assert(static_cast<int>(attenuation.mu_per_mm.size()) == bins);
    assert(static_cast<int>(attenuation.mu_reference_per_mm.size()) == nch);

    // --- path lengths
    glBindFramebuffer(GL_FRAMEBUFFER, lengths_fbo_.id());
    glViewport(0, 0, width_, height_);
    const float zero[4] = {0, 0, 0, 0};
    for (int i = 0; i < 4; ++i) glClearBufferfv(GL_COLOR, i, zero);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_SCISSOR_TEST);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFunc(GL_ONE, GL_ONE);
    // Our monitor frame is a mirror image of GL's camera frame, which flips screen winding.
    glFrontFace(geometry.mirrors() ? GL_CW : GL_CCW);
    path_program_.use();
    path_program_.set("u_clip_from_patient", geometry.clip_from_patient());
    path_program_.set("u_source", glm::vec3(geometry.source));
    path_program_.set("u_reference_distance", float(geometry.sod_mm));
    glBindVertexArray(vao_.id());
    if (vertex_count_ > 0) glDrawArrays(GL_TRIANGLES, 0, vertex_count_);
    glDisable(GL_BLEND);
    glFrontFace(GL_CCW);

    // --- Beer-Lambert compositing
    glBindFramebuffer(GL_FRAMEBUFFER, signal_fbo_.id());
    composite_program_.use();
    composite_program_.set("u_bins", bins);
    composite_program_.set("u_channels", nch);
    std::vector<float> mu(std::size_t(max_bins) * max_channels, 0.0f);
    for (int b = 0; b < bins; ++b) {
        assert(static_cast<int>(attenuation.mu_per_mm[b].size()) == nch);
        for (int c = 0; c < nch; ++c) mu[std::size_t(b) * max_channels + c] = attenuation.mu_per_mm[b][c];
    }
    glProgramUniform1fv(composite_program_.id(), composite_program_.uniform("u_weight"), bins,
                        attenuation.bin_weight.data());
    glProgramUniform1fv(composite_program_.id(), composite_program_.uniform("u_mu"), GLsizei(mu.size()), mu.data());
    if (nch > 0)
        glProgramUniform1fv(composite_program_.id(), composite_program_.uniform("u_mu_reference"), nch,
                            attenuation.mu_reference_per_mm.data());
    for (int i = 0; i < 4; ++i) glBindTextureUnit(GLuint(i), lengths_[i].id());
    glBindVertexArray(empty_vao_.id());
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void XrayRenderer::display(const DisplaySettings& s) {
    glBindFramebuffer(GL_FRAMEBUFFER, display_fbo_.id());
    glViewport(0, 0, width_, height_);
    glDisable(GL_BLEND);
    display_program_.use();
    display_program_.set("u_level", s.level);
    display_program_.set("u_window", s.window);
    display_program_.set("u_invert", int(s.invert));
    display_program_.set("u_round_field", int(s.round_field));
    display_program_.set("u_vignetting", s.vignetting);
    glBindTextureUnit(0, signal_tex_.id());
    glBindVertexArray(empty_vao_.id());
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

ImageF XrayRenderer::read_channel(GLuint texture, GLenum format, int components, int component) const {
    std::vector<float> raw(std::size_t(width_) * height_ * components);
    glGetTextureImage(texture, 0, format, GL_FLOAT, GLsizei(raw.size() * sizeof(float)), raw.data());
    ImageF img(width_, height_, 1);
    for (int y = 0; y < height_; ++y)  // GL rows run bottom-up; ours top-down
        for (int x = 0; x < width_; ++x)
            img.at(x, y) = raw[(std::size_t(height_ - 1 - y) * width_ + x) * components + component];
    return img;
}

ImageF XrayRenderer::read_path_length(int channel) const {
    assert(channel >= 0 && channel < max_channels);
    return read_channel(lengths_[channel / 4].id(), GL_RGBA, 4, channel % 4);
}
ImageF XrayRenderer::read_closure() const { return read_channel(lengths_[3].id(), GL_RGBA, 4, 3); }
ImageF XrayRenderer::read_signal() const { return read_channel(signal_tex_.id(), GL_RG, 2, 0); }
ImageF XrayRenderer::read_line_integral() const { return read_channel(signal_tex_.id(), GL_RG, 2, 1); }

Image8 XrayRenderer::read_display() const {
    std::vector<std::uint8_t> raw(std::size_t(width_) * height_ * 4);
    glGetTextureImage(display_tex_.id(), 0, GL_RGBA, GL_UNSIGNED_BYTE, GLsizei(raw.size()), raw.data());
    Image8 img(width_, height_, 4);
    const std::size_t row = std::size_t(width_) * 4;
    for (int y = 0; y < height_; ++y)
        std::copy_n(raw.begin() + std::ptrdiff_t((height_ - 1 - y) * row), row,
                    img.pixels.begin() + std::ptrdiff_t(y * row));
    return img;
}

}  // namespace fluorosim::render
