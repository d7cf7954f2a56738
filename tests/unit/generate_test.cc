// Solver/generate/fix on an inline Kconfig tree: dependency closure, OR
// alternatives chosen to change the base least, choices, selects, and
// verification with the engine.
#include "kconfig/context.h"
#include "kconfig/dotconfig.h"
#include "rules/diff.h"
#include "rules/solver.h"

#include <gtest/gtest.h>

using namespace xenrules;

namespace {

const char* kTree = R"(
config MODULES
	bool "modules"
	modules
config EXPERT
	bool "expert"
config NET
	bool "net"
config PCI
	bool "pci"
config ACPI
	bool "acpi"
	depends on PCI
config TTY
	bool "tty" if EXPERT
	default y
choice
	prompt "cpu"
	default CPU_A
config CPU_A
	bool "a"
config CPU_B
	bool "b"
config CPU_C
	bool "c"
endchoice
config GENERIC
	bool "generic"
config XEN
	bool "xen"
	depends on CPU_B || CPU_C || GENERIC
	depends on ACPI
config CORE
	bool
	select FRONT_HELPER
config FRONT_HELPER
	bool
config NETFRONT
	tristate "netfront"
	depends on XEN && NET
	select CORE
config BAD
	bool "bad"
	depends on !XEN
)";

struct Fixture {
    kconfig::Context ctx;
    Fixture() {
        ctx.kernel_version = {6, 12, 1, ""};
        EXPECT_TRUE(kconfig::load_tree_from_memory(ctx, {{"Kconfig", kTree}}, "Kconfig", {},
                                                   kconfig::Dialect::of(ctx.kernel_version)));
    }
    static Request sym(const std::string& id, const std::string& s,
                       AcceptKind k = AcceptKind::Yes) {
        Request r;
        r.rule_id = id;
        r.symbol = s;
        r.accept.kind = k;
        return r;
    }
    std::map<std::string, std::string> pins(const Resolution& r) {
        std::map<std::string, std::string> m;
        for (const auto& a : r.assignments)
            m[a.symbol] = a.value;
        return m;
    }
};

TEST(Solver, ClosureMakesRequestVisibleAndPrefersTheCheapestAlternative) {
    Fixture f;
    ResolveOptions o;
    o.robust_on_allnoconfig = true;
    Resolution r = resolve(f.ctx, "CONFIG_PCI=y\n", {Fixture::sym("t.netfront", "NETFRONT")}, o);
    ASSERT_TRUE(r.ok) << (r.blockers.empty() ? "" : r.blockers.front().message);
    auto p = f.pins(r);
    EXPECT_EQ(p["NETFRONT"], "y");
    EXPECT_EQ(p["XEN"], "y");
    EXPECT_EQ(p["NET"], "y");
    EXPECT_EQ(p["ACPI"], "y");
    EXPECT_EQ(p["PCI"], "y"); // pinned although the base has it: allnoconfig needs it
    // GENERIC (one change) beats changing the CPU choice (two changes).
    EXPECT_EQ(p["GENERIC"], "y");
    EXPECT_FALSE(p.count("CPU_B"));
    EXPECT_FALSE(p.count("CPU_C"));
    // Promptless symbols are never written; a hidden prompt is left to its default.
    EXPECT_FALSE(p.count("CORE"));
    EXPECT_FALSE(p.count("FRONT_HELPER"));
    EXPECT_FALSE(p.count("TTY"));
    EXPECT_FALSE(p.count("EXPERT"));
    auto v = kconfig::config_values(r.result_text);
    EXPECT_EQ(v["NETFRONT"], "y");
    EXPECT_EQ(v["FRONT_HELPER"], "y");
}

