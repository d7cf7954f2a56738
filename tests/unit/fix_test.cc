// `xencfg fix` on an inline Kconfig tree: the output passes check, is a
// fixed point of olddefconfig, differs from the input as little as possible
// (the exact change list), and cases only a real solver gets right (a choice
// to switch, a select to undo). Then the CLI's output semantics on the mini
// tree: -o writes OUT and leaves CONFIG alone, --in-place replaces CONFIG,
// and on an error nothing is written.
#include "kconfig/dotconfig.h"
#include "rules/check.h"
#include "rules/fix.h"
#include "rules/solver.h"

#include <gtest/gtest.h>

#include "rules_fixture.h"
#include "test_support.h"
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace testsupport;

using namespace xenrules;
namespace fs = std::filesystem;

namespace {

const char* kTree = R"(mainmenu "fix test"
config MODULES
	bool "modules"
	modules
config X86
	def_bool y
config 64BIT
	def_bool y
config X86_64
	def_bool y
config PCI
	bool "PCI"
config ACPI
	bool "ACPI"
	depends on PCI
config NET
	bool "net"
	default y
config PARAVIRT
	bool "paravirt"
config HYPERVISOR_GUEST
	bool "guest"
config LEGACY_HV
	bool "legacy hypervisor interface"
	select HV_LOCK
config HV_LOCK
	bool
choice
	prompt "clock source"
	default CLOCK_HPET
config CLOCK_HPET
	bool "hpet"
config CLOCK_TSC
	bool "tsc"
endchoice
config XEN
	bool "Xen guest support"
	depends on PARAVIRT && HYPERVISOR_GUEST && !HV_LOCK
config XEN_PVCLOCK
	bool "Xen pv clock"
	depends on XEN && CLOCK_TSC
config XEN_XENBUS_FRONTEND
	tristate
config XEN_BLKDEV_FRONTEND
	tristate "blkfront"
	depends on XEN
	select XEN_XENBUS_FRONTEND
config XEN_NETDEV_FRONTEND
	tristate "netfront"
	default XEN
	depends on XEN && NET
config XEN_BALLOON
	bool "balloon"
	default y
	depends on XEN
)";

const char* kRules = R"({"schema": 1, "rules": [
 {"id": "domU.xen", "severity": "error", "symbol": "XEN", "role": ["domU"], "rationale": "a Xen guest"},
 {"id": "domU.blkfront", "severity": "error", "symbol": "XEN_BLKDEV_FRONTEND", "value": "y/m",
  "role": ["domU"], "mode": ["pv", "pvh"], "rationale": "disks"},
 {"id": "domU.pvclock", "severity": "error", "symbol": "XEN_PVCLOCK", "role": ["domU"], "mode": ["pvh"],
  "rationale": "the clock"}
]})";

struct Fixture : testsupport::RulesFixture {
    Fixture() : RulesFixture(kTree, kRules) {}
    // A full .config as olddefconfig writes it.
    std::string full(const std::string& fragment) { return engine_olddefconfig(ctx, fragment); }
    FixResult fix(const std::string& input, std::optional<Mode> mode) {
        FixOptions o;
        o.role = Role::DomU;
        o.mode = mode;
        o.arch = Arch::X86_64;
        return fix_config(kn, rules, ".config", input, o);
    }
    CheckReport check(const std::string& text, Mode mode) {
        CheckOptions o = testsupport::check_options(Role::DomU, mode);
        o.arch = Arch::X86_64;
        return check_with(o, text, "out.config");
    }
};

std::string reason_of(const FixResult& f, const std::string& sym) {
    for (const FixChange& c : f.changes)
        if (c.symbol == sym) return c.reason;
    return "(no change of " + sym + ")";
}

std::string changes(const FixResult& f) {
    std::string s;
    for (const FixChange& c : f.changes)
        s += (c.requested ? "* " : "  ") + c.symbol + " " + c.old_value + " -> " + c.new_value +
             "\n";
    return s;
}

