#pragma once
// A generated patient: the X-ray scene (labelled, nested closed meshes), what each object is
// (so queries can say "dura" or "nerve root L4 left"), and named landmarks that scenarios use
// for targets and hazards (DESIGN.md "Anatomy").
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "core/anatomy/patient_parameters.hpp"
#include "core/anatomy/spine_layout.hpp"
#include "core/scene/scene.hpp"

namespace fluorosim {

enum class StructureKind {
    skin, subcutaneous_fat, soft_tissue,
    bone_cortical, bone_cancellous,
    disc_annulus, disc_nucleus,
    dura, csf, neural_tissue,  // cord, conus and cauda equina inside the CSF
    nerve_root,                // exiting root with its dorsal root ganglion
    ligament, facet_capsule, si_joint, epidural_fat,
    artery, vein, muscle, kidney, bowel, bowel_gas,
};
const char* to_string(StructureKind kind);

// One entry per scene object, same index.
struct Structure {
    StructureKind kind = StructureKind::soft_tissue;
    std::string level;  // "L4", "L4-L5", "S1", "" when not level-specific
    int side = 0;       // +1 left, -1 right, 0 midline / both
};

enum class LandmarkKind { point, polyline, polygon, plane };
const char* to_string(LandmarkKind kind);

struct Landmark {
    LandmarkKind kind = LandmarkKind::point;
    std::vector<glm::vec3> points;  // one for point / plane (a point on it), several otherwise
    glm::vec3 normal{0.0f};         // planes only (unit)
    std::string structure;          // scene object it lies in or on
    float tolerance_mm = 0.0f;      // how far outside that object it may lie (0 = inside)
};

struct Patient {
    PatientParameters parameters;
    Scene scene;
    std::vector<Structure> structures;           // parallel to scene.objects
    std::map<std::string, Landmark> landmarks;   // "L4.left.pedicle_centre", ...
    SpineLayout layout;                          // frames used to build it (for measurements)
    float skin_to_epidural_mm = 0.0f;            // midline L3-L4, as built
    glm::vec3 epidural_reference{0.0f};          // where that depth is measured from (LF front)
    double generation_seconds = 0.0;             // wall-clock, informational only

    int find(const std::string& object_name) const;  // -1 when absent
    const Landmark& landmark(const std::string& name) const;  // throws std::out_of_range
    std::vector<std::string> lumbar_levels() const;  // mobile lumbar vertebrae, cranial first
};

// Deterministic: the same parameters (seed included) give a bit-identical patient.
Patient generate_patient(const PatientParameters& params);

// Structures with triangle counts, landmark list: for the CLI `generate-patient` subcommand.
void write_patient_summary(const Patient& patient, std::ostream& out);

}  // namespace fluorosim
