#pragma once
// Past sessions in the window ("Sessions..." beside the trainee picker): the trainee
// database's sessions as a table (this trainee or everyone), and for the selected one its
// score and deductions, with buttons to open it in the replay viewer or to write its HTML
// report with the images it took. It reads the same store `fluorosim sessions` does.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/scoring/score.hpp"
#include "io/session_store.hpp"

namespace fluorosim::app {

struct SessionBrowserState {
    bool open = false;
    bool everyone = false;  // all trainees, not only the current one
    std::vector<io::SessionInfo> rows;
    std::int64_t selected = 0;
    std::optional<ScoreReport> report;  // of the selected session
    std::string message;                // the last file written, or the last problem
    bool stale = true;                  // re-read the table before the next draw
};

// Writes the session's recording where the replay viewer can open it; returns the path.
std::filesystem::path write_session_recording(io::SessionStore& store, std::int64_t id,
                                              const std::filesystem::path& folder);
// Writes the session's self-contained HTML report (every stored image embedded); returns the
// path. Throws InputError for a session without a score.
std::filesystem::path write_session_report(io::SessionStore& store, std::int64_t id,
                                           const std::filesystem::path& folder);

// `open_replay` receives a recording path when the user asks to replay a session.
void draw_session_browser(io::SessionStore& store, const std::string& trainee,
                          SessionBrowserState& state, std::optional<std::string>& open_replay);

}  // namespace fluorosim::app
