#pragma once
// A score report read back from the JSON that report_json() writes, so that a stored report
// (the session store keeps each attempt's report as JSON) shows and exports exactly as it did
// when it was scored: report_from_json(report_json(r)) == r.
#include <string>

#include "core/scoring/score.hpp"
#include "core/util/error.hpp"

namespace fluorosim {

// Throws InputError at `where` naming the missing or mistyped field.
ScoreReport report_from_json(const std::string& text, const SourceLocation& where);

}  // namespace fluorosim
