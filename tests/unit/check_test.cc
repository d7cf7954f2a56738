// `xencfg check` logic on small in-memory trees (no kernel tree needed).
#include "rules/check.h"
#include "rules/kb.h"
#include "rules/solver.h"

#include "kconfig/confdata.h"
#include "kconfig/dotconfig.h"
#include "kconfig/eval.h"
#include <fmt/format.h>

#include "rules_fixture.h"
#include "test_support.h"
#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>

using namespace xenrules;

namespace {

const char* kTree = R"(mainmenu "test"
config MODULES
	bool "modules"
	modules
config X86
	def_bool y
config X86_64
	def_bool y
config ACPI
	bool "ACPI"
config PCI
	bool "PCI"
config X86_IO_APIC
	def_bool y
config PARAVIRT
	bool "paravirt"
config HYPERVISOR_GUEST
	bool "guest"
config XEN
	bool "Xen guest support"
	depends on PARAVIRT && HYPERVISOR_GUEST
config XEN_PV
	bool "Xen PV"
	default y
	depends on XEN
config SWIOTLB_XEN
	def_bool y
	depends on XEN_PV
config XEN_DOM0
	bool "Xen Dom0 support"
	default XEN_PV
	depends on XEN_PV && SWIOTLB_XEN
	depends on X86_IO_APIC && ACPI && PCI
config XEN_XENBUS_FRONTEND
	tristate
config XEN_BLKDEV_FRONTEND
	tristate "blkfront"
	depends on XEN
	select XEN_XENBUS_FRONTEND
)";

const char* kRules = R"({"schema": 1, "rules": [
 {"id": "dom0.xen-dom0", "severity": "error", "symbol": "XEN_DOM0", "role": ["dom0"], "rationale": "dom0"},
 {"id": "domU.xen", "severity": "error", "symbol": "XEN", "role": ["domU"], "rationale": "xen"},
 {"id": "domU.blkfront", "severity": "error", "symbol": "XEN_BLKDEV_FRONTEND", "value": "y/m",
  "role": ["domU"], "mode": ["pv", "pvh"], "rationale": "disks"},
 {"id": "domU.xenbus", "severity": "error", "symbol": "XEN_XENBUS_FRONTEND", "value": "y/m",
  "via": "XEN_BLKDEV_FRONTEND", "role": ["domU"], "mode": ["pv"], "rationale": "xenbus"},
 {"id": "domU.tmem", "severity": "info", "symbol": "XEN_TMEM", "until": "5.3", "role": ["domU"], "rationale": "tmem"}
]})";

struct Fixture : testsupport::RulesFixture {
    Fixture() : RulesFixture(kTree, kRules) {}
    CheckReport run(const std::string& text, Role role, std::optional<Mode> mode = std::nullopt,
                    std::optional<bool> fragment = std::nullopt) {
        return check_with(testsupport::check_options(role, mode, fragment), text);
    }
};

const Finding* find(const CheckReport& r, const std::string& id) {
    for (const Finding& f : r.findings)
        if (f.rule_id == id) return &f;
    return nullptr;
}

// The last finding `id` about `symbol`.
const Finding* find(const CheckReport& r, const std::string& id, const std::string& symbol) {
    const Finding* found = nullptr;
    for (const Finding& f : r.findings)
        if (f.rule_id == id && f.symbol == symbol) found = &f;
    return found;
}

// Whether `f` asks for `symbol` to become `wanted`.
bool asks_for(const Finding& f, const std::string& symbol, const std::string& wanted) {
    return std::any_of(f.changes.begin(), f.changes.end(),
                       [&](const Change& c) { return c.symbol == symbol && c.wanted == wanted; });
}

} // namespace

TEST(Check, DetectsHeaderAndArch) {
    auto t = detect_target("#\n# Automatically generated file; DO NOT EDIT.\n# Linux/x86 6.12.117 "
                           "Kernel Configuration\n#\n"
                           "CONFIG_X86_64=y\n");
    ASSERT_TRUE(t.version);
    EXPECT_EQ(t.version->str(), "6.12");
    EXPECT_EQ(t.version_text, "6.12.117");
    EXPECT_EQ(t.header_line, 3);
    ASSERT_TRUE(t.arch);
    EXPECT_EQ(*t.arch, Arch::X86_64);
    EXPECT_EQ(t.arch_line, 5);
    EXPECT_FALSE(t.looks_like_fragment);

    auto old = detect_target(
        "#\n# Automatically generated make config: don't edit\n# Linux kernel version: 2.6.32\n"
        "CONFIG_X86_32=y\n");
    ASSERT_TRUE(old.version);
    EXPECT_EQ(old.version->str(), "2.6.32");
    EXPECT_EQ(*old.arch, Arch::X86_32);

    auto bad = detect_target("# Linux/arm64 6.1.0 Kernel Configuration\nCONFIG_X86_64=y\n");
    ASSERT_EQ(bad.notes.size(), 1u);
    EXPECT_NE(bad.notes[0].find("Linux/arm64"), std::string::npos);

    auto frag = detect_target("CONFIG_XEN=y\n");
    EXPECT_TRUE(frag.looks_like_fragment);
}

TEST(Check, ParsesIgnoreComments) {
    auto pc = parse_config_text(
        "# xencfg: ignore domU.fbfront, domU.kbd* -- no graphics\nCONFIG_A=\"x y\"\n"
        "# CONFIG_B is not set\n");
    ASSERT_EQ(pc.ignores.size(), 2u);
    EXPECT_EQ(pc.ignores[1].first, "domU.kbd*");
    ASSERT_EQ(pc.lines.size(), 2u);
    EXPECT_EQ(pc.lines[0].value, "x y");
    EXPECT_EQ(pc.lines[1].value, "n");
    EXPECT_EQ(pc.lines[1].line, 3);
}

TEST(Check, Dom0DroppedWithExplanation) {
    Fixture fx;
    auto r = fx.run("# Linux/x86 6.12.1 Kernel Configuration\nCONFIG_X86_64=y\nCONFIG_PARAVIRT=y\n"
                    "CONFIG_HYPERVISOR_GUEST=y\nCONFIG_XEN=y\nCONFIG_XEN_PV=y\nCONFIG_XEN_DOM0="
                    "y\nCONFIG_PCI=y\n",
                    Role::Dom0, Mode::PV);
    const Finding* d = find(r, "xencfg.dropped");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->where.line, 7);
    EXPECT_EQ(d->message, "CONFIG_XEN_DOM0=y at .config:7 will be dropped: depends on XEN_PV [=y] "
                          "&& SWIOTLB_XEN [=y] "
                          "&& X86_IO_APIC [=y] && ACPI [=n] && PCI [=y]; the dom0 rules read it");
    EXPECT_EQ(d->severity, Severity::Error); // XEN_DOM0 is a dom0 rule's symbol
    ASSERT_EQ(d->changes.size(), 2u);
    EXPECT_EQ(d->changes[0].symbol, "ACPI");
    EXPECT_EQ(d->changes[1].symbol, "XEN_DOM0");
    // XEN_DOM0=y is in the file already: the fix is what it lacks.
    ASSERT_EQ(d->fix.size(), 1u);
    EXPECT_EQ(d->fix[0], "CONFIG_ACPI=y");
    const Finding* rule = find(r, "dom0.xen-dom0");
    ASSERT_NE(rule, nullptr);
    EXPECT_EQ(rule->actual, "n");
    EXPECT_EQ(rule->where.line, 7);
    EXPECT_FALSE(r.pass);
}

TEST(Check, DomUModesAndPromptless) {
    Fixture fx;
    auto r =
        fx.run("# Linux/x86 6.12.1 Kernel Configuration\nCONFIG_X86_64=y\nCONFIG_PARAVIRT=y\n"
               "CONFIG_HYPERVISOR_GUEST=y\nCONFIG_XEN=y\n# CONFIG_XEN_BLKDEV_FRONTEND is not set\n",
               Role::DomU);
    // blkfront fails pv and pvh; hvm passes: mode any passes.
    EXPECT_TRUE(r.pass);
    EXPECT_EQ(r.passing_modes, std::vector<Mode>{Mode::HVM});
    const Finding* b = find(r, "domU.blkfront");
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->modes, (std::vector<Mode>{Mode::PV, Mode::PVH}));
    const Finding* x = find(r, "domU.xenbus");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->set_symbol, "XEN_BLKDEV_FRONTEND");
    ASSERT_FALSE(x->fix.empty());
    EXPECT_EQ(x->fix.back(), "CONFIG_XEN_BLKDEV_FRONTEND=y");
    EXPECT_EQ(find(r, "domU.tmem"), nullptr); // symbol absent in 6.12: never demanded
}

TEST(Check, IgnoreCommentSuppresses) {
    Fixture fx;
    auto r = fx.run(
        "# Linux/x86 6.12.1 Kernel Configuration\n# xencfg: ignore domU.blkfront, domU.xenbus\n"
        "CONFIG_X86_64=y\nCONFIG_PARAVIRT=y\nCONFIG_HYPERVISOR_GUEST=y\nCONFIG_XEN=y\n",
        Role::DomU, Mode::PV);
    const Finding* b = find(r, "domU.blkfront");
    ASSERT_NE(b, nullptr);
    EXPECT_TRUE(b->suppressed);
    EXPECT_EQ(b->suppressed_by.line, 2);
    EXPECT_TRUE(r.pass);
}

TEST(Check, FragmentJudgesOnlyWhatItSays) {
    Fixture fx;
    auto r = fx.run("CONFIG_XEN_BLKDEV_FRONTEND=m\n", Role::DomU, Mode::PV);
    EXPECT_TRUE(r.fragment);
    // XEN is not mentioned: not judged; blkfront is dropped (XEN off).
    EXPECT_EQ(find(r, "domU.xen"), nullptr);
    const Finding* d = find(r, "xencfg.dropped");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->symbol, "XEN_BLKDEV_FRONTEND");
    EXPECT_NE(find(r, "domU.blkfront"), nullptr);
}

