#pragma once
// The instructor's results service: stations POST each finished attempt (JSON AttemptResult) to
// /results; the service stores it once (attempt_id is UNIQUE) and acknowledges it, also when it
// already holds it, so a station that re-sends after a lost acknowledgement never creates a
// duplicate. GET /results lists everything (JSON array, arrival order); GET /health says it is up.
//   201 {"stored":true}                 new result
//   200 {"stored":false,"duplicate":true} already held (the station may delete its copy)
//   400 {"error":"..."}                 not a valid AttemptResult (names the field)
#include <functional>
#include <string>

#include "io/workshop/attempt_db.hpp"
#include "io/workshop/http.hpp"

namespace fluorosim::io {

// `log` receives one line per stored or refused result.
HttpResponse handle_results_request(AttemptDb& db, const HttpRequest& request,
                                    const std::function<void(const std::string&)>& log = {});

}  // namespace fluorosim::io
