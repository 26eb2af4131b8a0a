#pragma once
// `fluorosim workshop serve` as a child process for tests (the instructor's machine), with its
// output in a log file; header-only so the test support library's sources stay as they are.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/test_paths.hpp"

extern char** environ;

namespace fluorosim::test {

inline std::string read_all(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// `fluorosim workshop serve ...` in the background, stdout and stderr into `log`.
class ServerProcess {
  public:
    ServerProcess(const std::vector<std::string>& args, const std::filesystem::path& log)
        : log_(log) {
        std::vector<std::string> words = {fluorosim_executable().string(), "workshop", "serve"};
        words.insert(words.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& w : words) argv.push_back(w.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t files;
        posix_spawn_file_actions_init(&files);
        posix_spawn_file_actions_addopen(&files, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0644);
        posix_spawn_file_actions_adddup2(&files, 1, 2);
        const int rc = posix_spawn(&pid_, argv[0], &files, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&files);
        if (rc != 0) pid_ = -1;
    }
    ~ServerProcess() { stop(SIGKILL); }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    // The port it announced ("listening on 127.0.0.1:PORT"), 0 if it did not within 20 s.
    int port() const {
        for (int i = 0; i < 200 && pid_ > 0; ++i) {
            const std::string text = read_all(log_);
            const auto at = text.find("listening on 127.0.0.1:");
            if (at != std::string::npos) return std::atoi(text.c_str() + at + 23);
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return 0;
    }
    // Sends the signal and reaps the child; returns its exit status (-1 if killed by a signal).
    int stop(int signal) {
        if (pid_ <= 0) return -1;
        ::kill(pid_, signal);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::string log() const { return read_all(log_); }

  private:
    pid_t pid_ = -1;
    std::filesystem::path log_;
};

}  // namespace fluorosim::test
