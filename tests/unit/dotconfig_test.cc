// The .config text module (kconfig/dotconfig.h) on inline inputs. The Conf
// and ConfLegacy expectations are what conf_read_simple of 6.12 and 6.1 do
// with the same lines (confdata_test.cc runs them through a whole read);
// the MergeConfig and Diffconfig ones follow merge_config.sh's sed patterns
// and scripts/diffconfig's readconfig().
#include "kconfig/dotconfig.h"

#include <gtest/gtest.h>

using namespace kconfig;

namespace {

ConfigLine line(std::string_view text, LineSyntax syntax, bool had_newline = true) {
    return read_config_line(text, syntax, "CONFIG_", had_newline);
}

} // namespace

TEST(DotconfigRead, SetUnsetAndModule) {
    ConfigLine s = line("CONFIG_XEN=y", LineSyntax::Conf);
    EXPECT_EQ(s.kind, LineKind::Set);
    EXPECT_EQ(s.name, "XEN");
    EXPECT_EQ(s.value, "y");
    ConfigLine m = line("CONFIG_XEN_BLKDEV_FRONTEND=m", LineSyntax::Conf);
    EXPECT_EQ(m.kind, LineKind::Set);
    EXPECT_EQ(m.value, "m");
    ConfigLine u = line("# CONFIG_XEN_DOM0 is not set", LineSyntax::Conf);
    EXPECT_EQ(u.kind, LineKind::Unset);
    EXPECT_EQ(u.name, "XEN_DOM0");
    EXPECT_EQ(u.value, "n");
}

TEST(DotconfigRead, HexAndIntAreKeptAsWritten) {
    EXPECT_EQ(line("CONFIG_PHYSICAL_START=0x1000000", LineSyntax::Conf).value, "0x1000000");
    EXPECT_EQ(line("CONFIG_NR_CPUS=-1", LineSyntax::Conf).value, "-1");
    EXPECT_EQ(line("CONFIG_NR_CPUS= 64 ", LineSyntax::Xencfg).value, "64");
}

TEST(DotconfigRead, StringsKeepQuotesUntilAskedForTheValue) {
    ConfigLine s =
        line(R"(CONFIG_CMDLINE="console=hvc0 \"quoted\" back\\slash")", LineSyntax::Conf);
    EXPECT_EQ(s.value, R"("console=hvc0 \"quoted\" back\\slash")");
    EXPECT_EQ(config_value_text(s.value), R"(console=hvc0 "quoted" back\slash)");
    // Not quoted: the value as written.
    EXPECT_EQ(config_value_text("y"), "y");
    EXPECT_EQ(config_value_text("\"open"), "\"open");
}

TEST(DotconfigRead, UnquoteAsConfDoes) {
    std::string v;
    EXPECT_EQ(unquote_string_value(R"("a\"b\\c")", &v), Unquoted::Ok);
    EXPECT_EQ(v, R"(a"b\c)");
    // Anything after the closing quote is dropped.
    EXPECT_EQ(unquote_string_value(R"("x" trailing)", &v), Unquoted::Ok);
    EXPECT_EQ(v, "x");
    EXPECT_EQ(unquote_string_value("x", &v), Unquoted::NotQuoted);
    EXPECT_EQ(unquote_string_value("", &v), Unquoted::NotQuoted);
    EXPECT_EQ(unquote_string_value(R"("abc)", &v), Unquoted::Unterminated);
    // A backslash at the very end escapes nothing: still unterminated.
    EXPECT_EQ(unquote_string_value(R"("abc\")", &v), Unquoted::Unterminated);
}

TEST(DotconfigRead, ConfIsStrictAboutIsNotSet) {
    EXPECT_EQ(line("# CONFIG_A is not set ", LineSyntax::Conf).kind, LineKind::Comment);
    EXPECT_EQ(line("#CONFIG_A is not set", LineSyntax::Conf).kind, LineKind::Comment);
    EXPECT_EQ(line("# CONFIG_A is not set", LineSyntax::Conf).kind, LineKind::Unset);
    // Before 6.11 "is not set" is only a prefix of the rest.
    EXPECT_EQ(line("# CONFIG_A is not set really", LineSyntax::ConfLegacy).kind, LineKind::Unset);
    EXPECT_EQ(line("# CONFIG_A is not set really", LineSyntax::Conf).kind, LineKind::Comment);
    // xencfg's inputs tolerate trailing blanks.
    EXPECT_EQ(line("# CONFIG_A is not set \t", LineSyntax::Xencfg).kind, LineKind::Unset);
}

TEST(DotconfigRead, MalformedLines) {
    ConfigLine a = line("XEN=y", LineSyntax::Conf);
    EXPECT_EQ(a.kind, LineKind::Malformed);
    EXPECT_EQ(a.text, "XEN=y");
    EXPECT_EQ(line("CONFIG_XEN", LineSyntax::Conf).kind, LineKind::Malformed);
    // Before 6.11 a prefix without '=' is skipped silently.
    EXPECT_EQ(line("CONFIG_XEN", LineSyntax::ConfLegacy).kind, LineKind::Ignored);
    EXPECT_EQ(line("garbage\r", LineSyntax::ConfLegacy).text, "garbage");
    EXPECT_EQ(line("CONFIG_A-B=y", LineSyntax::Xencfg).kind, LineKind::Malformed);
    EXPECT_EQ(line("CONFIG_=y", LineSyntax::Xencfg).kind, LineKind::Malformed);
}

TEST(DotconfigRead, ProblemsCarryFileAndLine) {
    auto problems = config_text_problems("CONFIG_A=y\nbogus line\n# fine\nCONFIG_B\n",
                                         LineSyntax::Conf, "frag.config");
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].code, DiagCode::ConfigUnexpectedData);
    EXPECT_EQ(problems[0].file, "frag.config");
    EXPECT_EQ(problems[0].line, 2);
    EXPECT_EQ(problems[0].conf_text, "frag.config:2:warning: unexpected data: bogus line");
    EXPECT_EQ(problems[1].line, 4);
    EXPECT_EQ(problems[1].message, "unexpected data: CONFIG_B");
}

