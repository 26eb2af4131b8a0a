#pragma once
// Turns a scenario's patient description into a scene the renderer can draw: the test phantom
// now; generated patients and imported meshes as the anatomy issue adds them.
#include <map>

#include "core/anatomy/patient.hpp"
#include "core/scenario/scenario.hpp"
#include "core/scene/scene.hpp"

namespace fluorosim {
class MaterialLibrary;
}

namespace fluorosim::io {

// The patient a scenario asks for: its scene and, for generated patients, what each object is
// and the landmarks (empty for the phantom and for imported meshes).
using PatientModel = Patient;
// Throws InputError naming the scenario or mesh file when the patient cannot be built.
PatientModel build_patient(const Scenario& scenario, const MaterialLibrary& library);
Scene build_patient_scene(const Scenario& scenario, const MaterialLibrary& library);

// Checks every mesh of a scene (closed, consistently oriented, outward). Returns one line per
// broken mesh, naming it; empty when all are sound.
std::vector<std::string> check_scene_meshes(const Scene& scene);
// Refuses a scene with a broken mesh: the path-length method would draw a silently wrong
// image. Throws InputError naming `source` (a file) and every broken mesh.
void require_sound_meshes(const Scene& scene, const std::string& source);

}  // namespace fluorosim::io
