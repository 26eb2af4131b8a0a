#pragma once
// Automatic window/level for the display, the way a fluoroscopy video chain's automatic gain
// spreads what lies inside the field over the monitor's grey range.
#include "core/image/image.hpp"

namespace fluorosim {

struct WindowLevel {
    float level = 2.5f;   // attenuation (-ln signal) shown mid-grey
    float window = 4.0f;  // attenuation range from black to white
};

// From the 1st and 99th percentiles of -ln(signal) over the central disc of radius
// `field_fraction` of the half-width (the image-intensifier field), so the dark rim and a few
// extreme pixels (needle, open beam at the edge) do not set the contrast.
WindowLevel auto_window_level(const ImageF& signal, float field_fraction = 0.9f);

}  // namespace fluorosim
