#pragma once
// C-arm pose and the projective geometry it implies.
//
// Frame: DICOM LPS patient frame (x to the patient's Left, y Posterior, z Superior), patient
// prone. At 0/0 the tube is under the table (anterior) and the detector above the patient's
// back, so the central ray runs anterior -> posterior (+y).
// Angles follow DICOM XA: primary angle LAO (+) / RAO (-) turns the detector about the
// patient's long axis toward the patient's Left (+) / Right (-); secondary angle CRAN (+) /
// CAUD (-) tilts the detector toward the head (+) / feet (-). Radians inside, degrees here at
// the user boundary.
// The monitor shows the patient as seen from the detector side, i.e. as the operator standing
// beside the prone patient sees the back: patient's left on the monitor's left, head up.
#include <string>

#include <glm/glm.hpp>

namespace fluorosim {

struct CArmPose {
    double primary_deg = 0.0;      // LAO + / RAO -
    double secondary_deg = 0.0;    // CRAN + / CAUD -
    double sid_mm = 1000.0;        // source to image (detector entrance plane)
    double sod_mm = 650.0;         // source to isocentre
    double detector_mm = 228.6;    // field of view at the detector (9-inch image intensifier)
    glm::dvec3 isocentre{0.0};     // patient-frame point at the isocentre (moves with the table)
};

// Console text, e.g. "LAO 25°  CAU 10°" (AP for 0, CRAN/CAUD omitted when 0).
std::string console_angles(const CArmPose& pose);

struct CArmGeometry {
    glm::dvec3 source;           // focal spot, patient frame, mm
    glm::dvec3 detector_centre;  // centre of the detector plane
    glm::dvec3 beam;             // unit central ray, source -> detector
    glm::dvec3 right;            // unit, detector plane, toward the monitor's right
    glm::dvec3 up;               // unit, detector plane, toward the monitor's top
    double sid_mm = 0.0;
    double sod_mm = 0.0;
    double detector_mm = 0.0;

    double magnification() const { return sid_mm / sod_mm; }
    // Where a patient-frame point lands on the detector plane, in mm from its centre
    // (x toward the monitor's right, y toward its top).
    glm::dvec2 project_mm(const glm::dvec3& p) const;
    // Same in pixels of a width x height image covering the detector (row 0 at the top,
    // pixel centres at +0.5).
    glm::dvec2 project_px(const glm::dvec3& p, int width, int height) const;
    // Patient-frame point at the centre of pixel (col, row) on the detector plane.
    glm::dvec3 pixel_centre(double col, double row, int width, int height) const;
    // Column-major clip matrix for OpenGL: x, y follow right/up over the detector, w = depth
    // along the beam, near/far at 1 mm and at the detector.
    glm::mat4 clip_from_patient() const;
    // True when clip_from_patient() mirrors (monitor left-handed): GL front faces wind CW.
    bool mirrors() const;
};

CArmGeometry carm_geometry(const CArmPose& pose);

}  // namespace fluorosim
