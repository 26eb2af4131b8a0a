#pragma once
// An SQLite file of finished attempts keyed by attempt_id (UNIQUE). The instructor's results
// service keeps what stations post in one (a re-sent result is acknowledged, never stored
// twice); a station keeps its outbox in another (results made while the service was
// unreachable wait there until it acknowledges them). SQLite commits each change before the call
// returns, so a killed process loses nothing it has acknowledged.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/records/attempt_result.hpp"

struct sqlite3;

namespace fluorosim::io {

class AttemptDb {
  public:
    // Opens or creates the file (and its folder). Throws InputError naming the file.
    explicit AttemptDb(const std::filesystem::path& file);
    ~AttemptDb();
    AttemptDb(const AttemptDb&) = delete;
    AttemptDb& operator=(const AttemptDb&) = delete;

    // False (and nothing changes) when an attempt with this attempt_id is already held.
    bool add(const AttemptResult& attempt);
    // In the order they were added.
    std::vector<AttemptResult> all() const;
    std::optional<AttemptResult> find(const std::string& attempt_id) const;
    bool remove(const std::string& attempt_id);
    int count() const;
    const std::filesystem::path& file() const { return file_; }

  private:
    void exec(const char* sql) const;
    [[noreturn]] void fail(const std::string& what) const;

    std::filesystem::path file_;
    sqlite3* db_ = nullptr;
};

}  // namespace fluorosim::io
