#version 450 core
// 3D learning view: shaded anatomy, needle and C-arm.
layout(location = 0) in vec3 a_position;  // patient frame, mm
layout(location = 1) in vec3 a_normal;

uniform mat4 u_view_projection;
uniform mat4 u_model;

out vec3 v_normal;
out vec3 v_position;

void main() {
    vec4 world = u_model * vec4(a_position, 1.0);
    v_position = world.xyz;
    v_normal = mat3(u_model) * a_normal;
    gl_Position = u_view_projection * world;
}
