#include "core/util/log.hpp"

#include <cstdio>
#include <fstream>
#include <mutex>

namespace fluorosim::log {
namespace {
std::mutex g_mutex;
Level g_level = Level::info;
std::ofstream g_file;

const char* name(Level l) {
    switch (l) {
        case Level::debug: return "debug";
        case Level::info: return "info";
        case Level::warning: return "warning";
        case Level::error: return "error";
        case Level::off: break;
    }
    return "";
}
}  // namespace

void set_level(Level l) {
    std::lock_guard lock(g_mutex);
    g_level = l;
}

Level level() {
    std::lock_guard lock(g_mutex);
    return g_level;
}

void set_file(const std::string& path) {
    std::lock_guard lock(g_mutex);
    if (g_file.is_open()) g_file.close();
    if (!path.empty()) g_file.open(path, std::ios::app);
}

void write(Level l, std::string_view message) {
    std::lock_guard lock(g_mutex);
    if (l < g_level || l == Level::off) return;
    std::fprintf(stderr, "fluorosim [%s] %.*s\n", name(l), static_cast<int>(message.size()),
                 message.data());
    if (g_file.is_open()) g_file << "[" << name(l) << "] " << message << '\n' << std::flush;
}

}  // namespace fluorosim::log
