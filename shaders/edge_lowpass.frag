#version 450 core
// The low-pass of the detected signal that edge enhancement subtracts (display.frag), at half
// the image's resolution: the composite's ~64 px block average (x primary, w exposed) read
// through a cubic B-spline, plus the scatter veil image_chain.frag added (noise has mean zero).
// Output premultiplied by the exposed fraction, (mean * w, w), so that interpolating it and
// dividing gives the mean of the exposed pixels only: at a shutter or the round field's rim
// the blocks are part black, and counting that would ring the rim with a bright band.
//
// Plain bilinear interpolation of block averages leaves a kink every block (8 px at 512): its
// error on a curved profile swings with the block grid and the high-pass would print that grid
// onto the image. The cubic B-spline (Sigg & Hadwiger, GPU Gems 2 ch. 20: four bilinear taps)
// reproduces quadratics up to a constant, so the low-pass is shift-invariant to that order.
// Width: box (h) * B-spline (h), sigma = 0.65 h, 5 px at 512 over a 9-inch field, 2.3 mm at
// the detector. Half resolution: display.frag interpolates this bilinearly at 2 px spacing
// (error h^2/8 f'' = f''/2 on a step smoothed to sigma 5 px: at most 0.5 % of the step, 2 %
// at 256 px; times k, a fraction of a grey level), for a quarter of the B-spline's cost at
// full resolution: the display pass grew by 3.7 ms at 512^2 on llvmpipe with the B-spline in
// display.frag, by 0.8 ms this way.
layout(binding = 0) uniform sampler2D u_coarse;  // x primary, w exposed
layout(binding = 1) uniform sampler2D u_veil;    // ~8 px average the chain's veil used
uniform float u_spr;                             // the veil the chain added (0 = none)
uniform vec2 u_size;                             // of this target

layout(location = 0) out vec2 o_lowpass;

vec4 bspline(sampler2D tex, vec2 uv) {
    vec2 size = vec2(textureSize(tex, 0));
    vec2 coord = uv * size - 0.5;
    vec2 index = floor(coord);
    vec2 f = coord - index, f2 = f * f, f3 = f2 * f;
    vec2 w0 = (-f3 + 3.0 * f2 - 3.0 * f + 1.0) / 6.0;
    vec2 w1 = (3.0 * f3 - 6.0 * f2 + 4.0) / 6.0;
    vec2 w2 = (-3.0 * f3 + 3.0 * f2 + 3.0 * f + 1.0) / 6.0;
    vec2 w3 = f3 / 6.0;
    vec2 g0 = w0 + w1, g1 = w2 + w3;
    vec2 p0 = (index - 0.5 + w1 / g0) / size;  // between texel centres index-1 and index
    vec2 p1 = (index + 1.5 + w3 / g1) / size;  // between index+1 and index+2
    return g0.y * (g0.x * texture(tex, p0) + g1.x * texture(tex, vec2(p1.x, p0.y))) +
           g1.y * (g0.x * texture(tex, vec2(p0.x, p1.y)) + g1.x * texture(tex, p1));
}

void main() {
    vec2 uv = gl_FragCoord.xy / u_size;
    vec4 low = bspline(u_coarse, uv);
    // The veil inside the field is u_spr * veil.x (image_chain.frag), premultiplied by w.
    o_lowpass = vec2(low.x + u_spr * texture(u_veil, uv).x * low.w, low.w);
}
