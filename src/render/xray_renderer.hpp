#pragma once
// The X-ray renderer: path lengths per material through closed meshes (one additive pass),
// analytic thin needles, polychromatic Beer-Lambert compositing, the detector chain (scatter
// veil, quantum noise) and the display stage (blur, edge enhancement, window/level, field,
// vignetting). It draws
// what core describes (scene, C-arm geometry, attenuation per bin and channel, chain
// parameters) and decides nothing. Needs a current OpenGL 4.5 core context.
#include <algorithm>
#include <string>
#include <vector>

#include "core/carm/carm_pose.hpp"
#include "core/image/image.hpp"
#include "core/scene/channel_slots.hpp"
#include "core/scene/scene.hpp"
#include "core/xray/attenuation.hpp"
#include "render/gl_objects.hpp"
#include "render/shader.hpp"

namespace fluorosim::render {

// A straight steel shaft drawn analytically (see shaders/needle.frag).
struct NeedleSegment {
    glm::vec3 a{0.0f}, b{0.0f};     // end points, patient frame (mm)
    float radius_mm = 0.36f;
    std::string material = "steel";
    std::string displaced;          // material it displaces ("" = room air)
};

// A closed mesh that changes during a session (injected contrast, a spreading blob): drawn in
// the path-length pass like anatomy, its length scaled by `weight` (e.g. the iodine
// concentration relative to the material's) and subtracted from `displaced` ("" = nothing:
// contrast mixed into tissue adds iodine without removing the tissue).
struct OverlayObject {
    TriangleMesh mesh;
    std::string material = "iodine_contrast";
    std::string displaced;
    float weight = 1.0f;
};

// Parameters of the detector chain for one image (computed by core/xray/image_chain).
struct ChainParameters {
    bool scatter = false;
    float scatter_to_primary = 0.0f;
    bool noise = false;
    float quanta_open_per_pixel = 0.0f;
    unsigned seed = 0;
};

struct DisplaySettings {
    float level = 2.5f;    // -ln(signal) shown mid-grey
    float window = 4.0f;   // range of -ln(signal) from black to white
    bool invert = false;
    bool round_field = true;
    float vignetting = 0.25f;   // 0 = off
    float blur_sigma_px = 0.0f; // detector blur, 0 = off
    // Unsharp mask on the log image (0 = off): att + gain * (att - att_low), att_low from the
    // composite's block average plus the last process()'s scatter veil (edge_lowpass.frag).
    float edge_gain = 0.0f;
};

class XrayRenderer {
public:
    static constexpr int max_channels = 15;  // 4 RGBA32F targets, last slot counts closure
    static constexpr int closure_slot = 15;
    static constexpr int max_bins = 32;

    XrayRenderer(int width, int height);
    void resize(int width, int height);
    int width() const { return width_; }
    int height() const { return height_; }

    // Uploads all meshes (static patient geometry). `extra_materials` get channels even if no
    // mesh uses them (needles, contrast). Throws InputError beyond max_channels materials.
    void set_scene(const Scene& scene, const std::vector<std::string>& extra_materials = {"steel"});
    const MaterialChannels& channels() const { return channels_; }
    // Where each channel lives in the render targets (an internal layout, exposed for tests).
    const ChannelSlots& slots() const { return slots_; }
    // Counts face crossings per pixel (read_closure) in later renders: a check for open or
    // inside-out meshes. Off by default: it makes every fragment blend into all four targets.
    void set_closure_check(bool on) { closure_check_ = on; }
    // Needles change every frame of needle motion; they are not part of the uploaded meshes.
    void set_needles(const std::vector<NeedleSegment>& needles);
    // Replaces the overlay objects; their materials need channels (set_scene's extras).
    void set_overlay(const std::vector<OverlayObject>& objects);

    // Path lengths + needles + compositing; results stay on the GPU until read or displayed.
    void render(const CArmGeometry& geometry, const Attenuation& attenuation);
    // Detector chain on the last render (scatter veil, noise). Without it, display() shows the
    // noiseless primary.
    void process(const ChainParameters& chain);
    // Display stage into an RGBA8 texture (what the monitor shows).
    void display(const DisplaySettings& settings);

    GLuint display_texture() const { return display_tex_.id(); }
    ImageF read_path_length(int channel) const;  // mm, row 0 at the top
    ImageF read_closure() const;                 // face-crossing count, 0 for closed meshes (needs set_closure_check)
    ImageF read_signal() const;                  // primary detector signal / open field
    ImageF read_line_integral() const;           // sum mu_ref * L at the reference energy
    ImageF read_detected() const;                // after the chain (scatter, noise)
    // The composite averaged over square blocks to 64-127 px across (x: signal, y: line
    // integral): cheap to read back for automatic brightness and window measurements.
    ImageF read_coarse(int component) const;
    Image8 read_display() const;                 // RGBA8 of the last display()

private:
    ImageF read_channel(GLuint texture, GLenum format, int components, int component) const;
    void allocate_targets();
    int channel_of(const std::string& material) const;
    int slot_of(int channel) const { return channel < 0 ? -1 : slots_.slot[std::size_t(channel)]; }

    int width_ = 0, height_ = 0;
    // Block-averaged copies of the composite (the mip levels a scatter veil and a measurement
    // need, made directly: llvmpipe's glGenerateMipmap flushes once per level, ~7 ms at 512^2).
    int coarse_shift_ = 0;  // coarse = composite / 2^shift, 64-127 px across
    int veil_shift_ = 0;    // veil = composite / 2^shift, 8-15 px across
    void reduce(const Texture& from, int from_w, int from_h, const Framebuffer& to, int to_w, int to_h);
    ShaderProgram path_program_, needle_program_, composite_program_, chain_program_, display_program_,
        reduce_program_, lowpass_program_;
    VertexArray vao_, empty_vao_;
    Buffer positions_, channel_ids_, indices_;
    GLsizei vertex_count_ = 0;  // index count
    struct ObjectRange {
        GLsizei count = 0;        // indices
        std::size_t offset = 0;   // bytes into the index buffer
        Aabb box;
        unsigned targets = 0;     // bit t: writes render target t
    };
    std::vector<ObjectRange> object_ranges_;
    MaterialChannels channels_;
    ChannelSlots slots_;
    bool closure_check_ = false;
    std::vector<NeedleSegment> needles_;
    struct OverlayDraw {
        GLint first = 0;
        GLsizei count = 0;
        float weight = 1.0f;
    };
    VertexArray overlay_vao_;
    Buffer overlay_positions_, overlay_ids_;
    std::vector<OverlayDraw> overlay_draws_;
    Texture lengths_[4];
    Framebuffer lengths_fbo_;
    Texture composite_tex_, coarse_tex_, veil_tex_;
    Framebuffer composite_fbo_, coarse_fbo_, veil_fbo_;
    Texture detected_tex_;
    Framebuffer detected_fbo_;
    bool processed_ = false;
    float processed_spr_ = 0.0f;  // scatter-to-primary ratio of the last process() (0: no veil)
    // Edge enhancement's low-pass at half size (shaders/edge_lowpass.frag), made when it is on.
    Texture lowpass_tex_;
    Framebuffer lowpass_fbo_;
    int lowpass_w() const { return std::max(1, width_ / 2); }
    int lowpass_h() const { return std::max(1, height_ / 2); }
    Texture display_tex_;
    Framebuffer display_fbo_;
};

}  // namespace fluorosim::render
