#version 450 core
// Last stage of the image chain: what the monitor shows.
// Input: the detected signal relative to the open field. Detector blur (a Gaussian of the
// scintillator's light spread), then the log signal (attenuation, -ln s, as the video chain
// compresses the range), edge enhancement (unsharp mask on the log image), window/level,
// dense = dark unless inverted, and the field: round for an image intensifier with vignetting
// (its output falls off toward the rim), square for a flat panel.
layout(binding = 0) uniform sampler2D u_detected;
layout(binding = 1) uniform sampler2D u_coarse;  // composite block average: x primary, w exposed
layout(binding = 2) uniform sampler2D u_veil;    // ~8 px average the chain's scatter veil used

uniform float u_level;        // attenuation (-ln s) shown as mid-grey
uniform float u_window;       // attenuation range from black to white
uniform bool u_invert;        // false: dense = dark (fluoroscopy default)
uniform bool u_round_field;   // image intensifier
uniform float u_vignetting;   // relative brightness loss at the field edge (0.25 = 25 %)
uniform float u_blur_sigma;   // detector blur in pixels (0 = off)
uniform float u_blur_weight[3];  // exp(-d^2 / (2 sigma^2)) for d = 0, 1, 2 px (from the CPU)
uniform float u_edge_gain;    // unsharp-mask gain k (0 = off)
uniform float u_spr;          // the veil the chain added (0 = none)

// Cubic B-spline reconstruction of the coarse image from four bilinear taps (Sigg & Hadwiger,
// GPU Gems 2 ch. 20). Plain bilinear interpolation of block averages leaves a kink every block
// (8 px at 512): its error on a curved profile swings with the block grid and the high-pass
// would print that grid onto the image. The B-spline reproduces quadratics up to a constant, so
// the low-pass is shift-invariant to that order. Low-pass width: box (h) * B-spline (h), sigma =
// 0.65 h, 5 px at 512 over a 9-inch field = 2.3 mm at the detector.
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

in vec2 v_uv;
layout(location = 0) out vec4 o_color;

void main() {
    ivec2 p = ivec2(gl_FragCoord.xy);
    float s;
    if (u_blur_sigma > 0.0) {
        // A 3x3 Gaussian holds 94 % of the weight for sigma <= 0.8 px (the usual 512 px case),
        // 5x5 holds > 95 % up to 1.2 px; the smaller kernel saves a quarter of a pulse's time
        // on llvmpipe (50 -> 38 ms for the phantom at 512^2).
        float sum = 0.0, weight = 0.0;
        ivec2 size = textureSize(u_detected, 0);
        int radius = u_blur_sigma <= 0.8 ? 1 : 2;
        for (int dy = -radius; dy <= radius; ++dy)
            for (int dx = -radius; dx <= radius; ++dx) {
                float w = u_blur_weight[abs(dx)] * u_blur_weight[abs(dy)];  // separable Gaussian
                sum += w * texelFetch(u_detected, clamp(p + ivec2(dx, dy), ivec2(0), size - 1), 0).x;
                weight += w;
            }
        s = sum / weight;
    } else {
        s = texelFetch(u_detected, p, 0).x;
    }
    float attenuation = -log(max(s, 1e-8));
    if (u_edge_gain > 0.0 && s > 0.0) {
        vec2 uv = gl_FragCoord.xy / vec2(textureSize(u_detected, 0));
        vec4 low = bspline(u_coarse, uv);
        // Mean of the exposed pixels only (x / w): at a shutter or the round field's rim the
        // blocks are part black, and counting that would lift att_low's contrast and ring the
        // rim with a bright band. The veil is added as image_chain.frag adds it inside the
        // field, so a flat field has att = att_low (no offset of -ln(1 + SPR)).
        if (low.w > 0.01) {
            float mean = low.x / low.w + u_spr * texture(u_veil, uv).x;
            attenuation += u_edge_gain * (attenuation + log(max(mean, 1e-8)));
        }
    }
    float t = clamp((attenuation - u_level) / max(u_window, 1e-6) + 0.5, 0.0, 1.0);
    float grey = u_invert ? t : 1.0 - t;
    if (s <= 0.0) grey = 0.0;  // collimated off: no exposure, black either way
    vec2 centred = v_uv * 2.0 - 1.0;
    float r = length(centred);
    if (u_round_field) {
        grey *= 1.0 - u_vignetting * r * r;
        // Soft 1.5 % rim so the circle edge is anti-aliased.
        grey *= 1.0 - smoothstep(0.985, 1.0, r);
    }
    o_color = vec4(vec3(grey), 1.0);
}
