#pragma once
// SHA-256 (FIPS 180-4), for storing the instructor PIN as a salted hash rather than as text.
#include <string>

namespace fluorosim {

// Lower-case hex digest of the bytes of `data`.
std::string sha256_hex(const std::string& data);

}  // namespace fluorosim
