#pragma once
// The 3D learning view: the patient's structures shaded (skin translucent), the needle, the
// C-arm's source and detector and the beam cone between them, seen by an orbiting camera.
// Draws into its own texture, redrawn only when something changed.
#include <string>
#include <vector>

#include "core/carm/carm_pose.hpp"
#include "core/scene/scene.hpp"
#include "render/gl_objects.hpp"
#include "render/shader.hpp"

namespace fluorosim::render {

struct OrbitCamera {
    glm::vec3 target{0.0f};
    float yaw_deg = 55.0f;     // about the patient's long axis (z): from the left side
    float pitch_deg = 20.0f;   // above the horizontal plane
    float distance_mm = 1100.0f;
    float fov_deg = 35.0f;
    glm::vec3 eye() const;
    glm::mat4 view_projection(float aspect) const;
};

struct SurfaceStyle {
    glm::vec4 colour{0.8f, 0.8f, 0.8f, 1.0f};
    bool visible = true;
};

// Colour and default visibility by material: bone ivory, disc blue, nerve yellow, blood red,
// CSF pale blue (translucent), skin translucent, bulk soft tissue, fat and muscle hidden (they
// would hide the spine).
SurfaceStyle default_style(const std::string& material);

// How the needle looks in the 3D view besides its path: real proportions where they help the
// trainee read it (the hub, its bevel notch, the RF electrode), exaggerated where a true size
// would vanish (the shaft, drawn at least 0.6 mm thick).
struct NeedleLook {
    float radius_mm = 0.36f;                        // true outer radius
    glm::vec3 bevel{0.0f, 0.0f, 1.0f};              // unit: where the bevel face looks
    glm::vec4 hub_colour{0.1f, 0.1f, 0.1f, 1.0f};   // ISO 6009 gauge colour (22G black)
    float active_tip_mm = 0.0f;                     // RF cannula: bare electrode at the tip
};

// ISO 6009 hub colour for a needle of this outer diameter: 20G (0.91 mm) yellow, 22G (0.72 mm)
// black, 25G (0.51 mm) orange; other sizes grey.
glm::vec4 gauge_colour(double outer_diameter_mm);

class SurfaceRenderer {
public:
    SurfaceRenderer(int width, int height);
    void resize(int width, int height);
    int width() const { return width_; }
    int height() const { return height_; }

    void set_scene(const Scene& scene);
    std::size_t object_count() const { return objects_.size(); }
    void set_visible(const std::string& material, bool visible);
    bool visible(const std::string& material) const;
    std::vector<std::string> materials() const;

    // Needle shaft as a polyline from hub to tip, drawn with depth marks, its hub (gauge colour)
    // with a notch on the bevel's side, and an RF cannula's electrode in bare steel.
    void set_needle(const std::vector<glm::vec3>& polyline, const NeedleLook& look);
    // Parts drawn for the needle (shaft, hub, notch, electrode), for tests.
    std::size_t needle_part_count() const { return needle_parts_.size(); }
    // A debrief's overlay: the path the needle tip took (an orange tube) and the target zones
    // (translucent green spheres: centre, radius mm). Empty vectors clear it.
    struct Sphere {
        glm::vec3 centre{0.0f};
        float radius_mm = 3.0f;
    };
    void set_overlay(const std::vector<glm::vec3>& tip_path, const std::vector<Sphere>& targets);
    void draw(const OrbitCamera& camera, const CArmGeometry* carm);

    GLuint texture() const { return colour_.id(); }

private:
    struct Object {
        GLint first = 0;      // first index
        GLsizei count = 0;    // index count
        std::string material;
        glm::vec3 centre{0.0f};
        SurfaceStyle style;
    };
    void draw_object(const Object& o);
    void draw_lines(const std::vector<glm::vec3>& points, const glm::vec4& colour, GLenum mode);

    int width_ = 0, height_ = 0;
    ShaderProgram program_;
    VertexArray vao_, needle_vao_, line_vao_, path_vao_, target_vao_;
    Buffer vertices_, indices_, needle_vertices_, line_vertices_, path_vertices_, target_vertices_;
    GLsizei path_count_ = 0, target_count_ = 0;
    struct NeedlePart {
        GLint first = 0;      // first vertex
        GLsizei count = 0;
        glm::vec4 colour{1.0f};
    };
    std::vector<NeedlePart> needle_parts_;
    std::vector<Object> objects_;
    Texture colour_, depth_;
    Framebuffer fbo_;
};

}  // namespace fluorosim::render
