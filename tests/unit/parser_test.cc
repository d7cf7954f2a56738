// Front-end unit tests: lexer, macro preprocessor, parser and menu finalize,
// on inline Kconfig inputs.
#include "kconfig/context.h"
#include "kconfig/menu.h"

#include <gtest/gtest.h>

using namespace kconfig;

namespace {

struct Loaded {
    Context ctx;
    bool ok = false;
    std::string diags() const {
        std::string out;
        for (const auto& d : ctx.diags.items())
            out += format_diagnostic(d) + "\n";
        return out;
    }
    // What conf prints for them: each diagnostic's conf text, a line each.
    std::string conf_output() const {
        std::string out;
        for (const auto& d : ctx.diags.items())
            out += d.conf_text + "\n";
        return out;
    }
};

// The parser's tests are written for 6.12's language unless they say.
constexpr Dialect k612{6, 12};

std::unique_ptr<Loaded> load(const std::map<std::string, std::string>& files,
                             std::map<std::string, std::string> env = {}, Dialect dialect = k612) {
    auto l = std::make_unique<Loaded>();
    l->ok = load_tree_from_memory(l->ctx, files, "Kconfig", env, dialect);
    return l;
}

std::unique_ptr<Loaded> load1(const std::string& text) {
    return load({{"Kconfig", text}});
}

Property* first_prop(Symbol* s, PropertyKind k) {
    for (Property* p : s->props)
        if (p->kind == k) return p;
    return nullptr;
}

} // namespace

TEST(Parser, ConfigEntryWithAllProperties) {
    auto l = load1("config FOO\n"
                   "\ttristate \"Foo support\" if BAR\n"
                   "\tdefault m if BAZ\n"
                   "\tdepends on BAR && !QUX\n"
                   "\tselect SEL if BAZ\n"
                   "\timply IMP\n"
                   "\thelp\n"
                   "\t  Some help.\n"
                   "\t    indented more.\n"
                   "\n"
                   "config BAR\n\tbool\n"
                   "config BAZ\n\tbool\n"
                   "config QUX\n\tbool\n"
                   "config SEL\n\tbool\n"
                   "config IMP\n\ttristate\n");
    ASSERT_TRUE(l->ok) << l->diags();
    EXPECT_EQ(l->ctx.diags.items().size(), 0u) << l->diags();
    Symbol* foo = l->ctx.find_symbol("FOO");
    ASSERT_NE(foo, nullptr);
    EXPECT_EQ(foo->type, SymbolType::Tristate);
    ASSERT_EQ(foo->menus.size(), 1u);
    MenuNode* m = foo->menus[0];
    EXPECT_EQ(*m->loc.file, "Kconfig");
    EXPECT_EQ(m->loc.line, 1);
    ASSERT_NE(m->prompt, nullptr);
    EXPECT_EQ(m->prompt->text, "Foo support");
    EXPECT_EQ(m->prompt->loc.line, 2);
    // Menu dependencies are ANDed into the prompt's condition.
    // BAR once: expr_eliminate_dups joins the second BAR into the first
    // place it meets, and (6.12+) drops the y left behind.
    EXPECT_EQ(expr_to_string(m->prompt->visible.expr), "!QUX && BAR");
    EXPECT_EQ(expr_to_string(m->dep), "BAR && !QUX");
    Property* def = first_prop(foo, PropertyKind::Default);
    ASSERT_NE(def, nullptr);
    EXPECT_EQ(def->loc.line, 3);
    // 'm' is rewritten to 'm && MODULES' (here no modules symbol: n).
    EXPECT_EQ(expr_to_string(def->expr), "m");
    EXPECT_EQ(m->help, "Some help.\n  indented more.\n");
    // Reverse dependencies: select and imply conditions with FOO's deps.
    EXPECT_EQ(expr_to_string(l->ctx.find_symbol("SEL")->rev_dep.expr), "FOO && BAR && !QUX && BAZ");
    EXPECT_EQ(expr_to_string(l->ctx.find_symbol("IMP")->implied.expr), "FOO && BAR && !QUX");
    EXPECT_EQ(expr_to_string(foo->dir_dep.expr), "BAR && !QUX");
}

