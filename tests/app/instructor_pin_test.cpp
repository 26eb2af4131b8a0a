// The instructor PIN: 0000 until one is set, stored salted and hashed (never as text), checked
// by hash, survives a restart; a broken file falls back to the default instead of locking out.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/instructor_pin.hpp"
#include "support/server_process.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::app {
namespace {

TEST(InstructorPin, DefaultUntilSetThenHashedOnDisk) {
    const auto file = test::output_dir() / "instructor_pin" / "instructor.json";
    std::filesystem::remove_all(file.parent_path());
    const InstructorPin first = load_instructor_pin(file);
    EXPECT_TRUE(first.is_default);
    EXPECT_TRUE(pin_matches(first, "0000"));
    EXPECT_FALSE(pin_matches(first, "1234"));

    const InstructorPin set = make_instructor_pin("48151623");
    EXPECT_FALSE(set.is_default);
    EXPECT_EQ(save_instructor_pin(file, set), "");
    const std::string text = test::read_all(file);
    EXPECT_EQ(text.find("48151623"), std::string::npos) << text;
    const InstructorPin loaded = load_instructor_pin(file);
    EXPECT_FALSE(loaded.is_default);
    EXPECT_TRUE(pin_matches(loaded, "48151623"));
    EXPECT_FALSE(pin_matches(loaded, "0000"));
    // Same PIN, fresh salt, different hash: equal PINs do not show as equal files.
    EXPECT_NE(make_instructor_pin("48151623").sha256, set.sha256);

    std::ofstream(file) << "{ not json";
    EXPECT_TRUE(load_instructor_pin(file).is_default);
}

TEST(InstructorPin, AcceptsFourToTwelveDigits) {
    EXPECT_EQ(pin_problem("0000"), "");
    EXPECT_EQ(pin_problem("123456789012"), "");
    EXPECT_EQ(pin_problem("123"), "the PIN must have 4 to 12 digits");
    EXPECT_EQ(pin_problem("1234567890123"), "the PIN must have 4 to 12 digits");
    EXPECT_EQ(pin_problem("12a4"), "the PIN must have digits only");
}

}  // namespace
}  // namespace fluorosim::app
