// Ignore comments (rules/ignores.h): read, and kept when xencfg rewrites a
// .config.
#include "rules/ignores.h"

#include <gtest/gtest.h>

using namespace xenrules;

TEST(IgnoreComment, Read) {
    auto c = read_ignore_comment("# xencfg: ignore domU.fbfront, dom0.acpi -- no screen");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->ids, (std::vector<std::string>{"domU.fbfront", "dom0.acpi"}));
    EXPECT_EQ(c->reason, "no screen");
    auto p = read_ignore_comment("#xencfg:\tignore domU.*");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->ids, (std::vector<std::string>{"domU.*"}));
    EXPECT_EQ(p->reason, "");
    EXPECT_FALSE(read_ignore_comment("# xencfg: ignored domU.x"));
    EXPECT_FALSE(read_ignore_comment("# xencfg: ignore"));
    EXPECT_FALSE(read_ignore_comment("CONFIG_X=y # xencfg: ignore a"));
    EXPECT_FALSE(read_ignore_comment("# CONFIG_X is not set"));
}

TEST(KeepIgnoreComments, AboveTheirSymbolInTheNewOrder) {
    const std::string input = "CONFIG_A=y\n"
                              "# xencfg: ignore r.b -- because\n"
                              "# a plain comment is not kept\n"
                              "\n"
                              "# CONFIG_B is not set\n"
                              "# xencfg: ignore r.c1\n"
                              "# xencfg: ignore r.c2\n"
                              "CONFIG_C=m\n";
    // conf's output: other order, no comments.
    const std::string output = "#\n# head\n#\nCONFIG_C=y\nCONFIG_A=y\n# CONFIG_B is not set\n";
    EXPECT_EQ(keep_ignore_comments(input, output),
              "#\n# head\n#\n"
              "# xencfg: ignore r.c1\n# xencfg: ignore r.c2\nCONFIG_C=y\n"
              "CONFIG_A=y\n"
              "# xencfg: ignore r.b -- because\n# CONFIG_B is not set\n");
}

TEST(KeepIgnoreComments, UnplacedCommentsGoAtTheEnd) {
    const std::string input = "# xencfg: ignore r.gone\nCONFIG_GONE=y\nCONFIG_A=y\n"
                              "# xencfg: ignore r.tail\r\n";
    EXPECT_EQ(keep_ignore_comments(input, "CONFIG_A=y\n"),
              "CONFIG_A=y\n# xencfg: ignore r.gone\n# xencfg: ignore r.tail\n");
}

TEST(KeepIgnoreComments, OtherXencfgCommentsLeaveTheOutputAlone) {
    const std::string output = "CONFIG_A=y\nno newline at the end";
    EXPECT_EQ(keep_ignore_comments("# xencfg: note\n#xencfg:ignored\nCONFIG_A=y\n", output),
              output);
}

TEST(KeepIgnoreComments, NoIgnoreCommentLeavesTheOutputAlone) {
    const std::string output = "CONFIG_A=y\nno newline at the end";
    EXPECT_EQ(keep_ignore_comments("CONFIG_A=y\n# other\n", output), output);
    EXPECT_EQ(keep_ignore_comments("", ""), "");
}
