#pragma once
// Wall-clock time as text, in UTC: the one place FluoroSim reads the calendar for stored
// sessions, exam reports and attempts sent to the instructor (core reads no clock).
#include <string>

namespace fluorosim::io {

// "2026-11-29T10:15:00Z": ISO 8601 in UTC, the form every stored time and report uses.
inline constexpr const char* kIso8601Utc = "%Y-%m-%dT%H:%M:%SZ";

// Now, or `seconds_ago` earlier, in UTC through a strftime format.
std::string utc_now(double seconds_ago = 0.0, const char* format = kIso8601Utc);

}  // namespace fluorosim::io
