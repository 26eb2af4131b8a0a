// The past-sessions window's files: a stored session's recording (what the replay viewer
// opens) reads back to the stored command stream, and its HTML report embeds every stored
// image with the score; a session without a score is refused by name.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/session_browser.hpp"
#include "core/session/recording.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::app {
namespace {
namespace fs = std::filesystem;

std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

TEST(SessionBrowserTest, WritesTheStoredRecordingAndReport) {
    const fs::path dir = test::output_dir() / "session_browser";
    fs::remove_all(dir);
    fs::create_directories(dir);
    io::SessionStore store(dir / "sessions.db");
    const std::int64_t scored =
        store.begin_session({"ana", "MBB L4 left", "scenarios/mbb_l4_left.yaml", 42, 7, true,
                             "practice", "2026-11-29T10:15:00Z", 1, ""});
    store.append_command(scored, make_command(0, CommandKind::session_start));
    store.append_command(scored, make_command(2.5, CommandKind::needle_advance, {1.5}));
    store.append_command(scored, make_command(3.0, CommandKind::carm_shot));
    const std::vector<std::uint8_t> png{0x89, 'P', 'N', 'G', 1, 2, 3};
    store.append_image(scored, {3.0, 0, true, 0.0, 0.0, "AP", 75.0, 2.0, png});
    store.append_image(scored, {9.0, 1, true, 25.0, 0.0, "LAO 25", 75.0, 2.0, png});
    ScoreReport report;
    report.scenario = "MBB L4 left";
    report.score = 81.5;
    report.pass_score = 70;
    report.passed = true;
    store.finish_session(scored, report, "2026-11-29T10:17:00Z");
    const std::int64_t unscored =
        store.begin_session({"ana", "MBB L4 left", "scenarios/mbb_l4_left.yaml", 42, 7, true,
                             "practice", "2026-11-29T11:00:00Z", 1, ""});
    store.commit();

    const fs::path recording = write_session_recording(store, scored, dir / "exports");
    EXPECT_EQ(load_recording(recording.string()), store.recording(scored));
    EXPECT_EQ(load_recording(recording.string()).commands.size(), 3u);

    const std::string html = read(write_session_report(store, scored, dir / "exports"));
    EXPECT_NE(html.find("81.5"), std::string::npos);
    EXPECT_EQ(count(html, "data:image/png;base64,"), 2u) << "every stored image is embedded";
    EXPECT_NE(html.find("LAO 25"), std::string::npos) << "images are captioned with their angles";

    try {
        write_session_report(store, unscored, dir / "exports");
        ADD_FAILURE() << "an unscored session has no report";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("session " + std::to_string(unscored)),
                  std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace fluorosim::app
