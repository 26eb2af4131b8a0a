#include "core/needle/needle_path.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace fluorosim {
namespace {

// Component of v across the unit axis d, normalised; `fallback` when v runs along d.
glm::dvec3 across(const glm::dvec3& v, const glm::dvec3& d, const glm::dvec3& fallback) {
    const glm::dvec3 p = v - glm::dot(v, d) * d;
    const double n = glm::length(p);
    // 1e-9: below this the shaft is parallel to v to within 1e-9 rad; any choice is as good.
    return n > 1e-9 ? p / n : fallback;
}

}  // namespace

glm::dvec3 bevel_face(const glm::dvec3& direction, double bevel_deg) {
    const glm::dvec3 d = glm::normalize(direction);
    const glm::dvec3 ref = across({0.0, 0.0, 1.0}, d, across({1.0, 0.0, 0.0}, d, {0.0, 1.0, 0.0}));
    const double a = glm::radians(bevel_deg);
    return std::cos(a) * ref + std::sin(a) * glm::cross(d, ref);
}

TipFrame arc_step(const TipFrame& f, double length, double kappa) {
    TipFrame out = f;
    out.s = f.s + length;
    if (kappa <= 0.0) {
        out.position = f.position + length * f.direction;
        return out;
    }
    // Plane of the arc: (direction, n) with n = -bevel; turn angle theta = kappa * length.
    const glm::dvec3 n = -f.bevel;
    const double theta = kappa * length;
    const double c = std::cos(theta), s = std::sin(theta);
    out.position = f.position + (s / kappa) * f.direction + ((1.0 - c) / kappa) * n;
    out.direction = glm::normalize(c * f.direction + s * n);
    out.bevel = glm::normalize(-(c * n - s * f.direction));
    return out;
}

NeedlePath::NeedlePath(const TipFrame& start) : nodes_{start} { nodes_.front().s = 0.0; }

void NeedlePath::extend(double length, double kappa) {
    assert(length >= 0.0);
    if (length > 0.0) push(arc_step(nodes_.back(), length, kappa));
}

void NeedlePath::push(const TipFrame& next) {
    assert(next.s >= nodes_.back().s);
    const std::size_t n = nodes_.size();
    if (n >= 2 && next.direction == nodes_[n - 1].direction && nodes_[n - 2].direction == nodes_[n - 1].direction) {
        nodes_.back() = next;  // still the same straight segment
        return;
    }
    nodes_.push_back(next);
}

void NeedlePath::rotate_bevel(double deg) {
    const double a = glm::radians(deg), c = std::cos(a), s = std::sin(a);
    for (TipFrame& f : nodes_) f.bevel = glm::normalize(c * f.bevel + s * glm::cross(f.direction, f.bevel));
}

TipFrame NeedlePath::at(double s) const {
    s = std::clamp(s, 0.0, length());
    auto it = std::lower_bound(nodes_.begin(), nodes_.end(), s, [](const TipFrame& f, double v) { return f.s < v; });
    if (it == nodes_.begin()) return nodes_.front();
    if (it == nodes_.end()) return nodes_.back();
    const TipFrame& b = *it;
    const TipFrame& a = *(it - 1);
    if (b.s - a.s <= 0.0) return b;
    const double f = (s - a.s) / (b.s - a.s);
    TipFrame out;
    out.s = s;
    out.position = glm::mix(a.position, b.position, f);
    out.direction = glm::normalize(glm::mix(a.direction, b.direction, f));
    out.bevel = across(glm::mix(a.bevel, b.bevel, f), out.direction, a.bevel);
    return out;
}

double NeedlePath::retract(double length) {
    assert(length >= 0.0);
    const double target = std::max(0.0, this->length() - length);
    const double moved = this->length() - target;
    const TipFrame tip = at(target);
    while (nodes_.size() > 1 && nodes_[nodes_.size() - 2].s >= target) nodes_.pop_back();
    if (nodes_.size() == 1) {
        nodes_.front() = tip;  // back at (or within rounding of) the start
        nodes_.front().s = 0.0;
    } else {
        nodes_.back() = tip;
    }
    return moved;
}

void NeedlePath::set_tip_direction(const glm::dvec3& direction, const glm::dvec3& bevel) {
    TipFrame pivot = nodes_.back();
    pivot.direction = glm::normalize(direction);
    pivot.bevel = across(bevel, pivot.direction, bevel_face(pivot.direction, 0.0));
    // A turned tip starts a new node, so the straight-segment merge in extend() never bends
    // the old segment; a bevel turn alone changes the tip node in place.
    if (nodes_.size() == 1 || pivot.direction == nodes_.back().direction) nodes_.back() = pivot;
    else nodes_.push_back(pivot);
}

}  // namespace fluorosim
