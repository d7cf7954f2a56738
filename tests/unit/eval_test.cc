// Evaluator unit tests. Expected values were obtained by running the
// kernel's own scripts/kconfig/conf (Linux 6.1.192 and 6.12.117) on the same
// inline Kconfig files and .config inputs.
#include "kconfig/confdata.h"
#include "kconfig/context.h"
#include "kconfig/eval.h"
#include "kconfig/targets.h"

#include <gtest/gtest.h>

#include <memory>

using namespace kconfig;

namespace {

std::unique_ptr<Context> load(const std::string& kconfig, int major, int minor,
                              bool expect_ok = true) {
    auto ctx = std::make_unique<Context>();
    ctx->kernel_version.version = major;
    ctx->kernel_version.patchlevel = minor;
    bool ok = load_tree_from_memory(*ctx, {{"Kconfig", kconfig}}, "Kconfig", {},
                                    Dialect::of(ctx->kernel_version));
    EXPECT_EQ(ok, expect_ok);
    return ctx;
}

std::string value(Context& ctx, const char* name) {
    Symbol* s = ctx.find_symbol(name);
    EXPECT_NE(s, nullptr) << name;
    return s ? sym_value(ctx, s) : std::string("<missing>");
}

std::vector<std::string> conf_texts(const Context& ctx) {
    std::vector<std::string> out;
    for (const auto& d : ctx.diags.items())
        if (!d.conf_text.empty()) out.push_back(d.conf_text);
    return out;
}

const char* kBasic = R"(config MODULES
	bool "modules"
	default y
	modules

config A
	tristate "A"
	default m

config B
	bool "B"
	default A

config NOMOD
	tristate "nomod"
	default m
	depends on !MODULES

config N
	int "N"
	range 10 20
	default 5

config H
	hex "H"
	default 0x10

config S
	string "S"
	default "abc"

config CMP
	bool "cmp"
	default y if N > 9 && H = 0x10 && S != "x"

config CMP_STR
	bool "cmp str"
	default y if S < "abd"

config CMP_HEX
	bool "cmp hex"
	default y if H >= 16

config IMP
	tristate "imp"
	depends on A

config IMPLIER
	bool "implier"
	default y
	imply IMP

config UNDEFDEP
	bool "undefdep"
	default y
	depends on !UNDEFINED_SYM
)";

} // namespace

TEST(Eval, TristateAlgebra) {
    EXPECT_EQ(tri_and(Tristate::Mod, Tristate::Yes), Tristate::Mod);
    EXPECT_EQ(tri_or(Tristate::Mod, Tristate::No), Tristate::Mod);
    EXPECT_EQ(tri_not(Tristate::Mod), Tristate::Mod);
    EXPECT_EQ(tri_not(Tristate::Yes), Tristate::No);
}

TEST(Eval, DefaultsModulesAndBoolPromotion) {
    for (int minor : {1, 12}) {
        auto ctx = load(kBasic, 6, minor);
        conf_read_from_string(*ctx, ".config", "");
        EXPECT_EQ(value(*ctx, "MODULES"), "y");
        EXPECT_EQ(value(*ctx, "A"), "m");
        // A bool defaulting to an m symbol becomes y.
        EXPECT_EQ(value(*ctx, "B"), "y");
        EXPECT_EQ(value(*ctx, "NOMOD"), "n");
        EXPECT_EQ(value(*ctx, "IMP"), "m"); // implied y, limited by depends on A=m
        EXPECT_EQ(value(*ctx, "UNDEFDEP"), "y");
        // Undefined symbols read as n and as their own name.
        EXPECT_EQ(value(*ctx, "UNDEFINED_SYM"), "UNDEFINED_SYM");
    }
}

TEST(Eval, ModulesOffTurnsTristateIntoBool) {
    auto ctx = load(kBasic, 6, 12);
    conf_read_from_string(*ctx, ".config", "# CONFIG_MODULES is not set\n");
    EXPECT_EQ(value(*ctx, "MODULES"), "n");
    EXPECT_EQ(value(*ctx, "A"), "y");
    EXPECT_EQ(value(*ctx, "NOMOD"), "y");
    EXPECT_EQ(sym_get_type(*ctx, ctx->find_symbol("A")), SymbolType::Bool);
}

TEST(Eval, ComparisonsAndRanges) {
    auto ctx = load(kBasic, 6, 12);
    conf_read_from_string(*ctx, ".config", "");
    EXPECT_EQ(value(*ctx, "N"), "10"); // default 5 clamped to the range
    EXPECT_EQ(value(*ctx, "H"), "0x10");
    EXPECT_EQ(value(*ctx, "CMP"), "y");
    EXPECT_EQ(value(*ctx, "CMP_STR"), "y");
    EXPECT_EQ(value(*ctx, "CMP_HEX"), "y");
    std::string err;
    const Expr* e =
        parse_expression(*ctx, "N = 10 && H > 0xf && S = \"abc\" && A = m && A != y", &err);
    ASSERT_NE(e, nullptr) << err;
    EXPECT_EQ(expr_calc_value(*ctx, e), Tristate::Yes);
    e = parse_expression(*ctx, "N < 9", &err);
    EXPECT_EQ(expr_calc_value(*ctx, e), Tristate::No);
    // Non-numeric text compares as strings.
    e = parse_expression(*ctx, "S > \"abb\"", &err);
    EXPECT_EQ(expr_calc_value(*ctx, e), Tristate::Yes);
}

