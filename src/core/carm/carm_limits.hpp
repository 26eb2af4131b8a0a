#pragma once
// Mechanical range of a mobile C-arm [P]: the orbital (LAO/RAO) rotation reaches past a true
// lateral (90 deg) to 120 deg either way; the angular (CRAN/CAUD) tilt reaches 60 deg, enough
// for the ~40-45 deg caudal tilt on top of a squared endplate that RF neurotomy views need
// (clinical.md 1.1).
namespace fluorosim {
constexpr double kMaxPrimaryDeg = 120.0;
constexpr double kMaxSecondaryDeg = 60.0;
}  // namespace fluorosim
