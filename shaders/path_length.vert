#version 450 core
// Path-length pass (gVirtualXray's method): every triangle of every closed mesh is drawn with
// depth test and culling off; the fragment stage adds +distance at back faces (ray leaving a
// mesh) and -distance at front faces (ray entering), so the sum is the length inside.
layout(location = 0) in vec3 a_position;   // patient frame, mm
layout(location = 1) in ivec2 a_channels;  // (channel added, channel subtracted or -1)

uniform mat4 u_clip_from_patient;

out vec3 v_position;
flat out ivec2 v_channels;

void main() {
    v_position = a_position;
    v_channels = a_channels;
    gl_Position = u_clip_from_patient * vec4(a_position, 1.0);
}
