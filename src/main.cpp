// fluorosim: with no subcommand it opens the simulator window; subcommands run headless.
#include "cli/cli.hpp"

int main(int argc, char** argv) { return fluorosim::cli::main(argc, argv); }
