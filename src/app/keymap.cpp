#include "app/keymap.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

namespace fluorosim::app {

const std::vector<KeyBinding>& key_bindings() {
    static const std::vector<KeyBinding> table = {
        {Action::fluoro, "fluoro", "live fluoroscopy while held (the pedal)", GLFW_KEY_F},
        {Action::shot, "shot", "single shot", GLFW_KEY_SPACE},
        {Action::save_reference, "save_reference", "image to the reference monitor", GLFW_KEY_R},
        {Action::rao, "rao", "C-arm RAO 1 deg (Shift: 5)", GLFW_KEY_LEFT},
        {Action::lao, "lao", "C-arm LAO 1 deg (Shift: 5)", GLFW_KEY_RIGHT},
        {Action::cran, "cran", "C-arm CRAN 1 deg (Shift: 5)", GLFW_KEY_UP},
        {Action::caud, "caud", "C-arm CAUD 1 deg (Shift: 5)", GLFW_KEY_DOWN},
        {Action::advance, "advance", "advance the needle 1 mm (Shift: 5)", GLFW_KEY_W},
        {Action::withdraw, "withdraw", "withdraw the needle 1 mm (Shift: 5)", GLFW_KEY_S},
        {Action::rotate_bevel, "rotate_bevel", "turn the bevel 90 deg", GLFW_KEY_B},
        {Action::invert, "invert", "invert the image", GLFW_KEY_I},
        {Action::lor_attach, "lor_attach", "attach or detach the loss-of-resistance syringe", GLFW_KEY_L},
        {Action::lor_press, "lor_press", "press the LOR plunger while held", GLFW_KEY_P},
        {Action::inject_contrast, "inject_contrast", "inject 0.5 mL contrast", GLFW_KEY_C},
        {Action::inject_anaesthetic, "inject_anaesthetic", "inject 0.5 mL local anaesthetic", GLFW_KEY_J},
        {Action::aspirate, "aspirate", "aspirate", GLFW_KEY_A},
        {Action::help, "help", "show or hide this help", GLFW_KEY_F1},
        {Action::quit, "quit", "quit with Ctrl (layout and settings are saved)", GLFW_KEY_Q},
    };
    return table;
}

namespace {
const std::map<std::string, int>& named_keys() {
    static const std::map<std::string, int> keys = [] {
        std::map<std::string, int> k = {
            {"SPACE", GLFW_KEY_SPACE}, {"LEFT", GLFW_KEY_LEFT},   {"RIGHT", GLFW_KEY_RIGHT}, {"UP", GLFW_KEY_UP},
            {"DOWN", GLFW_KEY_DOWN},   {"ENTER", GLFW_KEY_ENTER}, {"TAB", GLFW_KEY_TAB},     {"BACKSPACE", GLFW_KEY_BACKSPACE},
            {"INSERT", GLFW_KEY_INSERT}, {"DELETE", GLFW_KEY_DELETE}, {"HOME", GLFW_KEY_HOME}, {"END", GLFW_KEY_END},
            {"PAGE_UP", GLFW_KEY_PAGE_UP}, {"PAGE_DOWN", GLFW_KEY_PAGE_DOWN}, {"KP_ADD", GLFW_KEY_KP_ADD},
            {"KP_SUBTRACT", GLFW_KEY_KP_SUBTRACT},
        };
        for (char c = 'A'; c <= 'Z'; ++c) k[std::string(1, c)] = GLFW_KEY_A + (c - 'A');
        for (char c = '0'; c <= '9'; ++c) k[std::string(1, c)] = GLFW_KEY_0 + (c - '0');
        for (int f = 1; f <= 12; ++f) k["F" + std::to_string(f)] = GLFW_KEY_F1 + f - 1;
        return k;
    }();
    return keys;
}
}  // namespace

int key_code(const std::string& name) {
    const auto it = named_keys().find(name);
    return it == named_keys().end() ? -1 : it->second;
}

std::string key_label(int code) {
    for (const auto& [name, c] : named_keys())
        if (c == code) return name;
    return "";
}

Keymap::Keymap() {
    for (const auto& b : key_bindings()) keys_[b.action] = b.default_key;
}

std::string Keymap::key_name(Action a) const { return key_label(key(a)); }

std::vector<std::string> Keymap::load(const std::filesystem::path& file) {
    std::vector<std::string> problems;
    std::ifstream in(file);
    if (!in) return problems;  // no user map: defaults
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(in, nullptr, true, true);
    } catch (const std::exception& e) {
        return {file.string() + ": not valid JSON, default keys kept (" + e.what() + ")"};
    }
    if (!j.is_object()) return {file.string() + ": expected {\"action\": \"KEY\", ...}, default keys kept"};
    for (const auto& [action, value] : j.items()) {
        const auto b = std::find_if(key_bindings().begin(), key_bindings().end(),
                                    [&](const KeyBinding& k) { return action == k.name; });
        if (b == key_bindings().end()) {
            problems.push_back(file.string() + ": '" + action + "': unknown action");
            continue;
        }
        const int code = value.is_string() ? key_code(value.get<std::string>()) : -1;
        if (code < 0) {
            problems.push_back(file.string() + ": '" + action + "': unknown key " + value.dump());
            continue;
        }
        keys_[b->action] = code;
    }
    return problems;
}

void Keymap::save(const std::filesystem::path& file) const {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& b : key_bindings()) j[b.name] = key_name(b.action);
    std::ofstream(file) << j.dump(2) << '\n';
}

}  // namespace fluorosim::app
