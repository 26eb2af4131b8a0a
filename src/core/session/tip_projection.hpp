#pragma once
// The needle tip's path drawn flat, as a debrief shows it: an AP projection (seen from behind
// the prone patient, as the operator stands: patient's left on the left, head up) and a lateral
// one (seen from the patient's left: anterior on the left, posterior skin on the right, head
// up). Coordinates stay in millimetres; a PlotFrame maps them onto a pixel rectangle with one
// scale for both axes, so angles and distances read true.
#include <vector>

#include <glm/glm.hpp>

namespace fluorosim {

enum class ProjectionView { ap, lateral };

// Patient frame (LPS, mm) -> drawing plane (mm): .x to the drawing's right, .y up.
// AP: (-x, z): seen from behind, the patient's Left (+x) lies on the viewer's left.
// Lateral: (y, z): posterior (+y) on the right.
glm::dvec2 project(const glm::dvec3& p, ProjectionView view);
// Edge letters for the drawing: {left, right, bottom, top} ("L", "R", "I", "S" for AP).
struct ProjectionLabels {
    const char* left;
    const char* right;
    const char* bottom;
    const char* top;
};
ProjectionLabels projection_labels(ProjectionView view);

// A mm box mapped into a pixel rectangle: equal px/mm on both axes, the box centred, y flipped
// (pixel rows grow downward).
class PlotFrame {
  public:
    // The box holds every point plus `margin_mm` each side, and is at least `min_span_mm` wide
    // and tall (a tip that barely moved still gets a readable scale).
    PlotFrame(const std::vector<glm::dvec2>& points_mm, double margin_mm, double min_span_mm,
              glm::dvec2 pixel_origin, glm::dvec2 pixel_size);
    glm::dvec2 to_pixel(glm::dvec2 mm) const;
    double pixels_per_mm() const { return scale_; }
    glm::dvec2 min_mm() const { return min_; }
    glm::dvec2 max_mm() const { return max_; }

  private:
    glm::dvec2 min_{0.0}, max_{0.0}, centre_mm_{0.0}, centre_px_{0.0};
    double scale_ = 1.0;
};

// A round step (1, 2 or 5 times a power of ten) giving about `target_ticks` ticks over `span`.
double nice_step(double span, int target_ticks);

}  // namespace fluorosim