TEST(Parser, MenusIfsAndVisibleIfPropagate) {
    auto l = load1("menu \"Outer\"\n"
                   "\tdepends on A\n"
                   "\tvisible if V\n"
                   "if B\n"
                   "config X\n\tbool \"x\"\n"
                   "endif\n"
                   "endmenu\n"
                   "config A\n\tbool\nconfig B\n\tbool\nconfig V\n\tbool\n");
    ASSERT_TRUE(l->ok) << l->diags();
    Symbol* x = l->ctx.find_symbol("X");
    MenuNode* m = x->menus[0];
    // The if block is flattened away; X's parent is the menu.
    ASSERT_NE(m->parent, nullptr);
    EXPECT_EQ(menu_prompt(m->parent), "Outer");
    EXPECT_EQ(menu_location(m), "-> Outer");
    EXPECT_EQ(expr_to_string(m->dep), "A && B");
    // `visible if` limits the prompt but not the dependencies.
    EXPECT_EQ(expr_to_string(m->prompt->visible.expr), "A && B && V");
}

TEST(Parser, ChoiceMembersAndDefaults) {
    auto l = load1("choice\n\tprompt \"Pick\"\n\tdefault B\n"
                   "config A\n\tbool \"a\"\n"
                   "config B\n\tbool \"b\"\n"
                   "endchoice\n");
    ASSERT_TRUE(l->ok) << l->diags();
    Symbol* a = l->ctx.find_symbol("A");
    MenuNode* choice = a->menus[0]->parent;
    ASSERT_TRUE(choice->is_choice);
    ASSERT_EQ(choice->choice_members.size(), 2u);
    EXPECT_EQ(choice->choice_members[1]->name, "B");
    EXPECT_TRUE(a->has(kSymChoiceValue));
    EXPECT_EQ(choice->sym->type, SymbolType::Bool);
    EXPECT_EQ(choice_menu_of(a), choice);
}

TEST(Parser, AutomaticSubmenuUnderSymbol) {
    auto l = load1("config A\n\tbool \"a\"\n"
                   "config B\n\tbool \"b\"\n\tdepends on A\n"
                   "config C\n\tbool \"c\"\n");
    ASSERT_TRUE(l->ok) << l->diags();
    MenuNode* a = l->ctx.find_symbol("A")->menus[0];
    MenuNode* b = l->ctx.find_symbol("B")->menus[0];
    MenuNode* c = l->ctx.find_symbol("C")->menus[0];
    EXPECT_EQ(a->list, b);
    EXPECT_EQ(b->parent, a);
    EXPECT_EQ(a->next, c);
}

TEST(Preprocessor, VariablesFunctionsAndEnvironment) {
    auto l =
        load({{"Kconfig", "simple := $(GREETING)\n"
                          "recursive = $(later)\n"
                          "later = late\n"
                          "list = a\n"
                          "list += b\n"
                          "pair = $(2)-$(1)\n"
                          "config S\n\tstring\n\tdefault "
                          "\"$(simple)|$(recursive)|$(list)|$(pair,x,y)|$(filename):$(lineno)\"\n"
                          "config T\n\tdef_bool $(shell,echo y)\n"}},
             {{"GREETING", "hi"}});
    ASSERT_TRUE(l->ok) << l->diags();
    Property* def = first_prop(l->ctx.find_symbol("S"), PropertyKind::Default);
    ASSERT_NE(def, nullptr);
    EXPECT_EQ(def->expr->sym->name, "hi|late|a b|y-x|Kconfig:9");
    EXPECT_TRUE(def->expr->sym->is_const());
    // $(shell,echo y) expands to the word y: the constant symbol.
    Property* tdef = first_prop(l->ctx.find_symbol("T"), PropertyKind::Default);
    EXPECT_EQ(tdef->expr->sym, &l->ctx.sym_yes);
    ASSERT_EQ(l->ctx.env_used.size(), 1u);
    EXPECT_EQ(l->ctx.env_used[0].first, "GREETING");
    ASSERT_EQ(l->ctx.probes.size(), 1u);
    EXPECT_EQ(l->ctx.probes[0].command, "echo y");
}

