#include "core/image/image_compare.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/util/error.hpp"

namespace fluorosim {

ImageAgreement compare_images(const ImageF& a, const ImageF& b) {
    if (a.width != b.width || a.height != b.height)
        throw InputError("cannot compare a " + std::to_string(a.width) + "x" + std::to_string(a.height) +
                         " image with a " + std::to_string(b.width) + "x" + std::to_string(b.height) + " one");
    const std::size_t n = std::size_t(a.width) * std::size_t(a.height);
    ImageAgreement r;
    if (n == 0) return r;
    // Sums in double: a 1024^2 image of values ~10 would lose digits in float.
    double sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0, sum_abs = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double x = double(a.pixels[i * std::size_t(a.channels)]);
        const double y = double(b.pixels[i * std::size_t(b.channels)]);
        sa += x;
        sb += y;
        sab += x * y;
        saa += x * x;
        sbb += y * y;
        const double d = std::abs(y - x);
        sum_abs += d;
        r.max_abs = std::max(r.max_abs, d);
    }
    const double dn = double(n);
    r.mean_abs = sum_abs / dn;
    const double cov = sab - sa * sb / dn, va = saa - sa * sa / dn, vb = sbb - sb * sb / dn;
    if (va > 0.0 && vb > 0.0) r.ncc = cov / std::sqrt(va * vb);
    else r.ncc = r.max_abs == 0.0 ? 1.0 : 0.0;
    r.gain = saa > 0.0 ? sab / saa : 0.0;
    return r;
}

}  // namespace fluorosim
