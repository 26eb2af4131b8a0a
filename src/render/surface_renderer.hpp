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

    // Needle shaft as a polyline (tip last), and the C-arm to draw.
    void set_needle(const std::vector<glm::vec3>& polyline, float radius_mm);
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
    GLsizei needle_count_ = 0, path_count_ = 0, target_count_ = 0;
    std::vector<Object> objects_;
    Texture colour_, depth_;
    Framebuffer fbo_;
};

}  // namespace fluorosim::render
