#pragma once
// A small, portable random source: the same seed gives the same numbers on every platform and
// standard library (std::normal_distribution does not promise that), so a patient is
// bit-identical wherever it is generated.
#include <cmath>
#include <cstdint>

namespace fluorosim {

class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull) {}
    // splitmix64 (Steele, Lea & Flood 2014).
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }  // [0, 1)
    // Standard normal (Box-Muller), clamped to +-limit standard deviations.
    float clamped_normal(float limit) {
        const double u1 = 1.0 - uniform(), u2 = uniform();
        const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
        return static_cast<float>(std::fmax(-double(limit), std::fmin(double(limit), z)));
    }

private:
    std::uint64_t state_;
};

}  // namespace fluorosim
