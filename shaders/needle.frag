#version 450 core
// Analytic path length of a ray through a thin steel tube (a cylinder of radius r between
// u_a and u_b), averaged over 4x4 sub-pixel rays. A 22G needle (0.72 mm) is about one pixel
// wide at 512 px over a 9-inch field and far less at lower resolutions; rasterising its mesh
// would break it into dots. Averaging the exact chord over the pixel keeps a continuous,
// anti-aliased line whose integrated attenuation is right at every zoom. Seen end-on ("down
// the beam") the shaft is a dot a fraction of a pixel wide and the across-shaft box filter has
// no direction, so the renderer asks for 16x16 sub-rays there (only a few pixels are drawn).
// For a ray at perpendicular distance h from the axis and angle theta to it, the chord
// through the infinite cylinder is 2 sqrt(r^2 - h^2) / sin(theta); it spans an axial extent of
// chord * cos(theta), clipped to the shaft's [0, length]. Each sub-ray averages the chord over
// its own footprint across the shaft (analytically), so the summed attenuation across the line
// equals the cross-section at any pixel size.
uniform vec3 u_source;
uniform vec3 u_detector_centre;
uniform vec3 u_right;
uniform vec3 u_up;
uniform vec2 u_half_size;   // image half-size in pixels
uniform float u_pitch;      // detector pixel pitch, mm
uniform vec3 u_a;           // shaft end points, patient frame (mm)
uniform vec3 u_b;
uniform float u_radius;
uniform float u_footprint;  // width of a sub-ray's footprint at the shaft's depth (mm)
uniform int u_subsamples;   // sub-rays per pixel side: 4, or 16 when the shaft is seen end-on
uniform ivec2 u_channels;   // (steel channel, displaced-material channel or -1)

layout(location = 0) out vec4 o_channels0;
layout(location = 1) out vec4 o_channels1;
layout(location = 2) out vec4 o_channels2;
layout(location = 3) out vec4 o_channels3;

vec4 weights(int first) {
    ivec4 index = ivec4(first, first + 1, first + 2, first + 3);
    return vec4(equal(index, ivec4(u_channels.x))) - vec4(equal(index, ivec4(u_channels.y)));
}

// Integral of the chord 2 sqrt(r^2 - x^2) over x, for the box filter across the shaft.
float chord_integral(float x) {
    float r = u_radius;
    return x * sqrt(max(r * r - x * x, 0.0)) + r * r * asin(clamp(x / r, -1.0, 1.0));
}

float chord(vec3 dir) {
    vec3 axis = u_b - u_a;
    float len = length(axis);
    vec3 u = axis / len;
    vec3 w0 = u_source - u_a;
    float cos_t = dot(dir, u);
    // Sines from cross products, not 1 - cos^2: seen end-on the angle is ~1e-4 rad, where
    // float's 1 - cos^2 is pure rounding.
    vec3 c = cross(dir, u);
    float sin_t = max(length(c), 1e-9);
    vec3 across = c / sin_t;             // unit, perpendicular to the ray and the axis
    vec3 d_perp = cross(u, c);           // the ray direction's part across the axis
    vec3 w_perp = w0 - dot(w0, u) * u;   // source offset from the axis line
    float h = dot(w_perp, across);       // signed ray-axis distance at closest approach
    float t_star = -dot(w_perp, d_perp) / (sin_t * sin_t);
    float s_c = dot(w0, u) + t_star * cos_t;  // axial position of the closest approach
    // Mean chord over the sub-ray's footprint across the shaft (a box of u_footprint mm): exact
    // coverage however thin the shaft is relative to the pixel.
    float lo = clamp(h - 0.5 * u_footprint, -u_radius, u_radius);
    float hi = clamp(h + 0.5 * u_footprint, -u_radius, u_radius);
    float mean_chord = (chord_integral(hi) - chord_integral(lo)) / u_footprint;
    if (mean_chord <= 0.0) return 0.0;
    float through = mean_chord / sin_t;  // along the ray, through the infinite cylinder
    // Clip the axial extent the ray spends inside to the shaft [0, length].
    float half_extent = 0.5 * through * abs(cos_t);
    if (half_extent < 1e-6) return (s_c >= 0.0 && s_c <= len) ? through : 0.0;
    float s0 = max(s_c - half_extent, 0.0), s1 = min(s_c + half_extent, len);
    return s1 > s0 ? through * (s1 - s0) / (2.0 * half_extent) : 0.0;
}

void main() {
    float total = 0.0;
    int n = u_subsamples;
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
            vec2 f = gl_FragCoord.xy - 0.5 + (vec2(i, j) + 0.5) / float(n);
            vec3 on_detector = u_detector_centre + (f.x - u_half_size.x) * u_pitch * u_right +
                               (f.y - u_half_size.y) * u_pitch * u_up;
            total += chord(normalize(on_detector - u_source));
        }
    float L = total / float(n * n);
    o_channels0 = L * weights(0);
    o_channels1 = L * weights(4);
    o_channels2 = L * weights(8);
    vec4 last = L * weights(12);
    last.w = 0.0;
    o_channels3 = last;
}