// The rule key `equals` (an exact literal for an int/hex/string symbol): no
// shipped rule uses it yet, so it is tested here. The config's own value must
// equal the literal; anything else is a finding that names both.
TEST(Check, EqualsRuleDemandsTheLiteral) {
    testsupport::RulesFixture fx(R"(mainmenu "test"
config X86_64
	def_bool y
config NR_CPUS
	int "cpus"
	default 8
config XEN_NAME
	string "name"
	default "xen"
)",
                                 R"({"schema": 1, "rules": [
 {"id": "domU.cpus", "severity": "error", "symbol": "NR_CPUS", "equals": "64", "role": ["domU"], "rationale": "cpus"},
 {"id": "domU.name", "severity": "warning", "symbol": "XEN_NAME", "equals": "pvh guest", "role": ["domU"], "rationale": "name"}
]})");
    ASSERT_EQ(fx.rules.rules.size(), 2u);
    EXPECT_EQ(fx.rules.rules[0].accept.kind, AcceptKind::Literal);
    EXPECT_EQ(fx.rules.rules[0].accept.literal, "64");
    auto check = [&](const std::string& text) {
        return fx.check_with(testsupport::check_options(Role::DomU, Mode::HVM), text);
    };
    const std::string header = "# Linux/x86 6.12.1 Kernel Configuration\nCONFIG_X86_64=y\n";
    auto bad = check(header + "CONFIG_NR_CPUS=8\nCONFIG_XEN_NAME=\"xen\"\n");
    const Finding* cpus = find(bad, "domU.cpus");
    ASSERT_NE(cpus, nullptr);
    EXPECT_EQ(cpus->actual, "8");
    EXPECT_NE(cpus->expected.find("64"), std::string::npos) << cpus->expected;
    ASSERT_NE(find(bad, "domU.name"), nullptr);
    EXPECT_FALSE(bad.pass);
    auto good = check(header + "CONFIG_NR_CPUS=64\nCONFIG_XEN_NAME=\"pvh guest\"\n");
    EXPECT_EQ(find(good, "domU.cpus"), nullptr);
    EXPECT_EQ(find(good, "domU.name"), nullptr);
    EXPECT_TRUE(good.pass);
}

// A fragment records no toolchain: its build merges it onto the defaults
// and asks the toolchain, so its line for a toolchain-derived symbol is a
// user value, which a select overrides. A full config recorded what its
// toolchain answered, and that stands. (5.10's ARM64 reads the toolchain, so
// OF, which it selects, is toolchain-derived; Debian's fragment says
// `# CONFIG_OF is not set`, and the real build still has OF=y.)
TEST(Check, FragmentToolchainDerivedLineIsOverriddenBySelect) {
    testsupport::RulesFixture fx(R"KC(mainmenu "test"
config MODULES
	bool "modules"
	modules
config X86
	def_bool y
config X86_64
	def_bool y
config PLATFORM
	def_bool y
	depends on "$(CC)" != "no-compiler"
	select OF
config OF
	bool "Device tree support"
config XEN
	bool "Xen guest support"
	depends on OF
)KC",
                                 R"({"schema": 1, "rules": [
 {"id": "domU.xen", "severity": "error", "symbol": "XEN", "role": ["domU"], "rationale": "xen"}
]})");
    ASSERT_TRUE(fx.ctx.find_symbol("OF")->has(kconfig::kSymProbeDerived));
    auto run = [&](bool fragment) {
        return fx.check_with(testsupport::check_options(Role::DomU, std::nullopt, fragment),
                             "# CONFIG_OF is not set\nCONFIG_XEN=y\n");
    };
    CheckReport fragment = run(true);
    EXPECT_TRUE(fragment.pass);
    EXPECT_EQ(find(fragment, "domU.xen"), nullptr);
    CheckReport full = run(false);
    EXPECT_FALSE(full.pass);
    EXPECT_NE(find(full, "domU.xen"), nullptr);
}

// A rule given with --rules that names a symbol the kernel lacks is said,
// never silently dropped; a shipped rule's missing symbol stays silent
// (it is a symbol of another version, checked by the corpus tests).
TEST(Check, UserRuleWithMissingSymbolIsReported) {
    Fixture fx;
    RuleSet user;
    std::vector<RulesError> errors;
    ASSERT_TRUE(parse_rules(R"({"schema": 1, "rules": [
 {"id": "local.nosuch", "severity": "error", "symbol": "NO_SUCH", "role": ["domU"], "rationale": "x"},
 {"id": "local.needs", "severity": "error", "require": "XEN && GONE_TOO", "role": ["domU"], "rationale": "y"},
 {"id": "local.written", "severity": "error", "symbol": "ONLY_IN_CONFIG", "role": ["domU"], "rationale": "z"}
]})",
                            "user.json", user, errors, RulesFileKind::Override));
    ASSERT_TRUE(merge_rules(fx.rules, user, errors));
    RuleSet shipped_only;
    ASSERT_TRUE(parse_rules(R"({"schema": 1, "rules": [
 {"id": "domU.gone", "severity": "error", "symbol": "NO_SUCH", "role": ["domU"], "rationale": "x"}
]})",
                            "r.json", shipped_only, errors));
    const std::string config = "# Linux/x86 6.12.1 Kernel Configuration\nCONFIG_X86_64=y\n"
                               "CONFIG_PARAVIRT=y\nCONFIG_HYPERVISOR_GUEST=y\nCONFIG_XEN=y\n"
                               "CONFIG_XEN_BLKDEV_FRONTEND=y\nCONFIG_ONLY_IN_CONFIG=y\n";
    CheckOptions o;
    o.role = Role::DomU;
    o.mode = Mode::PV;
    auto check = [&](const RuleSet& rs) {
        CheckReport r;
        std::string err;
        EXPECT_TRUE(run_check(fx.kn, rs, ".config", config, o, r, &err)) << err;
        return r;
    };
    auto problems_of = [](const CheckReport& r) {
        std::vector<const Finding*> out;
        for (const Finding& f : r.findings)
            if (f.rule_id == "xencfg.rule-symbol-unknown") out.push_back(&f);
        return out;
    };
    const CheckReport report = check(fx.rules);
    const auto problems = problems_of(report);
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0]->kind, FindingKind::RuleProblem);
    EXPECT_EQ(problems[0]->severity, Severity::Warning);
    EXPECT_EQ(problems[0]->where.file, "user.json");
    EXPECT_EQ(problems[0]->where.line, 2);
    EXPECT_EQ(problems[0]->symbol, "NO_SUCH");
    EXPECT_EQ(problems[0]->message,
              "rule local.nosuch (--rules) was not applied: NO_SUCH is not a symbol of "
              "Linux 6.12 (x86_64)");
    EXPECT_EQ(problems[1]->symbol, "GONE_TOO");
    EXPECT_EQ(problems[1]->message, "rule local.needs (--rules) reads GONE_TOO as n: GONE_TOO is "
                                    "not a symbol of Linux 6.12 (x86_64)");
    // The require rule is still judged, with GONE_TOO as n: it fails.
    EXPECT_NE(find(report, "local.needs"), nullptr);

    // The knowledge base of this version holds only the shipped rules'
    // symbols: it says so, and how to judge the rule.
    fx.kn.is_kb = true;
    const CheckReport kb_report = check(fx.rules);
    const auto kb_problems = problems_of(kb_report);
    ASSERT_EQ(kb_problems.size(), 2u);
    EXPECT_EQ(kb_problems[0]->message,
              "rule local.nosuch (--rules) was not applied: NO_SUCH is not in the knowledge base "
              "for Linux 6.12 (x86_64), which holds the shipped rules' symbols: give --tree to "
              "judge this rule");
    fx.kn.is_kb = false;

    EXPECT_TRUE(problems_of(check(shipped_only)).empty());
}

// Suggestions conf can carry out: a tristate under an m dependency is asked
// for m (y is out of its reach), a bool needs its tristate dependency only
// at m, a line the file already has is no fix, and a choice member's own
// `depends on` is what keeps it off (6.11+).
TEST(Check, FixesStayWithinWhatConfCanSet) {
    testsupport::RulesFixture fx(R"(mainmenu "test"
config MODULES
	bool "modules"
	modules
config X86_64
	def_bool y
config DRM
	tristate "drm"
config I915
	tristate "i915"
	depends on DRM
config I915_CAPTURE
	bool "capture"
	depends on I915
choice
	prompt "model"
config MODEL_NONE
	bool "none"
config MODEL_RT
	bool "rt"
	depends on ARCH_RT
endchoice
config ARCH_RT
	bool
)",
                                 R"({"schema": 1, "rules": [
 {"id": "domU.drm", "severity": "info", "symbol": "DRM", "value": "y/m", "role": ["domU"], "rationale": "d"}
]})");
    CheckReport r =
        fx.check_with(testsupport::check_options(Role::DomU, Mode::HVM),
                      "# Linux/x86 6.12.1 Kernel Configuration\nCONFIG_MODULES=y\n"
                      "CONFIG_X86_64=y\nCONFIG_DRM=m\nCONFIG_I915_CAPTURE=y\nCONFIG_MODEL_RT=y\n");
    ASSERT_FALSE(HasFailure());
    const Finding* capture = nullptr;
    const Finding* rt = nullptr;
    for (const Finding& f : r.findings) {
        if (f.rule_id != "xencfg.dropped") continue;
        if (f.symbol == "I915_CAPTURE") capture = &f;
        if (f.symbol == "MODEL_RT") rt = &f;
    }
    ASSERT_NE(capture, nullptr);
    EXPECT_EQ(capture->fix, (std::vector<std::string>{"CONFIG_I915=m"}));
    ASSERT_NE(rt, nullptr);
    EXPECT_TRUE(rt->fix.empty()); // CONFIG_MODEL_RT=y is the file's own line
    ASSERT_FALSE(rt->explanation.empty());
    EXPECT_EQ(rt->explanation[0], "MODEL_RT depends on ARCH_RT [=n]");
}