TEST(Preprocessor, WarningIfAndErrorIf) {
    auto l = load1("$(warning-if,y,careful)\n$(error-if,y,stop here)\nconfig A\n\tbool\n");
    EXPECT_FALSE(l->ok);
    ASSERT_GE(l->ctx.diags.items().size(), 2u);
    EXPECT_EQ(l->ctx.diags.items()[0].conf_text, "Kconfig:1: careful");
    EXPECT_EQ(l->ctx.diags.items()[1].severity, Severity::Error);
    EXPECT_EQ(l->ctx.diags.items()[1].message, "stop here");
    EXPECT_EQ(l->ctx.diags.items()[1].line, 2);
}

TEST(Preprocessor, RecursiveVariableIsAnError) {
    auto l = load1("X = $(X)\nconfig A\n\tbool \"$(X)\"\n");
    EXPECT_FALSE(l->ok);
    EXPECT_EQ(l->diags(),
              "Kconfig:3: error: Recursive variable 'X' references itself (eventually)\n");
}

TEST(Preprocessor, OfflineModeRunsNoShell) {
    Context ctx;
    ctx.probe_options.offline = true;
    ASSERT_TRUE(load_tree_from_memory(
        ctx,
        {{"Kconfig",
          "config CC_HAS_X\n\tdef_bool $(shell,touch /tmp/xencfg-must-not-exist; echo y)\n"}},
        "Kconfig", {}, k612));
    ASSERT_EQ(ctx.probes.size(), 1u);
    EXPECT_TRUE(ctx.probes[0].skipped_offline);
    EXPECT_TRUE(ctx.find_symbol("CC_HAS_X")->has(kSymProbeDerived));
    EXPECT_NE(access("/tmp/xencfg-must-not-exist", F_OK), 0);
}

TEST(Source, NestedAndMissing) {
    auto l = load({{"Kconfig", "source \"a/Kconfig\"\n"},
                   {"a/Kconfig", "config A\n\tbool\nsource \"a/b.kconfig\"\n"},
                   {"a/b.kconfig", "config B\n\tbool\n"}});
    ASSERT_TRUE(l->ok) << l->diags();
    EXPECT_EQ(*l->ctx.find_symbol("B")->menus[0]->loc.file, "a/b.kconfig");

    // Kconfiglib's rsource/osource/orsource and patterns are no Linux
    // Kconfig: conf 5.10 to 7.3 read the first as an unknown statement and
    // the name as it is.
    auto other = load({{"Kconfig", "rsource \"b\"\nsource \"*\"\n"}, {"b", ""}, {"*x", ""}});
    EXPECT_FALSE(other->ok);
    EXPECT_EQ(other->conf_output(), "Kconfig:1: syntax error\n"
                                    "Kconfig:1: unknown statement \"rsource\"\n"
                                    "Kconfig:2: can't open file \"*\"\n");

    auto missing = load({{"Kconfig", "config A\n\tbool\nsource \"nope/Kconfig\"\n"}});
    EXPECT_FALSE(missing->ok);
    const auto& d = missing->ctx.diags.items().at(0);
    EXPECT_EQ(d.file, "Kconfig");
    EXPECT_EQ(d.line, 3);
    EXPECT_EQ(d.message, "can't open file \"nope/Kconfig\": No such file or directory");
}

TEST(Source, RecursiveInclusionIsReportedWithChain) {
    auto l =
        load({{"Kconfig", "source \"a\"\n"}, {"a", "source \"b\"\n"}, {"b", "source \"a\"\n"}});
    EXPECT_FALSE(l->ok);
    const auto& d = l->ctx.diags.items().at(0);
    EXPECT_EQ(d.file, "b");
    EXPECT_EQ(d.conf_text,
              "Recursive inclusion detected.\nInclusion path:\n  current file : a\n"
              "  included from: b:1\n  included from: a:1\n  included from: Kconfig:1");
    EXPECT_EQ(d.message, "recursive inclusion of \"a\"");
}