TEST(DotconfigRead, CrlfAndMissingFinalNewline) {
    auto lines =
        read_config_text("CONFIG_A=y\r\n# CONFIG_B is not set\r\nCONFIG_C=\"s\"", LineSyntax::Conf);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0].value, "y");
    EXPECT_EQ(lines[1].kind, LineKind::Unset);
    EXPECT_EQ(lines[2].value, "\"s\"");
    EXPECT_EQ(lines[2].line, 3);
    // conf drops "\r" only before a newline.
    EXPECT_EQ(read_config_text("CONFIG_A=y\r", LineSyntax::Conf)[0].value, "y\r");
    // sed keeps the "\r": the unset line does not match "is not set$".
    EXPECT_EQ(read_config_line("# CONFIG_B is not set\r", LineSyntax::MergeConfig).kind,
              LineKind::Comment);
    // diffconfig reads with universal newlines: a lone "\r" ends a line.
    auto d = read_config_settings("CONFIG_A=y\rCONFIG_B=m\r\n", LineSyntax::Diffconfig);
    ASSERT_EQ(d.size(), 2u);
    EXPECT_EQ(d[1].name, "B");
    EXPECT_EQ(d[1].value, "m");
}

TEST(DotconfigRead, EmbeddedNulEndsTheLineForConf) {
    std::string text("CONFIG_A=y\0junk\nCONFIG_B=m\n", 26);
    auto lines = read_config_settings(text, LineSyntax::Conf);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].value, "y");
    EXPECT_EQ(lines[1].line, 2);
}

TEST(DotconfigRead, LaterLinesWin) {
    auto v = config_values("CONFIG_A=y\n# CONFIG_A is not set\nCONFIG_S=\"x\"\n");
    EXPECT_EQ(v.size(), 2u);
    EXPECT_EQ(v["A"], "n");
    EXPECT_EQ(v["S"], "\"x\"");
}

TEST(DotconfigWrite, TypeAwareLines) {
    EXPECT_EQ(config_line("XEN", SymbolType::Bool, "y"), "CONFIG_XEN=y");
    EXPECT_EQ(config_line("XEN", SymbolType::Bool, "n"), "# CONFIG_XEN is not set");
    EXPECT_EQ(config_line("NETFRONT", SymbolType::Tristate, "m"), "CONFIG_NETFRONT=m");
    EXPECT_EQ(config_line("NETFRONT", SymbolType::Tristate, "n", UnsetStyle::Value),
              "CONFIG_NETFRONT=n");
    EXPECT_EQ(config_line("NR_CPUS", SymbolType::Int, "64"), "CONFIG_NR_CPUS=64");
    EXPECT_EQ(config_line("BASE", SymbolType::Hex, "0x1000"), "CONFIG_BASE=0x1000");
    EXPECT_EQ(config_line("CMDLINE", SymbolType::String, R"(a "b" c\d)"),
              R"(CONFIG_CMDLINE="a \"b\" c\\d")");
    // A string "n" is a string, not unset.
    EXPECT_EQ(config_line("S", SymbolType::String, "n"), "CONFIG_S=\"n\"");
    EXPECT_EQ(config_line("S", SymbolType::String, ""), "CONFIG_S=\"\"");
    // Without a type: n unset, the rest bare.
    EXPECT_EQ(config_line("X", SymbolType::Unknown, "n"), "# CONFIG_X is not set");
    EXPECT_EQ(config_line("X", SymbolType::Unknown, "0x10"), "CONFIG_X=0x10");
    EXPECT_EQ(config_line("X", SymbolType::Bool, "y", UnsetStyle::Comment, "XEN_"), "XEN_X=y");
}

TEST(DotconfigWrite, QuotedStringsReadBack) {
    for (std::string v : {"", "plain", R"(q"uote)", R"(back\slash)", R"(\")", "tab\there"}) {
        std::string line_text = config_line("S", SymbolType::String, v);
        ConfigLine l = line(line_text, LineSyntax::Conf);
        ASSERT_EQ(l.kind, LineKind::Set) << line_text;
        EXPECT_EQ(config_value_text(l.value), v) << line_text;
    }
}

TEST(DotconfigWrite, Heading) {
    EXPECT_EQ(config_heading("Linux/x86 6.12.0 Kernel Configuration"),
              "#\n# Automatically generated file; DO NOT EDIT.\n"
              "# Linux/x86 6.12.0 Kernel Configuration\n#\n");
}

TEST(DotconfigMerge, AsMergeConfigSh) {
    // Lines of the base that the fragment names go; the fragment is
    // appended, its missing final newline added.
    EXPECT_EQ(merge_config_fragment("# head\nCONFIG_A=y\n# CONFIG_B is not set\nCONFIG_AB=m\n",
                                    "CONFIG_B=y\n# CONFIG_A is not set"),
              "# head\nCONFIG_AB=m\nCONFIG_B=y\n# CONFIG_A is not set\n");
    // A name sed's [a-zA-Z0-9_]* cannot hold is not a setting.
    EXPECT_EQ(merge_config_fragment("CONFIG_A=y\n", "CONFIG_A-B=y\n"),
              "CONFIG_A=y\nCONFIG_A-B=y\n");
    EXPECT_EQ(merge_config_fragment("", ""), "");
}
