#include "core/util/text_format.hpp"

#include <cmath>
#include <cstdio>

namespace fluorosim {

// Every caller passes a literal format with one double conversion.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
std::string format_number(const char* format, double value) {
    char b[64];
    std::snprintf(b, sizeof b, format, value);
    return b;
}
#pragma GCC diagnostic pop

std::string html_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string csv_field(const std::string& field) {
    if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
    std::string out = "\"";
    for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string html_page_start(const std::string& title, int max_width_em, const std::string& css) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" + html_escape(title) +
           "</title>\n<style>\nbody{font-family:sans-serif;max-width:" + std::to_string(max_width_em) +
           "em;margin:2em auto;color:#222}\n.pass{color:#176b26}.fail{color:#a1141c}\n"
           "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}\n"
           "td.n{text-align:right}" +
           css + "\n</style></head><body>\n";
}

std::string html_list(const std::string& heading, const std::vector<std::string>& items) {
    if (items.empty()) return "";
    std::string out = "<h3>" + html_escape(heading) + "</h3>\n<ul>\n";
    for (const std::string& s : items) out += "<li>" + html_escape(s) + "</li>\n";
    return out + "</ul>\n";
}

double nice_ceiling(double value) {
    if (!(value > 0.0)) return 1.0;
    const double decade = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 5.0, 10.0})
        // A relative slack of 1e-9 keeps a value computed as 0.2000...01 at 0.2, not 0.5.
        if (value <= step * decade * (1.0 + 1e-9)) return step * decade;
    return 10.0 * decade;
}

}  // namespace fluorosim