TEST(Eval, OutOfRangeUserValueDiffersBetweenVersions) {
    // conf 6.1 drops an out-of-range value in conf_read (default 5 -> 10);
    // 6.12 keeps it and clamps it to the bound (20).
    auto old_ctx = load(kBasic, 6, 1);
    conf_read_from_string(*old_ctx, ".config", "CONFIG_N=25\n");
    EXPECT_EQ(value(*old_ctx, "N"), "10");
    auto new_ctx = load(kBasic, 6, 12);
    conf_read_from_string(*new_ctx, ".config", "CONFIG_N=25\n");
    EXPECT_EQ(value(*new_ctx, "N"), "20");
}

TEST(Eval, SetValues) {
    auto ctx = load(kBasic, 6, 12);
    conf_read_from_string(*ctx, ".config", "");
    Symbol* a = ctx->find_symbol("A");
    Symbol* n = ctx->find_symbol("N");
    Symbol* h = ctx->find_symbol("H");
    EXPECT_TRUE(sym_set_tristate_value(*ctx, a, Tristate::Yes));
    EXPECT_EQ(value(*ctx, "A"), "y");
    EXPECT_EQ(value(*ctx, "IMP"), "y");
    EXPECT_FALSE(sym_set_string_value(*ctx, n, "21"));  // out of range
    EXPECT_FALSE(sym_set_string_value(*ctx, n, "012")); // leading zero
    EXPECT_TRUE(sym_set_string_value(*ctx, n, "15"));
    EXPECT_EQ(value(*ctx, "N"), "15");
    EXPECT_TRUE(sym_set_string_value(*ctx, h, "ff"));
    EXPECT_EQ(value(*ctx, "H"), "0xff"); // conf adds the 0x prefix
    EXPECT_FALSE(sym_set_string_value(*ctx, h, "0xg"));
    Symbol* b = ctx->find_symbol("B");
    EXPECT_FALSE(sym_set_tristate_value(*ctx, b, Tristate::Mod)); // bool
}

TEST(Eval, StringValidity) {
    Symbol i, x, s;
    i.type = SymbolType::Int;
    x.type = SymbolType::Hex;
    s.type = SymbolType::String;
    EXPECT_TRUE(sym_string_valid(&i, "-12"));
    EXPECT_TRUE(sym_string_valid(&i, "0"));
    EXPECT_FALSE(sym_string_valid(&i, "00"));
    EXPECT_FALSE(sym_string_valid(&i, ""));
    EXPECT_FALSE(sym_string_valid(&i, "1a"));
    EXPECT_TRUE(sym_string_valid(&x, "0x1F"));
    EXPECT_TRUE(sym_string_valid(&x, "1f"));
    EXPECT_FALSE(sym_string_valid(&x, "0x"));
    EXPECT_FALSE(sym_string_valid(&x, "zz"));
    EXPECT_TRUE(sym_string_valid(&s, "anything"));
}

namespace {
const char* kUnmet = R"(config MODULES
	bool "modules"
	default y
	modules

config E
	bool "E"

config D
	tristate
	depends on E || F

config F
	tristate "F"

config X
	bool "X"
	default y
	select D

config Y
	tristate "Y"
	default m
	select D
)";
} // namespace

TEST(Eval, UnmetDirectDependencyWarning) {
    for (int minor : {1, 12}) {
        auto ctx = load(kUnmet, 6, minor);
        conf_read_from_string(*ctx, ".config", "");
        std::string out = conf_write_string(*ctx);
        EXPECT_EQ(value(*ctx, "D"), "y");
        auto texts = conf_texts(*ctx);
        ASSERT_EQ(texts.size(), 1u);
        EXPECT_EQ(texts[0], "\nWARNING: unmet direct dependencies detected for D\n"
                            "  Depends on [n]: E [=n] || F [=n]\n"
                            "  Selected by [y]:\n"
                            "  - X [=y]\n"
                            "  Selected by [m]:\n"
                            "  - Y [=m]");
    }
}

namespace {
const char* kChoice = R"(config E
	bool "E"

choice
	prompt "pick"
	default P2

config P1
	bool "p1"

config P2
	bool "p2"
	depends on E

config P3
	bool "p3"

endchoice
)";

std::string choice_state(Context& ctx) {
    return value(ctx, "P1") + value(ctx, "P2") + value(ctx, "P3");
}
} // namespace

