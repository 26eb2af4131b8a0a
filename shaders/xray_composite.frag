#version 450 core
// Beer-Lambert compositing per detector pixel, polychromatic, on the GPU:
//   signal = sum_b w_b * exp(-sum_c mu[b][c] * L_c)     (energy-integrating detector)
//   counts = sum_b n_b * exp(-sum_c mu[b][c] * L_c)     (detected quanta, for noise)
// w_b: energy x photons x detector absorption of bin b, n_b: photons x absorption; both
// normalised so an open field gives 1. L_c: path length in material channel c (mm).
// Also writes the line integral sum_c mu_ref[c] * L_c at one reference energy (for comparing
// with monoenergetic DRR tools such as plastimatch). Collimated-off pixels get no primary.
const int MAX_BINS = 32;
const int MAX_CHANNELS = 15;

layout(binding = 0) uniform sampler2D u_lengths0;
layout(binding = 1) uniform sampler2D u_lengths1;
layout(binding = 2) uniform sampler2D u_lengths2;
layout(binding = 3) uniform sampler2D u_lengths3;

uniform int u_bins;
uniform int u_channels;
uniform float u_weight[MAX_BINS];
uniform float u_count_weight[MAX_BINS];
uniform float u_mu[MAX_BINS * MAX_CHANNELS];  // 1/mm, [bin * MAX_CHANNELS + channel]
uniform float u_mu_reference[MAX_CHANNELS];
uniform vec2 u_size;        // image size in pixels
uniform bool u_round;       // image-intensifier field
uniform vec3 u_collimation; // iris, shutter_x, shutter_y as fractions of the half-width

layout(location = 0) out vec4 o_signal;  // x: signal, y: line integral, z: counts, w: exposed (0/1)

void main() {
    ivec2 p = ivec2(gl_FragCoord.xy);
    vec2 q = gl_FragCoord.xy / u_size * 2.0 - 1.0;  // -1..1 across the field
    float r = length(q);
    bool exposed = r <= u_collimation.x && abs(q.x) <= u_collimation.y && abs(q.y) <= u_collimation.z &&
                   (!u_round || r <= 1.0);
    float L[15];
    vec4 a = texelFetch(u_lengths0, p, 0), b = texelFetch(u_lengths1, p, 0);
    vec4 c = texelFetch(u_lengths2, p, 0), d = texelFetch(u_lengths3, p, 0);
    L[0] = a.x; L[1] = a.y; L[2] = a.z; L[3] = a.w;
    L[4] = b.x; L[5] = b.y; L[6] = b.z; L[7] = b.w;
    L[8] = c.x; L[9] = c.y; L[10] = c.z; L[11] = c.w;
    L[12] = d.x; L[13] = d.y; L[14] = d.z;
    float signal = 0.0, counts = 0.0;
    for (int bin = 0; bin < u_bins; ++bin) {
        float mu_l = 0.0;
        for (int ch = 0; ch < u_channels; ++ch) mu_l += u_mu[bin * MAX_CHANNELS + ch] * max(L[ch], 0.0);
        float t = exp(-mu_l);
        signal += u_weight[bin] * t;
        counts += u_count_weight[bin] * t;
    }
    float line = 0.0;
    for (int ch = 0; ch < u_channels; ++ch) line += u_mu_reference[ch] * max(L[ch], 0.0);
    float e = exposed ? 1.0 : 0.0;
    o_signal = vec4(signal * e, line, counts * e, e);
}
