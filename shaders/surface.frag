#version 450 core
// Headlight Lambert + a little ambient and rim, so shapes read from any orbit angle.
in vec3 v_normal;
in vec3 v_position;

uniform vec4 u_colour;     // rgb, alpha (< 1 for translucent skin)
uniform vec3 u_eye;
uniform bool u_unlit;      // lines (beam cone) and markers

layout(location = 0) out vec4 o_colour;

void main() {
    if (u_unlit) {
        o_colour = u_colour;
        return;
    }
    vec3 n = normalize(v_normal);
    vec3 to_eye = normalize(u_eye - v_position);
    float diffuse = abs(dot(n, to_eye));  // two-sided: cut-away views show inner faces too
    float rim = pow(1.0 - diffuse, 3.0);
    vec3 c = u_colour.rgb * (0.25 + 0.75 * diffuse) + 0.15 * rim;
    o_colour = vec4(c, u_colour.a);
}