// The knowledge base a report is judged with: the exact version, else the
// nearest older one with a note; the name is relative to the data dir.
TEST(Check, ChoosesTheShippedKnowledgeBase) {
    testsupport::TempDir data;
    for (const char* v : {"6.1", "6.12"}) {
        std::filesystem::create_directories(data.path / "kb" / v);
        testsupport::spit(data.path / "kb" / v / "x86_64.kconfig", "");
    }
    std::string dir = data.path.string(), error;
    auto exact = choose_shipped_kb(dir, Arch::X86_64, *KVer::parse("6.12"), &error);
    ASSERT_TRUE(exact);
    kconfig::Context ctx;
    CheckKnowledge k = kb_knowledge(*exact, dir, ctx);
    EXPECT_EQ(k.description, "kb kb/6.12/x86_64.kconfig");
    EXPECT_TRUE(k.is_kb);
    EXPECT_EQ(k.ctx, &ctx);
    EXPECT_EQ(k.version, KVer::parse("6.12"));

    auto older = choose_shipped_kb(dir, Arch::X86_64, *KVer::parse("6.6"), &error);
    ASSERT_TRUE(older);
    EXPECT_EQ(kb_knowledge(*older, dir, ctx).description,
              "kb kb/6.1/x86_64.kconfig (no knowledge base for 6.6; using 6.1 (nearest older) "
              "plus the rules' version bounds)");

    EXPECT_FALSE(choose_shipped_kb(dir, Arch::Arm, *KVer::parse("6.12"), &error));
    EXPECT_EQ(error, "no knowledge base for Linux 6.12 on arm in " + dir +
                         "/kb; pass --tree with a kernel source tree");
}

// severity_by_mode: one rule, an error in pv and pvh and a warning in hvm.
// Each severity is its own finding, and each mode's verdict follows its own.
TEST(Check, SeverityByMode) {
    testsupport::RulesFixture fx(kTree, R"({"schema": 1, "rules": [
 {"id": "domU.blkfront", "severity": "error", "severity_by_mode": {"hvm": "warning"},
  "symbol": "XEN_BLKDEV_FRONTEND", "value": "y/m", "role": ["domU"], "rationale": "disks"}]})");
    const std::string config =
        "# Linux/x86 6.12.1 Kernel Configuration\nCONFIG_X86_64=y\nCONFIG_PARAVIRT=y\n"
        "CONFIG_HYPERVISOR_GUEST=y\nCONFIG_XEN=y\n# CONFIG_XEN_BLKDEV_FRONTEND is not set\n";
    auto check = [&](std::optional<Mode> mode) {
        return fx.check_with(testsupport::check_options(Role::DomU, mode), config);
    };
    CheckReport pv = check(Mode::PV);
    ASSERT_NE(find(pv, "domU.blkfront"), nullptr);
    EXPECT_EQ(find(pv, "domU.blkfront")->severity, Severity::Error);
    EXPECT_FALSE(pv.pass);
    CheckReport hvm = check(Mode::HVM);
    ASSERT_NE(find(hvm, "domU.blkfront"), nullptr);
    EXPECT_EQ(find(hvm, "domU.blkfront")->severity, Severity::Warning);
    EXPECT_TRUE(hvm.pass);

    CheckReport any = check(std::nullopt);
    std::vector<std::pair<std::string, Severity>> seen;
    for (const Finding& f : any.findings)
        if (f.rule_id == "domU.blkfront") seen.push_back({modes_text(f.modes), f.severity});
    // pv and pvh fail while hvm passes: their errors are shown as info.
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0], std::make_pair(std::string("pv, pvh"), Severity::Info));
    EXPECT_EQ(seen[1], std::make_pair(std::string("hvm"), Severity::Warning));
    EXPECT_TRUE(any.pass);
    EXPECT_EQ(any.passing_modes, std::vector<Mode>{Mode::HVM});
}

// Turning a choice member off. Before 6.11 a member's "is not set" keeps
// it chosen (conf falls back to the choice's default, the same member): the
// fix must choose another member, one that selects what is being raised
// (HIGHMEM64G selects X86_PAE) and is not ruled out by its dependencies
// (HIGHMEM64G is not for a Geode), else the cheapest. From 6.11 on the
// member's n line is the change. Every fix is applied with the engine,
// merged as merge_config.sh does, and must give XEN=y.
namespace {
const char* kHighmemTree = R"(mainmenu "test"
config X86_32
	def_bool y
choice
	prompt "Processor family"
	default MGEODE_LX
config M686
	bool "686"
config MGEODE_LX
	bool "Geode LX"
endchoice
choice
	prompt "High Memory Support"
	default HIGHMEM4G
config NOHIGHMEM
	bool "off"
config HIGHMEM4G
	bool "4GB"
config HIGHMEM64G
	bool "64GB"
	depends on !MGEODE_LX
	select X86_PAE
endchoice
config X86_PAE
	bool "PAE"
	depends on X86_32 && !HIGHMEM4G
config XEN
	bool "Xen guest support"
	depends on X86_PAE
)";
const char* kXenRule = R"({"schema": 1, "rules": [
 {"id": "domU.xen", "severity": "error", "symbol": "XEN", "role": ["domU"], "rationale": "xen"}
]})";

// The fix lines of domU.xen for `cpu` (M686 or MGEODE_LX) on the tree loaded
// as Linux version.patchlevel, after checking that they give XEN=y.
std::vector<std::string> highmem_fix(int version, int patchlevel, const std::string& cpu) {
    testsupport::RulesFixture fx(kHighmemTree, kXenRule, version, patchlevel);
    std::string config = fmt::format("# Linux/x86 {}.{}.1 Kernel Configuration\nCONFIG_X86_32=y\n"
                                     "CONFIG_{}=y\nCONFIG_HIGHMEM4G=y\n# CONFIG_X86_PAE is not "
                                     "set\n# CONFIG_XEN is not set\n",
                                     version, patchlevel, cpu);
    CheckReport r = fx.check_with(testsupport::check_options(Role::DomU, Mode::HVM), config);
    const Finding* f = find(r, "domU.xen");
    EXPECT_NE(f, nullptr);
    if (!f) return {};
    std::string fragment;
    for (const std::string& l : f->fix)
        fragment += l + "\n";
    std::string result =
        engine_olddefconfig(fx.ctx, kconfig::merge_config_fragment(config, fragment));
    auto values = kconfig::config_values(result);
    EXPECT_EQ(values["XEN"], "y") << fragment << "gave:\n" << result;
    for (const std::string& l : f->fix) {
        auto one = kconfig::config_values(l);
        for (auto& [sym, val] : one)
            EXPECT_EQ(values[sym], val) << l;
    }
    return f->fix;
}
} // namespace

TEST(Check, OldStyleChoiceMemberIsTurnedOffByChoosingAnother) {
    using V = std::vector<std::string>;
    // 6.1: HIGHMEM64G selects X86_PAE and the 686 allows it.
    EXPECT_EQ(highmem_fix(6, 1, "M686"),
              (V{"CONFIG_HIGHMEM64G=y", "CONFIG_X86_PAE=y", "CONFIG_XEN=y"}));
    // 6.1 on a Geode: HIGHMEM64G would need another CPU; NOHIGHMEM does it.
    EXPECT_EQ(highmem_fix(6, 1, "MGEODE_LX"),
              (V{"CONFIG_NOHIGHMEM=y", "CONFIG_X86_PAE=y", "CONFIG_XEN=y"}));
    // 5.10 is the same dialect.
    EXPECT_EQ(highmem_fix(5, 10, "MGEODE_LX"),
              (V{"CONFIG_NOHIGHMEM=y", "CONFIG_X86_PAE=y", "CONFIG_XEN=y"}));
    // 6.12: a member set to n leaves the choice.
    EXPECT_EQ(highmem_fix(6, 12, "MGEODE_LX"),
              (V{"# CONFIG_HIGHMEM4G is not set", "CONFIG_X86_PAE=y", "CONFIG_XEN=y"}));
}

TEST(Check, FixOfOldStyleChoiceHoldsInTheEngine) {
    // The old dialect's "is not set" alone is no fix: the engine, like
    // conf, keeps HIGHMEM4G (what the test above guards against).
    testsupport::RulesFixture fx(kHighmemTree, kXenRule, 6, 1);
    std::string config = "CONFIG_X86_32=y\nCONFIG_MGEODE_LX=y\nCONFIG_HIGHMEM4G=y\n";
    std::string result = engine_olddefconfig(
        fx.ctx, kconfig::merge_config_fragment(config, "# CONFIG_HIGHMEM4G is not set\n"
                                                       "CONFIG_X86_PAE=y\n"));
    auto values = kconfig::config_values(result);
    EXPECT_EQ(values["HIGHMEM4G"], "y");
    EXPECT_NE(values["X86_PAE"], "y"); // invisible: not even written
}

// A headerless input of a hundred lines or more is a savedefconfig when its
// lines follow the menu order (savedefconfig writes them so), else a
// fragment: the kernel's own x86_64_defconfig (under 300 lines, no XEN)
// passed domU as a fragment "with every requirement left to the base".
// Without a tree (a knowledge base has no menu order) a verdict that
// differs between the two readings is undecided, never the fragment's pass.
TEST(Check, LongHeaderlessInputInMenuOrderIsASavedefconfig) {
    std::string tree = kTree, in_order, reversed;
    for (int i = 0; i < 120; ++i) {
        tree += fmt::format("config FILL{}\n\tbool \"filler {}\"\n", i, i);
        in_order += fmt::format("CONFIG_FILL{}=y\n", i);
        reversed = fmt::format("CONFIG_FILL{}=y\n", i) + reversed;
    }
    testsupport::RulesFixture fx(tree.c_str(), kRules);
    auto opts = testsupport::check_options(Role::DomU);

    CheckReport ordered = fx.check_with(opts, in_order);
    EXPECT_FALSE(ordered.fragment);
    EXPECT_TRUE(ordered.minimal);
    EXPECT_FALSE(ordered.pass); // XEN takes its default, n
    EXPECT_NE(find(ordered, "domU.xen"), nullptr);

    CheckReport shuffled = fx.check_with(opts, reversed);
    EXPECT_TRUE(shuffled.fragment);
    EXPECT_TRUE(shuffled.pass); // a fragment leaves XEN to its base

    // Said by a flag, the reading is the flag's.
    auto as_fragment = testsupport::check_options(Role::DomU, std::nullopt, true);
    EXPECT_TRUE(fx.check_with(as_fragment, in_order).fragment);

    // Without menu order (a knowledge base): both readings, and they differ.
    fx.kn.is_kb = true;
    CheckReport kb = fx.check_with(opts, in_order);
    EXPECT_FALSE(kb.pass);
    EXPECT_TRUE(kb.undecided);
    const Finding* u = find(kb, "xencfg.undecided");
    ASSERT_NE(u, nullptr);
    EXPECT_EQ(u->severity, Severity::Error);
    // A short fragment stays a fragment, also without a tree.
    CheckReport short_one = fx.check_with(opts, "CONFIG_FILL1=y\nCONFIG_FILL2=y\n");
    EXPECT_TRUE(short_one.fragment);
    EXPECT_TRUE(short_one.pass);
    EXPECT_FALSE(short_one.undecided);
}

