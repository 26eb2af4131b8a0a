#pragma once
// Anatomy meshes in and out through Assimp: glTF 2.0 (.gltf/.glb), OBJ and STL, keeping each
// object's label, material and nesting.
//
// What we write: millimetres in the DICOM LPS patient frame (x left, y posterior, z superior).
//  - glTF: one node per object named by its label, nested as the objects are; one material per
//    X-ray material, named by it.
//  - OBJ: one group per object named by its label, `usemtl <material>`; no hierarchy (nesting
//    is recovered on import by containment).
//  - STL: one ASCII `solid <label>@<material>` block per object (STL has no materials), spaces in
//    labels written as %20.
// What we read: any format Assimp reads, with the units and up axis the caller gives. Materials
// come, in order of preference, from `material_override`, from a material name or
// "<label>@<material>" the library knows, from keywords in the label ("cortical", "disc",
// "csf", ...), else `default_material` (with a warning naming the object).
#include <filesystem>
#include <string>

#include "core/scene/scene.hpp"

namespace fluorosim {
class MaterialLibrary;
}

namespace fluorosim::io {

struct MeshImportOptions {
    double millimetres_per_unit = 1.0;  // 1 (mm), 10 (cm), 1000 (m)
    char up_axis = 'z';                 // the file's axis that points to the patient's head: x, y or z
    std::string material_override;      // every object this material ("" = per object)
    std::string default_material = "soft_tissue";
};

// Throws InputError naming the file (unreadable, no meshes, unknown material) and refuses
// open or inside-out meshes by name.
Scene import_scene(const std::filesystem::path& path, const MeshImportOptions& options,
                   const MaterialLibrary& library);
// Format from the extension: .gltf, .glb, .obj, .stl. Throws InputError on failure.
void export_scene(const Scene& scene, const std::filesystem::path& path);

// "mm", "cm", "m" -> millimetres per unit; throws InputError otherwise.
double millimetres_per_unit(const std::string& units);

}  // namespace fluorosim::io
