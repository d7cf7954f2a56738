// kconfig::gather_symbol_info (what `xencfg explain SYMBOL` shows) on a small
// in-memory tree: definitions, relations from both ends, defaults, ranges,
// choices, and values once a .config has been read.
#include "kconfig/confdata.h"
#include "kconfig/context.h"
#include "kconfig/eval.h"
#include "kconfig/symbol_info.h"

#include <gtest/gtest.h>

#include <memory>

using namespace kconfig;

namespace {

const char* kTree = R"K(mainmenu "test"

menu "Guests"

config XEN
	bool "Xen guest support"
	select XEN_CORE if X86
	default y
	help
	  Run under Xen.

	  Second paragraph.

config XEN_CORE
	bool

config X86
	def_bool y

config XEN_DOM0
	bool "Dom0" if EXPERT
	depends on XEN
	imply XEN_CORE

config EXPERT
	bool "expert"

config NR
	int "count"
	range 1 8 if XEN
	default 4

choice
	prompt "Preemption"
	default PREEMPT_NONE

config PREEMPT_NONE
	bool "none"

config PREEMPT
	bool "full"

endchoice

endmenu
)K";

std::unique_ptr<Context> load() {
    auto ctx = std::make_unique<Context>();
    ctx->kernel_version.version = 6;
    ctx->kernel_version.patchlevel = 12;
    EXPECT_TRUE(load_tree_from_memory(*ctx, {{"Kconfig", kTree}}, "Kconfig", {{"ARCH", ""}},
                                      Dialect::of(ctx->kernel_version)));
    return ctx;
}

} // namespace

TEST(SymbolInfo, DefinitionRelationsAndDefaults) {
    auto ctx = load();
    SymbolInfo xen = gather_symbol_info(*ctx, ctx->find_symbol("XEN"), false, "", "");
    EXPECT_EQ(xen.name, "XEN");
    EXPECT_EQ(xen.type, "bool");
    EXPECT_FALSE(xen.with_values);
    ASSERT_EQ(xen.definitions.size(), 1u);
    const SymbolDefinition& d = xen.definitions[0];
    EXPECT_EQ(d.at.file, "Kconfig");
    EXPECT_EQ(d.at.line, 5);
    EXPECT_EQ(d.kind, "config");
    EXPECT_EQ(d.prompt, "Xen guest support");
    EXPECT_EQ(d.location, "-> Guests");
    EXPECT_EQ(d.depends_on, "");
    EXPECT_EQ(d.help, "Run under Xen.\n\nSecond paragraph.");
    ASSERT_EQ(xen.selects.size(), 1u);
    EXPECT_EQ(xen.selects[0].symbol, "XEN_CORE");
    EXPECT_EQ(xen.selects[0].condition, "X86");
    EXPECT_EQ(xen.selects[0].at.line, 7);
    ASSERT_EQ(xen.defaults.size(), 1u);
    EXPECT_EQ(xen.defaults[0].value, "y");

    // The other end: XEN_CORE is selected by XEN and implied by XEN_DOM0.
    SymbolInfo core = gather_symbol_info(*ctx, ctx->find_symbol("XEN_CORE"), false, "", "");
    EXPECT_TRUE(core.definitions[0].prompt.empty());
    ASSERT_EQ(core.selected_by.size(), 1u);
    EXPECT_EQ(core.selected_by[0].symbol, "XEN");
    EXPECT_EQ(core.selected_by[0].condition, "X86");
    ASSERT_EQ(core.implied_by.size(), 1u);
    EXPECT_EQ(core.implied_by[0].symbol, "XEN_DOM0");
    EXPECT_EQ(core.reverse_dependencies, "XEN && X86");

    // A prompt with its own condition: shown apart from the dependencies.
    SymbolInfo dom0 = gather_symbol_info(*ctx, ctx->find_symbol("XEN_DOM0"), false, "", "");
    EXPECT_EQ(dom0.direct_dependencies, "XEN");
    // (the menu dependencies come first, as menu_finalize joins them)
    EXPECT_EQ(dom0.definitions[0].visible_if, "XEN && EXPERT");

    SymbolInfo nr = gather_symbol_info(*ctx, ctx->find_symbol("NR"), false, "", "");
    ASSERT_EQ(nr.ranges.size(), 1u);
    EXPECT_EQ(nr.ranges[0].low, "1");
    EXPECT_EQ(nr.ranges[0].high, "8");
    EXPECT_EQ(nr.ranges[0].condition, "XEN");
}

TEST(SymbolInfo, ChoiceMembership) {
    auto ctx = load();
    SymbolInfo p = gather_symbol_info(*ctx, ctx->find_symbol("PREEMPT"), false, "", "");
    EXPECT_EQ(p.choice.rfind("\"Preemption\" at Kconfig:", 0), 0u) << p.choice;
}

TEST(SymbolInfo, ValuesFromAConfig) {
    auto ctx = load();
    conf_read_from_string(*ctx, ".config",
                          "CONFIG_XEN=y\nCONFIG_XEN_DOM0=y\n# CONFIG_EXPERT is not set\n");
    SymbolInfo dom0 = gather_symbol_info(*ctx, ctx->find_symbol("XEN_DOM0"), true, ".config", "y");
    EXPECT_TRUE(dom0.with_values);
    EXPECT_EQ(dom0.config_file, ".config");
    EXPECT_EQ(dom0.user_value, "y");
    // Its prompt needs EXPERT, which is off: not settable, and the default n.
    EXPECT_EQ(dom0.visibility, "n");
    EXPECT_EQ(dom0.value, "n");
    EXPECT_EQ(dom0.direct_dependencies, "XEN [=y]");
}
