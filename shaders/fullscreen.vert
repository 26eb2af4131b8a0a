#version 450 core
// One triangle covering the viewport. v_uv runs 0..1 with v = 0 at the bottom row (GL
// convention); images are read back and flipped so row 0 is the top, as on the detector.
out vec2 v_uv;
void main() {
    vec2 p = vec2((gl_VertexID << 1) & 2, gl_VertexID & 2);
    v_uv = p;
    gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
