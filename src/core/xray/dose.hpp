#pragma once
// Radiation dose bookkeeping, pulse by pulse: tube output from the spectrum model, air kerma at
// the interventional reference point (IRP), kerma-area product (DAP), fluoroscopy time.
//
// Geometry (IEC 60601-2-43 for C-arms): the IRP lies on the central ray 15 cm from the
// isocentre toward the focal spot, i.e. at (source-to-isocentre - 150 mm) from the focus.
// Air kerma falls with the inverse square of the distance from the focus; the field area grows
// with its square, so the DAP is the same at any plane: DAP = K(1 m) * A(1 m).
#include "core/xray/spectrum.hpp"
#include "core/xray/tube_model.hpp"

namespace fluorosim {

// Air kerma free in air at 1 m from the focus per mAs (uGy/mAs) for the given tube voltage and
// added filtration: air_kerma_uGy() of the calibrated tube spectrum (0.5 keV grid).
double tube_output_uGy_per_mAs_at_1m(double kvp, const Filtration& added = {},
                                     const TubeModel& tube = {});

// One pulse of fluoroscopy (continuous fluoroscopy: pulse_ms = 1000 / pulse_rate_hz).
struct PulseExposure {
    double kvp = 75.0;
    double ma = 10.0;             // tube current during the pulse
    double pulse_ms = 16.0;       // pulse width
    double pulse_rate_hz = 15.0;  // pulses per second: each pulse stands for 1/rate s of pedal time
    Filtration filtration;        // added Al / Cu spectral filtration
    double field_area_cm2_at_detector = 225.0;  // collimated field, measured in the detector plane
    double sid_mm = 1000.0;                     // source-to-image (detector) distance
    double source_to_isocentre_mm = 650.0;

    bool operator==(const PulseExposure&) const = default;
};

// Distance from the focal spot to the interventional reference point (mm).
double reference_point_distance_mm(const PulseExposure& e);

struct DoseTotals {
    long pulses = 0;
    double fluoro_time_s = 0.0;  // pedal time: pulses / pulse rate
    double mAs = 0.0;
    double air_kerma_irp_mGy = 0.0;  // cumulative air kerma at the reference point
    double dap_gy_cm2 = 0.0;         // kerma-area product

    bool operator==(const DoseTotals&) const = default;
};

// The dose of one pulse alone.
DoseTotals pulse_dose(const PulseExposure& e, const TubeModel& tube = {});

class DoseCounter {
  public:
    explicit DoseCounter(TubeModel tube = {}) : tube_(tube) {}
    // Adds one pulse and returns its own dose.
    DoseTotals add_pulse(const PulseExposure& e);
    const DoseTotals& totals() const { return totals_; }
    void reset() { totals_ = {}; }

  private:
    TubeModel tube_;
    DoseTotals totals_;
    // The last pulse's exposure and dose: a pedal run repeats one technique, and the
    // spectrum behind a pulse costs ~0.3 ms to compute.
    PulseExposure last_exposure_;
    DoseTotals last_dose_;
    bool has_last_ = false;
};

}  // namespace fluorosim
