#pragma once
// How closely two float images agree, as X-ray simulators report it against a reference:
// largest and mean absolute difference, zero-mean normalised cross-correlation (ZNCC, the
// figure gVirtualXray publishes against GATE and plastimatch: 0.993-0.997), and the gain that
// best maps one onto the other (a units or scale mistake shows there, not in the NCC).
#include "core/image/image.hpp"

namespace fluorosim {

struct ImageAgreement {
    double max_abs = 0.0;   // max |b - a|
    double mean_abs = 0.0;  // mean |b - a|
    double ncc = 0.0;       // zero-mean NCC in [-1, 1]; 1 when both are constant and equal
    double gain = 0.0;      // least-squares g in b = g a (sum ab / sum aa); 0 when a is all 0
};

// First channel of each; throws InputError when the sizes differ.
ImageAgreement compare_images(const ImageF& a, const ImageF& b);

}  // namespace fluorosim
