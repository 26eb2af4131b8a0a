#pragma once
#include <filesystem>

namespace fluorosim::test {
std::filesystem::path source_dir();   // the repository root
std::filesystem::path golden_dir();   // tests/golden
std::filesystem::path output_dir();   // build/.../tests/output (created on demand)
std::filesystem::path fluorosim_executable();
}  // namespace fluorosim::test
