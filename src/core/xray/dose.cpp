#include "core/xray/dose.hpp"

#include <cassert>

#include "core/xray/air_kerma.hpp"

namespace fluorosim {
namespace {
// The IRP sits 15 cm from the isocentre toward the source (IEC 60601-2-43).
constexpr double kIrpOffsetFromIsocentreMm = 150.0;
}  // namespace

double tube_output_uGy_per_mAs_at_1m(double kvp, const Filtration& added, const TubeModel& tube) {
    return air_kerma_uGy(tube_spectrum_fine(kvp, added, tube));
}

double reference_point_distance_mm(const PulseExposure& e) {
    return e.source_to_isocentre_mm - kIrpOffsetFromIsocentreMm;
}

DoseTotals pulse_dose(const PulseExposure& e, const TubeModel& tube) {
    assert(e.kvp >= kMinKvp && e.kvp <= kMaxKvp && e.ma >= 0.0 && e.pulse_ms >= 0.0);
    assert(e.pulse_rate_hz > 0.0 && e.sid_mm > e.source_to_isocentre_mm);
    assert(reference_point_distance_mm(e) > 0.0);
    DoseTotals d;
    d.pulses = 1;
    d.fluoro_time_s = 1.0 / e.pulse_rate_hz;
    d.mAs = e.ma * e.pulse_ms / 1000.0;
    const double kerma_1m_uGy = tube_output_uGy_per_mAs_at_1m(e.kvp, e.filtration, tube) * d.mAs;
    const double irp_m = reference_point_distance_mm(e) / 1000.0;
    d.air_kerma_irp_mGy = kerma_1m_uGy / (irp_m * irp_m) / 1000.0;
    // Field area scales with distance squared from the focus: A(d) = A_det * (d / SID)^2.
    const double sid_m = e.sid_mm / 1000.0;
    const double area_irp_cm2 = e.field_area_cm2_at_detector * (irp_m * irp_m) / (sid_m * sid_m);
    d.dap_gy_cm2 = d.air_kerma_irp_mGy / 1000.0 * area_irp_cm2;
    return d;
}

DoseTotals DoseCounter::add_pulse(const PulseExposure& e) {
    if (!has_last_ || !(e == last_exposure_)) {
        last_dose_ = pulse_dose(e, tube_);
        last_exposure_ = e;
        has_last_ = true;
    }
    const DoseTotals d = last_dose_;
    totals_.pulses += d.pulses;
    totals_.fluoro_time_s += d.fluoro_time_s;
    totals_.mAs += d.mAs;
    totals_.air_kerma_irp_mGy += d.air_kerma_irp_mGy;
    totals_.dap_gy_cm2 += d.dap_gy_cm2;
    return d;
}

}  // namespace fluorosim
