#version 450 core
// Block average: each output texel is the mean of the source texels whose centres fall in its
// footprint (an exact box filter for power-of-two ratios, as a mip level would be).
layout(binding = 0) uniform sampler2D u_source;
uniform ivec2 u_source_size;
uniform ivec2 u_size;

layout(location = 0) out vec4 o_mean;

void main() {
    ivec2 p = ivec2(gl_FragCoord.xy);
    ivec2 lo = p * u_source_size / u_size;
    ivec2 hi = max((p + 1) * u_source_size / u_size, lo + 1);
    vec4 sum = vec4(0.0);
    for (int y = lo.y; y < hi.y; ++y)
        for (int x = lo.x; x < hi.x; ++x) sum += texelFetch(u_source, ivec2(x, y), 0);
    o_mean = sum / float((hi.x - lo.x) * (hi.y - lo.y));
}
