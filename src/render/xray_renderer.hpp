#pragma once
// The X-ray renderer: path lengths per material through closed meshes (one additive pass),
// Beer-Lambert compositing over energy bins, and the display stage. It draws what core
// describes (scene, C-arm geometry, attenuation per bin and channel) and decides nothing.
// Needs a current OpenGL 4.5 core context (GLFW window or HeadlessContext).
#include <vector>

#include "core/carm/carm_pose.hpp"
#include "core/image/image.hpp"
#include "core/scene/scene.hpp"
#include "core/xray/attenuation.hpp"
#include "render/gl_objects.hpp"
#include "render/shader.hpp"

namespace fluorosim::render {

struct DisplaySettings {
    float level = 2.5f;    // -ln(signal) shown mid-grey
    float window = 4.0f;   // range of -ln(signal) from black to white
    bool invert = false;
    bool round_field = true;
    float vignetting = 0.25f;
};

class XrayRenderer {
public:
    static constexpr int max_channels = 15;  // 4 RGBA32F targets, last slot counts closure
    static constexpr int max_bins = 32;

    XrayRenderer(int width, int height);
    void resize(int width, int height);
    int width() const { return width_; }
    int height() const { return height_; }

    // Uploads all meshes; throws InputError when the scene uses more than max_channels materials.
    void set_scene(const Scene& scene);
    const MaterialChannels& channels() const { return channels_; }

    // Path lengths + compositing; the result stays on the GPU until read or displayed.
    void render(const CArmGeometry& geometry, const Attenuation& attenuation);
    // Display stage into an RGBA8 texture (what the monitor shows).
    void display(const DisplaySettings& settings);

    GLuint display_texture() const { return display_tex_.id(); }
    ImageF read_path_length(int channel) const;  // mm, row 0 at the top
    ImageF read_closure() const;                 // face-crossing count, 0 for closed meshes
    ImageF read_signal() const;                  // detector signal / open field
    ImageF read_line_integral() const;           // sum mu_ref * L at the reference energy
    Image8 read_display() const;                 // RGBA8 of the last display()

private:
    ImageF read_channel(GLuint texture, GLenum format, int components, int component) const;
    void allocate_targets();

    int width_ = 0, height_ = 0;
    ShaderProgram path_program_, composite_program_, display_program_;
    VertexArray vao_, empty_vao_;
    Buffer positions_, channel_ids_;
    GLsizei vertex_count_ = 0;
    MaterialChannels channels_;
    Texture lengths_[4];
    Framebuffer lengths_fbo_;
    Texture signal_tex_;
    Framebuffer signal_fbo_;
    Texture display_tex_;
    Framebuffer display_fbo_;
};

}  // namespace fluorosim::render
