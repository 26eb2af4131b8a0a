#version 450 core
// Beer-Lambert compositing per detector pixel, polychromatic:
//   signal = sum_b w_b * exp(-sum_c mu[b][c] * L_c)
// where w_b is the normalised energy-weighted detector response of bin b (sum w_b = 1, so the
// open field gives 1) and L_c the path length in material channel c (mm).
// Also writes the line integral sum_c mu_ref[c] * L_c at one reference energy (for comparing
// with monoenergetic DRR tools such as plastimatch).
const int MAX_BINS = 32;
const int MAX_CHANNELS = 15;

layout(binding = 0) uniform sampler2D u_lengths0;
layout(binding = 1) uniform sampler2D u_lengths1;
layout(binding = 2) uniform sampler2D u_lengths2;
layout(binding = 3) uniform sampler2D u_lengths3;

uniform int u_bins;
uniform int u_channels;
uniform float u_weight[MAX_BINS];
uniform float u_mu[MAX_BINS * MAX_CHANNELS];  // 1/mm, [bin * MAX_CHANNELS + channel]
uniform float u_mu_reference[MAX_CHANNELS];

in vec2 v_uv;
layout(location = 0) out vec2 o_signal;  // x: detector signal / open field, y: line integral

void main() {
    ivec2 p = ivec2(gl_FragCoord.xy);
    float L[16];
    vec4 a = texelFetch(u_lengths0, p, 0), b = texelFetch(u_lengths1, p, 0);
    vec4 c = texelFetch(u_lengths2, p, 0), d = texelFetch(u_lengths3, p, 0);
    L[0] = a.x; L[1] = a.y; L[2] = a.z; L[3] = a.w;
    L[4] = b.x; L[5] = b.y; L[6] = b.z; L[7] = b.w;
    L[8] = c.x; L[9] = c.y; L[10] = c.z; L[11] = c.w;
    L[12] = d.x; L[13] = d.y; L[14] = d.z; L[15] = 0.0;
    float signal = 0.0;
    for (int bin = 0; bin < u_bins; ++bin) {
        float mu_l = 0.0;
        for (int ch = 0; ch < u_channels; ++ch) mu_l += u_mu[bin * MAX_CHANNELS + ch] * max(L[ch], 0.0);
        signal += u_weight[bin] * exp(-mu_l);
    }
    float line = 0.0;
    for (int ch = 0; ch < u_channels; ++ch) line += u_mu_reference[ch] * max(L[ch], 0.0);
    o_signal = vec2(signal, line);
}
