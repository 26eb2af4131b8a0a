#pragma once
// Named landmarks of a generated patient, computed from the same geometry the shapes are
// built from (so they move with every parameter).
#include <functional>
#include <map>
#include <string>

#include "core/anatomy/patient.hpp"
#include "core/anatomy/pelvis_shape.hpp"
#include "core/anatomy/soft_tissue_shapes.hpp"
#include "core/anatomy/trunk_shape.hpp"

namespace fluorosim {

// Moves a point onto the surface of the named bone object ("L4 cortical") along the field
// gradient; landmarks "on bone" are placed with it.
using SurfaceProjector = std::function<glm::vec3(const std::string& object, const glm::vec3& p)>;

std::map<std::string, Landmark> compute_landmarks(const SpineLayout& layout, const SacrumGeometry& sacrum,
                                                  const NeuralGeometry& neural, const PatientParameters& params,
                                                  const SurfaceProjector& project);

}  // namespace fluorosim
