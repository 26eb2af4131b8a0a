#pragma once
// The trainee database in the window: the trainee picker (bottom right, over the status bar)
// and, at start-up, the offer to recover a session a crashed run left unfinished.
#include <string>
#include <vector>

#include "io/session_store.hpp"

namespace fluorosim::app {

class SessionRecorder;
class Station;

struct SessionPanelState {
    std::vector<io::SessionInfo> orphans;  // still to be offered, oldest first
    std::vector<std::string> trainees;     // profiles, refreshed when the picker opens
    char new_trainee[64] = {};
    std::string message;  // last problem ("" if none)
    bool open_browser = false;  // "Sessions..." pressed: the past-sessions window opens
};

// Inside the main menu bar, right-aligned. Without a recorder (no database) it shows only why:
// state.message.
void draw_trainee_picker(SessionRecorder* recorder, SessionPanelState& state);
// "Recover the session of <trainee> on <scenario> from <time>? Recover / Discard".
void draw_recovery_prompt(SessionRecorder& recorder, Station& station, SessionPanelState& state);

}  // namespace fluorosim::app
