#pragma once
// A minimal log: one line per message to stderr and, when set, to a log file.
// The level is global; tests may raise it to keep output quiet.
#include <string>
#include <string_view>

namespace fluorosim::log {

enum class Level { debug = 0, info = 1, warning = 2, error = 3, off = 4 };

void set_level(Level level);
Level level();
// Also append every message to this file (created if missing); "" turns the file off.
void set_file(const std::string& path);
void write(Level level, std::string_view message);

inline void debug(std::string_view m) { write(Level::debug, m); }
inline void info(std::string_view m) { write(Level::info, m); }
inline void warning(std::string_view m) { write(Level::warning, m); }
inline void error(std::string_view m) { write(Level::error, m); }

}  // namespace fluorosim::log