// An int line whose symbol depends on something the fragment does not set
// (a 4.19 fragment's CONFIG_SCSI_MPT3SAS_MAX_SGE=128 without SCSI) is
// dropped like a bool line: left to the base in a fragment (info, not a
// hygiene warning that fails --strict), said as "dropped" rather than
// "changed to " an empty value, and no change asks for the int to be "y".
TEST(Check, ValuedLineDroppedForItsDependencies) {
    std::string tree = std::string(kTree) + "config FOO\n\tbool \"foo\"\n" +
                       "config FOO_SIZE\n\tint \"size\"\n\tdepends on FOO\n\tdefault 4\n";
    testsupport::RulesFixture fx(tree.c_str(), kRules);
    CheckReport r = fx.check_with(testsupport::check_options(Role::DomU, std::nullopt, true),
                                  "CONFIG_XEN=y\nCONFIG_FOO_SIZE=128\n");
    const Finding* d = find(r, "xencfg.dropped", "FOO_SIZE");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->severity, Severity::Info);
    EXPECT_EQ(d->fate, LineFate::Dropped);
    EXPECT_NE(d->message.find("CONFIG_FOO=y"), std::string::npos) << d->message;
    for (const Change& c : d->changes)
        EXPECT_NE(c.symbol, "FOO_SIZE");
}

// conf reads a bool or tristate line by its first character: a fragment's
// "CONFIG_DEVMEM=n   # Disable /dev/mem" is n, which olddefconfig keeps;
// no "will be dropped" hygiene warning (which --strict would fail on).
TEST(Check, TrailingTextAfterABoolValueIsWhatConfReads) {
    Fixture fx;
    CheckReport r = fx.run("CONFIG_ACPI=n   # no ACPI\nCONFIG_PARAVIRT=y  # pv\n", Role::DomU,
                           std::nullopt, true);
    for (const Finding& f : r.findings)
        EXPECT_NE(f.rule_id, "xencfg.dropped") << f.message;
    // A value conf rejects is still reported.
    CheckReport bad = fx.run("CONFIG_PARAVIRT=Y\n", Role::DomU, std::nullopt, true);
    EXPECT_NE(find(bad, "xencfg.dropped"), nullptr);
}

// A savedefconfig records no toolchain: this machine's probe answers stand
// in, and a line they drop (Alpine's CONFIG_GCC_PLUGIN_STACKLEAK=y where
// this machine has no plugin headers) is the build environment (info), not
// a hygiene warning that --strict fails on.
TEST(Check, SavedefconfigLineDroppedByThisToolchainIsInfo) {
    std::string tree = std::string(kTree) + "config PLUGINS_OK\n\tdef_bool $(shell,echo n)\n" +
                       "config PLUGIN_X\n\tbool \"plugin x\"\n\tdepends on PLUGINS_OK\n";
    testsupport::RulesFixture fx(tree.c_str(), kRules);
    CheckOptions opts = testsupport::check_options(Role::DomU, std::nullopt, false);
    opts.minimal = true;
    CheckReport r = fx.check_with(opts, "CONFIG_PLUGIN_X=y\n");
    const Finding* env = find(r, "xencfg.build-environment");
    ASSERT_NE(env, nullptr);
    EXPECT_EQ(env->symbol, "PLUGIN_X");
    EXPECT_EQ(env->severity, Severity::Info);
    EXPECT_EQ(find(r, "xencfg.dropped"), nullptr);

    // A fragment records none either (Qubes' config-qubes sets
    // CONFIG_GCC_PLUGINS=y).
    CheckReport frag = fx.check_with(testsupport::check_options(Role::DomU, std::nullopt, true),
                                     "CONFIG_PLUGIN_X=y\n");
    const Finding* fenv = find(frag, "xencfg.build-environment");
    ASSERT_NE(fenv, nullptr);
    EXPECT_EQ(fenv->severity, Severity::Info);
    EXPECT_EQ(find(frag, "xencfg.dropped"), nullptr);
}

// Linux runs under Xen on x86 and arm only. A config for another
// architecture (Debian ships riscv64, ppc64el, s390x and loong64 configs;
// their headers say "Linux/riscv", "Linux/powerpc", ...) is not one whose
// arch cannot be told: it fails every role, without any knowledge.
TEST(Check, ConfigForAnArchWithoutXenFailsEveryRole) {
    const std::string riscv = testsupport::conf_header("riscv", "7.2.13") +
                              "CONFIG_64BIT=y\nCONFIG_RISCV=y\nCONFIG_MMU=y\n";
    ConfigTarget t = detect_target(riscv);
    EXPECT_FALSE(t.arch);
    EXPECT_EQ(t.other_arch, "riscv");
    EXPECT_EQ(t.arch_line, 6);
    // By the header alone (a fragment of it), and by the symbol alone.
    EXPECT_EQ(detect_target("# Linux/powerpc 7.2.13 Kernel Configuration\n").other_arch, "powerpc");
    EXPECT_EQ(detect_target("CONFIG_S390=y\n").other_arch, "s390");
    // An x86 config is never one of them, whatever else it sets.
    EXPECT_EQ(detect_target("CONFIG_X86_64=y\nCONFIG_ARC=y\n").other_arch, "");

    for (Role role : {Role::Dom0, Role::DomU}) {
        CheckReport r;
        std::string err;
        ASSERT_TRUE(run_check(CheckKnowledge{}, RuleSet{}, "riscv.config", riscv,
                              testsupport::check_options(role), r, &err))
            << err;
        EXPECT_FALSE(r.pass);
        EXPECT_EQ(check_exit_status(r), 1);
        const Finding* f = find(r, "xencfg.no-xen-arch");
        ASSERT_NE(f, nullptr);
        EXPECT_EQ(f->severity, Severity::Error);
        EXPECT_EQ(f->where.line, 6);
    }
}

// A whole .config records its toolchain's n answers by omission: conf
// writes no line for an invisible n, so a config clang made has no line for
// CC_IS_GCC. Read as this machine's (gcc) answer, CC_IS_GCC=y with the
// recorded GCC_VERSION=0 dropped the config's own
// CC_HAS_WORKING_NOSANITIZE_ADDRESS=y (6.12 defconfig + xen.config made
// with LLVM=1). A savedefconfig omits what it likes: there this machine
// answers.
TEST(Check, WholeConfigRecordsToolchainNByOmission) {
    std::string tree = std::string(kTree) + testsupport::kGccMachineKconfig;
    testsupport::RulesFixture fx(tree.c_str(), kRules);
    ASSERT_TRUE(fx.ctx.find_symbol("CC_IS_GCC")->has(kconfig::kSymProbeDerived));
    const std::string by_clang = testsupport::conf_header("x86", "6.12.1") +
                                 "CONFIG_GCC_VERSION=0\nCONFIG_CC_IS_CLANG=y\n"
                                 "CONFIG_X86_64=y\nCONFIG_PARAVIRT=y\nCONFIG_HYPERVISOR_GUEST=y\n"
                                 "CONFIG_XEN=y\nCONFIG_NOSANITIZE_WORKS=y\n";
    CheckOptions opts = testsupport::check_options(Role::DomU, std::nullopt, false);
    opts.minimal = false;
    CheckReport whole = fx.check_with(opts, by_clang);
    EXPECT_EQ(find(whole, "xencfg.dropped", "NOSANITIZE_WORKS"), nullptr);
    EXPECT_EQ(find(whole, "xencfg.build-environment", "NOSANITIZE_WORKS"), nullptr);

    // --host-toolchain asks for this machine's answers: gcc's, all of them.
    opts.host_toolchain = true;
    CheckReport host = fx.check_with(opts, by_clang);
    const Finding* env = find(host, "xencfg.build-environment", "GCC_VERSION");
    ASSERT_NE(env, nullptr);
    EXPECT_EQ(env->actual, "140200");
    EXPECT_EQ(find(host, "xencfg.dropped", "NOSANITIZE_WORKS"), nullptr);

    // A savedefconfig: this machine answers for what it omits.
    opts.host_toolchain = false;
    opts.minimal = true;
    CheckReport minimal = fx.check_with(opts, by_clang);
    EXPECT_NE(find(minimal, "xencfg.build-environment", "NOSANITIZE_WORKS"), nullptr);
}

// A whole config of this very release that names symbols the tree lacks
// was written by another source tree (Debian's 6.12 rt config, made from
// the RT-patched source, names PREEMPT_LAZY; vanilla 6.12 drops its
// DRM_I915=m under PREEMPT_RT): what the tree changes is info, with a note
// naming the symbols. Without such a symbol the same drop is a warning.
TEST(Check, ConfigOfAnotherSourceTreeDropsAreInfo) {
    std::string tree = std::string(kTree) + "config RT\n\tbool \"rt\"\n" +
                       "config GPU\n\ttristate \"gpu\"\n\tdepends on !RT\n";
    testsupport::RulesFixture fx(tree.c_str(), kRules);
    const std::string whole = testsupport::conf_header("x86", "6.12.1") +
                              "CONFIG_X86_64=y\nCONFIG_PARAVIRT=y\nCONFIG_HYPERVISOR_GUEST=y\n"
                              "CONFIG_XEN=y\nCONFIG_RT=y\nCONFIG_GPU=m\n";
    CheckOptions opts = testsupport::check_options(Role::DomU, std::nullopt, false);
    opts.minimal = false;
    CheckReport vanilla = fx.check_with(opts, whole);
    const Finding* drop = find(vanilla, "xencfg.dropped", "GPU");
    ASSERT_NE(drop, nullptr);
    EXPECT_EQ(drop->severity, Severity::Warning);

    CheckReport patched = fx.check_with(opts, whole + "CONFIG_RT_LAZY=y\n");
    drop = find(patched, "xencfg.dropped", "GPU");
    ASSERT_NE(drop, nullptr);
    EXPECT_EQ(drop->severity, Severity::Info);
    EXPECT_NE(find(patched, "xencfg.unknown-symbol", "RT_LAZY"), nullptr);
    EXPECT_EQ(patched.notes.size(), vanilla.notes.size() + 1); // the one naming RT_LAZY
    EXPECT_TRUE(patched.pass);

    // A fragment may name anything: its drops stay what they were.
    CheckReport fragment = fx.check_with(testsupport::check_options(Role::DomU, std::nullopt, true),
                                         "CONFIG_RT=y\nCONFIG_GPU=m\nCONFIG_RT_LAZY=y\n");
    drop = find(fragment, "xencfg.dropped", "GPU");
    ASSERT_NE(drop, nullptr);
    EXPECT_NE(drop->severity, Severity::Info);
}

