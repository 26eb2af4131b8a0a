#version 450 core
// Beer-Lambert compositing per detector pixel, polychromatic, on the GPU:
//   signal = sum_b w_b * exp(-sum_c mu[b][c] * L_c)     (energy-integrating detector)
//   counts = sum_b n_b * exp(-sum_c mu[b][c] * L_c)     (detected quanta, for noise)
// w_b: energy x photons x detector absorption of bin b, n_b: photons x absorption; both
// normalised so an open field gives 1. L_c: path length in material channel c (mm).
// Also writes the line integral sum_c mu_ref[c] * L_c at one reference energy (for comparing
// with monoenergetic DRR tools such as plastimatch). Collimated-off pixels get no primary.
// Path lengths arrive in slots (4 per RGBA target, core/scene/channel_slots.hpp); mu comes
// per slot too, so each bin's attenuation is four vec4 dot products (no per-channel indexing,
// which llvmpipe turns into a gather per pixel).
const int MAX_BINS = 32;

layout(binding = 0) uniform sampler2D u_lengths0;
layout(binding = 1) uniform sampler2D u_lengths1;
layout(binding = 2) uniform sampler2D u_lengths2;
layout(binding = 3) uniform sampler2D u_lengths3;

uniform int u_bins;
uniform int u_targets;      // targets holding channels (1-4); the others are not read
uniform float u_weight[MAX_BINS];
uniform float u_count_weight[MAX_BINS];
uniform vec4 u_mu[MAX_BINS * 4];  // 1/mm, [bin * 4 + target], one component per slot
uniform vec4 u_mu_reference[4];
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
    // Negative lengths are float round-off of a ray grazing a surface: clamp them.
    vec4 a = max(texelFetch(u_lengths0, p, 0), 0.0);
    vec4 b = u_targets > 1 ? max(texelFetch(u_lengths1, p, 0), 0.0) : vec4(0.0);
    vec4 c = u_targets > 2 ? max(texelFetch(u_lengths2, p, 0), 0.0) : vec4(0.0);
    vec4 d = u_targets > 3 ? max(texelFetch(u_lengths3, p, 0), 0.0) : vec4(0.0);
    float line = dot(u_mu_reference[0], a) + dot(u_mu_reference[1], b) + dot(u_mu_reference[2], c) +
                 dot(u_mu_reference[3], d);
    float signal = 0.0, counts = 0.0;
    if (exposed) {
        for (int bin = 0; bin < u_bins; ++bin) {
            int i = 4 * bin;
            float mu_l = dot(u_mu[i], a) + dot(u_mu[i + 1], b) + dot(u_mu[i + 2], c) + dot(u_mu[i + 3], d);
            float t = exp(-mu_l);
            signal += u_weight[bin] * t;
            counts += u_count_weight[bin] * t;
        }
    }
    o_signal = vec4(signal, line, counts, exposed ? 1.0 : 0.0);
}
