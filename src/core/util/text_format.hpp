#pragma once
// Text the reports share: numbers with a printf format, HTML escaping and CSV fields. One copy
// for the score report, the exam report and the cohort dashboard, so their files agree.
#include <string>
#include <vector>

namespace fluorosim {

// One double through a printf format holding exactly one floating conversion ("%.1f mm").
std::string format_number(const char* format, double value);
// &, <, >, " as entities: safe inside element text and double-quoted attributes.
std::string html_escape(const std::string& text);
// The start of a FluoroSim HTML report up to <body>: doctype, charset, the title (escaped) and
// the reports' shared style (pass/fail colours, bordered tables, right-aligned numbers), the
// page `max_width_em` wide, with `css` rules added for the page's own elements.
std::string html_page_start(const std::string& title, int max_width_em, const std::string& css);
// An <h3> heading over a bulleted list of the items (escaped); "" when there are none.
std::string html_list(const std::string& heading, const std::vector<std::string>& items);
// RFC 4180: a field holding a comma, quote, CR or LF is quoted, with quotes doubled.
std::string csv_field(const std::string& field);
// The top of a plot's value axis: the smallest 1, 2 or 5 x 10^k at or above `value` (1 for
// values <= 0), so an axis reads 0-20 shots or 0-0.005 Gy*cm2 instead of an odd maximum.
double nice_ceiling(double value);

}  // namespace fluorosim
