#pragma once
// Half-value layers in aluminium, and the IEC 61267 RQR beam qualities the tube model is
// validated against (clinical.md 3.3).
#include <span>

#include "core/xray/spectrum.hpp"

namespace fluorosim {

// Thickness of aluminium (mm, rho 2.699) that brings the narrow-beam air kerma of the
// spectrum down to `fraction` of its value (bisection to 1e-5 mm).
double aluminium_thickness_for_kerma_fraction(const Spectrum& spectrum, double fraction);

struct HalfValueLayers {
    double first_mm_al = 0.0;   // K(HVL1) = K0 / 2
    double second_mm_al = 0.0;  // K(HVL1 + HVL2) = K0 / 4
};
HalfValueLayers half_value_layers(const Spectrum& spectrum);

struct BeamQuality {
    const char* name;
    double kvp;
    double hvl1_mm_al;
};
// IEC 61267 RQR3..RQR10: tube voltage and first HVL (clinical.md 3.3).
std::span<const BeamQuality> iec61267_rqr();

// First HVL of the model at a quality's kVp with no added filtration (fine 0.5 keV spectrum).
double model_hvl1_mm_al(double kvp, const TubeModel& tube);

struct InherentFiltrationFit {
    double inherent_mm_al = 0.0;
    double worst_relative_error = 0.0;  // max over RQR3..RQR10 of |HVL1_model / HVL1_IEC - 1|
};
// The one inherent filtration (mm Al) minimising the worst relative HVL1 error over all RQR
// qualities, the other tube parameters as in `tube` (golden-section search over 0.5..6 mm).
InherentFiltrationFit fit_inherent_filtration(const TubeModel& tube);

}  // namespace fluorosim