// A `source` on a file's last line without a newline: reading its end of
// line closes the file first, yet the statement still belongs to it (a
// self-inclusion there used to reopen the file forever; found by fuzzing).
TEST(Source, LastLineWithoutNewlineStillBelongsToItsFile) {
    auto self = load({{"Kconfig", "source \"a\"\n"}, {"a", "config A\n\tbool\nsource \"a\""}});
    EXPECT_FALSE(self->ok);
    std::string all = self->diags();
    EXPECT_EQ(all, "a:3: warning: no new line at end of file\n"
                   "a:3: error: recursive inclusion of \"a\"\n");

    auto relative = load({{"Kconfig", "source \"d/Kconfig\"\nconfig TOP\n\tbool\n"},
                          {"d/Kconfig", "config A\n\tbool\nsource \"d/b\""},
                          {"d/b", "config B\n\tbool\n"}});
    ASSERT_TRUE(relative->ok) << relative->diags();
    EXPECT_EQ(*relative->ctx.find_symbol("B")->menus[0]->loc.file, "d/b");
}

// Each expected output below is what 6.12's conf prints for the same input.
TEST(Errors, UnterminatedBlocksAndBadStatements) {
    // The input ends where an end statement is due: a syntax error, then
    // each open block from the innermost.
    auto l = load1("menu \"M\"\nif A\nconfig A\n\tbool\n");
    EXPECT_FALSE(l->ok);
    EXPECT_EQ(l->conf_output(), "Kconfig:5: syntax error\n"
                                "Kconfig:2: missing end statement for this entry\n"
                                "Kconfig:1: missing end statement for this entry\n");

    auto bad = load1("config A\n\tbool\nfrobnicate A\nconfig B\n\tbool\nendmenu\n");
    EXPECT_FALSE(bad->ok);
    EXPECT_EQ(bad->conf_output(), "Kconfig:3: syntax error\n"
                                  "Kconfig:3: unknown statement \"frobnicate\"\n"
                                  "Kconfig:6: syntax error\n"
                                  "Kconfig:6: invalid statement\n");
    // Recovery: B after the bad line is still defined.
    ASSERT_NE(bad->ctx.find_symbol("B"), nullptr);
    EXPECT_TRUE(bad->ctx.find_symbol("B")->is_defined());

    // A wrong end token closes the block all the same (the menu stays open).
    auto wrong = load1("if A\nconfig B\n\tbool \"b\"\nendmenu\nendif\n");
    EXPECT_EQ(wrong->conf_output(), "Kconfig:4: unexpected 'menu' within if block\n"
                                    "Kconfig:5: syntax error\n"
                                    "Kconfig:5: invalid statement\n");
}

// conf's parser is bison's: a syntax error drops the construct being read
// back to the statement list, skips to the end of the line and reports the
// statement; "syntax error" itself is said only three tokens after the last
// one. Expected outputs are conf's (6.12, and 5.10 where it differs).
TEST(Errors, RecoveryAsConfsParser) {
    // The broken option ends its config entry: the lines after it are
    // statements, and invalid ones; no "syntax error" for them, as fewer
    // than three tokens were read since.
    auto entry =
        load1("config A\n\tbool \"a\" foo\n\tdefault y\nconfig B\n\tbool \"b\"\n\tselect\n");
    EXPECT_EQ(entry->conf_output(), "Kconfig:2: syntax error\n"
                                    "Kconfig:2: invalid statement\n"
                                    "Kconfig:3: invalid statement\n"
                                    "Kconfig:6: syntax error\n"
                                    "Kconfig:6: invalid statement\n");
    // Words in a row: each is an unknown statement, said after its line is
    // read (the lexer's warnings come first).
    auto words = load1("config A\n\tbool \"a\"\n\tfoo bar\n\tbar.\nx\n");
    EXPECT_EQ(words->conf_output(), "Kconfig:3: syntax error\n"
                                    "Kconfig:3: unknown statement \"foo\"\n"
                                    "Kconfig:4:warning: ignoring unsupported character '.'\n"
                                    "Kconfig:4: unknown statement \"bar\"\n"
                                    "Kconfig:5: unknown statement \"x\"\n");
    // A choice's statement list has no assignments: a word is invalid.
    auto choice = load1("choice\n\tprompt \"c\"\nconfig A\n\tbool \"a\"\nfoo = 1\nendchoice\n");
    EXPECT_EQ(choice->conf_output(), "Kconfig:5: syntax error\n"
                                     "Kconfig:5: invalid statement\n");
    // Before 6.9, yyerror names the next line, and "<none>" once the input
    // has ended (5.10's conf).
    Dialect k510{5, 10};
    auto old = load({{"Kconfig", "config A\n\tbool \"a\" foo\nmenu \"m\"\n"}}, {}, k510);
    EXPECT_EQ(old->conf_output(), "Kconfig:3: syntax error\n"
                                  "Kconfig:2: invalid statement\n"
                                  "<none>:5: syntax error\n"
                                  "Kconfig:3: missing end statement for this entry\n");
    // Keywords come and go: 6.12 has no `option`, 5.10 no plain `modules`.
    auto option = load1("config A\n\tbool\n\toption modules\n");
    EXPECT_EQ(option->conf_output(), "Kconfig:3: syntax error\n"
                                     "Kconfig:3: unknown statement \"option\"\n");
    auto modules = load({{"Kconfig", "config A\n\tbool\n\tmodules\n"}}, {}, k510);
    EXPECT_EQ(modules->conf_output(), "Kconfig:4: syntax error\n"
                                      "Kconfig:3: invalid statement\n");
}

