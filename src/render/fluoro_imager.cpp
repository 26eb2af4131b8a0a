#include "render/fluoro_imager.hpp"

#include "core/scene/xray_lod.hpp"

#include <algorithm>
#include <cmath>

namespace fluorosim::render {

FluoroImager::FluoroImager(int size, MaterialLibrary library)
    : library_(std::move(library)), renderer_(size, size) {}

void FluoroImager::set_patient(const Scene& patient, bool lod) {
    if (!lod) {
        drawn_triangles_ = patient.triangle_count();
        renderer_.set_scene(patient, {"steel", "iodine_contrast"});
        return;
    }
    // Contrast judged at a typical lumbar technique's effective energy (75 kVp).
    const double kev = effective_energy_kev(75.0);
    const Scene coarse = xray_lod(patient, [&](const std::string& m) { return m.empty() ? 0.0 : library_.mu_per_mm(m, kev); });
    drawn_triangles_ = coarse.triangle_count();
    renderer_.set_scene(coarse, {"steel", "iodine_contrast"});
}

Acquisition FluoroImager::acquire(const AcquisitionSettings& s) {
    const CArmGeometry geometry = carm_geometry(s.pose);
    const auto& materials = renderer_.channels().materials;
    BeamModel beam = beam_model(library_, materials, s.technique, geometry, renderer_.width());
    if (s.monoenergetic) {
        const Attenuation mono = monoenergetic_attenuation(library_, materials, beam.attenuation.reference_kev);
        beam.attenuation = mono;
    }
    renderer_.render(geometry, beam.attenuation);

    // Measurements on a ~64 px block average (reading back 64 kB instead of 4 MB per pulse):
    // the central disc of half the field radius is the ABC's measuring field, as on a C-arm.
    const ImageF signal = renderer_.read_coarse(0);
    const ImageF line = renderer_.read_coarse(1);
    double sum_signal = 0, sum_line = 0;
    int n = 0;
    const double c = 0.5 * signal.width, r2 = std::pow(0.5 * c, 2.0);
    for (int y = 0; y < signal.height; ++y)
        for (int x = 0; x < signal.width; ++x) {
            const double dx = x + 0.5 - c, dy = y + 0.5 - c;
            if (dx * dx + dy * dy > r2 || signal.at(x, y) <= 0.0f) continue;
            sum_signal += double(signal.at(x, y));
            sum_line += double(line.at(x, y));
            ++n;
        }
    Acquisition a;
    a.technique = s.technique;
    a.quanta_open_per_pixel = beam.quanta_open_per_pixel;
    const double mean_signal = n ? sum_signal / n : 0.0;
    a.detector_kerma_uGy = mean_signal * beam.kerma_open_per_pulse_uGy;
    const double mu_water = library_.mu_per_mm("water", beam.attenuation.reference_kev);
    a.water_equivalent_mm = n ? sum_line / n / mu_water : 0.0;
    const double area_cm2 = collimated_field_area_cm2(s.pose);
    a.scatter_to_primary = s.stages.scatter ? scatter_to_primary_ratio(a.water_equivalent_mm, area_cm2) : 0.0;

    ChainParameters chain;
    chain.scatter = s.stages.scatter;
    chain.scatter_to_primary = float(a.scatter_to_primary);
    chain.noise = s.stages.noise;
    // The recursive filter's steady state (core/xray/image_chain.hpp): the noise of 7x the
    // quanta; a.quanta_open_per_pixel, the dose and the ABC keep the true pulse's.
    const double filter = s.stages.noise_filter ? recursive_filter_quanta_factor() : 1.0;
    chain.quanta_open_per_pixel = float(beam.quanta_open_per_pixel * filter);
    chain.seed = s.seed;
    renderer_.process(chain);

    // Automatic window from the low-resolution primary; the scatter veil lifts the signal by
    // about (1 + SPR), which shifts the log level and leaves the window.
    // The automatic window reads the central 60 % of the field, as a C-arm's measuring field does,
    // so structures at the rim (air beside a lateral view, the iliac crests) do not set it.
    a.window = auto_window_level(signal, 0.6f);
    a.window.level -= float(std::log1p(a.scatter_to_primary));
    DisplaySettings d;
    d.level = a.window.level;
    d.window = a.window.window;
    d.invert = s.invert;
    d.round_field = geometry.round;
    d.vignetting = s.stages.vignetting && geometry.round ? 0.25f : 0.0f;
    // CsI light spread plus the image intensifier's optics: ~0.7 px at 512 px over 9 inches
    // (0.3 mm), scaled with the pixel size.
    d.blur_sigma_px = s.stages.blur ? float(std::clamp(0.3 / (geometry.detector_mm / renderer_.width()), 0.3, 1.2)) : 0.0f;
    d.edge_gain = s.stages.edges ? float(kEdgeEnhancementGain) : 0.0f;
    renderer_.display(d);

    PulseExposure pulse;
    pulse.kvp = s.technique.kvp;
    pulse.ma = s.technique.ma;
    pulse.pulse_ms = s.technique.pulse_ms;
    pulse.pulse_rate_hz = s.technique.pulse_rate;
    pulse.filtration = {s.technique.added_mm_al, s.technique.added_mm_cu};
    pulse.field_area_cm2_at_detector = area_cm2;
    pulse.sid_mm = s.pose.sid_mm;
    pulse.source_to_isocentre_mm = s.pose.sod_mm;
    a.dose = pulse_dose(pulse);
    return a;
}

}  // namespace fluorosim::render
