#include "io/patient_scene.hpp"

#include "core/anatomy/patient.hpp"
#include "core/geometry/mesh.hpp"
#include "core/scene/test_phantom.hpp"
#include "core/util/error.hpp"
#include "io/mesh_file.hpp"
#include "io/patient_file.hpp"

namespace fluorosim::io {

Scene build_patient_scene(const Scenario& scenario, const MaterialLibrary& library) {
    return build_patient(scenario, library).scene;
}

PatientModel build_patient(const Scenario& scenario, const MaterialLibrary& library) {
    switch (scenario.patient.source) {
        case PatientSource::test_phantom: {
            Scene scene = make_test_phantom();
            require_sound_meshes(scene, scenario.file);
            PatientModel model;
            model.scene = std::move(scene);
            return model;
        }
        case PatientSource::mesh_file: {
            MeshImportOptions options;
            options.millimetres_per_unit = scenario.patient.mesh_mm_per_unit;
            options.up_axis = scenario.patient.mesh_up_axis;
            options.material_override = scenario.patient.mesh_material;
            PatientModel model;
            model.scene = import_scene(scenario.patient.mesh_file, options, library);
            return model;
        }
        case PatientSource::generated: return obtain_patient(scenario.patient.parameters, library);
    }
    throw InputError({scenario.file, 0, "patient.kind"}, "this patient kind is not available in this build");
}

std::vector<std::string> check_scene_meshes(const Scene& scene) {
    std::vector<std::string> problems;
    for (const auto& o : scene.objects) {
        const MeshCheck c = check_mesh(o.mesh);
        if (!c.ok()) problems.push_back("mesh '" + o.name + "': " + c.describe());
    }
    return problems;
}

}  // namespace fluorosim::io

namespace fluorosim::io {

void require_sound_meshes(const Scene& scene, const std::string& source) {
    const auto problems = check_scene_meshes(scene);
    if (problems.empty()) return;
    std::string message = "refusing " + std::to_string(problems.size()) +
                          " mesh(es) the X-ray path-length method cannot draw correctly (meshes must be closed "
                          "with outward normals): ";
    for (std::size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
    throw InputError({source, 0, "patient"}, message);
}

}  // namespace fluorosim::io
