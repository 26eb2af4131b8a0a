#version 450 core
// Accumulates signed source distances per material channel with additive blending into four
// RGBA32F targets: channels 0..14 are materials, channel 15 counts face crossings (+1 back,
// -1 front), which sums to 0 wherever every mesh the ray met is closed and consistently oriented.
in vec3 v_position;
flat in ivec2 v_channels;

uniform vec3 u_source;
// Distances are measured relative to a reference near the scene (the source-to-isocentre
// distance): entries and exits pair up so the offset cancels, and float32 then resolves about
// 1e-5 mm instead of 6e-5 mm at 1 m.
uniform float u_reference_distance;
// Scales an object's contribution: 1 for anatomy; for overlays such as injected contrast, the
// concentration relative to the material's reference (contrast spreading and washing out).
uniform float u_weight;

layout(location = 0) out vec4 o_channels0;
layout(location = 1) out vec4 o_channels1;
layout(location = 2) out vec4 o_channels2;
layout(location = 3) out vec4 o_channels3;

vec4 weights(int first) {
    ivec4 index = ivec4(first, first + 1, first + 2, first + 3);
    return vec4(equal(index, ivec4(v_channels.x))) - vec4(equal(index, ivec4(v_channels.y)));
}

void main() {
    float sgn = gl_FrontFacing ? -1.0 : 1.0;
    float value = u_weight * sgn * (distance(v_position, u_source) - u_reference_distance);
    o_channels0 = value * weights(0);
    o_channels1 = value * weights(4);
    o_channels2 = value * weights(8);
    vec4 last = value * weights(12);
    last.w = sgn;  // closure count
    o_channels3 = last;
}