TEST(Errors, InvalidNamesNulBytesAndHugeLines) {
    // `config y` is no error to conf: it warns of the constant's type.
    auto y = load1("config y\n\tbool\n");
    EXPECT_TRUE(y->ok);
    EXPECT_EQ(y->conf_output(),
              "Kconfig:1:warning: ignoring type redefinition of 'y' from 'tristate' to 'bool'\n");

    auto nul =
        load({{"Kconfig", "source \"bin\"\n"}, {"bin", std::string("config A\n\tbool\n\0\0", 17)}});
    EXPECT_FALSE(nul->ok);
    EXPECT_EQ(nul->diags(), "bin:3: error: NUL byte in Kconfig file\n");

    std::string huge = "config A\n\tbool \"" + std::string(10 * 1024 * 1024, 'x') + "\"\n";
    auto h = load1(huge);
    EXPECT_TRUE(h->ok) << h->diags().substr(0, 200);
    EXPECT_EQ(h->ctx.find_symbol("A")->menus[0]->prompt->text.size(), 10u * 1024 * 1024);
}

TEST(Lexer, HelpTextEndsAtLesserIndentationAndKeepsBlankLines) {
    auto l = load1("config A\n\tbool \"a\"\n\thelp\n\t  line one\n\n\t  line two\n\tdepends on "
                   "B\nconfig B\n\tbool\n");
    ASSERT_TRUE(l->ok) << l->diags();
    MenuNode* a = l->ctx.find_symbol("A")->menus[0];
    EXPECT_EQ(a->help, "line one\n\nline two\n");
    EXPECT_EQ(expr_to_string(a->dep), "B");
}

TEST(Lexer, MissingFinalNewlineWarnsLikeConf) {
    // 6.1's conf warns and accepts the last statement; 6.12's also fails it,
    // as its grammar gets no end-of-line there (checked against both confs
    // by tests/warnings).
    for (int minor : {1, 12}) {
        Context ctx;
        ctx.kernel_version = KernelVersion{6, minor, 0, ""};
        bool ok = load_tree_from_memory(ctx, {{"Kconfig", "config A\n\tbool"}}, "Kconfig", {},
                                        Dialect::of(ctx.kernel_version));
        EXPECT_EQ(ok, minor == 1);
        ASSERT_GE(ctx.diags.items().size(), 1u);
        EXPECT_EQ(ctx.diags.items()[0].conf_text, "Kconfig:2:warning: no new line at end of file");
        if (minor == 12) {
            ASSERT_EQ(ctx.diags.items().size(), 2u);
            EXPECT_EQ(ctx.diags.items()[1].conf_text, "Kconfig:2: syntax error");
        }
    }
}

TEST(Expressions, ParseAndPrintWithPrecedence) {
    Context ctx;
    std::string err;
    const Expr* e = parse_expression(ctx, "A && (B || !C) && D != \"x\"", &err);
    ASSERT_NE(e, nullptr) << err;
    EXPECT_EQ(expr_to_string(e), "A && (B || !C) && D!=x");
    const Expr* n = parse_expression(ctx, "!(A && B)", &err);
    ASSERT_NE(n, nullptr) << err;
    EXPECT_EQ(expr_to_string(n), "!(A && B)");
    EXPECT_EQ(parse_expression(ctx, "A &&", &err), nullptr);
    EXPECT_FALSE(err.empty());
    EXPECT_EQ(parse_expression(ctx, "A ; B", &err), nullptr);
    EXPECT_EQ(ctx.diags.items().size(), 0u);
}

