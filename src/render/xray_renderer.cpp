#include "render/xray_renderer.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <string>

#include "core/util/error.hpp"

namespace fluorosim::render {

XrayRenderer::XrayRenderer(int width, int height)
    : path_program_(ShaderProgram::from_files({"path_length.vert", "path_length.frag"})),
      needle_program_(ShaderProgram::from_files({"needle.vert", "needle.frag"})),
      composite_program_(ShaderProgram::from_files({"fullscreen.vert", "xray_composite.frag"})),
      chain_program_(ShaderProgram::from_files({"fullscreen.vert", "image_chain.frag"})),
      display_program_(ShaderProgram::from_files({"fullscreen.vert", "display.frag"})),
      reduce_program_(ShaderProgram::from_files({"fullscreen.vert", "reduce.frag"})),
      lowpass_program_(ShaderProgram::from_files({"fullscreen.vert", "edge_lowpass.frag"})),
      vao_(make_vertex_array()),
      empty_vao_(make_vertex_array()),
      overlay_vao_(make_vertex_array()) {
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

    composite_tex_ = make_texture_2d(GL_RGBA32F, width_, height_, GL_LINEAR);
    composite_fbo_ = make_framebuffer();
    glNamedFramebufferTexture(composite_fbo_.id(), GL_COLOR_ATTACHMENT0, composite_tex_.id(), 0);
    // Block averages of the composite: the ~64 px image the measurements read back, and the
    // ~8 px one the scatter veil is interpolated from (a texel spans 1/8 of the field), as the
    // mip levels floor(log2(size / 64)) and floor(log2(size)) - 3 would be. Made directly:
    // llvmpipe's glGenerateMipmap flushes once per level (~7 ms of a 512^2 pulse).
    const int longest_log2 = int(std::floor(std::log2(double(std::max(width_, height_)))));
    coarse_shift_ = std::max(0, longest_log2 - 6);
    veil_shift_ = std::max(0, longest_log2 - 3);
    coarse_tex_ = make_texture_2d(GL_RGBA32F, std::max(1, width_ >> coarse_shift_), std::max(1, height_ >> coarse_shift_), GL_LINEAR);
    coarse_fbo_ = make_framebuffer();
    glNamedFramebufferTexture(coarse_fbo_.id(), GL_COLOR_ATTACHMENT0, coarse_tex_.id(), 0);
    veil_tex_ = make_texture_2d(GL_RGBA32F, std::max(1, width_ >> veil_shift_), std::max(1, height_ >> veil_shift_), GL_LINEAR);
    veil_fbo_ = make_framebuffer();
    glNamedFramebufferTexture(veil_fbo_.id(), GL_COLOR_ATTACHMENT0, veil_tex_.id(), 0);

    detected_tex_ = make_texture_2d(GL_R32F, width_, height_);
    detected_fbo_ = make_framebuffer();
    glNamedFramebufferTexture(detected_fbo_.id(), GL_COLOR_ATTACHMENT0, detected_tex_.id(), 0);

    lowpass_tex_ = make_texture_2d(GL_RG32F, lowpass_w(), lowpass_h(), GL_LINEAR);
    lowpass_fbo_ = make_framebuffer();
    glNamedFramebufferTexture(lowpass_fbo_.id(), GL_COLOR_ATTACHMENT0, lowpass_tex_.id(), 0);

    display_tex_ = make_texture_2d(GL_RGBA8, width_, height_, GL_LINEAR);
    display_fbo_ = make_framebuffer();
    glNamedFramebufferTexture(display_fbo_.id(), GL_COLOR_ATTACHMENT0, display_tex_.id(), 0);

    for (GLuint fbo : {lengths_fbo_.id(), composite_fbo_.id(), coarse_fbo_.id(), veil_fbo_.id(), detected_fbo_.id(),
                       lowpass_fbo_.id(), display_fbo_.id()}) {
        const GLenum status = glCheckNamedFramebufferStatus(fbo, GL_FRAMEBUFFER);
        if (status != GL_FRAMEBUFFER_COMPLETE)
            throw std::runtime_error("X-ray render targets incomplete (status " + std::to_string(status) + ")");
    }
}

int XrayRenderer::channel_of(const std::string& material) const {
    const auto& m = channels_.materials;
    const auto it = std::find(m.begin(), m.end(), material);
    return it == m.end() ? -1 : int(it - m.begin());
}

void XrayRenderer::set_scene(const Scene& scene, const std::vector<std::string>& extra_materials) {
    channels_ = material_channels(scene);
    for (const auto& m : extra_materials)
        if (channel_of(m) < 0) channels_.materials.push_back(m);
    if (static_cast<int>(channels_.materials.size()) > max_channels)
        throw InputError({scene.name, 0, "materials"},
                         "scene uses " + std::to_string(channels_.materials.size()) +
                             " materials; the renderer separates at most " + std::to_string(max_channels));
    // Indexed triangles: each object's vertices are shaded once however many triangles share
    // them (about 6 triangles per vertex on a closed mesh). llvmpipe's pulse time is bound by
    // per-triangle work (setup, then a 4x4-pixel fragment call per covered block), not by
    // pixels, on a 300k-triangle patient: see `fluorosim bench`.
    std::vector<std::size_t> triangles;
    for (const auto& o : scene.objects) triangles.push_back(o.mesh.triangles.size());
    slots_ = assign_channel_slots(channels_, triangles, max_channels);
    std::vector<glm::vec3> positions;
    std::vector<glm::ivec2> ids;
    std::vector<unsigned> indices;
    indices.reserve(scene.triangle_count() * 3);
    object_ranges_.clear();
    for (std::size_t o = 0; o < scene.objects.size(); ++o) {
        const auto& mesh = scene.objects[o].mesh;
        const int add = channels_.add_channel[o], sub = channels_.subtract_channel[o];
        const glm::ivec2 ch(slot_of(add), slot_of(sub));
        const auto base = static_cast<unsigned>(positions.size());
        positions.insert(positions.end(), mesh.vertices.begin(), mesh.vertices.end());
        ids.insert(ids.end(), mesh.vertices.size(), ch);
        const std::size_t first = indices.size();
        for (const auto& t : mesh.triangles) indices.insert(indices.end(), {base + t.x, base + t.y, base + t.z});
        object_ranges_.push_back({GLsizei(indices.size() - first), first * sizeof(unsigned), bounds(mesh),
                                  slots_.target_mask(add, sub)});
    }
    vertex_count_ = static_cast<GLsizei>(indices.size());
    positions_ = make_buffer();
    channel_ids_ = make_buffer();
    indices_ = make_buffer();
    if (vertex_count_ == 0) return;
    glNamedBufferStorage(positions_.id(), GLsizeiptr(positions.size() * sizeof(glm::vec3)), positions.data(), 0);
    glNamedBufferStorage(channel_ids_.id(), GLsizeiptr(ids.size() * sizeof(glm::ivec2)), ids.data(), 0);
    glNamedBufferStorage(indices_.id(), GLsizeiptr(indices.size() * sizeof(unsigned)), indices.data(), 0);
    glVertexArrayVertexBuffer(vao_.id(), 0, positions_.id(), 0, sizeof(glm::vec3));
    glVertexArrayAttribFormat(vao_.id(), 0, 3, GL_FLOAT, GL_FALSE, 0);
    glVertexArrayAttribBinding(vao_.id(), 0, 0);
    glEnableVertexArrayAttrib(vao_.id(), 0);
    glVertexArrayVertexBuffer(vao_.id(), 1, channel_ids_.id(), 0, sizeof(glm::ivec2));
    glVertexArrayAttribIFormat(vao_.id(), 1, 2, GL_INT, 0);
    glVertexArrayAttribBinding(vao_.id(), 1, 1);
    glEnableVertexArrayAttrib(vao_.id(), 1);
    glVertexArrayElementBuffer(vao_.id(), indices_.id());
}

void XrayRenderer::set_overlay(const std::vector<OverlayObject>& objects) {
    std::vector<glm::vec3> positions;
    std::vector<glm::ivec2> ids;
    overlay_draws_.clear();
    for (const auto& o : objects) {
        const int add = channel_of(o.material), sub = o.displaced.empty() ? -1 : channel_of(o.displaced);
        if (add < 0 || (!o.displaced.empty() && sub < 0))
            throw InputError({"", 0, "overlay"}, "overlay material '" + o.material + "' or '" + o.displaced +
                                                     "' has no channel; pass it to set_scene's extra materials");
        OverlayDraw d;
        d.first = GLint(positions.size());
        for (const auto& t : o.mesh.triangles)
            for (unsigned i : {t.x, t.y, t.z}) {
                positions.push_back(o.mesh.vertices[i]);
                ids.emplace_back(slot_of(add), slot_of(sub));
            }
        d.count = GLsizei(positions.size()) - d.first;
        d.weight = o.weight;
        overlay_draws_.push_back(d);
    }
    overlay_positions_ = make_buffer();
    overlay_ids_ = make_buffer();
    if (positions.empty()) return;
    glNamedBufferStorage(overlay_positions_.id(), GLsizeiptr(positions.size() * sizeof(glm::vec3)), positions.data(), 0);
    glNamedBufferStorage(overlay_ids_.id(), GLsizeiptr(ids.size() * sizeof(glm::ivec2)), ids.data(), 0);
    const GLuint v = overlay_vao_.id();
    glVertexArrayVertexBuffer(v, 0, overlay_positions_.id(), 0, sizeof(glm::vec3));
    glVertexArrayAttribFormat(v, 0, 3, GL_FLOAT, GL_FALSE, 0);
    glVertexArrayAttribBinding(v, 0, 0);
    glEnableVertexArrayAttrib(v, 0);
    glVertexArrayVertexBuffer(v, 1, overlay_ids_.id(), 0, sizeof(glm::ivec2));
    glVertexArrayAttribIFormat(v, 1, 2, GL_INT, 0);
    glVertexArrayAttribBinding(v, 1, 1);
    glEnableVertexArrayAttrib(v, 1);
}

void XrayRenderer::set_needles(const std::vector<NeedleSegment>& needles) {
    for (const auto& n : needles)
        if (channel_of(n.material) < 0 || (!n.displaced.empty() && channel_of(n.displaced) < 0))
            throw InputError({"", 0, "needle"}, "needle material '" + n.material + "' or '" + n.displaced +
                                                    "' has no channel; pass it to set_scene's extra materials");
    needles_ = needles;
}

void XrayRenderer::render(const CArmGeometry& geometry, const Attenuation& attenuation) {
    const int bins = static_cast<int>(attenuation.bin_weight.size());
    const int nch = static_cast<int>(channels_.materials.size());
    assert(bins >= 1 && bins <= max_bins);
    assert(static_cast<int>(attenuation.mu_per_mm.size()) == bins);
    assert(static_cast<int>(attenuation.bin_count_weight.size()) == bins);
    assert(static_cast<int>(attenuation.mu_reference_per_mm.size()) == nch);
    processed_ = false;

    // --- path lengths through the meshes
    glBindFramebuffer(GL_FRAMEBUFFER, lengths_fbo_.id());
    glViewport(0, 0, width_, height_);
    // Only the targets holding channels are cleared, written and read (all four when the last
    // one counts closure).
    const int targets = closure_check_ ? 4 : std::max(1, slots_.targets);
    const float zero[4] = {0, 0, 0, 0};
    for (int i = 0; i < targets; ++i) glClearBufferfv(GL_COLOR, i, zero);
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
    path_program_.set("u_weight", 1.0f);
    glBindVertexArray(vao_.id());
    // Objects wholly outside the beam's pyramid add nothing to any pixel: skip them. llvmpipe's
    // pulse time is bound by per-triangle work, and a collimated or magnified view of one level
    // leaves most of a T12-to-pelvis patient outside.
    // Objects are drawn in groups by the targets they write, the others masked off: llvmpipe
    // blends only into enabled targets. On the 300k-triangle bench patient 94% of triangles
    // then blend into one target instead of four (core/scene/channel_slots.hpp).
    std::vector<GLsizei> counts[16];
    std::vector<const void*> offsets[16];
    const double half = 0.5 * geometry.detector_mm;
    const glm::dvec3 corners[4] = {geometry.detector_centre + half * (-geometry.right - geometry.up),
                                   geometry.detector_centre + half * (geometry.right - geometry.up),
                                   geometry.detector_centre + half * (geometry.right + geometry.up),
                                   geometry.detector_centre + half * (-geometry.right + geometry.up)};
    glm::dvec3 inward[4];  // side-plane normals through the source, pointing into the pyramid
    for (int i = 0; i < 4; ++i) {
        const glm::dvec3 n = glm::cross(corners[i] - geometry.source, corners[(i + 1) % 4] - geometry.source);
        inward[i] = glm::dot(n, geometry.detector_centre - geometry.source) > 0.0 ? n : -n;
    }
    for (const auto& r : object_ranges_) {
        bool outside = false;
        for (int i = 0; i < 4 && !outside; ++i) {
            outside = true;
            for (int c = 0; c < 8 && outside; ++c) {
                const glm::dvec3 p(c & 1 ? r.box.max.x : r.box.min.x, c & 2 ? r.box.max.y : r.box.min.y,
                                   c & 4 ? r.box.max.z : r.box.min.z);
                outside = glm::dot(p - geometry.source, inward[i]) < 0.0;
            }
        }
        if (outside) continue;
        const unsigned group = closure_check_ ? 15u : r.targets;
        counts[group].push_back(r.count);
        offsets[group].push_back(reinterpret_cast<const void*>(r.offset));
    }
    for (unsigned group = 1; group < 16; ++group) {
        if (counts[group].empty()) continue;
        for (unsigned t = 0; t < 4; ++t) {
            const GLboolean on = (group >> t) & 1u ? GL_TRUE : GL_FALSE;
            glColorMaski(t, on, on, on, on);
        }
        glMultiDrawElements(GL_TRIANGLES, counts[group].data(), GL_UNSIGNED_INT, offsets[group].data(),
                            GLsizei(counts[group].size()));
    }
    for (unsigned t = 0; t < 4; ++t) glColorMaski(t, GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    glBindVertexArray(overlay_vao_.id());
    for (const auto& d : overlay_draws_) {
        path_program_.set("u_weight", d.weight);
        glDrawArrays(GL_TRIANGLES, d.first, d.count);
    }
    glFrontFace(GL_CCW);

    // --- needles, analytically, into the same channels
    if (!needles_.empty()) {
        const float pitch = float(geometry.detector_mm / width_);
        needle_program_.use();
        needle_program_.set("u_source", glm::vec3(geometry.source));
        needle_program_.set("u_detector_centre", glm::vec3(geometry.detector_centre));
        needle_program_.set("u_right", glm::vec3(geometry.right));
        needle_program_.set("u_up", glm::vec3(geometry.up));
        needle_program_.set("u_half_size", glm::vec2(0.5f * float(width_), 0.5f * float(height_)));
        needle_program_.set("u_pitch", pitch);
        glBindVertexArray(empty_vao_.id());
        for (const auto& n : needles_) {
            // Screen rectangle around the projected shaft: along it and across it, widened by the
            // projected radius at the nearer end plus 1.5 px for the sub-pixel rays.
            const glm::dvec2 pa = geometry.project_px(n.a, width_, height_);
            const glm::dvec2 pb = geometry.project_px(n.b, width_, height_);
            const double depth = std::min(glm::dot(glm::dvec3(n.a) - geometry.source, geometry.beam),
                                          glm::dot(glm::dvec3(n.b) - geometry.source, geometry.beam));
            if (depth <= 1.0) continue;  // behind the focal spot: nothing to draw
            const double grow = double(n.radius_mm) * geometry.sid_mm / depth / double(pitch) + 1.5;
            glm::dvec2 along = pb - pa;
            const double length = glm::length(along);
            along = length > 1e-9 ? along / length : glm::dvec2(1, 0);
            const glm::dvec2 across(-along.y, along.x);
            const glm::dvec2 px[4] = {pa - grow * along - grow * across, pa - grow * along + grow * across,
                                      pb + grow * along - grow * across, pb + grow * along + grow * across};
            glm::vec2 ndc[4];
            for (int i = 0; i < 4; ++i)  // pixel rows run top-down, NDC y bottom-up
                ndc[i] = glm::vec2(float(2.0 * px[i].x / width_ - 1.0), float(1.0 - 2.0 * px[i].y / height_));
            glProgramUniform2fv(needle_program_.id(), needle_program_.uniform("u_corners"), 4, &ndc[0].x);
            needle_program_.set("u_a", n.a);
            needle_program_.set("u_b", n.b);
            needle_program_.set("u_radius", n.radius_mm);
            // A sub-ray (1/4 pixel) spans pitch/4 at the detector, scaled back to the shaft's depth.
            const double mid_depth = glm::dot(0.5 * (glm::dvec3(n.a) + glm::dvec3(n.b)) - geometry.source, geometry.beam);
            const int subsamples = length < 2.0 ? 16 : 4;  // end-on: a dot, sample it densely
            needle_program_.set("u_subsamples", subsamples);
            needle_program_.set("u_footprint", float(double(pitch) / subsamples * mid_depth / geometry.sid_mm));
            glProgramUniform2i(needle_program_.id(), needle_program_.uniform("u_channels"), slot_of(channel_of(n.material)),
                               n.displaced.empty() ? -1 : slot_of(channel_of(n.displaced)));
            glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
        }
    }
    glDisable(GL_BLEND);

    // --- polychromatic Beer-Lambert compositing
    glBindFramebuffer(GL_FRAMEBUFFER, composite_fbo_.id());
    composite_program_.use();
    composite_program_.set("u_bins", bins);
    composite_program_.set("u_targets", targets);
    // mu per slot (4 per target, a vec4 each in the shader); slots without a channel get 0.
    std::vector<float> mu(std::size_t(max_bins) * 16, 0.0f);
    std::vector<float> mu_reference(16, 0.0f);
    for (int c = 0; c < nch; ++c) mu_reference[std::size_t(slot_of(c))] = attenuation.mu_reference_per_mm[std::size_t(c)];
    for (int b = 0; b < bins; ++b) {
        assert(static_cast<int>(attenuation.mu_per_mm[b].size()) == nch);
        for (int c = 0; c < nch; ++c) mu[std::size_t(b) * 16 + std::size_t(slot_of(c))] = attenuation.mu_per_mm[b][c];
    }
    const GLuint cp = composite_program_.id();
    glProgramUniform1fv(cp, composite_program_.uniform("u_weight"), bins, attenuation.bin_weight.data());
    glProgramUniform1fv(cp, composite_program_.uniform("u_count_weight"), bins, attenuation.bin_count_weight.data());
    glProgramUniform4fv(cp, composite_program_.uniform("u_mu"), GLsizei(mu.size() / 4), mu.data());
    glProgramUniform4fv(cp, composite_program_.uniform("u_mu_reference"), 4, mu_reference.data());
    composite_program_.set("u_size", glm::vec2(float(width_), float(height_)));
    composite_program_.set("u_round", int(geometry.round));
    composite_program_.set("u_collimation", glm::vec3(float(geometry.collimation.iris), float(geometry.collimation.shutter_x),
                                                      float(geometry.collimation.shutter_y)));
    for (int i = 0; i < 4; ++i) glBindTextureUnit(GLuint(i), lengths_[i].id());
    glBindVertexArray(empty_vao_.id());
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    // For the scatter veil and the measurements.
    const int coarse_w = std::max(1, width_ >> coarse_shift_), coarse_h = std::max(1, height_ >> coarse_shift_);
    reduce(composite_tex_, width_, height_, coarse_fbo_, coarse_w, coarse_h);
    reduce(coarse_tex_, coarse_w, coarse_h, veil_fbo_, std::max(1, width_ >> veil_shift_),
           std::max(1, height_ >> veil_shift_));
}

void XrayRenderer::reduce(const Texture& from, int from_w, int from_h, const Framebuffer& to, int to_w, int to_h) {
    glBindFramebuffer(GL_FRAMEBUFFER, to.id());
    glViewport(0, 0, to_w, to_h);
    glDisable(GL_BLEND);
    reduce_program_.use();
    reduce_program_.set("u_source_size", glm::ivec2(from_w, from_h));
    reduce_program_.set("u_size", glm::ivec2(to_w, to_h));
    glBindTextureUnit(0, from.id());
    glBindVertexArray(empty_vao_.id());
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, width_, height_);
}

void XrayRenderer::process(const ChainParameters& chain) {
    glBindFramebuffer(GL_FRAMEBUFFER, detected_fbo_.id());
    glViewport(0, 0, width_, height_);
    glDisable(GL_BLEND);
    chain_program_.use();
    chain_program_.set("u_scatter", int(chain.scatter));
    chain_program_.set("u_spr", chain.scatter_to_primary);
    // Scatter spreads over several centimetres: a texel of the veil image spans 1/8 of the
    // field (64 px at 512), and bilinear filtering between texels smooths it further.
    chain_program_.set("u_noise", int(chain.noise));
    chain_program_.set("u_quanta_open", chain.quanta_open_per_pixel);
    glProgramUniform1ui(chain_program_.id(), chain_program_.uniform("u_seed"), chain.seed);
    glBindTextureUnit(0, composite_tex_.id());
    glBindTextureUnit(1, veil_tex_.id());
    glBindVertexArray(empty_vao_.id());
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    processed_ = true;
    processed_spr_ = chain.scatter ? chain.scatter_to_primary : 0.0f;
}

void XrayRenderer::display(const DisplaySettings& s) {
    if (!processed_) process(ChainParameters{});  // noiseless primary
    if (s.edge_gain > 0.0f) {
        // The edge enhancement's low-pass: the detected signal's local mean, from the ~64 px
        // block average of the primary plus the veil the last process() added.
        glBindFramebuffer(GL_FRAMEBUFFER, lowpass_fbo_.id());
        glViewport(0, 0, lowpass_w(), lowpass_h());
        glDisable(GL_BLEND);
        lowpass_program_.use();
        lowpass_program_.set("u_spr", processed_spr_);
        lowpass_program_.set("u_size", glm::vec2(float(lowpass_w()), float(lowpass_h())));
        glBindTextureUnit(0, coarse_tex_.id());
        glBindTextureUnit(1, veil_tex_.id());
        glBindVertexArray(empty_vao_.id());
        glDrawArrays(GL_TRIANGLES, 0, 3);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, display_fbo_.id());
    glViewport(0, 0, width_, height_);
    glDisable(GL_BLEND);
    display_program_.use();
    display_program_.set("u_level", s.level);
    display_program_.set("u_window", s.window);
    display_program_.set("u_invert", int(s.invert));
    display_program_.set("u_round_field", int(s.round_field));
    display_program_.set("u_vignetting", s.vignetting);
    display_program_.set("u_blur_sigma", s.blur_sigma_px);
    // The Gaussian's taps, computed once here instead of 9-25 exp() per pixel (~2 ms at 512^2).
    float taps[3] = {1.0f, 0.0f, 0.0f};
    if (s.blur_sigma_px > 0.0f)
        for (int d = 1; d < 3; ++d) taps[d] = std::exp(-float(d * d) / (2.0f * s.blur_sigma_px * s.blur_sigma_px));
    glProgramUniform1fv(display_program_.id(), display_program_.uniform("u_blur_weight"), 3, taps);
    display_program_.set("u_edge_gain", s.edge_gain);
    glBindTextureUnit(0, detected_tex_.id());
    glBindTextureUnit(1, lowpass_tex_.id());
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

ImageF XrayRenderer::read_coarse(int component) const {
    assert(component >= 0 && component < 4);
    const int w = std::max(1, width_ >> coarse_shift_), h = std::max(1, height_ >> coarse_shift_);
    std::vector<float> raw(std::size_t(w) * h * 4);
    glGetTextureImage(coarse_tex_.id(), 0, GL_RGBA, GL_FLOAT, GLsizei(raw.size() * sizeof(float)), raw.data());
    ImageF img(w, h, 1);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) img.at(x, y) = raw[(std::size_t(h - 1 - y) * w + x) * 4 + component];
    return img;
}

ImageF XrayRenderer::read_path_length(int channel) const {
    assert(channel >= 0 && channel < static_cast<int>(channels_.materials.size()));
    const int slot = slot_of(channel);
    return read_channel(lengths_[slot / 4].id(), GL_RGBA, 4, slot % 4);
}
ImageF XrayRenderer::read_closure() const {
    assert(closure_check_ && "set_closure_check(true) before rendering");
    return read_channel(lengths_[closure_slot / 4].id(), GL_RGBA, 4, closure_slot % 4);
}
ImageF XrayRenderer::read_signal() const { return read_channel(composite_tex_.id(), GL_RGBA, 4, 0); }
ImageF XrayRenderer::read_line_integral() const { return read_channel(composite_tex_.id(), GL_RGBA, 4, 1); }
ImageF XrayRenderer::read_detected() const { return read_channel(detected_tex_.id(), GL_RED, 1, 0); }

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
