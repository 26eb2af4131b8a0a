#include "core/image/window_level.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace fluorosim {

WindowLevel auto_window_level(const ImageF& signal, float field_fraction) {
    std::vector<float> att;
    att.reserve(signal.pixels.size());
    const float cx = 0.5f * float(signal.width), cy = 0.5f * float(signal.height);
    const float r2 = std::pow(field_fraction * std::min(cx, cy), 2.0f);
    for (int y = 0; y < signal.height; ++y)
        for (int x = 0; x < signal.width; ++x) {
            const float dx = float(x) + 0.5f - cx, dy = float(y) + 0.5f - cy;
            // Pixels with no signal are collimated off: they are not part of the picture.
            if (dx * dx + dy * dy <= r2 && signal.at(x, y) > 0.0f) att.push_back(-std::log(signal.at(x, y)));
        }
    if (att.size() < 16) return {};
    // Direct exposure (the beam beside the patient: less attenuation than ~1.5 cm of tissue,
    // -ln s < 0.4) is left out when there is enough patient in the field, as radiographic
    // processing masks it: otherwise a lateral view's air behind the back sets the window and
    // the spine turns grey on grey.
    std::vector<float> patient;
    for (float a : att)
        if (a >= 0.4f) patient.push_back(a);
    if (patient.size() >= att.size() / 5) att.swap(patient);
    auto percentile = [&](double q) {
        auto nth = att.begin() + std::ptrdiff_t(q * double(att.size() - 1));
        std::nth_element(att.begin(), nth, att.end());
        return *nth;
    };
    const float lo = percentile(0.01), hi = percentile(0.99);
    // A floor of 0.2 (a factor 1.2 in transmission) keeps a uniform field from being stretched
    // into noise.
    return {0.5f * (lo + hi), std::max(hi - lo, 0.2f)};
}

}  // namespace fluorosim