// The properties every successful fix must have.
void expect_good_fix(Fixture& fx, const std::string& input, const FixResult& f, Mode mode) {
    ASSERT_TRUE(f.ok) << f.reason;
    EXPECT_FALSE(f.output_is_fragment);
    EXPECT_TRUE(f.check.pass);
    // Check it again independently.
    EXPECT_TRUE(fx.check(f.output_text, mode).pass);
    // A fixed point of olddefconfig.
    EXPECT_EQ(engine_olddefconfig(fx.ctx, f.output_text), f.output_text);
    // The change list is exactly the difference between input and output.
    auto in = kconfig::config_values(input), out = kconfig::config_values(f.output_text);
    size_t differing = 0;
    std::set<std::string> names;
    for (auto* m : {&in, &out})
        for (auto& [k, v] : *m)
            names.insert(k);
    for (const auto& k : names) {
        std::string a = in.count(k) ? in[k] : "n", b = out.count(k) ? out[k] : "n";
        if (a != b) ++differing;
    }
    EXPECT_EQ(f.changes.size(), differing);
    for (const FixChange& c : f.changes) {
        EXPECT_FALSE(c.reason.empty()) << c.symbol;
        EXPECT_EQ(out.count(c.symbol) ? out[c.symbol] : "n", c.new_value) << c.symbol;
    }
}

} // namespace

// A whole config clang made has no line for CC_IS_GCC (conf writes no line
// for an invisible n). fix keeps what its toolchain answered: before, the
// solver and the output re-asked this machine's gcc, so CC_IS_GCC became y,
// the config's own NOSANITIZE_WORKS=y was lost, and the change list named
// toolchain symbols nobody asked to change (Debian's 6.12 amd64 config
// through `make LLVM=1 olddefconfig`: AS_IS_GNU, MITIGATION_RETHUNK, ...).
TEST(Fix, WholeConfigKeepsItsToolchainsAnswers) {
    std::string tree = std::string(kTree) + kGccMachineKconfig;
    RulesFixture fx(tree.c_str(), kRules);
    fx.ctx.keep_recorded_toolchain = true; // as load_knowledge sets it
    // The config as conf writes it on a clang machine: this machine's
    // olddefconfig output with clang's answers in place of gcc's.
    std::string by_clang;
    std::istringstream written(
        engine_olddefconfig(fx.ctx, "CONFIG_PARAVIRT=y\nCONFIG_HYPERVISOR_GUEST=y\n"));
    for (std::string line; std::getline(written, line);) {
        if (line == "# fix test") line = "# Linux/x86 6.12.1 Kernel Configuration"; // mainmenu
        if (line == "CONFIG_CC_IS_GCC=y") continue;
        if (line == "CONFIG_GCC_VERSION=140200")
            line = "CONFIG_GCC_VERSION=0\nCONFIG_CC_IS_CLANG=y";
        by_clang += line + "\n";
    }
    ASSERT_NE(by_clang.find("CONFIG_NOSANITIZE_WORKS=y"), std::string::npos) << by_clang;
    ASSERT_NE(by_clang.find("CONFIG_CC_IS_CLANG=y"), std::string::npos) << by_clang;
    ASSERT_TRUE(detect_target(by_clang).whole()) << by_clang;
    FixOptions o;
    o.role = Role::DomU;
    o.mode = Mode::PV;
    o.arch = Arch::X86_64;
    FixResult f = fix_config(fx.kn, fx.rules, ".config", by_clang, o);
    ASSERT_TRUE(f.ok) << f.reason;
    for (const FixChange& c : f.changes)
        EXPECT_TRUE(c.symbol.rfind("XEN", 0) == 0)
            << c.symbol << " " << c.old_value << " -> " << c.new_value << ": " << c.reason;
    auto out = kconfig::config_values(f.output_text);
    EXPECT_EQ(out["NOSANITIZE_WORKS"], "y");
    EXPECT_EQ(out.count("CC_IS_GCC"), 0u) << out["CC_IS_GCC"];
    EXPECT_EQ(out["XEN"], "y");
}