TEST(Expressions, ValuesAreShownForTypedSymbolsOnly) {
    auto l = load1("config A\n\tbool\nconfig B\n\tint\n");
    ASSERT_TRUE(l->ok);
    std::string err;
    const Expr* e = parse_expression(l->ctx, "A && B > 3 && UNDEFINED", &err);
    ASSERT_NE(e, nullptr) << err;
    std::string s =
        expr_to_string_with_values(e, [](Symbol* s) { return s->name == "A" ? "y" : "7"; });
    EXPECT_EQ(s, "A [=y] && B [=7]>3 && UNDEFINED");
    // y, m and n are typed constants: conf shows their values too.
    const Expr* c = parse_expression(l->ctx, "A=y", &err);
    EXPECT_EQ(expr_to_string_with_values(c, [](Symbol* s) { return s->name == "y" ? "y" : "n"; }),
              "A [=n]=y [=y]");
}

// expr_print hands "<choice>" to its printer without a symbol, so conf never
// shows a choice's value in an expression; before 6.11 a choice is in each
// member's dependencies, where helpnewconfig prints it.
TEST(Expressions, ChoiceValueIsNeverShown) {
    auto l = load({{"Kconfig", "config B\n\tbool\nchoice\n\tprompt \"pick\"\n"
                               "config M\n\tbool \"m\"\n\tdepends on B\nendchoice\n"}},
                  {}, Dialect{5, 10});
    ASSERT_TRUE(l->ok) << l->diags();
    Symbol* m = l->ctx.find_symbol("M");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(expr_to_string_with_values(m->dir_dep.expr, [](Symbol*) { return "y"; }),
              "<choice> && B [=y]");
}

TEST(Version, ReadFromMakefileOfRealTreeShape) {
    EXPECT_EQ(srcarch_for_arch("x86_64"), "x86");
    EXPECT_EQ(srcarch_for_arch("i386"), "x86");
    EXPECT_EQ(srcarch_for_arch("arm64"), "arm64");
    EXPECT_EQ(srcarch_for_arch("arm"), "arm");
}

#include "kconfig/confdata.h"
#include "kconfig/eval.h"

TEST(Offline, ProbeDerivedSymbolsKeepRecordedValues) {
    // VER comes from a probe through a simple variable; USES_VER depends on
    // it; PLAIN has nothing to do with probes.
    const std::map<std::string, std::string> files = {{"Kconfig",
                                                       "ver := $(shell,echo 5)\n"
                                                       "config VER\n\tint\n\tdefault $(ver)\n"
                                                       "config USES_VER\n\tdef_bool VER >= 7\n"
                                                       "config PLAIN\n\tint\n\tdefault 3\n"}};
    const std::string recorded = "CONFIG_VER=9\nCONFIG_PLAIN=4\n";
    // Online (conf's behaviour), offline, and online keeping the recorded
    // toolchain (what check, fix, generate --base and diff do).
    enum Run { Online, Offline, KeepRecorded };
    for (Run run : {Online, Offline, KeepRecorded}) {
        Context ctx;
        ctx.probe_options.offline = run == Offline;
        ctx.keep_recorded_toolchain = run == KeepRecorded;
        ASSERT_TRUE(load_tree_from_memory(ctx, files, "Kconfig", {}, k612));
        // Toolchain-derived whether the probe ran or not.
        EXPECT_TRUE(ctx.find_symbol("VER")->has(kSymProbeDerived));
        EXPECT_FALSE(ctx.find_symbol("PLAIN")->has(kSymProbeDerived));
        conf_read_from_string(ctx, ".config", recorded);
        // Online the probe answers 5 and the promptless VER ignores the
        // recorded 9; otherwise the recorded 9 stands, and USES_VER follows it.
        bool kept = run != Online;
        EXPECT_EQ(sym_value(ctx, ctx.find_symbol("VER")), kept ? "9" : "5");
        EXPECT_EQ(sym_value(ctx, ctx.find_symbol("USES_VER")), kept ? "y" : "n");
        EXPECT_EQ(sym_value(ctx, ctx.find_symbol("PLAIN")), "3");
    }
}

