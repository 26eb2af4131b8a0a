// The results database, the service's answers and the station's outbox, in one process: the
// service runs on a thread on a free port; the two-process test is tests/cli/workshop_test.cpp.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "core/records/attempt_json.hpp"
#include "core/util/error.hpp"
#include "io/utc_time.hpp"
#include "io/workshop/attempt_db.hpp"
#include "io/workshop/results_client.hpp"
#include "io/workshop/results_service.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::io {
namespace {

namespace fs = std::filesystem;

AttemptResult result(const std::string& id, double score) {
    AttemptResult a;
    a.attempt_id = id;
    a.trainee = "ana";
    a.scenario = "MBB L4";
    a.started_at = "2026-11-29T10:00:00Z";
    a.score = score;
    a.shots = 7;
    return a;
}

fs::path fresh(const std::string& name) {
    const fs::path p = test::output_dir() / "workshop" / name;
    fs::create_directories(p.parent_path());
    fs::remove(p);
    return p;
}

// A service on a thread, stopped and joined when it goes out of scope.
struct ServiceThread {
    AttemptDb db;
    HttpServer server{"127.0.0.1", 0};
    std::atomic<bool> stop{false};
    std::thread thread;
    explicit ServiceThread(const fs::path& file) : db(file) {
        thread = std::thread([this] {
            server.serve([this](const HttpRequest& r) { return handle_results_request(db, r); },
                         stop);
        });
    }
    ~ServiceThread() {
        stop = true;
        thread.join();
    }
    Endpoint endpoint() const { return {"127.0.0.1", server.port()}; }
};

TEST(AttemptDb, KeepsEachAttemptOnceAcrossReopening) {
    const fs::path file = fresh("db.sqlite");
    {
        AttemptDb db(file);
        EXPECT_TRUE(db.add(result("a", 10)));
        EXPECT_TRUE(db.add(result("b", 20)));
        EXPECT_FALSE(db.add(result("a", 99)));  // same id: refused, first copy kept
        EXPECT_EQ(db.count(), 2);
    }
    AttemptDb db(file);
    ASSERT_EQ(db.all().size(), 2u);
    EXPECT_EQ(db.all()[0], result("a", 10));
    EXPECT_EQ(db.all()[1], result("b", 20));
    EXPECT_TRUE(db.remove("a"));
    EXPECT_FALSE(db.remove("a"));
    EXPECT_EQ(db.count(), 1);
}

TEST(AttemptDb, NotADatabaseNamesTheFile) {
    const fs::path file = fresh("not_a_db.sqlite");
    std::ofstream(file) << "this is a text file, long enough to fill SQLite's 100-byte header "
                           "check..........................";
    try {
        AttemptDb db(file);
        FAIL() << "opened a text file";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find(file.string() + ": not a usable results database"),
                  std::string::npos)
            << e.what();
    }
}

TEST(ResultsService, AnswersPostGetHealthAndRefusals) {
    AttemptDb db(fresh("service.sqlite"));
    const std::string body = attempt_to_json(result("a", 55)).dump();
    EXPECT_EQ(handle_results_request(db, {"POST", "/results", body}).status, 201);
    const HttpResponse again = handle_results_request(db, {"POST", "/results", body});
    EXPECT_EQ(again.status, 200);
    EXPECT_NE(again.body.find("\"duplicate\":true"), std::string::npos);
    EXPECT_EQ(db.count(), 1);
    const HttpResponse list = handle_results_request(db, {"GET", "/results", ""});
    EXPECT_EQ(list.status, 200);
    EXPECT_EQ(attempts_from_json_text(list.body, "x"), std::vector<AttemptResult>{result("a", 55)});
    const HttpResponse bad =
        handle_results_request(db, {"POST", "/results", R"({"attempt_id":"z"})"});
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("'trainee': missing"), std::string::npos) << bad.body;
    EXPECT_EQ(handle_results_request(db, {"GET", "/health", ""}).status, 200);
    EXPECT_EQ(handle_results_request(db, {"GET", "/nowhere", ""}).status, 404);
    EXPECT_EQ(handle_results_request(db, {"DELETE", "/results", ""}).status, 405);
    EXPECT_EQ(db.count(), 1);
}

TEST(ResultsService, OutboxWaitsForTheServerAndSendsEachResultOnce) {
    const fs::path server_file = fresh("server.sqlite");
    AttemptDb outbox(fresh("outbox.sqlite"));
    outbox.add(result("r1", 30));
    outbox.add(result("r2", 40));
    int free_port = 0;
    {
        HttpServer probe("127.0.0.1", 0);  // a port nobody listens on once probe is gone
        free_port = probe.port();
    }
    const SyncReport down = sync_outbox(outbox, {"127.0.0.1", free_port}, 0.5);
    EXPECT_EQ(down.sent, 0);
    EXPECT_EQ(down.pending, 2);
    EXPECT_NE(down.error.find("cannot connect"), std::string::npos) << down.error;
    {
        ServiceThread service(server_file);
        const SyncReport up = sync_outbox(outbox, service.endpoint());
        EXPECT_EQ(up.sent, 2);
        EXPECT_EQ(up.pending, 0);
        EXPECT_EQ(up.error, "");
        // An acknowledgement lost on the way: the station sends r1 again; still one copy.
        outbox.add(result("r1", 30));
        EXPECT_EQ(sync_outbox(outbox, service.endpoint()).sent, 1);
        EXPECT_EQ(fetch_results(service.endpoint()),
                  (std::vector<AttemptResult>{result("r1", 30), result("r2", 40)}));
    }
    EXPECT_EQ(AttemptDb(server_file).count(), 2);
}

TEST(ResultsService, EndpointsAndIds) {
    EXPECT_EQ(parse_endpoint("10.0.0.5:8377", "--server").port, 8377);
    EXPECT_EQ(parse_endpoint("instructor.local:80", "--server").host, "instructor.local");
    EXPECT_THROW(parse_endpoint("10.0.0.5", "--server"), InputError);
    EXPECT_THROW(parse_endpoint("host:99999", "--server"), InputError);
    EXPECT_THROW(parse_endpoint(":80", "--server"), InputError);
    const std::string id = new_attempt_id();
    ASSERT_EQ(id.size(), 36u);
    EXPECT_EQ(id[14], '4');  // version 4
    EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos);
    EXPECT_NE(id, new_attempt_id());
    EXPECT_EQ(utc_now().size(), 20u);
}

}  // namespace
}  // namespace fluorosim::io
