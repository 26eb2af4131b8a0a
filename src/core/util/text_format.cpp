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

double nice_ceiling(double value) {
    if (!(value > 0.0)) return 1.0;
    const double decade = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 5.0, 10.0})
        // A relative slack of 1e-9 keeps a value computed as 0.2000...01 at 0.2, not 0.5.
        if (value <= step * decade * (1.0 + 1e-9)) return step * decade;
    return 10.0 * decade;
}

}  // namespace fluorosim
