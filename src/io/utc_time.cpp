#include "io/utc_time.hpp"

#include <chrono>
#include <cstddef>
#include <ctime>

namespace fluorosim::io {

std::string utc_now(double seconds_ago, const char* format) {
    const auto when = std::chrono::system_clock::now() -
                      std::chrono::duration_cast<std::chrono::system_clock::duration>(
                          std::chrono::duration<double>(seconds_ago));
    const std::time_t t = std::chrono::system_clock::to_time_t(when);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[64];
    // Callers pass literal formats (kIso8601Utc or a compact file-name form).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    const std::size_t n = std::strftime(text, sizeof text, format, &tm);
#pragma GCC diagnostic pop
    return std::string(text, n);
}

}  // namespace fluorosim::io
