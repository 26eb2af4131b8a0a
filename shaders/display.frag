#version 450 core
// Last stage of the image chain: what the monitor shows.
// Input: the detected signal relative to the open field. Detector blur (a Gaussian of the
// scintillator's light spread), then the log signal (attenuation, -ln s, as the video chain
// compresses the range), edge enhancement (unsharp mask on the log image), window/level,
// dense = dark unless inverted, and the field: round for an image intensifier with vignetting
// (its output falls off toward the rim), square for a flat panel.
layout(binding = 0) uniform sampler2D u_detected;
layout(binding = 1) uniform sampler2D u_lowpass;  // edge_lowpass.frag: (mean * w, w), half size

uniform float u_level;        // attenuation (-ln s) shown as mid-grey
uniform float u_window;       // attenuation range from black to white
uniform bool u_invert;        // false: dense = dark (fluoroscopy default)
uniform bool u_round_field;   // image intensifier
uniform float u_vignetting;   // relative brightness loss at the field edge (0.25 = 25 %)
uniform float u_blur_sigma;   // detector blur in pixels (0 = off)
uniform float u_blur_weight[3];  // exp(-d^2 / (2 sigma^2)) for d = 0, 1, 2 px (from the CPU)
uniform float u_edge_gain;    // unsharp-mask gain k (0 = off)

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
        // Unsharp mask: att + k (att - att_low), att_low = -ln of the detected signal's local
        // mean over the exposed pixels (see edge_lowpass.frag); a flat field has att = att_low.
        vec2 low = texture(u_lowpass, gl_FragCoord.xy / vec2(textureSize(u_detected, 0))).xy;
        if (low.y > 0.01) attenuation += u_edge_gain * (attenuation + log(max(low.x / low.y, 1e-8)));
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
