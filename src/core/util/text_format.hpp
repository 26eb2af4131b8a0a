#pragma once
// Text the reports share: numbers with a printf format, HTML escaping and CSV fields. One copy
// for the score report, the exam report and the cohort dashboard, so their files agree.
#include <string>

namespace fluorosim {

// One double through a printf format holding exactly one floating conversion ("%.1f mm").
std::string format_number(const char* format, double value);
// &, <, >, " as entities: safe inside element text and double-quoted attributes.
std::string html_escape(const std::string& text);
// RFC 4180: a field holding a comma, quote, CR or LF is quoted, with quotes doubled.
std::string csv_field(const std::string& field);
// The top of a plot's value axis: the smallest 1, 2 or 5 x 10^k at or above `value` (1 for
// values <= 0), so an axis reads 0-20 shots or 0-0.005 Gy*cm2 instead of an odd maximum.
double nice_ceiling(double value);

}  // namespace fluorosim
