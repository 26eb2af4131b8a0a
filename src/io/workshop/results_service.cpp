#include "io/workshop/results_service.hpp"

#include <nlohmann/json.hpp>

#include "core/records/attempt_json.hpp"
#include "core/util/error.hpp"

namespace fluorosim::io {
namespace {

HttpResponse error(int status, const std::string& message) {
    return {status, nlohmann::json{{"error", message}}.dump()};
}

}  // namespace

HttpResponse handle_results_request(AttemptDb& db, const HttpRequest& request,
                                    const std::function<void(const std::string&)>& log) {
    auto say = [&](const std::string& line) {
        if (log) log(line);
    };
    try {
        if (request.path == "/health") {
            if (request.method != "GET") return error(405, "use GET /health");
            return {200, nlohmann::json{{"status", "ok"}, {"results", db.count()}}.dump()};
        }
        if (request.path != "/results")
            return error(404, "unknown path '" + request.path + "' (use /results or /health)");
        if (request.method == "GET") return {200, attempts_to_json_text(db.all())};
        if (request.method != "POST") return error(405, "use GET or POST /results");
        const AttemptResult a = attempt_from_json_text(request.body, "POST /results");
        if (db.add(a)) {
            say("stored " + a.attempt_id + " (" + a.trainee +
                (a.station.empty() ? "" : " at " + a.station) + ", " + a.scenario + ", score " +
                std::to_string(int(a.score + 0.5)) + ")");
            return {201, nlohmann::json{{"stored", true}}.dump()};
        }
        if (db.find(a.attempt_id) != a)
            say("warning: " + a.attempt_id +
                " re-sent with different figures; the first copy is kept");
        say("already held " + a.attempt_id + " (acknowledged again)");
        return {200, nlohmann::json{{"stored", false}, {"duplicate", true}}.dump()};
    } catch (const InputError& e) {
        say(std::string("refused: ") + e.what());
        return error(400, e.what());
    }
}

}  // namespace fluorosim::io
