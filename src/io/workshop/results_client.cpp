#include "io/workshop/results_client.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>

#include "core/records/attempt_json.hpp"
#include "core/util/paths.hpp"

namespace fluorosim::io {

std::filesystem::path default_outbox_file() { return paths::user_data_dir() / "outbox.db"; }
std::filesystem::path default_results_db_file() {
    return paths::user_data_dir() / "workshop_results.db";
}

SyncReport sync_outbox(AttemptDb& outbox, const Endpoint& server, double timeout_s) {
    SyncReport report;
    for (const AttemptResult& a : outbox.all()) {
        try {
            const HttpResponse r =
                http_request(server, {"POST", "/results", attempt_to_json(a).dump()}, timeout_s);
            if (!r.ok()) {
                report.error = server.text() + " refused " + a.attempt_id + " (HTTP " +
                               std::to_string(r.status) + ": " + r.body + ")";
                break;
            }
            outbox.remove(a.attempt_id);
            ++report.sent;
        } catch (const NetworkError& e) {
            report.error = e.what();
            break;
        }
    }
    report.pending = outbox.count();
    return report;
}

std::vector<AttemptResult> fetch_results(const Endpoint& server, double timeout_s) {
    const HttpResponse r = http_request(server, {"GET", "/results", ""}, timeout_s);
    if (!r.ok())
        throw NetworkError(server.text() + ": GET /results answered HTTP " +
                           std::to_string(r.status));
    return attempts_from_json_text(r.body, server.text() + " GET /results");
}

std::string new_attempt_id() {
    std::random_device device;
    std::uniform_int_distribution<unsigned> byte(0, 255);
    unsigned char b[16];
    for (unsigned char& x : b) x = static_cast<unsigned char>(byte(device));
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
    char text[37];
    std::snprintf(text, sizeof text,
                  "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
                  b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                  b[14], b[15]);
    return text;
}


}  // namespace fluorosim::io
