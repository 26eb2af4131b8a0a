// Tube output, reference-point kerma and DAP: calibration against clinical figures
// (clinical.md 3.4) and monotonic behaviour.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "core/xray/air_kerma.hpp"
#include "core/xray/dose.hpp"
#include "core/xray/material_library.hpp"

namespace fluorosim {
namespace {

TEST(TubeOutput, RealisticAt80KvpAndRoughlyQuadraticInKvp) {
    const double at80 = tube_output_uGy_per_mAs_at_1m(80.0);
    std::printf("tube output at 80 kVp, %.2f mm Al: %.1f uGy/mAs at 1 m\n",
                TubeModel{}.inherent_filtration_mm_al, at80);
    EXPECT_NEAR(at80, 50.0, 1.0);  // the calibration point
    // With 3 mm Al total it must still be in the 40-60 uGy/mAs of real generators.
    const double at80_3mm =
        tube_output_uGy_per_mAs_at_1m(80.0, {3.0 - TubeModel{}.inherent_filtration_mm_al, 0.0});
    EXPECT_GT(at80_3mm, 40.0);
    EXPECT_LT(at80_3mm, 60.0);
    // Output ~ kVp^n. Measured tube outputs give n ~ 1.8-2 at fixed filtration; the model gives
    // ~1.6 (Kramers' energy ~ kVp^2, less air's falling mu_en as the beam hardens, and no
    // forward-peaking of the bremsstrahlung): roughly quadratic, on the shallow side.
    const double n =
        std::log(tube_output_uGy_per_mAs_at_1m(120.0) / tube_output_uGy_per_mAs_at_1m(60.0)) /
        std::log(2.0);
    std::printf("output exponent 60->120 kVp: %.2f\n", n);
    EXPECT_GT(n, 1.5);
    EXPECT_LT(n, 2.5);
    EXPECT_LT(tube_output_uGy_per_mAs_at_1m(80.0, {0.0, 0.2}), 0.6 * at80);  // Cu costs output
}

PulseExposure lumbar_pulse(double kvp) {
    PulseExposure e;
    e.kvp = kvp;
    // 16 ms pulses at 15 p/s: the published lumbar ESI protocol (Kim et al. 2014, clinical.md
    // 3.2: 70 kV, 15 p/s, 16 ms). The study does not give the tube current. 11 mA in the pulse
    // (0.18 mAs) is what a pulsed C-arm needs behind 20-25 cm of tissue: it leaves ~16 nGy of
    // primary air kerma per pulse at the detector (checked below), inside the ~10-45 nGy per
    // frame that image-intensifier and flat-panel ABCs aim for. Pulse currents are higher than
    // the 1-5 mA of continuous fluoroscopy, whose frames last 33-40 ms instead of 16.
    e.ma = 11.0;
    e.pulse_ms = 16.0;
    e.pulse_rate_hz = 15.0;
    e.field_area_cm2_at_detector = 15.0 * 15.0;
    e.sid_mm = 1000.0;
    e.source_to_isocentre_mm = 650.0;
    return e;
}

TEST(Dose, TypicalTransforaminalCaseLandsInClinicalRange) {
    // 30 s of pulsed fluoroscopy (Kim et al.: median 29 s, mean DAP ~1.0 Gy cm2, median 0.68).
    for (double kvp : {70.0, 75.0, 80.0}) {
        DoseCounter counter;
        const PulseExposure e = lumbar_pulse(kvp);
        for (int i = 0; i < 450; ++i) counter.add_pulse(e);
        const DoseTotals& t = counter.totals();
        std::printf(
            "%g kVp, 11 mA x 16 ms, 15 p/s, 30 s, 15x15 cm: DAP %.3f Gy cm2, IRP %.1f mGy, %.1f "
            "mAs\n",
            kvp, t.dap_gy_cm2, t.air_kerma_irp_mGy, t.mAs);
        EXPECT_EQ(t.pulses, 450);
        EXPECT_NEAR(t.fluoro_time_s, 30.0, 1e-9);
        EXPECT_NEAR(t.mAs, 450 * 0.176, 1e-9);
        EXPECT_GE(t.dap_gy_cm2, 0.7) << kvp;
        EXPECT_LE(t.dap_gy_cm2, 1.0) << kvp;
        // Entrance-side kerma at the IRP (50 cm from the focus): tens of mGy, as for a short
        // lumbar case (skin-dose thresholds of 2 Gy are far away).
        EXPECT_GT(t.air_kerma_irp_mGy, 10.0);
        EXPECT_LT(t.air_kerma_irp_mGy, 100.0);
    }
    // The chosen pulse current is what an ABC would need: primary air kerma per pulse at the
    // detector behind 22 cm of soft tissue, in nGy.
    const PulseExposure e = lumbar_pulse(75.0);
    const Spectrum exit = attenuated(tube_spectrum_fine(e.kvp),
                                     MaterialLibrary::standard().material("soft_tissue"), 220.0);
    const double detector_nGy = air_kerma_uGy(exit) * e.ma * e.pulse_ms / 1000.0 * 1000.0;
    std::printf("primary detector air kerma per pulse behind 22 cm tissue: %.1f nGy\n",
                detector_nGy);
    EXPECT_GT(detector_nGy, 8.0);
    EXPECT_LT(detector_nGy, 45.0);
}

TEST(Dose, ReferencePointAndAreaGeometry) {
    const PulseExposure e = lumbar_pulse(80.0);
    EXPECT_DOUBLE_EQ(reference_point_distance_mm(e), 500.0);
    const DoseTotals d = pulse_dose(e);
    const double k1m_mGy = tube_output_uGy_per_mAs_at_1m(80.0) * d.mAs / 1000.0;
    EXPECT_NEAR(d.air_kerma_irp_mGy, k1m_mGy * 4.0, 1e-12);  // (1 m / 0.5 m)^2
    // DAP is the same at every plane: K(1 m) x A(1 m), the field being 15x15 cm at 1 m.
    EXPECT_NEAR(d.dap_gy_cm2, k1m_mGy / 1000.0 * 225.0, 1e-12);
    // Moving the detector farther (same field in the detector plane) means a smaller field at
    // the patient: less DAP.
    PulseExposure far = e;
    far.sid_mm = 1200.0;
    EXPECT_LT(pulse_dose(far).dap_gy_cm2, d.dap_gy_cm2);
    // Moving the source closer to the patient raises the IRP kerma, not the DAP.
    PulseExposure close = e;
    close.source_to_isocentre_mm = 550.0;
    EXPECT_GT(pulse_dose(close).air_kerma_irp_mGy, d.air_kerma_irp_mGy);
    EXPECT_NEAR(pulse_dose(close).dap_gy_cm2, d.dap_gy_cm2, 1e-12);
}

TEST(Dose, MonotonicInKvpMaAreaAndTime) {
    const PulseExposure base = lumbar_pulse(75.0);
    const double dap = pulse_dose(base).dap_gy_cm2;
    PulseExposure e = base;
    e.kvp = 85.0;
    EXPECT_GT(pulse_dose(e).dap_gy_cm2, dap);
    e = base;
    e.ma = 13.0;
    EXPECT_GT(pulse_dose(e).dap_gy_cm2, dap);
    e = base;
    e.field_area_cm2_at_detector = 20.0 * 20.0;
    EXPECT_GT(pulse_dose(e).dap_gy_cm2, dap);
    e = base;
    e.pulse_ms = 20.0;
    EXPECT_GT(pulse_dose(e).dap_gy_cm2, dap);
    e = base;
    e.filtration.added_mm_cu = 0.2;
    EXPECT_LT(pulse_dose(e).dap_gy_cm2, dap);

    DoseCounter counter;
    double last = 0.0;
    for (int i = 0; i < 30; ++i) {
        counter.add_pulse(base);
        EXPECT_GT(counter.totals().dap_gy_cm2, last);
        last = counter.totals().dap_gy_cm2;
    }
    EXPECT_NEAR(last, 30.0 * dap, 1e-12);
    EXPECT_NEAR(counter.totals().fluoro_time_s, 2.0, 1e-12);
    counter.reset();
    EXPECT_EQ(counter.totals().pulses, 0);
}

}  // namespace
}  // namespace fluorosim