TEST(Offline, SelectTargetsAndToolchainVariablesAreToolchainDerived) {
    // SEL's entry reads $(CC) (the toolchain; ARCH is not): what it selects
    // follows the toolchain too, and so does a select whose condition reads
    // a probe.
    const std::map<std::string, std::string> files = {
        {"Kconfig", "config SEL\n\tbool \"sel\"\n\tdepends on \"$(CC)\" != \"\"\n"
                    "\tselect TARGET\n"
                    "config ARCHY\n\tbool \"archy\" if \"$(ARCH)\" = \"x86\"\n"
                    "config COND\n\tbool \"cond\"\n\tselect OTHER if $(shell,echo y)\n"
                    "config TARGET\n\tbool\nconfig OTHER\n\tbool\n"}};
    Context ctx;
    ctx.env = {{"CC", "gcc"}, {"ARCH", "x86"}};
    ctx.probe_options.offline = true; // no shell: the probe is unknown
    ASSERT_TRUE(load_tree_from_memory(ctx, files, "Kconfig", ctx.env, k612));
    EXPECT_TRUE(ctx.find_symbol("SEL")->has(kSymProbeDerived));
    EXPECT_TRUE(ctx.find_symbol("TARGET")->has(kSymProbeDerived));
    EXPECT_FALSE(ctx.find_symbol("ARCHY")->has(kSymProbeDerived));
    EXPECT_TRUE(ctx.find_symbol("OTHER")->has(kSymProbeDerived));
    // The entry is marked as a whole (a prompted symbol's recorded value
    // stands either way).
    EXPECT_TRUE(ctx.find_symbol("COND")->has(kSymProbeDerived));
}

TEST(Transitional, OldNameSeedsNewSymbolAndIsNeverWritten) {
    // 6.18: OLD_NAME was renamed NEW_NAME; an old .config still says OLD_NAME.
    const std::map<std::string, std::string> files = {
        {"Kconfig", "config NEW_NAME\n\tbool \"new\"\n\tdefault OLD_NAME\n"
                    "config OLD_NAME\n\tbool\n\ttransitional\n"}};
    Context ctx;
    ASSERT_TRUE(load_tree_from_memory(ctx, files, "Kconfig", {}, Dialect::newest()));
    EXPECT_TRUE(ctx.find_symbol("OLD_NAME")->has(kSymTransitional));
    conf_read_from_string(ctx, ".config", "CONFIG_OLD_NAME=y\n");
    EXPECT_EQ(sym_value(ctx, ctx.find_symbol("NEW_NAME")), "y");
    std::string out = conf_write_string(ctx);
    EXPECT_NE(out.find("\nCONFIG_NEW_NAME=y\n"), std::string::npos) << out;
    EXPECT_EQ(out.find("OLD_NAME"), std::string::npos) << out;

    Context bad;
    EXPECT_FALSE(load_tree_from_memory(bad,
                                       {{"Kconfig", "config OLD\n\tbool \"p\"\n\ttransitional\n"}},
                                       "Kconfig", {}, Dialect::newest()));
}

TEST(Finalize, RepeatedDependencyTermsAreDropped) {
    // The entry restates its menu's and if's conditions: conf's finalize
    // keeps each term once (expr_eliminate_dups); values are unaffected.
    // conf 6.1 and 6.12 print "Depends on: B && A && C" in X's help, and no
    // "Visible if" (expr_eq finds the prompt's condition the same set).
    auto l = load1("menu \"M\"\n\tdepends on A\n"
                   "if B\n"
                   "config X\n\tbool \"x\" if A\n\tdepends on B && A && C\n"
                   "endif\nendmenu\n"
                   "config A\n\tbool\nconfig B\n\tbool\nconfig C\n\tbool\n");
    ASSERT_TRUE(l->ok) << l->diags();
    MenuNode* x = l->ctx.find_symbol("X")->menus[0];
    EXPECT_EQ(expr_to_string(x->dep), "B && A && C");
    EXPECT_EQ(expr_to_string(x->prompt->visible.expr), "B && C && A");
}
