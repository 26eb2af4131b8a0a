#pragma once
// Runs the real fluorosim executable (or any command) and captures its exit status and output,
// so tests see exactly what a user at a terminal sees.
#include <string>

namespace fluorosim::test {

struct RunResult {
    int exit_code = -1;
    std::string output;  // stdout and stderr together
};

// `args` is appended to the executable path as shell words (quote them yourself if needed);
// `env` is prepended, e.g. "XDG_CONFIG_HOME=/tmp/x".
RunResult run_fluorosim(const std::string& args, const std::string& env = "");
RunResult run_shell(const std::string& command);
// Environment for a child that opens a GLFW window. Its glfwTerminate unloads Mesa's GLX
// driver, whose once-per-process allocations then look leaked from an "<unknown module>"; in
// the asan preset leak detection is therefore off for these children (address and undefined-
// behaviour checks stay on). Harmless in other builds.
inline const char* window_child_env() { return "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1"; }
std::string quoted(const std::string& s);

}  // namespace fluorosim::test
