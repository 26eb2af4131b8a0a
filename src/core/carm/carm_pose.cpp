#include "core/carm/carm_pose.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include <glm/gtc/constants.hpp>

namespace fluorosim {

std::string console_angles(const CArmPose& pose) {
    char buf[64];
    const double p = pose.primary_deg, s = pose.secondary_deg;
    std::string out;
    if (std::abs(p) < 0.05) {
        out = "AP";
    } else {
        std::snprintf(buf, sizeof buf, "%s %.0f\xC2\xB0", p > 0 ? "LAO" : "RAO", std::abs(p));
        out = buf;
    }
    if (std::abs(s) >= 0.05) {
        std::snprintf(buf, sizeof buf, "  %s %.0f\xC2\xB0", s > 0 ? "CRA" : "CAU", std::abs(s));
        out += buf;
    }
    return out;
}

double field_of_view_mm(DetectorType type, int magnification) {
    static const double ii9[3] = {228.6, 152.4, 114.3};
    static const double ii12[3] = {304.8, 228.6, 152.4};
    static const double flat[3] = {300.0, 220.0, 160.0};
    if (magnification < 0 || magnification > 2) throw std::out_of_range("magnification mode must be 0, 1 or 2");
    switch (type) {
        case DetectorType::ii9: return ii9[magnification];
        case DetectorType::ii12: return ii12[magnification];
        case DetectorType::flat_panel: return flat[magnification];
    }
    return ii9[0];
}

void set_field(CArmPose& pose, DetectorType type, int magnification) {
    pose.detector_mm = field_of_view_mm(type, magnification);
    pose.detector = type;
    pose.magnification = magnification;
}

bool round_field(DetectorType type) { return type != DetectorType::flat_panel; }

double collimated_field_area_cm2(const CArmPose& pose) {
    // Midpoint rule on a 256 x 256 grid over the field square: the area error is below
    // 1/256 of the perimeter times a cell, < 0.5 % for any opening above 10 % of the field.
    const int n = 256;
    const double half = 0.5 * pose.detector_mm, cell = pose.detector_mm / n;
    const bool round = round_field(pose.detector);
    const auto& c = pose.collimation;
    long inside = 0;
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
            const double x = ((i + 0.5) * cell - half) / half, y = ((j + 0.5) * cell - half) / half;
            const double r2 = x * x + y * y;
            if (round && r2 > 1.0) continue;
            if (r2 > c.iris * c.iris) continue;
            if (std::abs(x) > c.shutter_x || std::abs(y) > c.shutter_y) continue;
            ++inside;
        }
    return double(inside) * cell * cell / 100.0;
}

CArmGeometry carm_geometry(const CArmPose& pose) {
    const double a = glm::radians(pose.primary_deg);
    const double b = glm::radians(pose.secondary_deg);
    CArmGeometry g;
    // Detector direction from the isocentre: +y at 0/0, toward +x (left) with LAO, toward +z
    // (head) with CRAN.
    g.beam = glm::dvec3(std::sin(a) * std::cos(b), std::cos(a) * std::cos(b), std::sin(b));
    // Monitor top: the head direction, tilted with the detector (perpendicular to the beam).
    g.up = glm::dvec3(-std::sin(a) * std::sin(b), -std::cos(a) * std::sin(b), std::cos(b));
    // Viewer at the detector looking back toward the source: right = (-beam) x up.
    g.right = glm::cross(-g.beam, g.up);
    g.source = pose.isocentre - pose.sod_mm * g.beam;
    g.detector_centre = g.source + pose.sid_mm * g.beam;
    g.sid_mm = pose.sid_mm;
    g.sod_mm = pose.sod_mm;
    g.detector_mm = pose.detector_mm;
    g.round = round_field(pose.detector);
    g.collimation = pose.collimation;
    return g;
}

glm::dvec2 CArmGeometry::project_mm(const glm::dvec3& p) const {
    const glm::dvec3 v = p - source;
    const double depth = glm::dot(v, beam);
    const double scale = sid_mm / depth;
    return {glm::dot(v, right) * scale, glm::dot(v, up) * scale};
}

glm::dvec2 CArmGeometry::project_px(const glm::dvec3& p, int width, int height) const {
    const glm::dvec2 mm = project_mm(p);
    const double pitch_x = detector_mm / width, pitch_y = detector_mm / height;
    return {width * 0.5 + mm.x / pitch_x, height * 0.5 - mm.y / pitch_y};
}

glm::dvec3 CArmGeometry::pixel_centre(double col, double row, int width, int height) const {
    const double x = (col + 0.5 - width * 0.5) * detector_mm / width;
    const double y = (height * 0.5 - row - 0.5) * detector_mm / height;
    return detector_centre + x * right + y * up;
}

glm::mat4 CArmGeometry::clip_from_patient() const {
    const double half = 0.5 * detector_mm;
    const double f = sid_mm / half;  // detector half-width maps to NDC 1
    const double n = 1.0, far = sid_mm;
    const double a = (far + n) / (far - n), b = -2.0 * far * n / (far - n);
    // Rows of the matrix acting on (p - source): x = f*right, y = f*up, z = a*depth + b, w = depth.
    glm::dmat4 m(0.0);
    const glm::dvec3 rx = f * right, ry = f * up, rz = a * beam, rw = beam;
    for (int c = 0; c < 3; ++c) {
        m[c][0] = rx[c];
        m[c][1] = ry[c];
        m[c][2] = rz[c];
        m[c][3] = rw[c];
    }
    m[3][0] = -glm::dot(rx, source);
    m[3][1] = -glm::dot(ry, source);
    m[3][2] = -glm::dot(rz, source) + b;
    m[3][3] = -glm::dot(rw, source);
    return glm::mat4(m);
}

bool CArmGeometry::mirrors() const {
    // GL's camera is right-handed when right x up points back toward the viewer at the source
    // (i.e. equals -beam); ours points along +beam, a mirror image.
    return glm::dot(glm::cross(right, up), beam) > 0.0;
}

}  // namespace fluorosim
