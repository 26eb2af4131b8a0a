// The reports' shared text: numbers, HTML escaping, CSV fields (RFC 4180).
#include <gtest/gtest.h>

#include "core/util/text_format.hpp"

namespace fluorosim {
namespace {

TEST(TextFormatTest, NumbersHtmlAndCsv) {
    EXPECT_EQ(format_number("%.1f mm", 2.25), "2.2 mm");  // round half to even in printf
    EXPECT_EQ(format_number("%.0f", 87.6), "88");
    EXPECT_EQ(html_escape("a < b & \"c\" > d"), "a &lt; b &amp; &quot;c&quot; &gt; d");
    EXPECT_EQ(csv_field("plain"), "plain");
    EXPECT_EQ(csv_field("L4, left"), "\"L4, left\"");
    EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(csv_field("cr\r"), "\"cr\r\"");
}

}  // namespace
TEST(TextFormatTest, NiceCeilingIsOneTwoOrFiveTimesAPowerOfTen) {
    EXPECT_DOUBLE_EQ(nice_ceiling(7.0), 10.0);
    EXPECT_DOUBLE_EQ(nice_ceiling(10.0), 10.0);
    EXPECT_DOUBLE_EQ(nice_ceiling(11.0), 20.0);
    EXPECT_DOUBLE_EQ(nice_ceiling(100.0), 100.0);
    EXPECT_DOUBLE_EQ(nice_ceiling(0.0042), 0.005);
    EXPECT_DOUBLE_EQ(nice_ceiling(0.3), 0.5);
    EXPECT_DOUBLE_EQ(nice_ceiling(0.2), 0.2);
    EXPECT_DOUBLE_EQ(nice_ceiling(0.0), 1.0);  // empty or all-zero series
    EXPECT_DOUBLE_EQ(nice_ceiling(-3.0), 1.0);
}

TEST(TextFormatTest, HtmlPageStartAndList) {
    const std::string head = html_page_start("FluoroSim report: <L4>", 60, "img{max-width:20em}");
    EXPECT_EQ(head.rfind("<!DOCTYPE html>\n", 0), 0u);
    EXPECT_NE(head.find("<title>FluoroSim report: &lt;L4&gt;</title>"), std::string::npos);
    EXPECT_NE(head.find("max-width:60em"), std::string::npos);
    EXPECT_NE(head.find("td.n{text-align:right}img{max-width:20em}\n</style>"), std::string::npos);
    EXPECT_EQ(head.substr(head.size() - 7), "<body>\n");
    EXPECT_EQ(html_list("Done well", {"a < b", "c"}), "<h3>Done well</h3>\n<ul>\n<li>a &lt; b</li>\n<li>c</li>\n</ul>\n");
    EXPECT_EQ(html_list("Done well", {}), "");
}

}  // namespace fluorosim
