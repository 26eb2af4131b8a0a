#pragma once
// A generated patient on disk, so it loads in a second instead of being regenerated (the
// standard patient takes ~15 s to generate on two cores):
//   <dir>/patient.glb   the scene: labelled, nested meshes with their materials (mesh_file.hpp)
//   <dir>/patient.json  generator parameters, generator version, what each object is
//                       (kind, level, side) and every landmark
// The standard adult patient ships this way under assets/patients/standard_adult/; other
// patients are cached under $XDG_CACHE_HOME/fluorosim/patients/<key>/.
#include <filesystem>
#include <string>

#include "core/anatomy/patient.hpp"
#include "core/util/error.hpp"

namespace fluorosim {
class MaterialLibrary;
}

namespace fluorosim::io {

// Bump when the generator's output changes for the same parameters: cached and shipped
// patients with another version are regenerated (a test checks the shipped one).
constexpr int kPatientGeneratorVersion = 6;

void save_patient(const Patient& patient, const std::filesystem::path& dir);

// The generator's parameters as one line of JSON (the session database keeps a session's
// patient this way), and back; the parse throws InputError at `where` for malformed text.
std::string patient_parameters_text(const PatientParameters& parameters);
PatientParameters parse_patient_parameters(const std::string& text, const SourceLocation& where);
// Throws InputError naming the file when it is missing, malformed or of another version.
Patient load_patient(const std::filesystem::path& dir, const MaterialLibrary& library);

// Stable key of the parameters (hex digest) naming the cache folder.
std::string patient_key(const PatientParameters& parameters);

// The patient for these parameters: the shipped standard patient or a cached one when they
// match, else generated (and cached for next time).
Patient obtain_patient(const PatientParameters& parameters, const MaterialLibrary& library);

std::filesystem::path standard_patient_dir();
std::filesystem::path patient_cache_dir();

}  // namespace fluorosim::io
