#pragma once
// The path a needle tip has cut: a polyline of tip frames from where the needle was set down to
// where the tip is now. Pure geometry (no tissue): the session decides how far to go and with
// which curvature; this file bends, stores and retracts.
//
// Bevel deflection: a bevelled tip is pushed away from its bevel face, so in tissue the tip
// runs on a circular arc of curvature kappa bending toward -bevel. The tip direction and the
// bevel direction are carried along the arc together (parallel transport), so an arc stays in
// one plane and the lateral drift after a length L is R(1 - cos(L/R)) = kappa*L^2/2 to first
// order, with R = 1/kappa.
#include <vector>

#include <glm/glm.hpp>

namespace fluorosim {

struct TipFrame {
    glm::dvec3 position{0.0};
    glm::dvec3 direction{0.0, -1.0, 0.0};  // unit, the way the tip points
    glm::dvec3 bevel{0.0, 0.0, 1.0};       // unit, perpendicular to direction: where the bevel face looks
    double s = 0.0;                        // arc length from the path start (mm)

    bool operator==(const TipFrame&) const = default;
};

// Where the bevel face looks for a needle along `direction` with the hub turned `bevel_deg`:
// 0 = toward the patient's head (+z projected onto the plane across the shaft; +x, the
// patient's left, for a shaft along z), positive turning right-handed about `direction`.
glm::dvec3 bevel_face(const glm::dvec3& direction, double bevel_deg);

// The frame after moving `length` mm along an arc of curvature kappa (1/mm) bending toward
// -bevel (kappa 0: straight ahead).
TipFrame arc_step(const TipFrame& frame, double length, double kappa);

class NeedlePath {
  public:
    NeedlePath() = default;
    explicit NeedlePath(const TipFrame& start);

    const TipFrame& tip() const { return nodes_.back(); }
    const TipFrame& start() const { return nodes_.front(); }
    double length() const { return nodes_.back().s; }
    const std::vector<TipFrame>& nodes() const { return nodes_; }

    // Extends the tip by `length` mm with curvature kappa: push(arc_step(tip(), length, kappa)).
    void extend(double length, double kappa);
    // Appends a frame further along (next.s >= tip().s). A straight step along an unchanged
    // direction moves the last node instead of adding one, so travel through air and
    // deflection-free tissue stays a single segment.
    void push(const TipFrame& next);
    // Pulls the tip back `length` mm along the path (not beyond the start); returns how far it
    // actually went.
    double retract(double length);
    // The frame at arc length s (clamped to the path), interpolated between nodes.
    TipFrame at(double s) const;
    // Re-points the tip (a pivot, or a bevel turn): keeps the tip position, sets the direction
    // and the bevel (made perpendicular to the direction).
    void set_tip_direction(const glm::dvec3& direction, const glm::dvec3& bevel);
    // Turns the hub: the whole needle turns, so every node's bevel turns by `deg` about its own
    // direction (a later withdrawal then finds the bevel where the hub put it).
    void rotate_bevel(double deg);

    bool operator==(const NeedlePath&) const = default;

  private:
    std::vector<TipFrame> nodes_{TipFrame{}};
};

}  // namespace fluorosim