// A savedefconfig of one release judged on another release's tree: what it
// omits takes that tree's defaults, which may differ (6.12's NET_9P_FD
// implies UNIX, 6.1 has no such imply: Alpine's 6.12 linux-virt failed dom0
// on the 6.1 tree). A failure those defaults may cause is undecided; a
// pass stands, with a note.
TEST(Check, SavedefconfigOnAnotherReleasesTree) {
    testsupport::RulesFixture fx(kTree, kRules, 6, 1);
    CheckOptions opts = testsupport::check_options(Role::DomU, std::nullopt, false);
    opts.minimal = true;
    opts.version = KVer::parse("6.12");
    const std::string omits_xen = "CONFIG_PARAVIRT=y\nCONFIG_HYPERVISOR_GUEST=y\n";
    CheckReport other = fx.check_with(opts, omits_xen);
    EXPECT_FALSE(other.pass);
    EXPECT_TRUE(other.undecided);
    EXPECT_TRUE(other.undecided_by_release);
    ASSERT_NE(find(other, "xencfg.undecided"), nullptr);
    // What the verdict turns on: XEN, which the savedefconfig leaves to a
    // default that this tree may not share.
    EXPECT_EQ(find(other, "xencfg.undecided")->symbol, "XEN");

    CheckReport passes = fx.check_with(opts, omits_xen + "CONFIG_XEN=y\n");
    EXPECT_TRUE(passes.pass);
    EXPECT_FALSE(passes.undecided);

    // The tree's own release: its defaults are the config's.
    opts.version = KVer::parse("6.1");
    CheckReport own = fx.check_with(opts, omits_xen);
    EXPECT_FALSE(own.pass);
    EXPECT_FALSE(own.undecided);
}

// A dependency that compares a symbol with y (`USB=y || (USB=m &&
// USB_GADGET=m)`, USB_DUMMY_HCD) is explained as that symbol's value, so a
// fragment's line under it is left to the base that sets USB (info), and
// the fix names USB=y rather than ending at "is not met".
TEST(Check, ComparisonWithYIsExplainedAsAValue) {
    std::string tree = std::string(kTree) + "config USBX\n\ttristate \"usb\"\n" +
                       "config GADGET\n\ttristate \"gadget\"\n" +
                       "config DUMMY\n\ttristate \"dummy\"\n\tdepends on GADGET\n" +
                       "\tdepends on USBX=y || (USBX=m && GADGET=m)\n";
    testsupport::RulesFixture fx(tree.c_str(), kRules);
    CheckReport r = fx.check_with(testsupport::check_options(Role::DomU, std::nullopt, true),
                                  "CONFIG_GADGET=m\nCONFIG_DUMMY=m\n");
    const Finding* d = find(r, "xencfg.dropped", "DUMMY");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->severity, Severity::Info) << d->message;
    EXPECT_TRUE(asks_for(*d, "USBX", "y"));
    EXPECT_NE(std::find(d->fix.begin(), d->fix.end(), "CONFIG_USBX=y"), d->fix.end());
}

// A choice member whose prompt has its own `if` (security/Kconfig's
// `bool "AppArmor" if SECURITY_APPARMOR=y`): its dependencies are met, yet
// it cannot be chosen while the condition fails. The explanation follows
// that condition, so a fragment's line is left to the base that makes it
// hold (info, not a hygiene warning that fails --strict) and the fix names
// what the condition needs (a hardening fragment for 6.17 on a 6.12 tree).
TEST(Check, PromptConditionOfAChoiceMemberIsExplained) {
    std::string tree = std::string(kTree) + "config NETX\n\tbool \"net\"\n" +
                       "config LSM_A\n\tbool \"lsm a\"\n\tdepends on NETX\n" +
                       "choice\n\tprompt \"default lsm\"\n" +
                       "config DEFAULT_A\n\tbool \"A\" if LSM_A=y\n" +
                       "config DEFAULT_DAC\n\tbool \"DAC\"\nendchoice\n";
    testsupport::RulesFixture fx(tree.c_str(), kRules);
    CheckReport r = fx.check_with(testsupport::check_options(Role::DomU, std::nullopt, true),
                                  "CONFIG_LSM_A=y\nCONFIG_DEFAULT_A=y\n");
    const Finding* d = find(r, "xencfg.dropped", "DEFAULT_A");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->severity, Severity::Info) << d->message;
    EXPECT_TRUE(asks_for(*d, "NETX", "y")) << d->message;
}

// A savedefconfig checked with a knowledge base of its own release: a
// symbol inside the extract's cut has its defaults, dependencies, selectors
// and impliers there, so its value derives from the config; only what the
// config omits at the cut ("(outside the knowledge base)") is unknown. The
// kernel's x86_64_defconfig omits XEN, which has no default and no
// selector: domU fails for certain, it is not undecided (it was, because
// XEN has a prompt). An unknown symbol makes the verdict undecided only when
// no error-level rule fails without it.
namespace {
const char* kCutTree = R"kb(mainmenu "kb"
config X86
	def_bool y
config X86_64
	def_bool y
config PARAVIRT
	bool "paravirt"
config HYPERVISOR_GUEST
	bool "(outside the knowledge base)"
config GUEST_BUNDLE
	bool "(outside the knowledge base)"
	select XEN_BLKDEV_FRONTEND
config XEN_HINT
	bool "(outside the knowledge base)"
	imply XEN_BLKDEV_FRONTEND
config ACPI
	bool "ACPI"
config PCI
	bool "PCI"
config XEN
	bool "Xen guest support"
	depends on PARAVIRT && HYPERVISOR_GUEST
config XEN_PV
	bool "Xen PV"
	default y
	depends on XEN
config XEN_DOM0
	bool "Xen Dom0 support"
	default XEN_PV
	depends on XEN_PV && ACPI && PCI
config XEN_XENBUS_FRONTEND
	tristate
config XEN_BLKDEV_FRONTEND
	tristate "blkfront"
	depends on XEN
	select XEN_XENBUS_FRONTEND
)kb";
} // namespace

TEST(Check, SavedefconfigUndecidedOnlyOnWhatTheKbCannotDerive) {
    testsupport::RulesFixture fx(kCutTree, kRules);
    fx.kn.is_kb = true;
    CheckOptions opts = testsupport::check_options(Role::DomU, Mode::PV, false);
    opts.minimal = true;
    const std::string guest = "CONFIG_PARAVIRT=y\nCONFIG_HYPERVISOR_GUEST=y\n";

    // XEN omitted: no default, no selector, no implier written: n.
    CheckReport no_xen = fx.check_with(opts, guest);
    EXPECT_FALSE(no_xen.pass);
    EXPECT_FALSE(no_xen.undecided);
    EXPECT_EQ(find(no_xen, "xencfg.undecided"), nullptr);
    EXPECT_NE(find(no_xen, "domU.xen"), nullptr);

    // XEN written, blkfront omitted: GUEST_BUNDLE or XEN_HINT (at the
    // cut, omitted) may turn it on: undecided.
    CheckReport bundle = fx.check_with(opts, guest + "CONFIG_XEN=y\n");
    EXPECT_FALSE(bundle.pass);
    EXPECT_TRUE(bundle.undecided);
    EXPECT_FALSE(bundle.undecided_by_release);
    const Finding* u = find(bundle, "xencfg.undecided");
    ASSERT_NE(u, nullptr);
    // What it turns on: blkfront's selector past the cut.
    EXPECT_EQ(u->symbol, "GUEST_BUNDLE");

    // Written at the cut, its select counts: a certain pass.
    CheckReport selected = fx.check_with(opts, guest + "CONFIG_GUEST_BUNDLE=y\nCONFIG_XEN=y\n");
    EXPECT_TRUE(selected.pass);
    EXPECT_FALSE(selected.undecided);

    // An imply from a written symbol at the cut sets blkfront's default
    // (the extract keeps the implies of symbols at its cut); the omitted
    // GUEST_BUNDLE could only add to that.
    CheckReport implied = fx.check_with(opts, guest + "CONFIG_XEN_HINT=y\nCONFIG_XEN=y\n");
    EXPECT_TRUE(implied.pass);
    EXPECT_FALSE(implied.undecided);

    // HYPERVISOR_GUEST omitted, at the cut: XEN may be visible or not, so
    // domU is undecided; but dom0 needs XEN_DOM0, which depends on ACPI
    // (inside the cut, no default: n): it fails whatever the unknown is.
    const std::string xen_no_guest = "CONFIG_PARAVIRT=y\nCONFIG_XEN=y\nCONFIG_GUEST_BUNDLE=y\n";
    CheckReport domU = fx.check_with(opts, xen_no_guest);
    EXPECT_TRUE(domU.undecided);
    // Its XEN=y line may or may not be dropped: info, and no change that
    // rests on a guess.
    const Finding* maybe = find(domU, "xencfg.dropped", "XEN");
    ASSERT_NE(maybe, nullptr);
    EXPECT_EQ(maybe->severity, Severity::Info);
    EXPECT_TRUE(maybe->changes.empty());
    EXPECT_TRUE(maybe->fix.empty());
    CheckOptions dom0_opts = testsupport::check_options(Role::Dom0, std::nullopt, false);
    dom0_opts.minimal = true;
    CheckReport dom0 = fx.check_with(dom0_opts, xen_no_guest);
    EXPECT_FALSE(dom0.pass);
    EXPECT_FALSE(dom0.undecided);
    EXPECT_NE(find(dom0, "dom0.xen-dom0"), nullptr);

    // The same without a knowledge base of its own release (an older one):
    // any default may differ, so the omitted XEN stays unknown.
    opts.version = KVer::parse("7.2");
    CheckReport older_kb = fx.check_with(opts, guest);
    EXPECT_TRUE(older_kb.undecided);
}