TEST(Fix, SmallCaseExactChangeList) {
    Fixture fx;
    std::string input = fx.full("CONFIG_PCI=y\n");
    FixResult f = fx.fix(input, Mode::PV);
    expect_good_fix(fx, input, f, Mode::PV);
    EXPECT_EQ(f.mode, Mode::PV);
    // Requested: the rules' symbols and what makes them settable, nothing
    // else (ACPI, LEGACY_HV, the clock choice stay as they are). Then what
    // olddefconfig derives from them.
    EXPECT_EQ(changes(f), "* HYPERVISOR_GUEST n -> y\n"
                          "* PARAVIRT n -> y\n"
                          "* XEN n -> y\n"
                          "* XEN_BLKDEV_FRONTEND n -> y\n"
                          "  XEN_BALLOON n -> y\n"
                          "  XEN_NETDEV_FRONTEND n -> y\n"
                          "  XEN_XENBUS_FRONTEND n -> y\n");
    // What olddefconfig derived, and why.
    EXPECT_EQ(reason_of(f, "XEN_XENBUS_FRONTEND"),
              "follows from the changes: selected by XEN_BLKDEV_FRONTEND [=y] && XEN [=y]");
    EXPECT_EQ(reason_of(f, "XEN_NETDEV_FRONTEND"),
              "follows from the changes: default XEN [=y], depends on XEN [=y] && NET [=y]");
    EXPECT_EQ(reason_of(f, "XEN_BALLOON"),
              "follows from the changes: default y, depends on XEN [=y]");
    auto out = kconfig::config_values(f.output_text);
    EXPECT_EQ(out["PCI"], "y");
    EXPECT_EQ(out["ACPI"], "n");
    EXPECT_EQ(out["CLOCK_HPET"], "y");
}

TEST(Fix, PassingConfigNeedsNoChange) {
    Fixture fx;
    std::string input = fx.full("CONFIG_PARAVIRT=y\nCONFIG_HYPERVISOR_GUEST=y\nCONFIG_XEN=y\n"
                                "CONFIG_XEN_BLKDEV_FRONTEND=y\n");
    FixResult f = fx.fix(input, Mode::PV);
    expect_good_fix(fx, input, f, Mode::PV);
    EXPECT_TRUE(f.changes.empty()) << changes(f);
    EXPECT_EQ(f.output_text, input);
}

TEST(Fix, WithoutModePicksTheModeNeedingFewestChanges) {
    Fixture fx;
    std::string input = fx.full("CONFIG_PCI=y\n");
    FixResult f = fx.fix(input, std::nullopt);
    // hvm needs XEN only; pv adds blkfront; pvh adds blkfront and the clock.
    EXPECT_EQ(f.mode, Mode::HVM);
    expect_good_fix(fx, input, f, Mode::HVM);
    for (const FixChange& c : f.changes)
        EXPECT_NE(c.symbol, "XEN_BLKDEV_FRONTEND");
}

TEST(Fix, SolverSwitchesAChoiceAndUndoesAConflictingSelect) {
    Fixture fx;
    // LEGACY_HV selects HV_LOCK, which hides XEN: turning XEN's direct
    // dependencies on is not enough. XEN_PVCLOCK needs the other member of
    // the clock choice.
    std::string input = fx.full("CONFIG_LEGACY_HV=y\nCONFIG_PCI=y\n");
    ASSERT_EQ(kconfig::config_values(input)["HV_LOCK"], "y");
    ASSERT_EQ(kconfig::config_values(input)["CLOCK_HPET"], "y");
    FixResult f = fx.fix(input, Mode::PVH);
    expect_good_fix(fx, input, f, Mode::PVH);
    auto out = kconfig::config_values(f.output_text);
    EXPECT_EQ(out["LEGACY_HV"], "n");
    EXPECT_FALSE(out.count("HV_LOCK")); // promptless and off: not written
    EXPECT_EQ(out["CLOCK_TSC"], "y");
    EXPECT_EQ(out["CLOCK_HPET"], "n");
    EXPECT_EQ(out["XEN_PVCLOCK"], "y");
    // Only the chosen member is pinned; the other follows.
    EXPECT_EQ(changes(f), "* CLOCK_TSC n -> y\n"
                          "* HYPERVISOR_GUEST n -> y\n"
                          "* LEGACY_HV y -> n\n"
                          "* PARAVIRT n -> y\n"
                          "* XEN n -> y\n"
                          "* XEN_BLKDEV_FRONTEND n -> y\n"
                          "* XEN_PVCLOCK n -> y\n"
                          "  CLOCK_HPET y -> n\n"
                          "  HV_LOCK y -> n\n"
                          "  XEN_BALLOON n -> y\n"
                          "  XEN_NETDEV_FRONTEND n -> y\n"
                          "  XEN_XENBUS_FRONTEND n -> y\n");
    EXPECT_EQ(reason_of(f, "CLOCK_HPET"), "follows from the changes: the choice is now CLOCK_TSC");
    EXPECT_EQ(reason_of(f, "HV_LOCK"), "follows from the changes: not selected: LEGACY_HV [=n]");
}

