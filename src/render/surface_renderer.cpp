#include "render/surface_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <glm/gtc/matrix_transform.hpp>

#include "core/geometry/primitives.hpp"

namespace fluorosim::render {

glm::vec3 OrbitCamera::eye() const {
    // Prone patient seen from above its back (+y) at yaw 0, orbiting about the long axis z.
    const float yaw = glm::radians(yaw_deg), pitch = glm::radians(pitch_deg);
    const glm::vec3 dir(std::sin(yaw) * std::cos(pitch), std::cos(yaw) * std::cos(pitch), std::sin(pitch));
    return target + distance_mm * dir;
}

glm::mat4 OrbitCamera::view_projection(float aspect) const {
    const glm::mat4 view = glm::lookAt(eye(), target, glm::vec3(0, 0, 1));
    const glm::mat4 projection = glm::perspective(glm::radians(fov_deg), aspect, 10.0f, 5000.0f);
    return projection * view;
}

SurfaceStyle default_style(const std::string& m) {
    if (m == "bone_cortical") return {{0.93f, 0.89f, 0.78f, 1.0f}, true};
    if (m == "bone_cancellous") return {{0.85f, 0.72f, 0.6f, 1.0f}, false};  // inside the cortex
    if (m == "disc") return {{0.45f, 0.65f, 0.9f, 1.0f}, true};
    if (m == "nerve") return {{0.98f, 0.85f, 0.2f, 1.0f}, true};
    if (m == "blood") return {{0.85f, 0.15f, 0.15f, 1.0f}, true};
    if (m == "csf") return {{0.55f, 0.8f, 1.0f, 0.35f}, true};
    if (m == "ligament") return {{0.75f, 0.95f, 0.75f, 1.0f}, true};
    if (m == "skin") return {{0.95f, 0.75f, 0.65f, 0.12f}, true};
    if (m == "steel") return {{0.75f, 0.78f, 0.82f, 1.0f}, true};
    if (m == "air") return {{0.6f, 0.6f, 0.6f, 0.4f}, false};
    // adipose, muscle, soft_tissue and anything else: hidden by default.
    return {{0.8f, 0.45f, 0.4f, 0.25f}, false};
}

SurfaceRenderer::SurfaceRenderer(int width, int height)
    : program_(ShaderProgram::from_files({"surface.vert", "surface.frag"})),
      vao_(make_vertex_array()),
      needle_vao_(make_vertex_array()),
      line_vao_(make_vertex_array()),
      path_vao_(make_vertex_array()),
      target_vao_(make_vertex_array()) {
    resize(width, height);
}

void SurfaceRenderer::resize(int width, int height) {
    if (width == width_ && height == height_) return;
    width_ = std::max(width, 16);
    height_ = std::max(height, 16);
    colour_ = make_texture_2d(GL_RGBA8, width_, height_, GL_LINEAR);
    depth_ = make_texture_2d(GL_DEPTH_COMPONENT24, width_, height_);
    fbo_ = make_framebuffer();
    glNamedFramebufferTexture(fbo_.id(), GL_COLOR_ATTACHMENT0, colour_.id(), 0);
    glNamedFramebufferTexture(fbo_.id(), GL_DEPTH_ATTACHMENT, depth_.id(), 0);
}

namespace {
// Interleaved position + flat normal per corner (non-indexed).
void append_flat(const TriangleMesh& mesh, std::vector<glm::vec3>& out) {
    for (std::size_t t = 0; t < mesh.triangles.size(); ++t) {
        const glm::vec3 n = mesh.triangle_normal(t);
        for (unsigned i : {mesh.triangles[t].x, mesh.triangles[t].y, mesh.triangles[t].z}) {
            out.push_back(mesh.vertices[i]);
            out.push_back(n);
        }
    }
}

void bind_layout(GLuint vao, GLuint buffer) {
    glVertexArrayVertexBuffer(vao, 0, buffer, 0, 2 * sizeof(glm::vec3));
    glVertexArrayAttribFormat(vao, 0, 3, GL_FLOAT, GL_FALSE, 0);
    glVertexArrayAttribFormat(vao, 1, 3, GL_FLOAT, GL_FALSE, sizeof(glm::vec3));
    glVertexArrayAttribBinding(vao, 0, 0);
    glVertexArrayAttribBinding(vao, 1, 0);
    glEnableVertexArrayAttrib(vao, 0);
    glEnableVertexArrayAttrib(vao, 1);
}
}  // namespace

// Interleaved position + smooth (area-weighted) vertex normal, and indices: shared vertices are
// shaded once, which is what bounds llvmpipe on a 300k-triangle patient.
void append_smooth(const TriangleMesh& mesh, std::vector<glm::vec3>& out, std::vector<unsigned>& indices) {
    const auto base = static_cast<unsigned>(out.size() / 2);
    std::vector<glm::vec3> normals(mesh.vertices.size(), glm::vec3(0.0f));
    for (const auto& t : mesh.triangles) {
        const glm::vec3 n = glm::cross(mesh.vertices[t.y] - mesh.vertices[t.x], mesh.vertices[t.z] - mesh.vertices[t.x]);
        normals[t.x] += n;
        normals[t.y] += n;
        normals[t.z] += n;
    }
    for (std::size_t v = 0; v < mesh.vertices.size(); ++v) {
        out.push_back(mesh.vertices[v]);
        const float len = glm::length(normals[v]);
        out.push_back(len > 0.0f ? normals[v] / len : glm::vec3(0, 0, 1));
    }
    for (const auto& t : mesh.triangles) indices.insert(indices.end(), {base + t.x, base + t.y, base + t.z});
}

void SurfaceRenderer::set_scene(const Scene& scene) {
    std::vector<glm::vec3> data;
    std::vector<unsigned> indices;
    objects_.clear();
    for (const auto& o : scene.objects) {
        Object obj;
        obj.first = GLint(indices.size());
        append_smooth(o.mesh, data, indices);
        obj.count = GLsizei(indices.size()) - obj.first;
        obj.material = o.material;
        obj.centre = bounds(o.mesh).centre();
        obj.style = default_style(o.material);
        objects_.push_back(obj);
    }
    vertices_ = make_buffer();
    indices_ = make_buffer();
    if (!data.empty()) {
        glNamedBufferStorage(vertices_.id(), GLsizeiptr(data.size() * sizeof(glm::vec3)), data.data(), 0);
        glNamedBufferStorage(indices_.id(), GLsizeiptr(indices.size() * sizeof(unsigned)), indices.data(), 0);
        bind_layout(vao_.id(), vertices_.id());
        glVertexArrayElementBuffer(vao_.id(), indices_.id());
    }
}

void SurfaceRenderer::set_visible(const std::string& material, bool visible) {
    for (auto& o : objects_)
        if (o.material == material) o.style.visible = visible;
}

bool SurfaceRenderer::visible(const std::string& material) const {
    for (const auto& o : objects_)
        if (o.material == material) return o.style.visible;
    return false;
}

std::vector<std::string> SurfaceRenderer::materials() const {
    std::vector<std::string> out;
    for (const auto& o : objects_)
        if (std::find(out.begin(), out.end(), o.material) == out.end()) out.push_back(o.material);
    return out;
}

void SurfaceRenderer::set_needle(const std::vector<glm::vec3>& polyline, float radius_mm) {
    TriangleMesh shaft;
    // Drawn 3x its true radius (at least 0.6 mm) so it stays visible from a metre away.
    const float r = std::max(3.0f * radius_mm, 0.6f);
    for (std::size_t i = 1; i < polyline.size(); ++i)
        if (glm::length(polyline[i] - polyline[i - 1]) > 1e-3f) shaft.append(primitives::cylinder(polyline[i - 1], polyline[i], r, 10));
    // Depth marks every 10 mm from the tip, as on the shaft of a real needle: short collars
    // 1.4x the drawn radius, so the trainee reads the inserted length off the 3D view.
    double to_next = 10.0;
    for (std::size_t i = polyline.size(); i-- > 1;) {
        const glm::vec3 a = polyline[i], b = polyline[i - 1];  // walking from the tip to the hub
        const double len = double(glm::length(b - a));
        if (len < 1e-3) continue;
        const glm::vec3 dir = (b - a) / float(len);
        double at = to_next;
        for (; at <= len; at += 10.0) {
            const glm::vec3 c = a + float(at) * dir;
            shaft.append(primitives::cylinder(c - 0.5f * dir, c + 0.5f * dir, 1.4f * r, 10));
        }
        to_next = at - len;
    }
    std::vector<glm::vec3> data;
    append_flat(shaft, data);
    needle_count_ = GLsizei(data.size() / 2);
    needle_vertices_ = make_buffer();
    if (!data.empty()) {
        glNamedBufferStorage(needle_vertices_.id(), GLsizeiptr(data.size() * sizeof(glm::vec3)), data.data(), 0);
        bind_layout(needle_vao_.id(), needle_vertices_.id());
    }
}

namespace {
// Uploads a mesh as flat-shaded triangles into `buffer` bound to `vao`; returns the vertex count.
GLsizei upload_flat(const TriangleMesh& mesh, Buffer& buffer, const VertexArray& vao) {
    std::vector<glm::vec3> data;
    append_flat(mesh, data);
    buffer = make_buffer();
    if (data.empty()) return 0;
    glNamedBufferStorage(buffer.id(), GLsizeiptr(data.size() * sizeof(glm::vec3)), data.data(), 0);
    bind_layout(vao.id(), buffer.id());
    return GLsizei(data.size() / 2);
}
}  // namespace

void SurfaceRenderer::set_overlay(const std::vector<glm::vec3>& tip_path, const std::vector<Sphere>& targets) {
    TriangleMesh path, zones;
    // 0.8 mm tube: thinner than the drawn needle (>= 1.1 mm), still visible from a metre.
    for (std::size_t i = 1; i < tip_path.size(); ++i)
        if (glm::length(tip_path[i] - tip_path[i - 1]) > 1e-3f) path.append(primitives::cylinder(tip_path[i - 1], tip_path[i], 0.8f, 8));
    for (const auto& t : tip_path) path.append(primitives::sphere(t, 1.1f, 10, 5));  // a bead where each move ended
    for (const Sphere& z : targets) zones.append(primitives::sphere(z.centre, std::max(z.radius_mm, 0.5f), 24, 12));
    path_count_ = upload_flat(path, path_vertices_, path_vao_);
    target_count_ = upload_flat(zones, target_vertices_, target_vao_);
}

void SurfaceRenderer::draw_object(const Object& o) {
    glDrawElements(GL_TRIANGLES, o.count, GL_UNSIGNED_INT,
                   reinterpret_cast<const void*>(static_cast<std::uintptr_t>(o.first) * sizeof(unsigned)));
}

void SurfaceRenderer::draw_lines(const std::vector<glm::vec3>& points, const glm::vec4& colour, GLenum mode) {
    std::vector<glm::vec3> data;
    for (const auto& p : points) {
        data.push_back(p);
        data.push_back(glm::vec3(0, 0, 1));
    }
    line_vertices_ = make_buffer();
    glNamedBufferStorage(line_vertices_.id(), GLsizeiptr(data.size() * sizeof(glm::vec3)), data.data(), 0);
    bind_layout(line_vao_.id(), line_vertices_.id());
    program_.set("u_colour", colour);
    program_.set("u_unlit", 1);
    glBindVertexArray(line_vao_.id());
    glDrawArrays(mode, 0, GLsizei(points.size()));
    program_.set("u_unlit", 0);
}

void SurfaceRenderer::draw(const OrbitCamera& camera, const CArmGeometry* carm) {
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
    glViewport(0, 0, width_, height_);
    glClearColor(0.12f, 0.13f, 0.15f, 1.0f);
    glClearDepth(1.0);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glDisable(GL_CULL_FACE);
    program_.use();
    program_.set("u_view_projection", camera.view_projection(float(width_) / float(height_)));
    program_.set("u_model", glm::mat4(1.0f));
    program_.set("u_eye", camera.eye());
    program_.set("u_unlit", 0);

    // Opaque structures, then the needle, then translucent ones far to near without depth writes.
    glBindVertexArray(vao_.id());
    std::vector<const Object*> translucent;
    for (const auto& o : objects_) {
        if (!o.style.visible || o.count == 0) continue;
        if (o.style.colour.a < 1.0f) {
            translucent.push_back(&o);
            continue;
        }
        program_.set("u_colour", o.style.colour);
        draw_object(o);
    }
    if (needle_count_ > 0) {
        program_.set("u_colour", default_style("steel").colour);
        glBindVertexArray(needle_vao_.id());
        glDrawArrays(GL_TRIANGLES, 0, needle_count_);
    }
    if (carm) {
        // Focal spot, detector outline and the beam cone from the one to the other.
        const glm::vec3 s(carm->source), c(carm->detector_centre), r(carm->right), u(carm->up);
        const float h = float(0.5 * carm->detector_mm);
        const glm::vec3 corners[4] = {c + h * (-r - u), c + h * (r - u), c + h * (r + u), c + h * (-r + u)};
        draw_lines({corners[0], corners[1], corners[2], corners[3]}, {0.4f, 0.8f, 1.0f, 1.0f}, GL_LINE_LOOP);
        draw_lines({s, corners[0], s, corners[1], s, corners[2], s, corners[3]}, {1.0f, 0.85f, 0.3f, 0.9f}, GL_LINES);
    }
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    glDepthMask(GL_FALSE);
    const glm::vec3 eye = camera.eye();
    std::sort(translucent.begin(), translucent.end(), [&](const Object* a, const Object* b) {
        return glm::length(a->centre - eye) > glm::length(b->centre - eye);
    });
    glBindVertexArray(vao_.id());
    for (const Object* o : translucent) {
        program_.set("u_colour", o->style.colour);
        draw_object(*o);
    }
    glDepthMask(GL_TRUE);
    // The debrief overlay last, through everything: the path runs inside muscle and ends on bone,
    // where depth-tested it would hardly show. Targets translucent, the path opaque on top.
    glDisable(GL_DEPTH_TEST);
    if (target_count_ > 0) {
        program_.set("u_colour", glm::vec4(0.2f, 1.0f, 0.35f, 0.5f));
        glBindVertexArray(target_vao_.id());
        glDrawArrays(GL_TRIANGLES, 0, target_count_);
    }
    glDisable(GL_BLEND);
    if (path_count_ > 0) {
        program_.set("u_colour", glm::vec4(1.0f, 0.55f, 0.1f, 1.0f));
        glBindVertexArray(path_vao_.id());
        glDrawArrays(GL_TRIANGLES, 0, path_count_);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

}  // namespace fluorosim::render