// A full config written by another patch release of the tree's own (EVE's
// "Linux/x86 5.10.7" on Debian's 5.10.223, where NTFS_FS has since come to
// depend on BROKEN): a line that release no longer keeps is info, not a
// hygiene warning that fails --strict. KVer keeps no sublevel, so this
// never fired; the same line under the tree's own sublevel stays a warning.
// With a knowledge base too: its "# kernel-version:" line is its release
// (Debian's 6.1 configs say 6.1.176, the 6.1 extract is 6.1.192).
TEST(Check, PatchReleaseDriftIsInfo) {
    std::string tree = std::string(kTree) + "config BROKEN\n\tbool\n" +
                       "config OLDFS\n\ttristate \"old fs\"\n\tdepends on BROKEN\n";
    for (bool kb : {false, true}) {
        SCOPED_TRACE(kb ? "knowledge base" : "tree");
        testsupport::RulesFixture fx(tree.c_str(), kRules); // Linux 6.12.1
        fx.kn.is_kb = kb;
        CheckOptions opts = testsupport::check_options(Role::DomU, Mode::PV);
        opts.strict = true;
        auto config = [](const char* release) {
            return std::string("# Linux/x86 ") + release +
                   " Kernel Configuration\nCONFIG_X86=y\nCONFIG_X86_64=y\nCONFIG_PARAVIRT=y\n"
                   "CONFIG_HYPERVISOR_GUEST=y\nCONFIG_XEN=y\nCONFIG_XEN_PV=y\n"
                   "CONFIG_XEN_BLKDEV_FRONTEND=y\nCONFIG_XEN_XENBUS_FRONTEND=y\nCONFIG_OLDFS=m\n";
        };
        CheckReport drift = fx.check_with(opts, config("6.12.9"));
        const Finding* d = find(drift, "xencfg.dropped", "OLDFS");
        ASSERT_NE(d, nullptr);
        EXPECT_EQ(d->severity, Severity::Info) << d->message;
        EXPECT_TRUE(drift.pass);
        bool noted = false;
        for (const std::string& n : drift.notes)
            noted = noted || n.find("written by Linux 6.12.9") != std::string::npos;
        EXPECT_TRUE(noted);

        CheckReport same = fx.check_with(opts, config("6.12.1"));
        const Finding* w = find(same, "xencfg.dropped", "OLDFS");
        ASSERT_NE(w, nullptr);
        EXPECT_EQ(w->severity, Severity::Warning) << w->message;
        EXPECT_FALSE(same.pass);
    }
}

// `text` plus a line for a symbol the extract lacks, checked --strict with
// `opts`: undecided, naming that symbol; without --strict it passes.
void expect_strict_undecided_on_unseen_line(testsupport::RulesFixture& fx, const CheckOptions& opts,
                                            const std::string& text) {
    CheckReport unseen = fx.check_with(opts, text + "CONFIG_OUTSIDE_KB=y\n");
    EXPECT_FALSE(unseen.pass);
    EXPECT_TRUE(unseen.undecided);
    const Finding* u = find(unseen, "xencfg.undecided");
    ASSERT_NE(u, nullptr);
    EXPECT_EQ(u->symbol, "OUTSIDE_KB");
    CheckOptions lenient = opts;
    lenient.strict = false;
    CheckReport not_strict = fx.check_with(lenient, text + "CONFIG_OUTSIDE_KB=y\n");
    EXPECT_TRUE(not_strict.pass);
    EXPECT_FALSE(not_strict.undecided);
}

// --strict on a savedefconfig without a tree. The bracket puts every
// omitted symbol at the cut at one extreme at once; in the rules' best case
// that turned on a promptless NO_DMA (nothing selects it on x86), so XEN's
// select of ARCH_HAS_DMA_OPS went against its dependencies, and conf's
// unmet-dependency warning, put at the config line whose number its Kconfig
// definition has, failed --strict: Alpine's virt config was UNDECIDED for
// it. The bracket judges the rules; Kconfig's own warnings are the main
// run's, and a real one is about its symbol, at no line. What the knowledge
// base cannot see (lines for symbols it lacks) leaves a strict pass
// undecided.
TEST(Check, StrictSavedefconfigJudgesOnlyWhatTheKbCanSee) {
    // DMA_OPSX is defined at line 2: the warning was put at the config's
    // line 2 (and dropped when the config was shorter).
    const char* tree = R"kb(mainmenu "kb"
config DMA_OPSX
	bool
	depends on HAS_DMAX
config X86
	def_bool y
config X86_64
	def_bool y
config PARAVIRT
	bool "paravirt"
config NO_DMAX
	bool "(outside the knowledge base, no prompt in the tree)"
config HAS_DMAX
	bool
	depends on !NO_DMAX
	default y if !NO_DMAX
config XEN
	bool "Xen guest support"
	depends on PARAVIRT
	select DMA_OPSX
config XEN_XENBUS_FRONTEND
	tristate
config XEN_BLKDEV_FRONTEND
	tristate "blkfront"
	default y if NO_DMAX
	depends on XEN
	select XEN_XENBUS_FRONTEND
)kb";
    testsupport::RulesFixture fx(tree, kRules);
    fx.kn.is_kb = true;
    CheckOptions opts = testsupport::check_options(Role::DomU, Mode::PV, false);
    opts.minimal = true;
    opts.strict = true;
    const std::string config = "CONFIG_PARAVIRT=y\nCONFIG_XEN=y\nCONFIG_XEN_BLKDEV_FRONTEND=y\n";
    CheckReport r = fx.check_with(opts, config);
    EXPECT_TRUE(r.pass);
    EXPECT_FALSE(r.undecided);
    EXPECT_EQ(find(r, "xencfg.undecided"), nullptr);
    EXPECT_EQ(find(r, "xencfg.config-warning"), nullptr);
    bool noted = false;
    for (const std::string& n : r.notes)
        noted = noted || n.find("DMA_OPSX") != std::string::npos;
    EXPECT_TRUE(noted);

    // A line for a symbol the extract lacks may be dropped on the real tree
    // (the kernel's arm64 defconfig has CONFIG_MTD_NAND_FSL_IFC=y without
    // FSL_IFC): a hygiene warning nothing here can see, so a strict pass is
    // not certain. Without --strict the verdict stands.
    expect_strict_undecided_on_unseen_line(fx, opts, config);

    // A full config that writes NO_DMAX=y gets the warning for certain: it
    // names DMA_OPSX, at no line of the file, and --strict fails.
    CheckOptions full = testsupport::check_options(Role::DomU, Mode::PV, false);
    full.strict = true;
    CheckReport warned = fx.check_with(
        full, "# Linux/x86 6.12.1 Kernel Configuration\nCONFIG_X86=y\nCONFIG_X86_64=y\n"
              "CONFIG_PARAVIRT=y\nCONFIG_NO_DMAX=y\nCONFIG_XEN=y\nCONFIG_DMA_OPSX=y\n"
              "CONFIG_XEN_BLKDEV_FRONTEND=y\nCONFIG_XEN_XENBUS_FRONTEND=y\n");
    EXPECT_FALSE(warned.pass);
    const Finding* w = find(warned, "xencfg.config-warning");
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(w->symbol, "DMA_OPSX");
    EXPECT_EQ(w->where.line, 0);
}

// A symbol at the cut that one rule reads plainly and another negated has
// no best value: the bracket tries it both ways. Here BACK (an error rule)
// needs MIXEDC off and HELPD on, FRONT (a warning rule) needs MIXEDC on: with
// both omitted, the kb's defaults (both off), the best case (both on) and
// the worst (both off) all fail, yet MIXEDC off with HELPD on passes. That
// was a certain-looking FAIL; it is undecided.
TEST(Check, SavedefconfigBracketTriesASymbolReadBothWays) {
    const char* tree = R"kb(mainmenu "kb"
config X86
	def_bool y
config X86_64
	def_bool y
config MIXEDC
	bool "(outside the knowledge base)"
config HELPD
	bool "(outside the knowledge base)"
config XEN
	bool "Xen guest support"
config BACK
	bool "back"
	default y
	depends on XEN && !MIXEDC && HELPD
config FRONT
	bool "front"
	default y
	depends on XEN && MIXEDC
)kb";
    const char* rules = R"({"schema": 1, "rules": [
 {"id": "domU.back", "severity": "error", "symbol": "BACK", "role": ["domU"], "rationale": "b"},
 {"id": "domU.front", "severity": "warning", "symbol": "FRONT", "role": ["domU"], "rationale": "f"}
]})";
    testsupport::RulesFixture fx(tree, rules);
    fx.kn.is_kb = true;
    CheckOptions opts = testsupport::check_options(Role::DomU, Mode::PV, false);
    opts.minimal = true;
    CheckReport r = fx.check_with(opts, "CONFIG_XEN=y\n");
    EXPECT_FALSE(r.pass);
    EXPECT_TRUE(r.undecided);
    EXPECT_NE(find(r, "xencfg.undecided"), nullptr);
    // Written, both decide it: MIXEDC off with HELPD on passes, on fails.
    CheckReport passes =
        fx.check_with(opts, "CONFIG_XEN=y\nCONFIG_HELPD=y\n# CONFIG_MIXEDC is not set\n");
    EXPECT_TRUE(passes.pass);
    EXPECT_FALSE(passes.undecided);
    CheckReport fails = fx.check_with(opts, "CONFIG_XEN=y\nCONFIG_HELPD=y\nCONFIG_MIXEDC=y\n");
    EXPECT_FALSE(fails.pass);
    EXPECT_FALSE(fails.undecided);
}