TEST(Fix, WithoutATreeTheOutputIsTheFragmentOfNeededChanges) {
    Fixture fx;
    std::string input = fx.full("CONFIG_PCI=y\n");
    fx.kn.is_kb = true;
    FixResult f = fx.fix(input, Mode::PV);
    ASSERT_TRUE(f.ok) << f.reason;
    EXPECT_TRUE(f.output_is_fragment);
    // Only the changes fix makes itself, in menu order; olddefconfig does the rest.
    EXPECT_EQ(f.output_text, "CONFIG_PARAVIRT=y\nCONFIG_HYPERVISOR_GUEST=y\nCONFIG_XEN=y\nCONFIG_"
                             "XEN_BLKDEV_FRONTEND=y\n");
    EXPECT_EQ(changes(f), "* PARAVIRT n -> y\n"
                          "* HYPERVISOR_GUEST n -> y\n"
                          "* XEN n -> y\n"
                          "* XEN_BLKDEV_FRONTEND n -> y\n");
    // Merged and olddefconfig'ed, it gives what the tree-mode fix gives.
    fx.kn.is_kb = false;
    FixResult full = fx.fix(input, Mode::PV);
    EXPECT_EQ(engine_olddefconfig(fx.ctx, kconfig::merge_config_fragment(input, f.output_text)),
              full.output_text);
}

// ---- the CLI: -o, --in-place, input untouched on error ---------------------

namespace {

struct CliRun {
    int status = -1;
    std::string out, err;
};

CliRun run(const std::vector<std::string>& args, const fs::path& cwd) {
    CliRun r;
    std::string cmd = "cd " + shell_quote(cwd.string()) + " && NO_COLOR=1 " +
                      shell_quote(xencfg_binary().string());
    for (const auto& a : args)
        cmd += " " + shell_quote(a);
    cmd += " </dev/null >.stdout 2>.stderr";
    int st = std::system(cmd.c_str());
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    r.out = slurp(cwd / ".stdout");
    r.err = slurp(cwd / ".stderr");
    fs::remove(cwd / ".stdout");
    fs::remove(cwd / ".stderr");
    return r;
}

const std::string kMini = std::string(XENCFG_SOURCE_DIR) + "/tests/fixtures/trees/mini";

} // namespace

#define NEED_BINARY()                                                                              \
    if (xencfg_binary().empty()) GTEST_SKIP() << "xencfg binary not built next to unit_tests"

