#include "core/session/tip_projection.hpp"

#include <algorithm>
#include <cmath>

namespace fluorosim {

glm::dvec2 project(const glm::dvec3& p, ProjectionView view) {
    return view == ProjectionView::ap ? glm::dvec2(-p.x, p.z) : glm::dvec2(p.y, p.z);
}

ProjectionLabels projection_labels(ProjectionView view) {
    return view == ProjectionView::ap ? ProjectionLabels{"L", "R", "I", "S"}
                                      : ProjectionLabels{"A", "P", "I", "S"};
}

PlotFrame::PlotFrame(const std::vector<glm::dvec2>& points, double margin_mm, double min_span_mm,
                     glm::dvec2 pixel_origin, glm::dvec2 pixel_size) {
    if (points.empty()) {
        min_ = glm::dvec2(-0.5 * min_span_mm);
        max_ = glm::dvec2(0.5 * min_span_mm);
    } else {
        min_ = max_ = points.front();
        for (const glm::dvec2& p : points) {
            min_ = glm::min(min_, p);
            max_ = glm::max(max_, p);
        }
        min_ -= margin_mm;
        max_ += margin_mm;
        for (int a = 0; a < 2; ++a) {
            const double grow = std::max(0.0, min_span_mm - (max_[a] - min_[a]));
            min_[a] -= 0.5 * grow;
            max_[a] += 0.5 * grow;
        }
    }
    const glm::dvec2 span = max_ - min_;
    scale_ = std::min(pixel_size.x / span.x, pixel_size.y / span.y);
    centre_mm_ = 0.5 * (min_ + max_);
    centre_px_ = pixel_origin + 0.5 * pixel_size;
    // The box grows along the axis with room to spare, so the frame covers the whole rectangle.
    const glm::dvec2 half = 0.5 * pixel_size / scale_;
    min_ = centre_mm_ - half;
    max_ = centre_mm_ + half;
}

glm::dvec2 PlotFrame::to_pixel(glm::dvec2 mm) const {
    const glm::dvec2 d = (mm - centre_mm_) * scale_;
    return {centre_px_.x + d.x, centre_px_.y - d.y};
}

double nice_step(double span, int target_ticks) {
    if (!(span > 0.0) || target_ticks < 1) return 1.0;
    const double raw = span / target_ticks;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0})
        if (m * power >= raw) return m * power;
    return 10.0 * power;
}

}  // namespace fluorosim
