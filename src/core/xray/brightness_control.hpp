#pragma once
// Automatic brightness (dose-rate) control: from the mean detector signal of the last frame and
// its target, choose the tube voltage and current of the next frame. Pure: no image, no GL.
//
// Like a C-arm's ABC curve, it moves along one path through (kVp, mA) space:
//   (kvp_min, ma_min) -> (kvp_preferred, ma_min) -> (kvp_preferred, ma_max) -> (kvp_max, ma_max)
// More signal needed: first bring a lowered kVp back up to the preferred kVp, then raise mA to
// its limit, then raise kVp. Less signal: the same path backwards (lower an elevated kVp, then
// mA, then kVp below the preferred value). So mA does the work while it can and kVp (which
// costs image contrast) moves only when mA saturates.
//
// The step is damped: the controller asks for only `gain` of the (logarithmic) signal change the
// measurement calls for, so a model error or a noisy frame cannot make it oscillate.
namespace fluorosim {

struct TubeSetting {
    double kvp = 70.0;
    double ma = 1.0;
};

struct BrightnessControlParams {
    double ma_min = 0.5;  // fluoroscopy tube current limits (mA)
    double ma_max = 5.0;
    double kvp_min = 50.0;
    double kvp_max = 120.0;
    // Where the curve turns from mA to kVp: 70 kV is the lumbar-spine setting of the ESI series
    // in clinical.md 3.2 (Kim et al. 2014: 70 kV, 15 p/s).
    double kvp_preferred = 70.0;
    // Fraction of the needed log-signal change applied per frame: 0.7 leaves 30% of the error
    // after one frame, 3% after three, when the signal model below is right.
    double gain = 0.7;
    // Assumed signal sensitivity to kVp, S ~ kVp^n, on each side of the preferred kVp. Tube
    // output gives n ~ 2; the patient adds t * |dmu/dE| * dE_eff/dlnkVp, which grows with
    // thickness t. With E_eff = 0.42 kVp + 7 keV (clinical.md 3.2) and water, n ~ 5 for 20 cm
    // at 70 kV (the radiographer's "15% rule": +15% kVp doubles the exposure, n = ln2/ln1.15).
    // kVp rises only for thick patients (mA saturated; 25-30 cm: n ~ 6-11), and falls only for
    // thin ones (10-15 cm at 55-70 kV: n ~ 3.5-5). Erring high keeps the step from overshooting.
    double kvp_exponent_above_preferred = 8.0;
    double kvp_exponent_below_preferred = 4.0;
    // Signals within this relative distance of the target are left alone (no flicker).
    double tolerance = 0.02;
};

struct BrightnessStep {
    TubeSetting next;
    bool at_limit = false;  // the target could not be reached within the limits
};

// measured_signal and target_signal in any common unit (> 0). `current` is clamped into the
// limits first.
BrightnessStep next_tube_setting(const TubeSetting& current, double measured_signal,
                                 double target_signal, const BrightnessControlParams& p = {});

}  // namespace fluorosim
