#include "support/process.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>

#include "support/test_paths.hpp"

namespace fluorosim::test {

std::string quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

RunResult run_shell(const std::string& command) {
    RunResult r;
    FILE* pipe = popen((command + " </dev/null 2>&1").c_str(), "r");
    if (!pipe) return r;
    std::array<char, 4096> buf{};
    while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) r.output.append(buf.data(), n);
    const int status = pclose(pipe);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

RunResult run_fluorosim(const std::string& args, const std::string& env) {
    return run_shell((env.empty() ? "" : "env " + env + " ") + quoted(fluorosim_executable().string()) + " " + args);
}

}  // namespace fluorosim::test
