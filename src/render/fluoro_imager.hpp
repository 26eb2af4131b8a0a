#pragma once
// One fluoroscopy image from a patient scene, needles, C-arm pose and tube technique: the
// physics model from core (spectrum, detector, scatter, dose) driving the GPU renderer, plus the
// measurements automatic brightness control and the display's automatic window need.
// Shared by the app (every pulse) and the CLI (render, bench).
#include <vector>

#include "core/carm/carm_pose.hpp"
#include "core/image/window_level.hpp"
#include "core/scenario/scenario.hpp"
#include "core/scene/scene.hpp"
#include "core/xray/dose.hpp"
#include "core/xray/image_chain.hpp"
#include "core/xray/material_library.hpp"
#include "render/xray_renderer.hpp"

namespace fluorosim::render {

struct AcquisitionSettings {
    CArmPose pose;
    Exposure technique;
    ChainStages stages;
    unsigned seed = 1;     // noise seed of this image
    bool invert = false;
    bool monoenergetic = false;  // one bin at the effective energy instead of the spectrum
};

struct Acquisition {
    Exposure technique;               // as used for this image
    double detector_kerma_uGy = 0;    // measured mean over the central field (ABC's input)
    double water_equivalent_mm = 0;   // patient thickness along the central field
    double scatter_to_primary = 0;
    double quanta_open_per_pixel = 0;
    WindowLevel window;
    DoseTotals dose;                  // this one pulse
};

class FluoroImager {
public:
    FluoroImager(int size, MaterialLibrary library);
    void resize(int size) { renderer_.resize(size, size); }

    // Static patient: uploaded once. Materials steel and iodine_contrast always get channels.
    // With `lod`, low-contrast soft structures are drawn coarsened (core/scene/xray_lod.hpp).
    void set_patient(const Scene& patient, bool lod = true);
    std::size_t drawn_triangles() const { return drawn_triangles_; }
    void set_needles(const std::vector<NeedleSegment>& needles) { renderer_.set_needles(needles); }
    // Injected contrast and other objects that change during a session.
    void set_overlay(const std::vector<OverlayObject>& objects) { renderer_.set_overlay(objects); }

    Acquisition acquire(const AcquisitionSettings& settings);

    XrayRenderer& renderer() { return renderer_; }
    const XrayRenderer& renderer() const { return renderer_; }
    const MaterialLibrary& library() const { return library_; }

private:
    MaterialLibrary library_;
    XrayRenderer renderer_;
    std::size_t drawn_triangles_ = 0;
};

}  // namespace fluorosim::render
