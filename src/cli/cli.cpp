#include "cli/cli.hpp"
namespace fluorosim::cli {
int main(int, char**) { return 0; }
}  // namespace fluorosim::cli