TEST(FixCli, OutputInPlaceAndErrors) {
    NEED_BINARY();
    TempDir d;
    // A mini-tree config without Xen.
    CliRun base = run({"kconfig", "olddefconfig", "--tree", kMini, "--arch", "x86_64", "--config",
                       "/dev/null", "-o", "in.config"},
                      d.path);
    ASSERT_EQ(base.status, 0) << base.err;
    std::string input = slurp(d.path / "in.config");
    ASSERT_NE(input.find("# CONFIG_XEN is not set"), std::string::npos) << input;

    // -o: OUT is written, CONFIG is not.
    CliRun o = run(
        {"fix", "in.config", "--role", "domU", "--mode", "pv", "--tree", kMini, "-o", "out.config"},
        d.path);
    ASSERT_EQ(o.status, 0) << o.err;
    EXPECT_NE(o.out.find("XEN n -> y"), std::string::npos) << o.out;
    EXPECT_EQ(slurp(d.path / "in.config"), input);
    std::string fixed = slurp(d.path / "out.config");
    EXPECT_NE(fixed.find("CONFIG_XEN=y"), std::string::npos);
    // The output passes check and is a fixed point of olddefconfig.
    CliRun chk =
        run({"check", "out.config", "--role", "domU", "--mode", "pv", "--tree", kMini}, d.path);
    EXPECT_EQ(chk.status, 0) << chk.out << chk.err;
    CliRun again = run({"kconfig", "olddefconfig", "--tree", kMini, "--arch", "x86_64", "--config",
                        "out.config", "-o", "again.config"},
                       d.path);
    ASSERT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(slurp(d.path / "again.config"), fixed);
    // Fixing the fixed config changes nothing.
    CliRun twice = run({"fix", "out.config", "--role", "domU", "--mode", "pv", "--tree", kMini,
                        "-o", "out2.config"},
                       d.path);
    EXPECT_EQ(twice.status, 0) << twice.err;
    EXPECT_EQ(twice.out, "no changes needed\n");
    EXPECT_EQ(slurp(d.path / "out2.config"), fixed);

    // --in-place: CONFIG becomes the same fixed config.
    spit(d.path / "copy.config", input);
    CliRun ip =
        run({"fix", "copy.config", "--role", "domU", "--mode", "pv", "--tree", kMini, "--in-place"},
            d.path);
    ASSERT_EQ(ip.status, 0) << ip.err;
    EXPECT_EQ(ip.out, o.out);
    EXPECT_EQ(slurp(d.path / "copy.config"), fixed);

    // Exactly one of -o and --in-place; -o must not name the input.
    CliRun neither = run({"fix", "in.config", "--role", "domU", "--tree", kMini}, d.path);
    EXPECT_EQ(neither.status, 2);
    CliRun both =
        run({"fix", "in.config", "--role", "domU", "--tree", kMini, "-o", "x.config", "--in-place"},
            d.path);
    EXPECT_EQ(both.status, 2);
    CliRun self =
        run({"fix", "in.config", "--role", "domU", "--tree", kMini, "-o", "./in.config"}, d.path);
    EXPECT_EQ(self.status, 2);
    EXPECT_FALSE(fs::exists(d.path / "x.config"));
    EXPECT_EQ(slurp(d.path / "in.config"), input);

    // An impossible request (a 32-bit x86 dom0): exit 1, why and what
    // instead, and the input is untouched even with --in-place.
    CliRun b32 = run({"kconfig", "olddefconfig", "--tree", kMini, "--arch", "i386", "--config",
                      "/dev/null", "-o", "i386.config"},
                     d.path);
    ASSERT_EQ(b32.status, 0) << b32.err;
    std::string i386 = slurp(d.path / "i386.config");
    CliRun imp =
        run({"fix", "i386.config", "--role", "dom0", "--tree", kMini, "--in-place"}, d.path);
    EXPECT_EQ(imp.status, 1) << imp.out << imp.err;
    EXPECT_NE(imp.err.find("instead"), std::string::npos) << imp.err;
    EXPECT_EQ(slurp(d.path / "i386.config"), i386);
    // A missing input: exit 2, no output file.
    CliRun missing =
        run({"fix", "missing.config", "--role", "domU", "--tree", kMini, "-o", "m.config"}, d.path);
    EXPECT_EQ(missing.status, 2);
    EXPECT_FALSE(fs::exists(d.path / "m.config"));
}

// conf drops comments when it writes; fix keeps the input's ignore
// comments above the line of the symbol they were written above.
TEST(Fix, KeepsIgnoreComments) {
    Fixture fx;
    std::string plain = fx.full("CONFIG_PCI=y\n");
    std::string input =
        "# xencfg: ignore domU.something -- kept\n" + plain + "# xencfg: ignore domU.other\n";
    const std::string pci_line = "CONFIG_PCI=y\n";
    ASSERT_NE(input.find(pci_line), std::string::npos);
    input.insert(input.find(pci_line), "# xencfg: ignore domU.pci\n");
    FixResult f = fx.fix(input, Mode::PV);
    ASSERT_TRUE(f.ok) << f.reason;
    EXPECT_NE(f.output_text.find("# xencfg: ignore domU.pci\nCONFIG_PCI=y\n"), std::string::npos)
        << f.output_text;
    // Written above the first setting line of the input, it stays above
    // that symbol's line.
    std::string first = kconfig::read_config_settings(plain, kconfig::LineSyntax::Conf)[0].text;
    EXPECT_NE(f.output_text.find("# xencfg: ignore domU.something -- kept\n" + first + "\n"),
              std::string::npos)
        << f.output_text;
    EXPECT_TRUE(f.output_text.ends_with("# xencfg: ignore domU.other\n")) << f.output_text;
    // Without the comments the output is the plain fix of the same input.
    FixResult g = fx.fix(plain, Mode::PV);
    std::string stripped;
    for (const auto& l : kconfig::read_config_text(f.output_text, kconfig::LineSyntax::Conf))
        if (l.text.rfind("# xencfg:", 0) != 0) stripped += l.text + "\n";
    EXPECT_EQ(stripped, g.output_text);
}
