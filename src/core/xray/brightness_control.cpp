#include "core/xray/brightness_control.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace fluorosim {
namespace {

// Moves x toward `limit` by as much of the log-signal change `budget` as the move allows;
// signal ~ x^exponent. Returns the log-signal change used.
double spend(double& x, double limit, double exponent, double budget) {
    const double room = exponent * std::log(limit / x);  // log-signal change up to the limit
    const double used = budget > 0.0 ? std::clamp(budget, 0.0, std::max(room, 0.0))
                                     : std::clamp(budget, std::min(room, 0.0), 0.0);
    x *= std::exp(used / exponent);
    return used;
}

}  // namespace

BrightnessStep next_tube_setting(const TubeSetting& current, double measured_signal,
                                 double target_signal, const BrightnessControlParams& p) {
    assert(measured_signal > 0.0 && target_signal > 0.0);
    assert(p.ma_min > 0.0 && p.ma_min <= p.ma_max && p.kvp_min > 0.0);
    assert(p.kvp_min <= p.kvp_preferred && p.kvp_preferred <= p.kvp_max && p.gain > 0.0);
    TubeSetting s{std::clamp(current.kvp, p.kvp_min, p.kvp_max),
                  std::clamp(current.ma, p.ma_min, p.ma_max)};
    const double error = std::log(target_signal / measured_signal);
    if (std::abs(error) <= std::log1p(p.tolerance)) return {s, false};

    double budget = p.gain * error;
    const double n_low = p.kvp_exponent_below_preferred;
    const double n_high = p.kvp_exponent_above_preferred;
    if (budget > 0.0) {
        budget -= spend(s.kvp, std::max(s.kvp, p.kvp_preferred), n_low, budget);  // up to preferred
        budget -= spend(s.ma, p.ma_max, 1.0, budget);
        budget -= spend(s.kvp, p.kvp_max, n_high, budget);
    } else {
        budget -=
            spend(s.kvp, std::min(s.kvp, p.kvp_preferred), n_high, budget);  // down to preferred
        budget -= spend(s.ma, p.ma_min, 1.0, budget);
        budget -= spend(s.kvp, p.kvp_min, n_low, budget);
    }
    // Whatever could not be spent is signal the limits will not give.
    return {s, std::abs(budget) > 1e-9};
}

}  // namespace fluorosim
