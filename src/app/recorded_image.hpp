#pragma once
// A recorded image drawn again: the pulse's pose, technique and noise seed, the needle as it
// stood (needle_segments, as the live station draws it) and the contrast injected by then.
// With the same patient, image size and display settings it is the image the monitor showed.
#include <vector>

#include "core/anatomy/patient.hpp"
#include "core/contrast/contrast.hpp"
#include "core/geometry/tissue_query.hpp"
#include "core/session/replay_cursor.hpp"
#include "render/fluoro_imager.hpp"

namespace fluorosim::app {

// `imager` already holds `patient`'s scene (set_patient); `deposits` every contrast deposit of
// the attempt (contrast_deposits: later ones are left out by time).
render::Acquisition render_recorded_image(render::FluoroImager& imager, const RecordedImage& image,
                                          const Patient& patient, const TissueQuery& query,
                                          const std::vector<ContrastDeposit>& deposits,
                                          const ChainStages& stages, bool invert);

}  // namespace fluorosim::app
