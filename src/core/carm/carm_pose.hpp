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

enum class DetectorType { ii9, ii12, flat_panel };

// Collimation as fractions of the field's half-width: a round iris (image intensifiers) and
// two pairs of straight shutters (left/right, top/bottom), each closing symmetrically.
struct Collimation {
    double iris = 1.0;       // iris radius / field radius
    double shutter_x = 1.0;  // half-opening left-right / half-width
    double shutter_y = 1.0;  // half-opening top-bottom / half-height

    bool operator==(const Collimation&) const = default;
};

struct CArmPose {
    double primary_deg = 0.0;      // LAO + / RAO -
    double secondary_deg = 0.0;    // CRAN + / CAUD -
    double sid_mm = 1000.0;        // source to image (detector entrance plane)
    double sod_mm = 650.0;         // source to isocentre
    DetectorType detector = DetectorType::ii9;
    int magnification = 0;         // 0 = full field, 1 and 2 = the detector's magnified modes
    double detector_mm = 228.6;    // active field of view at the detector (follows the two above)
    Collimation collimation;
    glm::dvec3 isocentre{0.0};     // patient-frame point at the isocentre (moves with the table)

    bool operator==(const CArmPose&) const = default;
};

// Field of view at the detector for a detector type and magnification mode: 9-inch image
// intensifier 9/6/4.5 in (228.6/152.4/114.3 mm), 12-inch 12/9/6 in, 30 cm flat panel
// 300/220/160 mm. Throws std::out_of_range for a mode outside 0..2.
double field_of_view_mm(DetectorType type, int magnification);
// Sets detector, magnification and detector_mm together.
void set_field(CArmPose& pose, DetectorType type, int magnification);
// True for image intensifiers (round field), false for flat panels (square).
bool round_field(DetectorType type);
// Collimated (exposed) area at the detector plane in cm^2: the round or square field, the iris
// and the shutters intersected.
double collimated_field_area_cm2(const CArmPose& pose);

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
    bool round = true;            // image-intensifier field (false: flat panel)
    Collimation collimation;

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
