#pragma once
#include <string>
#include <vector>

namespace fluorosim::app {
// Opens the simulator window (GLFW + OpenGL 4.5 core + Dear ImGui) and runs until closed.
// `args` are the command-line arguments without a subcommand (see 'fluorosim --help').
int run(const std::vector<std::string>& args);
}  // namespace fluorosim::app