// --strict with a knowledge base, beyond savedefconfigs: a fragment's line
// for a symbol the extract lacks may be dropped when it is merged (a
// hygiene warning the kb cannot see), so its strict pass is undecided, as
// a savedefconfig's is. A full config in conf's format keeps its verdict
// and says which lines went unchecked. Without --strict nothing changes.
TEST(Check, StrictWithoutTreeSaysWhatTheKbCannotSee) {
    Fixture fx;
    fx.kn.is_kb = true;
    CheckOptions fragment = testsupport::check_options(Role::DomU, Mode::PV, true);
    fragment.strict = true;
    const std::string lines = "CONFIG_PARAVIRT=y\nCONFIG_HYPERVISOR_GUEST=y\nCONFIG_XEN=y\n"
                              "CONFIG_XEN_BLKDEV_FRONTEND=y\n";
    CheckReport seen = fx.check_with(fragment, lines);
    EXPECT_TRUE(seen.pass);
    EXPECT_EQ(find(seen, "xencfg.undecided"), nullptr);

    expect_strict_undecided_on_unseen_line(fx, fragment, lines);

    // With a tree, the same fragment is decided.
    fx.kn.is_kb = false;
    CheckReport tree = fx.check_with(fragment, lines + "CONFIG_OUTSIDE_KB=y\n");
    EXPECT_FALSE(tree.undecided);
    fx.kn.is_kb = true;

    CheckOptions full = testsupport::check_options(Role::DomU, Mode::PV, false);
    full.strict = true;
    CheckReport whole = fx.check_with(
        full, "# Linux/x86 6.12.1 Kernel Configuration\nCONFIG_X86=y\nCONFIG_X86_64=y\n"
              "CONFIG_X86_IO_APIC=y\n" +
                  lines +
                  "CONFIG_XEN_PV=y\nCONFIG_SWIOTLB_XEN=y\n"
                  "CONFIG_XEN_XENBUS_FRONTEND=y\nCONFIG_OUTSIDE_KB=y\n");
    EXPECT_TRUE(whole.pass);
    EXPECT_FALSE(whole.undecided);
    bool noted = false;
    for (const std::string& n : whole.notes)
        noted = noted || n.find("1 lines set symbols") != std::string::npos;
    EXPECT_TRUE(noted);
}

// A choice's dependencies live only in its prompt's visibility: the
// extract must keep them. x86_64's kb lost "High Memory Support"'s
// `depends on X86_32`, so the kernel's xen.config line HIGHMEM64G=y was
// kept (and its select of X86_PAE warned) where the tree drops it.
TEST(Check, KbExtractKeepsAChoicesDependencies) {
    const char* tree = R"(mainmenu "t"
config X86_32
	bool "32-bit"
config XEN
	bool "Xen"
choice
	prompt "High Memory Support"
	%s
	default HIGHMEM4G
	depends on X86_32
config NOHIGHMEM
	bool "off"
config HIGHMEM4G
	bool "4GB"
config HIGHMEM64G
	bool "64GB"
	depends on !M486
	select X86_PAE if !M486
endchoice
config X86_PAE
	bool
	depends on X86_32
config XEN_PV
	bool "Xen PV"
	depends on XEN && (X86_PAE || !X86_32)
)";
    const char* rules = R"({"schema": 1, "rules": [
 {"id": "domU.pv", "severity": "error", "symbol": "XEN_PV", "role": ["domU"], "rationale": "pv"}
]})";
    // Both choice models: members under the choice symbol (before 6.11)
    // and choices as bool blocks.
    for (auto [version, patchlevel] : {std::pair{5, 10}, std::pair{6, 12}}) {
        SCOPED_TRACE(fmt::format("Linux {}.{}", version, patchlevel));
        // (A choice's type line is gone from 6.11.)
        std::string text = tree;
        text.replace(text.find("%s"), 2, version < 6 ? "bool" : "");
        testsupport::RulesFixture fx(text.c_str(), rules, version, patchlevel);
        std::string kb = kb_extract(fx.ctx, fx.rules, Arch::X86_64, {});
        EXPECT_NE(kb.find("prompt \"High Memory Support\" if X86_32"), std::string::npos) << kb;
        testsupport::RulesFixture reloaded(kb.c_str(), rules, version, patchlevel);
        for (testsupport::RulesFixture* f : {&fx, &reloaded}) {
            kconfig::Context& ctx = f->ctx;
            kconfig::conf_read_from_string(ctx, ".config", "CONFIG_HIGHMEM64G=y\nCONFIG_XEN=y\n");
            for (const char* name : {"HIGHMEM64G", "X86_PAE"}) {
                kconfig::Symbol* s = ctx.find_symbol(name);
                ASSERT_NE(s, nullptr) << name;
                kconfig::sym_calc_value(ctx, s);
                EXPECT_EQ(kconfig::sym_get_string_value(s), "n") << name;
            }
        }
    }
}

// The extract keeps a symbol at its cut settable, so that a full .config's
// value for it stands; but one the tree defines without a prompt (x86's
// ARCH_SPARSEMEM_ENABLE, a def_bool) says so, and no explanation or fix line
// may name it: `fix: CONFIG_ARCH_SPARSEMEM_ENABLE=y` did nothing.
TEST(Check, FixNeverNamesAPromptlessSymbolAtTheKbCut) {
    const std::string head = R"kb(mainmenu "kb"
config X86
	def_bool y
config X86_64
	def_bool y
config ARCH_HAS_GUEST
	bool "(outside the knowledge base, no prompt in the tree)"
)kb";
    const std::string config = "# Linux/x86 6.12.1 Kernel Configuration\nCONFIG_X86=y\n"
                               "CONFIG_X86_64=y\n# CONFIG_XEN is not set\n";
    // domU.xen's finding on `tree`, which no change or fix line of names
    // ARCH_HAS_GUEST.
    auto xen_finding = [&](const std::string& tree) {
        testsupport::RulesFixture fx(tree.c_str(), kRules);
        fx.kn.is_kb = true;
        CheckReport r = fx.check_with(testsupport::check_options(Role::DomU, Mode::PV), config);
        const Finding* f = find(r, "domU.xen");
        EXPECT_NE(f, nullptr);
        Finding out = f ? *f : Finding{};
        for (const Change& c : out.changes)
            EXPECT_NE(c.symbol, "ARCH_HAS_GUEST");
        for (const std::string& line : out.fix)
            EXPECT_EQ(line.find("ARCH_HAS_GUEST"), std::string::npos) << line;
        return out;
    };

    Finding f = xen_finding(head + "config GUEST_SUPPORT\n"
                                   "\tbool \"(outside the knowledge base)\"\n"
                                   "config XEN\n\tbool \"Xen guest support\"\n"
                                   "\tdepends on ARCH_HAS_GUEST || GUEST_SUPPORT\n");
    ASSERT_FALSE(f.changes.empty());
    EXPECT_TRUE(asks_for(f, "GUEST_SUPPORT", "y"));

    // Only the prompt-less one left: no change at all rather than one that
    // cannot work.
    xen_finding(head + "config XEN\n\tbool \"Xen guest support\"\n"
                       "\tdepends on ARCH_HAS_GUEST\n");
}

// A fragment's `=m` line dropped for its dependencies (Qubes' config-qubes
// has CONFIG_USB_UHCI_HCD=m without USB): the change it needs is USB's, and
// m is enough for it (a module under a modular USB), so the fix is
// CONFIG_USB=m, not =y; its own line already says m, so no fix line asks
// for =y. A bool is y under an m: its line, and an `=m` line under it, need
// USB=m too. A tristate's `=y` line needs USB=y.
TEST(Check, DroppedModuleLineKeepsItsM) {
    std::string tree = std::string(kTree) + "config USB\n\ttristate \"USB\"\n" +
                       "config USB_PCIX\n\tbool \"USB PCI\"\n\tdepends on USB\n" +
                       "config USB_UHCI_HCD\n\ttristate \"UHCI\"\n\tdepends on USB\n" +
                       "config USB_OHCI_PCIX\n\ttristate \"OHCI\"\n\tdepends on USB_PCIX\n" +
                       "config USB_EHCIX\n\ttristate \"EHCI\"\n\tdepends on USB\n";
    testsupport::RulesFixture fx(tree.c_str(), kRules);
    CheckReport r = fx.check_with(testsupport::check_options(Role::DomU, std::nullopt, true),
                                  "CONFIG_XEN=y\nCONFIG_USB_UHCI_HCD=m\nCONFIG_USB_OHCI_PCIX=m\n"
                                  "CONFIG_USB_PCIX=y\nCONFIG_USB_EHCIX=y\n");
    const Finding* d = find(r, "xencfg.dropped", "USB_UHCI_HCD");
    ASSERT_NE(d, nullptr);
    EXPECT_TRUE(asks_for(*d, "USB", "m"));
    EXPECT_FALSE(asks_for(*d, "USB", "y"));
    EXPECT_FALSE(asks_for(*d, "USB_UHCI_HCD", "y"));
    EXPECT_EQ(d->fix, std::vector<std::string>{"CONFIG_USB=m"});
    EXPECT_EQ(d->fate, LineFate::Dropped);
    const Finding* under_bool = find(r, "xencfg.dropped", "USB_OHCI_PCIX");
    ASSERT_NE(under_bool, nullptr);
    EXPECT_TRUE(asks_for(*under_bool, "USB", "m"));
    const Finding* bool_line = find(r, "xencfg.dropped", "USB_PCIX");
    ASSERT_NE(bool_line, nullptr);
    EXPECT_TRUE(asks_for(*bool_line, "USB", "m"));
    const Finding* y_line = find(r, "xencfg.dropped", "USB_EHCIX");
    ASSERT_NE(y_line, nullptr);
    EXPECT_TRUE(asks_for(*y_line, "USB", "y"));
    EXPECT_EQ(y_line->fix, std::vector<std::string>{"CONFIG_USB=y"});

    // Without modules an m line is not dropped but changed to y.
    CheckReport no_modules =
        fx.check_with(testsupport::check_options(Role::DomU),
                      "# Linux/x86 6.12.1 Kernel Configuration\nCONFIG_X86=y\nCONFIG_X86_64=y\n"
                      "# CONFIG_MODULES is not set\nCONFIG_USB=m\n");
    const Finding* c = find(no_modules, "xencfg.dropped", "USB");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->fate, LineFate::Changed);
    EXPECT_EQ(c->actual, "y");
}

