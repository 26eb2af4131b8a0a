#version 450 core
// Detector physics after attenuation, each stage switchable:
//  - scatter: a low-frequency veil, the primary image blurred over ~1/8 of the field and scaled
//    by the scatter-to-primary ratio (SPR) that core computes from thickness and field size;
//  - quantum noise: the detected quanta per pixel are Poisson distributed; core gives the mean
//    count of an open-field pixel, the composite pass the transmitted fraction.
// Output: detector signal relative to the open-field primary (1 = unattenuated, no scatter).
layout(binding = 0) uniform sampler2D u_composite;  // x signal, y line, z counts, w exposed
layout(binding = 1) uniform sampler2D u_veil;       // the composite averaged to ~8 px across

uniform bool u_scatter;
uniform float u_spr;            // scatter-to-primary ratio at the field centre
uniform bool u_noise;
uniform float u_quanta_open;    // detected quanta per pixel per pulse, open field
uniform uint u_seed;            // per image: same seed, same noise

layout(location = 0) out float o_detected;

// PCG hash (O'Neill): well-mixed 32-bit values from pixel, seed and stream.
uint pcg(uint v) {
    uint state = v * 747796405u + 2891336453u;
    uint word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
    return (word >> 22u) ^ word;
}
float uniform01(inout uint s) {
    s = pcg(s);
    return (float(s >> 8) + 0.5) * (1.0 / 16777216.0);
}
// Poisson sample: Knuth's product method for small means (exact), a normal approximation with
// continuity correction above 30 (skewness 1/sqrt(30) = 0.18 is then invisible in an image).
float poisson(float mean, inout uint s) {
    if (mean <= 0.0) return 0.0;
    if (mean < 30.0) {
        float limit = exp(-mean), product = uniform01(s);
        float k = 0.0;
        while (product > limit && k < 100.0) {
            product *= uniform01(s);
            k += 1.0;
        }
        return k;
    }
    float u1 = uniform01(s), u2 = uniform01(s);
    // Box-Muller with the angle in [-pi, pi]: GPU cos() is most accurate near zero.
    float z = sqrt(-2.0 * log(u1)) * cos(6.2831853 * (u2 - 0.5));
    return max(0.0, floor(mean + sqrt(mean) * z + 0.5));
}

void main() {
    ivec2 p = ivec2(gl_FragCoord.xy);
    vec4 c = texelFetch(u_composite, p, 0);
    float primary = c.x, counts = c.z;
    float veil = 0.0, veil_counts = 0.0;
    if (u_scatter) {
        vec2 uv = gl_FragCoord.xy / vec2(textureSize(u_composite, 0));
        vec4 low = texture(u_veil, uv);
        // Scatter only reaches exposed detector area, and it follows the blurred primary.
        veil = u_spr * low.x * c.w;
        veil_counts = u_spr * low.z * c.w;
    }
    float detected = primary + veil;
    if (u_noise && c.w > 0.0) {
        uint s = pcg(uint(p.x) + 4096u * uint(p.y)) ^ pcg(u_seed);
        float mean = u_quanta_open * (counts + veil_counts);
        // Each detected quantum carries the pixel's mean energy: scale the energy signal by
        // the relative count fluctuation.
        detected = mean > 0.0 ? detected * poisson(mean, s) / mean : 0.0;
    }
    o_detected = detected;
}
