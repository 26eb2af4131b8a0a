#include "app/recorded_image.hpp"

#include "render/needle_segments.hpp"

namespace fluorosim::app {

render::Acquisition render_recorded_image(render::FluoroImager& imager, const RecordedImage& image,
                                          const Patient& patient, const TissueQuery& query,
                                          const std::vector<ContrastDeposit>& deposits,
                                          const ChainStages& stages, bool invert) {
    imager.set_needles(render::needle_segments(image.shaft, image.needle_diameter_mm, query, patient.scene,
                                       imager.renderer()));
    std::vector<render::OverlayObject> overlay;
    if (!deposits.empty())
        for (auto& c : contrast_at(patient, deposits, image.time))
            overlay.push_back({std::move(c.mesh), "iodine_contrast", "", float(c.weight())});
    imager.set_overlay(overlay);
    render::AcquisitionSettings s;
    s.pose = image.request.pose;
    s.technique = image.request.exposure;
    s.seed = unsigned(image.request.seed & 0xffffffffu);
    s.stages = stages;
    s.invert = invert;
    return imager.acquire(s);
}

}  // namespace fluorosim::app
