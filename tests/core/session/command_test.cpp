#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/session/command.hpp"
#include "core/session/recording.hpp"

namespace fluorosim {
namespace {

TEST(Command, TableCoversEveryKindInOrderWithUniqueNames) {
    const auto& table = command_table();
    std::set<std::string_view> names;
    for (std::size_t i = 0; i < table.size(); ++i) {
        EXPECT_EQ(std::size_t(table[i].kind), i) << table[i].name;
        EXPECT_TRUE(names.insert(table[i].name).second) << table[i].name;
        EXPECT_EQ(find_command(table[i].name), &table[i]);
        EXPECT_FALSE(table[i].word && table[i].numbers > 0) << table[i].name;
    }
    EXPECT_EQ(table.size(), std::size_t(CommandKind::session_learning_aids) + 1);
    EXPECT_EQ(find_command("needle.teleport"), nullptr);
}

TEST(Command, FormatAndParseOneLine) {
    const Command c = make_command(12.5, CommandKind::needle_advance, {2.0});
    EXPECT_EQ(format_command(c), "12.5 needle.advance 2");
    EXPECT_EQ(parse_command("12.5 needle.advance 2", {}), c);
    EXPECT_EQ(format_command(make_command(3, CommandKind::carm_preset, {}, "lateral")), "3 carm.preset lateral");
    EXPECT_EQ(format_command(make_command(0.25, CommandKind::pedal_down)), "0.25 pedal.down");
}

TEST(Command, ArgumentChecksNameTheProblem) {
    EXPECT_EQ(check_arguments(make_command(0, CommandKind::needle_select, {}, "tuohy_20g_90mm")), "");
    EXPECT_NE(check_arguments(make_command(0, CommandKind::needle_select, {}, "tuohy")).find("unknown needle 'tuohy'"),
              std::string::npos);
    EXPECT_NE(check_arguments(make_command(0, CommandKind::needle_aim, {90.0, 0.0})).find("medial angle"), std::string::npos);
    EXPECT_NE(check_arguments(make_command(0, CommandKind::carm_technique, {40.0, 5.0})).find("tube voltage"), std::string::npos);
    EXPECT_NE(check_arguments(make_command(0, CommandKind::needle_entry, {0.0, std::nan(""), 0.0})).find("argument 2"),
              std::string::npos);
}

}  // namespace
}  // namespace fluorosim
