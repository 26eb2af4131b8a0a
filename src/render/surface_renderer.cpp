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

glm::vec4 gauge_colour(double outer_diameter_mm) {
    if (std::abs(outer_diameter_mm - 0.91) < 0.05) return {0.95f, 0.85f, 0.1f, 1.0f};  // 20G yellow
    if (std::abs(outer_diameter_mm - 0.72) < 0.05) return {0.12f, 0.12f, 0.12f, 1.0f}; // 22G black
    if (std::abs(outer_diameter_mm - 0.51) < 0.05) return {0.95f, 0.5f, 0.1f, 1.0f};   // 25G orange
    return {0.6f, 0.6f, 0.6f, 1.0f};
}

void SurfaceRenderer::set_needle(const std::vector<glm::vec3>& polyline, const NeedleLook& look) {
    needle_parts_.clear();
    std::vector<glm::vec3> data;
    auto add_part = [&](const TriangleMesh& mesh, const glm::vec4& colour) {
        if (mesh.triangles.empty()) return;
        NeedlePart part;
        part.first = GLint(data.size() / 2);
        append_flat(mesh, data);
        part.count = GLsizei(data.size() / 2) - part.first;
        part.colour = colour;
        needle_parts_.push_back(part);
    };
    // Drawn 3x its true radius (at least 0.6 mm) so it stays visible from a metre away.
    const float r = std::max(3.0f * look.radius_mm, 0.6f);
    TriangleMesh shaft, electrode;
    // An RF cannula is insulated except its last active_tip_mm: the electrode is drawn bare
    // (bright steel) and the insulated shaft darker, so the lesion zone reads in the 3D view.
    double from_tip = 0.0;
    for (std::size_t i = polyline.size(); i-- > 1;) {
        const glm::vec3 a = polyline[i], b = polyline[i - 1];  // walking from the tip to the hub
        const double len = double(glm::length(b - a));
        if (len < 1e-3) continue;
        const double bare = std::clamp(double(look.active_tip_mm) - from_tip, 0.0, len);
        const glm::vec3 dir = (b - a) / float(len);
        const glm::vec3 split = a + float(bare) * dir;
        if (bare > 1e-3) electrode.append(primitives::cylinder(a, split, r, 10));
        if (len - bare > 1e-3) shaft.append(primitives::cylinder(split, b, r, 10));
        from_tip += len;
    }
    // Depth marks every 10 mm from the tip, as on the shaft of a real needle: short collars
    // 1.4x the drawn radius, so the trainee reads the inserted length off the 3D view.
    double to_next = 10.0;
    for (std::size_t i = polyline.size(); i-- > 1;) {
        const glm::vec3 a = polyline[i], b = polyline[i - 1];
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
    const glm::vec4 steel = default_style("steel").colour;
    const bool rf = look.active_tip_mm > 0.0f;
    add_part(shaft, rf ? glm::vec4(0.35f, 0.35f, 0.4f, 1.0f) : steel);
    add_part(electrode, glm::vec4(glm::min(glm::vec3(steel) * 1.3f, glm::vec3(1.0f)), 1.0f));
    // The hub: a spinal needle's is about 8 mm across and 15 mm long, behind the shaft. Its
    // notch (a fin on the bevel's side, as the notch on a real hub) tells which way the bevel
    // faces, which is how an operator steers with it.
    if (polyline.size() >= 2 && glm::length(polyline[1] - polyline[0]) > 1e-3f) {
        const glm::vec3 dir = glm::normalize(polyline[1] - polyline[0]);  // hub toward tip
        const glm::vec3 back = polyline[0] - 15.0f * dir;
        add_part(primitives::cylinder(back, polyline[0], 4.0f, 24), look.hub_colour);
        glm::vec3 bevel = look.bevel - glm::dot(look.bevel, dir) * dir;
        if (glm::length(bevel) > 1e-4f) {
            bevel = glm::normalize(bevel);
            const glm::vec3 side = glm::cross(dir, bevel);
            TriangleMesh notch = primitives::box(glm::vec3(-0.8f, 3.0f, -6.0f), glm::vec3(0.8f, 6.5f, 6.0f));
            // box axes: x = side, y = bevel, z = along the needle; centred on the hub's middle
            const glm::vec3 centre = polyline[0] - 7.5f * dir;
            for (auto& v : notch.vertices) v = centre + v.x * side + v.y * bevel + v.z * dir;
            add_part(notch, {0.95f, 0.2f, 0.2f, 1.0f});
        }
    }
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
    if (!needle_parts_.empty()) {
        glBindVertexArray(needle_vao_.id());
        for (const auto& part : needle_parts_) {
            program_.set("u_colour", part.colour);
            glDrawArrays(GL_TRIANGLES, part.first, part.count);
        }
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
