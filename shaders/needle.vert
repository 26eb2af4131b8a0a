#version 450 core
// Needle pass: a screen-space quad around the projected shaft, one pixel wider than the shaft
// on every side, so every pixel the shaft touches gets a fragment however thin it is.
uniform vec2 u_corners[4];  // NDC, triangle-strip order
void main() { gl_Position = vec4(u_corners[gl_VertexID], 0.0, 1.0); }
