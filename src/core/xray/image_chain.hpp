#pragma once
// The imaging chain of a fluoroscopy C-arm, from tube technique to detected quanta:
// what the GPU compositing and post-processing need for one pulse, computed from the spectrum,
// the detector and the geometry. Which stages run is switchable (ChainStages).
#include <string>
#include <vector>

#include "core/carm/carm_pose.hpp"
#include "core/scenario/scenario.hpp"
#include "core/xray/attenuation.hpp"
#include "core/xray/spectrum.hpp"

namespace fluorosim {

class MaterialLibrary;

// Input phosphor of the detector. 0.45 mm of CsI(Tl) is typical of image-intensifier input
// screens (0.3-0.5 mm); flat panels use 0.5-0.6 mm.
struct DetectorModel {
    std::string scintillator = "caesium_iodide";
    double thickness_mm = 0.45;
};

struct ChainStages {
    bool abc = true;         // automatic brightness control between pulses
    bool scatter = true;     // scatter veil
    bool noise = true;       // quantum (Poisson) noise
    bool blur = true;        // detector blur
    bool vignetting = true;  // image-intensifier fall-off toward the rim
    bool edges = true;       // edge enhancement (unsharp mask on the log image)
    bool noise_filter = true;  // recursive (temporal) noise filter, its steady state
};

// Edge enhancement as the C-arm's video processor applies it: attenuation' = att + k (att -
// att_low), att_low the log of the detected signal low-passed at ~2-3 mm. Vendors offer it in
// a few levels (off / low / medium / high); k = 0.7 models a middle one: detail finer than the
// kernel (cortical rims, pedicle walls, facet lines) gains 1.7x in contrast, while the quantum
// noise, which is all fine detail, also grows 1.7x. Above ~1 the noise becomes the image's main
// texture at fluoroscopic dose and metal (the needle) draws visible bright halos, which is why
// the high settings are rarely used. A flat field has att = att_low: its grey stays unchanged.
constexpr double kEdgeEnhancementGain = 0.7;

// Recursive noise filter: each displayed image is out = a * new + (1 - a) * previous. For a
// still scene its noise variance settles at a / (2 - a) of one pulse's, i.e. the image looks
// as if it had (2 - a) / a times the quanta (7x for a = 0.25, the usual weight on C-arms, std
// down 2.6x). Images must stay reproducible from (pose, technique, seed), so the filter is
// modelled by that steady state only: the Poisson draw uses the larger count, the dose and the
// brightness control see the true pulse. Not modelled: the filter's lag, the smear and ghost a
// moving needle or C-arm leaves behind for a few pulses.
constexpr double kRecursiveFilterWeight = 0.25;
// (2 - a) / a: the quanta a still scene's filtered image carries per pulse quantum.
double recursive_filter_quanta_factor(double weight = kRecursiveFilterWeight);

// Parses "noise,scatter" (the stages to switch off) for the CLI; throws InputError naming an
// unknown stage.
ChainStages disable_stages(ChainStages stages, const std::string& comma_list);

struct BeamModel {
    Attenuation attenuation;            // energy-weighted bins (+ count weights) per channel
    double quanta_open_per_pixel = 0;   // detected quanta per pixel per pulse, open field
    double kerma_open_per_pulse_uGy = 0;  // air kerma per pulse at the detector, open field
    double mean_energy_kev = 0;         // of the spectrum leaving the tube
};

// Spectrum (bins) for the technique, attenuation of every channel material per bin,
// detector absorption per bin, and the absolute quanta per detector pixel.
BeamModel beam_model(const MaterialLibrary& library, const std::vector<std::string>& channel_materials,
                     const Exposure& technique, const CArmGeometry& geometry, int image_width,
                     const DetectorModel& detector = {}, int bins = 16);

// Scatter-to-primary ratio at the detector behind a water-equivalent thickness, for a C-arm
// with an antiscatter grid [P]: without a grid, 20 cm of water and a 20x20 cm field give
// SPR ~ 3 at 70-80 kVp; a grid (ratio 8-10) passes ~15 % of the scatter, hence ~0.45. SPR grows
// roughly as thickness^1.3 and as the square root of the field area (the scatter volume).
double scatter_to_primary_ratio(double water_equivalent_mm, double field_area_cm2);

// One step of automatic brightness control for pulsed fluoroscopy: the tube setting for the
// next pulse from the detector air kerma the last pulse measured. mA limits are those of pulsed
// operation (0.5-20 mA during a 16 ms pulse), kVp 50-120.
Exposure abc_step(const Exposure& current, double measured_detector_kerma_uGy);

// Automatic brightness control holds the detector air kerma per pulse at this value [P]:
// image-intensifier fluoroscopy runs at 20-60 nGy per pulse at the input screen.
constexpr double kAbcTargetDetectorKermaUGy = 0.040;

}  // namespace fluorosim
