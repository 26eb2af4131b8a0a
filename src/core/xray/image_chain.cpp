#include "core/xray/image_chain.hpp"

#include <cassert>
#include <cmath>
#include <sstream>

#include "core/util/error.hpp"
#include "core/xray/air_kerma.hpp"
#include "core/xray/brightness_control.hpp"
#include "core/xray/material_library.hpp"

namespace fluorosim {

ChainStages disable_stages(ChainStages stages, const std::string& comma_list) {
    std::stringstream in(comma_list);
    std::string name;
    while (std::getline(in, name, ',')) {
        if (name == "abc") stages.abc = false;
        else if (name == "scatter") stages.scatter = false;
        else if (name == "noise") stages.noise = false;
        else if (name == "blur") stages.blur = false;
        else if (name == "vignetting") stages.vignetting = false;
        else if (name == "edges") stages.edges = false;
        else if (name == "noise_filter" || name == "recursive_filter") stages.noise_filter = false;
        else if (!name.empty())
            throw InputError({"", 0, "stages"},
                             "unknown image-chain stage '" + name +
                                 "' (known: abc, scatter, noise, blur, vignetting, edges, noise_filter)");
    }
    return stages;
}

double recursive_filter_quanta_factor(double weight) {
    assert(weight > 0.0 && weight <= 1.0);
    return (2.0 - weight) / weight;
}

BeamModel beam_model(const MaterialLibrary& library, const std::vector<std::string>& channel_materials,
                     const Exposure& technique, const CArmGeometry& geometry, int image_width,
                     const DetectorModel& detector, int bins) {
    const Spectrum spectrum = tube_spectrum(technique.kvp, {technique.added_mm_al, technique.added_mm_cu}, {}, bins);
    BeamModel beam;
    beam.mean_energy_kev = spectrum.mean_energy_keV();
    // Photons per mm^2 per mAs at 1 m -> at the detector for this pulse (inverse square).
    const double mAs = technique.ma * technique.pulse_ms / 1000.0;
    const double distance_factor = std::pow(1000.0 / geometry.sid_mm, 2.0);
    const double pitch = geometry.detector_mm / image_width;
    double energy_total = 0.0, count_total = 0.0;
    std::vector<double> energy_w, count_w;
    for (const auto& bin : spectrum.bins) {
        // Fraction of the bin's photons the scintillator stops; an energy-integrating detector
        // then weights each by its energy.
        const double absorbed = 1.0 - std::exp(-library.mu_per_mm(detector.scintillator, bin.energy_keV) *
                                               detector.thickness_mm);
        energy_w.push_back(bin.photons * absorbed * bin.energy_keV);
        count_w.push_back(bin.photons * absorbed);
        energy_total += energy_w.back();
        count_total += count_w.back();
    }
    Attenuation& a = beam.attenuation;
    for (std::size_t b = 0; b < spectrum.bins.size(); ++b) {
        a.bin_weight.push_back(float(energy_w[b] / energy_total));
        a.bin_count_weight.push_back(float(count_w[b] / count_total));
        std::vector<float> mu;
        for (const auto& m : channel_materials) mu.push_back(float(library.mu_per_mm(m, spectrum.bins[b].energy_keV)));
        a.mu_per_mm.push_back(std::move(mu));
    }
    a.reference_kev = effective_energy_kev(technique.kvp);
    for (const auto& m : channel_materials) a.mu_reference_per_mm.push_back(float(library.mu_per_mm(m, a.reference_kev)));
    beam.quanta_open_per_pixel = count_total * mAs * distance_factor * pitch * pitch;
    Spectrum at_detector = spectrum;
    for (auto& bin : at_detector.bins) bin.photons *= mAs * distance_factor;
    beam.kerma_open_per_pulse_uGy = air_kerma_uGy(at_detector);
    return beam;
}

double scatter_to_primary_ratio(double water_equivalent_mm, double field_area_cm2) {
    if (water_equivalent_mm <= 0.0 || field_area_cm2 <= 0.0) return 0.0;
    return 0.45 * std::pow(water_equivalent_mm / 200.0, 1.3) * std::sqrt(field_area_cm2 / 400.0);
}

}  // namespace fluorosim

namespace fluorosim {

Exposure abc_step(const Exposure& current, double measured_detector_kerma_uGy) {
    BrightnessControlParams p;
    // Pulsed fluoroscopy drives the tube harder during the pulse than continuous mode (0.5-5 mA):
    // the calibrated lumbar TFESI dose (clinical.md 3.4) needs ~11 mA in 16 ms pulses.
    p.ma_max = 20.0;
    const BrightnessStep step = next_tube_setting({current.kvp, current.ma}, measured_detector_kerma_uGy,
                                                  kAbcTargetDetectorKermaUGy, p);
    Exposure next = current;
    next.kvp = step.next.kvp;
    next.ma = step.next.ma;
    return next;
}

}  // namespace fluorosim
