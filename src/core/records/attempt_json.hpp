#pragma once
// AttemptResult as JSON: the body a workshop station posts to the instructor's results service,
// the service's answer to GET /results, and `fluorosim workshop post --result FILE.json`.
// Reading is strict about types and ranges and names the offending field ("'[2].score':
// expected a number"); fields a newer station adds are ignored, missing optional ones default.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/records/attempt_result.hpp"

namespace fluorosim {

nlohmann::json attempt_to_json(const AttemptResult& a);
std::string attempts_to_json_text(const std::vector<AttemptResult>& attempts);

// `source` names where the text came from (a file path, "POST /results"); it leads the
// InputError's message. Required fields: attempt_id, trainee, scenario, started_at, score.
AttemptResult attempt_from_json(const nlohmann::json& j, const std::string& source,
                                const std::string& prefix = "");
AttemptResult attempt_from_json_text(const std::string& text, const std::string& source);
std::vector<AttemptResult> attempts_from_json_text(const std::string& text,
                                                   const std::string& source);

}  // namespace fluorosim