TEST(Solver, ChoiceMemberOffPinsTheChosenOne) {
    Fixture f;
    Request r = Fixture::sym("t.not-a", "CPU_A", AcceptKind::No);
    ResolveOptions o;
    Resolution res = resolve(f.ctx, "", {r}, o);
    ASSERT_TRUE(res.ok);
    auto p = f.pins(res);
    EXPECT_EQ(p["CPU_A"], "n");
    EXPECT_TRUE(p["CPU_B"] == "y" || p["CPU_C"] == "y");
    EXPECT_EQ(kconfig::config_values(res.result_text)["CPU_A"], "n");
}

TEST(Solver, ConflictNamesBothRequestsAndOptionalOnesAreGivenUp) {
    Fixture f;
    ResolveOptions o;
    Resolution hard =
        resolve(f.ctx, "", {Fixture::sym("t.xen", "XEN"), Fixture::sym("t.bad", "BAD")}, o);
    EXPECT_FALSE(hard.ok);
    ASSERT_EQ(hard.blockers.size(), 2u);
    EXPECT_NE(hard.blockers[0].message.find("cannot be met together"), std::string::npos);
    Request soft = Fixture::sym("t.bad", "BAD");
    soft.optional = true;
    Resolution ok = resolve(f.ctx, "", {Fixture::sym("t.xen", "XEN"), soft}, o);
    EXPECT_TRUE(ok.ok);
    ASSERT_EQ(ok.given_up.size(), 1u);
    EXPECT_EQ(ok.given_up[0].rule_id, "t.bad");
}

TEST(Solver, ChangesPolicyPinsOnlyWhatMustChange) {
    Fixture f;
    ResolveOptions o;
    o.policy = PinPolicy::Changes;
    Resolution r = resolve(f.ctx, "CONFIG_PCI=y\nCONFIG_ACPI=y\nCONFIG_NET=y\nCONFIG_GENERIC=y\n",
                           {Fixture::sym("t.netfront", "NETFRONT")}, o);
    ASSERT_TRUE(r.ok);
    auto p = f.pins(r);
    EXPECT_EQ(p.size(), 2u);
    EXPECT_EQ(p["XEN"], "y");
    EXPECT_EQ(p["NETFRONT"], "y");
}

TEST(Merge, FragmentReplacesTheBaseLines) {
    std::string m = kconfig::merge_config_fragment(
        "CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_C=m\n", "CONFIG_B=y\n# CONFIG_C is not set\n");
    EXPECT_EQ(m, "CONFIG_A=y\nCONFIG_B=y\n# CONFIG_C is not set\n");
}

TEST(Diff, DiffconfigOrderAndValues) {
    DiffResult d = diff_configs("CONFIG_B=y\nCONFIG_A=m\n# CONFIG_Z is not set\nCONFIG_S=\"x\"\n",
                                "CONFIG_A=y\nCONFIG_C=y\nCONFIG_Z=y\nCONFIG_S=\"x\"\n");
    ASSERT_EQ(d.entries.size(), 4u);
    EXPECT_EQ(d.entries[0].kind, DiffEntry::Kind::Removed);
    EXPECT_EQ(d.entries[0].symbol, "B");
    EXPECT_EQ(d.entries[1].symbol, "A");
    EXPECT_EQ(d.entries[1].old_value, "m");
    EXPECT_EQ(d.entries[1].new_value, "y");
    EXPECT_EQ(d.entries[2].symbol, "Z");
    EXPECT_EQ(d.entries[2].old_value, "n");
    EXPECT_EQ(d.entries[3].kind, DiffEntry::Kind::Added);
    EXPECT_EQ(d.entries[3].symbol, "C");
}

TEST(Diff, AttributesBrokenRequirements) {
    DiffResult d = diff_configs("CONFIG_XEN=y\n", "# CONFIG_XEN is not set\n");
    CheckReport before, after;
    Finding f;
    f.rule_id = "domU.xen";
    f.kind = FindingKind::Rule;
    f.symbol = "XEN";
    after.findings.push_back(f);
    attribute_findings(d, before, after);
    ASSERT_EQ(d.broken.size(), 1u);
    EXPECT_EQ(d.entries[0].breaks, std::vector<std::string>{"domU.xen"});
}

} // namespace