// A 32-bit domU asked for in PV mode (gone since 5.9) fails with that mode's
// xencfg.mode-unavailable only: the role itself exists there (as PVH or
// HVM), so no "domU is not possible" beside it. Without a mode, a role no
// mode of which exists (a 32-bit dom0) is said to be impossible.
TEST(Check, UnavailableModeAloneDoesNotSayTheRoleIsImpossible) {
    Fixture fx;
    const std::string config = "CONFIG_X86_32=y\nCONFIG_PARAVIRT=y\nCONFIG_HYPERVISOR_GUEST=y\n"
                               "CONFIG_XEN=y\n";
    auto opts = testsupport::check_options(Role::DomU, Mode::PV);
    opts.arch = Arch::X86_32;
    CheckReport pv = fx.check_with(opts, config);
    EXPECT_FALSE(pv.pass);
    EXPECT_NE(find(pv, "xencfg.mode-unavailable"), nullptr);
    EXPECT_EQ(find(pv, "xencfg.role-unavailable"), nullptr);

    auto dom0 = testsupport::check_options(Role::Dom0);
    dom0.arch = Arch::X86_32;
    CheckReport d = fx.check_with(dom0, config);
    EXPECT_FALSE(d.pass);
    EXPECT_NE(find(d, "xencfg.role-unavailable"), nullptr);
}

// The message of the xencfg.unknown-symbol finding for CONFIG_<symbol>=y on
// a 6.12 x86_64 config checked in `role` with these rules ("" if none).
static std::string unknown_symbol_message(const char* rules, Role role, const std::string& symbol) {
    testsupport::RulesFixture fx(kTree, rules);
    CheckReport r = fx.check_with(testsupport::check_options(role),
                                  "# Linux/x86 6.12.1 Kernel Configuration\nCONFIG_X86_64=y\n"
                                  "CONFIG_" +
                                      symbol + "=y\n");
    const Finding* f = find(r, "xencfg.unknown-symbol", symbol);
    return f ? f->message : std::string();
}

// A line for a rule symbol's old name on a kernel that has only the new one
// says which name is the old one: XEN_SCRUB_PAGES (before 4.19) is what
// XEN_SCRUB_PAGES_DEFAULT was called, not the other way round (Yocto's
// xen.cfg still sets the old name).
TEST(Check, UnknownOldNameSaysWhichNameIsOld) {
    const char* rules = R"({"schema": 1, "rules": [
 {"id": "dom0.scrub-pages", "severity": "info", "symbol": "XEN_SCRUB_PAGES_DEFAULT",
  "renames": [{"name": "XEN_SCRUB_PAGES", "until": "4.19"}], "role": ["dom0"], "rationale": "scrub"}
]})";
    std::string m = unknown_symbol_message(rules, Role::Dom0, "XEN_SCRUB_PAGES");
    EXPECT_NE(m.find("XEN_SCRUB_PAGES is what XEN_SCRUB_PAGES_DEFAULT is called before 4.19"),
              std::string::npos)
        << m;
}

// On the release that removed a rule symbol, the unknown-symbol line does not
// say the rule covers it "for 2.6.37 to 6.12 only" (which reads as if 6.12
// had it): it says 6.12 removed it. Found on Qubes' config-base (7.0-era,
// CONFIG_XEN_PVHVM) judged on 7.3, where XEN_PVHVM is gone.
TEST(Check, UnknownSymbolOnTheReleaseThatRemovedIt) {
    const char* rules = R"({"schema": 1, "rules": [
 {"id": "domU.old-thing", "severity": "error", "symbol": "OLD_THING", "since": "2.6.37",
  "until": "6.12", "role": ["domU"], "rationale": "gone in 6.12"}
]})";
    std::string m = unknown_symbol_message(rules, Role::DomU, "OLD_THING");
    EXPECT_NE(m.find("Linux 6.12 removed it"), std::string::npos) << m;
    EXPECT_EQ(m.find("to 6.12 only"), std::string::npos) << m;
}

namespace {
// `config` (a full config) checked as a domU against kTree plus `extra`.
CheckReport check_full_domU(const std::string& extra, const std::string& config) {
    std::string tree = std::string(kTree) + extra;
    testsupport::RulesFixture fx(tree.c_str(), kRules);
    return fx.check_with(testsupport::check_options(Role::DomU, std::nullopt, false), config);
}
// The dropped-line finding about `symbol` when `lines` follow a Xen domU's
// basics (modules on) in a full config checked against kTree plus `extra`.
std::optional<Finding> dropped_after_xen(const std::string& extra, const std::string& lines,
                                         const std::string& symbol) {
    CheckReport r = check_full_domU(extra, "CONFIG_MODULES=y\nCONFIG_PARAVIRT=y\n"
                                           "CONFIG_HYPERVISOR_GUEST=y\nCONFIG_XEN=y\n" +
                                               lines);
    const Finding* d = find(r, "xencfg.dropped", symbol);
    return d ? std::optional<Finding>(*d) : std::nullopt;
}
} // namespace

// A symbol that must be n for a dropped line to hold, but whose prompt is
// hidden (x86's 64BIT, `bool "64-bit kernel" if "$(ARCH)" = "x86"`, under
// ARCH=x86_64) or that something selects: "# CONFIG_X is not set" does not
// give n, so no fix names it (Arch's linux-lts 6.1.21 on the 6.1.192 tree,
// CONFIG_HAVE_EISA=y, selected by X86_32, which depends on !64BIT: the fix
// was "# CONFIG_64BIT is not set", which conf turns back into y).
TEST(Check, NoFixTurnsOffWhatConfKeepsOn) {
    std::string tree = std::string("config WIDE\n\tbool \"wide\" if \"a\" = \"b\"\n") +
                       "\tdefault y\n" + "config NARROW\n\tdef_bool y\n\tdepends on !WIDE\n" +
                       "\tselect HAVE_E\n" + "config HAVE_E\n\tbool\n" +
                       "config LOCKX\n\tbool \"lock\"\n\tselect KEPT\n" +
                       "config KEPT\n\tbool \"kept\"\n" +
                       "config NOKEPT\n\tbool \"not kept\"\n\tdepends on !KEPT\n";
    testsupport::RulesFixture fx(tree.c_str(), kRules);
    const std::string base = "CONFIG_PARAVIRT=y\nCONFIG_HYPERVISOR_GUEST=y\nCONFIG_XEN=y\n";
    for (const char* line :
         {"CONFIG_HAVE_E=y\n", "CONFIG_LOCKX=y\nCONFIG_KEPT=y\nCONFIG_NOKEPT=y\n"}) {
        CheckReport r = fx.check_with(testsupport::check_options(Role::DomU, std::nullopt, false),
                                      base + "CONFIG_WIDE=y\n" + line);
        const Finding* d = nullptr;
        for (const Finding& f : r.findings)
            if (f.rule_id == "xencfg.dropped") d = &f;
        ASSERT_NE(d, nullptr) << line;
        EXPECT_FALSE(asks_for(*d, "WIDE", "n")) << d->message;
        EXPECT_FALSE(asks_for(*d, "KEPT", "n")) << d->message;
        for (const std::string& l : d->fix) {
            EXPECT_NE(l, "# CONFIG_WIDE is not set");
            EXPECT_NE(l, "# CONFIG_KEPT is not set");
        }
    }
}

// A fix whose own y change selects a tristate it asks m of: conf makes the
// tristate y, so the fix says y (kernel-ark's RHEL config on the 7.2 tree:
// CONFIG_CRYPTO_JITTERENTROPY_MEMSIZE_2=y needs CRYPTO_JITTERENTROPY and
// CRYPTO_FIPS, which needs CRYPTO_DRBG=y, which selects
// CRYPTO_JITTERENTROPY; the fix said CONFIG_CRYPTO_JITTERENTROPY=m).
TEST(Check, FixRaisesAnMThatItsOwnYChangeSelects) {
    const char* drbg = R"(
config DRBGX
	tristate "drbg"
	select JITX
config JITX
	tristate "jitter"
config FIPSX
	bool "fips"
	depends on DRBGX=y
config MEMSZ
	bool "memsize"
	depends on JITX && FIPSX
)";
    auto d = dropped_after_xen(drbg, "CONFIG_MEMSZ=y\n", "MEMSZ");
    ASSERT_TRUE(d.has_value());
    EXPECT_TRUE(asks_for(*d, "DRBGX", "y")) << d->message;
    EXPECT_FALSE(asks_for(*d, "JITX", "m")) << d->message;
    EXPECT_EQ(std::count(d->fix.begin(), d->fix.end(), "CONFIG_JITX=m"), 0);
    EXPECT_FALSE(d->fix.empty());
}

// A symbol whose dependencies the fix meets, in a menu `visible if` hides:
// its prompt stays hidden, so its line would be inert (kernel-ark's RHEL
// config on the 7.2 tree: the fix for CONFIG_VIDEO_AU0828_V4L2=y said
// CONFIG_DVB_CORE=m, in "Media core support", visible if
// !MEDIA_SUPPORT_FILTER, which the config sets). The menu's condition is
// explained too, and the fix turns the filter off.
TEST(Check, FixShowsTheMenuThatHidesAPrompt) {
    const char* media = R"(
config FILTERX
	bool "filter"
config DTVX
	bool "digital tv"
menu "core"
	visible if !FILTERX
config DVBX
	tristate "dvb"
	depends on DTVX
	default DTVX
endmenu
config CARDX
	tristate "card"
	depends on DVBX
)";
    auto d = dropped_after_xen(media, "CONFIG_FILTERX=y\nCONFIG_CARDX=m\n", "CARDX");
    ASSERT_TRUE(d.has_value());
    EXPECT_TRUE(asks_for(*d, "DTVX", "y")) << d->message;
    EXPECT_TRUE(asks_for(*d, "FILTERX", "n")) << d->message;
}
