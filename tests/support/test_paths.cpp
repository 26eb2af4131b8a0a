#include "support/test_paths.hpp"

namespace fluorosim::test {
namespace fs = std::filesystem;

fs::path source_dir() { return fs::path(FLUOROSIM_TEST_SOURCE_DIR).parent_path(); }
fs::path golden_dir() { return fs::path(FLUOROSIM_TEST_SOURCE_DIR) / "golden"; }
fs::path output_dir() {
    fs::path p(FLUOROSIM_TEST_OUTPUT_DIR);
    fs::create_directories(p);
    return p;
}
fs::path fluorosim_executable() { return fs::path(FLUOROSIM_EXECUTABLE); }

}  // namespace fluorosim::test
