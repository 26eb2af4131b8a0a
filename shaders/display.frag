#version 450 core
// Last stage of the image chain: what the monitor shows.
// Input: detector signal normalised to the open field. The display works on the log signal
// (attenuation, -ln s), as video processing of a fluoroscopy chain compresses the range, then
// applies window/level, shows dense things dark unless inverted, and masks the field:
// round for an image intensifier (with vignetting: the II's output falls off toward the rim),
// square for a flat panel.
layout(binding = 0) uniform sampler2D u_signal;

uniform float u_level;        // attenuation (-ln s) shown as mid-grey
uniform float u_window;       // attenuation range from black to white
uniform bool u_invert;        // false: dense = dark (fluoroscopy default)
uniform bool u_round_field;   // image intensifier
uniform float u_vignetting;   // relative brightness loss at the field edge (0.25 = 25 %)

in vec2 v_uv;
layout(location = 0) out vec4 o_color;

void main() {
    float s = max(texelFetch(u_signal, ivec2(gl_FragCoord.xy), 0).x, 1e-8);
    float attenuation = -log(s);
    float t = clamp((attenuation - u_level) / max(u_window, 1e-6) + 0.5, 0.0, 1.0);
    float grey = u_invert ? t : 1.0 - t;
    vec2 centred = v_uv * 2.0 - 1.0;
    float r = length(centred);
    if (u_round_field) {
        grey *= 1.0 - u_vignetting * r * r;
        // Soft 1.5 % rim so the circle edge is anti-aliased.
        grey *= 1.0 - smoothstep(0.985, 1.0, r);
    }
    o_color = vec4(vec3(grey), 1.0);
}
