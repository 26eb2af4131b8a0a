// The app's station client on its own: results waiting in the outbox while the service is
// down go out by themselves once it is back (the retry timer), and the status says so.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "app/workshop_client.hpp"
#include "io/workshop/results_service.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::app {
namespace {

namespace fs = std::filesystem;

TEST(WorkshopClient, RetriesUntilTheServiceIsBack) {
    const fs::path dir = test::output_dir() / "workshop_client";
    fs::remove_all(dir);
    AttemptResult a;
    a.attempt_id = "waiting-1";
    a.trainee = "ana";
    a.scenario = "MBB L4";
    a.started_at = "2026-11-29T10:00:00Z";
    a.score = 64.0;
    io::AttemptDb(dir / "outbox.db").add(a);
    int port = 0;
    {
        io::HttpServer probe("127.0.0.1", 0);
        port = probe.port();
    }
    WorkshopOptions options;
    options.server = io::Endpoint{"127.0.0.1", port};
    options.outbox = dir / "outbox.db";
    options.retry_interval_s = 0.2;
    WorkshopClient client(options);
    client.wait();  // the first try, at start-up, finds nobody
    EXPECT_EQ(client.pending(), 1);
    EXPECT_FALSE(client.connected());
    EXPECT_EQ(client.status_text(),
              "workshop 127.0.0.1:" + std::to_string(port) + ": 1 pending (unreachable)");

    io::AttemptDb server_db(dir / "server.db");
    io::HttpServer server("127.0.0.1", port);
    std::atomic<bool> stop{false};
    std::thread service([&] {
        server.serve(
            [&](const io::HttpRequest& r) { return io::handle_results_request(server_db, r); },
            stop);
    });
    for (int i = 0; i < 200 && (client.pending() > 0 || !client.connected()); ++i) {
        client.tick(0.05);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    client.wait();
    stop = true;
    service.join();
    EXPECT_EQ(client.pending(), 0);
    EXPECT_TRUE(client.connected());
    EXPECT_EQ(client.status_text(), "workshop 127.0.0.1:" + std::to_string(port) + ": connected");
    EXPECT_EQ(server_db.all(), std::vector<AttemptResult>{a});
    EXPECT_EQ(io::AttemptDb(dir / "outbox.db").count(), 0);
}

}  // namespace
}  // namespace fluorosim::app
