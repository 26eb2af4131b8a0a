#pragma once
// Which key does what. Every device (keyboard, mouse via the panels, gamepad) ends in the same
// commands; this maps keyboard keys to named actions. Defaults below; a user's own map lives in
// $XDG_CONFIG_HOME/fluorosim/keys.json as {"action": "KEY", ...} with GLFW key names
// ("F", "SPACE", "LEFT", "F1", "KP_ADD"); a broken entry is reported by name and the default kept.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace fluorosim::app {

enum class Action {
    fluoro, shot, save_reference, rao, lao, cran, caud, advance, withdraw, rotate_bevel, invert,
    lor_attach, lor_press, inject_contrast, inject_anaesthetic, aspirate, help, quit,
};

struct KeyBinding {
    Action action;
    const char* name;       // in keys.json and the help overlay
    const char* describe;   // for the help overlay
    int default_key;        // GLFW key code
};
const std::vector<KeyBinding>& key_bindings();

class Keymap {
public:
    Keymap();  // defaults
    // Reads the user's file if it exists; problems are returned (file: action: why), one each.
    std::vector<std::string> load(const std::filesystem::path& file);
    void save(const std::filesystem::path& file) const;
    int key(Action a) const { return keys_.at(a); }
    std::string key_name(Action a) const;

private:
    std::map<Action, int> keys_;
};

// GLFW key name <-> code for the keys a keymap may use; -1 / "" when unknown.
int key_code(const std::string& name);
std::string key_label(int code);

}  // namespace fluorosim::app