TEST(Eval, ChoiceBothDialects) {
    struct Case {
        const char* config;
        const char* v61;
        const char* v612;
    } cases[] = {
        {"CONFIG_P3=y\n", "nny", "nny"},
        // An explicit n for the first member: 6.1 ignores it, 6.12 takes the
        // next member without a user value.
        {"# CONFIG_P1 is not set\n", "ynn", "nny"},
        {"CONFIG_E=y\n", "nyn", "nyn"},
        {"", "ynn", "ynn"},
    };
    for (const Case& c : cases) {
        for (int minor : {1, 12}) {
            auto ctx = load(kChoice, 6, minor);
            conf_read_from_string(*ctx, ".config", c.config);
            EXPECT_EQ(choice_state(*ctx), minor == 1 ? c.v61 : c.v612)
                << c.config << " 6." << minor;
        }
    }
}

TEST(Eval, ChoiceSetValueNewDialect) {
    auto ctx = load(kChoice, 6, 12);
    conf_read_from_string(*ctx, ".config", "");
    Symbol* p3 = ctx->find_symbol("P3");
    MenuNode* choice = sym_get_choice_menu(*ctx, p3);
    ASSERT_NE(choice, nullptr);
    choice_set_value(*ctx, choice, p3);
    EXPECT_EQ(choice_state(*ctx), "nny");
    EXPECT_EQ(choice->choice_members.front(), p3);
}

TEST(Eval, ChoiceSelectOldDialect) {
    auto ctx = load(kChoice, 6, 1);
    conf_read_from_string(*ctx, ".config", "");
    Symbol* p3 = ctx->find_symbol("P3");
    EXPECT_TRUE(sym_set_tristate_value(*ctx, p3, Tristate::Yes));
    EXPECT_EQ(choice_state(*ctx), "nny");
    MenuNode* choice = sym_get_choice_menu(*ctx, p3);
    ASSERT_NE(choice, nullptr);
    EXPECT_EQ(sym_get_choice_value(*ctx, choice->sym), p3);
}

TEST(Eval, OptionalChoiceOldDialect) {
    auto ctx = load(R"(choice
	prompt "opt"
	optional

config Q1
	bool "q1"

config Q2
	bool "q2"

endchoice
)",
                    6, 1);
    conf_read_from_string(*ctx, ".config", "");
    EXPECT_EQ(value(*ctx, "Q1") + value(*ctx, "Q2"), "nn");
    conf_read_from_string(*ctx, ".config", "CONFIG_Q2=y\n");
    EXPECT_EQ(value(*ctx, "Q1") + value(*ctx, "Q2"), "ny");
}

TEST(Eval, RecursiveDependencyReport) {
    const char* k =
        "config A\n\tbool \"A\"\n\tdepends on B\n\nconfig B\n\tbool \"B\"\n\tdefault A\n";
    {
        // The load itself fails, as conf's does, with the chain reported once.
        auto ctx = load(k, 6, 12, false);
        auto texts = conf_texts(*ctx);
        ASSERT_EQ(texts.size(), 1u);
        EXPECT_EQ(texts[0], "error: recursive dependency detected!\n"
                            "\tsymbol A depends on B\n"
                            "\tsymbol B default value contains A\n"
                            "For a resolution refer to Documentation/kbuild/kconfig-language.rst\n"
                            "subsection \"Kconfig recursive dependency limitations\"\n");
    }
    {
        // 6.1 walks its symbol hash table (B comes first) and prints places.
        auto ctx = load(k, 6, 1, false);
        auto texts = conf_texts(*ctx);
        ASSERT_EQ(texts.size(), 1u);
        EXPECT_EQ(texts[0], "Kconfig:7:error: recursive dependency detected!\n"
                            "Kconfig:7:\tsymbol B default value contains A\n"
                            "Kconfig:1:\tsymbol A depends on B\n"
                            "For a resolution refer to Documentation/kbuild/kconfig-language.rst\n"
                            "subsection \"Kconfig recursive dependency limitations\"\n");
    }
}

TEST(Eval, NoLoopNoReport) {
    auto ctx = load(kBasic, 6, 12);
    EXPECT_EQ(check_all_dependencies(*ctx), 0);
    EXPECT_TRUE(conf_texts(*ctx).empty());
}

TEST(Eval, AllNoAndAllYes) {
    for (int minor : {1, 12}) {
        auto ctx = load(kChoice, 6, minor);
        conf_set_all_new_symbols(*ctx, NewSymbolMode::Yes);
        EXPECT_EQ(value(*ctx, "E"), "y");
        EXPECT_EQ(choice_state(*ctx), "nyn") << minor; // the default P2 is visible
        auto ctx2 = load(kChoice, 6, minor);
        conf_set_all_new_symbols(*ctx2, NewSymbolMode::No);
        EXPECT_EQ(value(*ctx2, "E"), "n");
        EXPECT_EQ(choice_state(*ctx2), "ynn") << minor;
    }
}
