// `xencfg diff`: scripts/diffconfig's output, byte for byte (checked against
// the kernel's own script when python3 and a kernel tree are at hand), and
// with a role, which requirements each change breaks or satisfies.
#include "emit/changes.h"
#include "rules/check.h"
#include "rules/diff.h"

#include <gtest/gtest.h>

#include "rules_fixture.h"
#include "test_support.h"
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace testsupport;

using namespace xenrules;
namespace fs = std::filesystem;

namespace {

std::string text_of(const std::string& a, const std::string& b) {
    return emit::diff_text(diff_configs(a, b));
}

// The inputs compared with scripts/diffconfig.
struct Case {
    const char* name;
    const char* old_text;
    const char* new_text;
    const char* expected; // diffconfig's stdout
};

const Case kCases[] = {
    {"removed-changed-added",
     "#\n# Linux/x86 6.12.1 Kernel Configuration\n#\nCONFIG_B=y\nCONFIG_A=m\n# CONFIG_Z is not "
     "set\n"
     "CONFIG_LOG_BUF_SHIFT=14\nCONFIG_SAME=y\n",
     "CONFIG_A=y\nCONFIG_C=y\nCONFIG_Z=y\nCONFIG_LOG_BUF_SHIFT=16\nCONFIG_SAME=y\n# CONFIG_D is "
     "not set\n",
     "-B y\n A m -> y\n LOG_BUF_SHIFT 14 -> 16\n Z n -> y\n+C y\n+D n\n"},
    {"strings-and-equals",
     "CONFIG_CMDLINE=\"console=hvc0 root=/dev/xvda1\"\nCONFIG_S=\"a=b\"\nCONFIG_E=\"\"\n",
     "CONFIG_CMDLINE=\"console=ttyS0\"\nCONFIG_S=\"a=b\"\nCONFIG_E=\"x\"\n",
     " CMDLINE \"console=hvc0 root=/dev/xvda1\" -> \"console=ttyS0\"\n E \"\" -> \"x\"\n"},
    {"later-lines-win-first-position-kept",
     "CONFIG_X=y\n# CONFIG_X is not set\nCONFIG_Y=m\nCONFIG_Y=y\n", "CONFIG_X=y\nCONFIG_Y=y\n",
     " X n -> y\n"},
    {"sort-is-by-name-not-file-order", "CONFIG_ZZ=y\nCONFIG_A_B=y\nCONFIG_AB=y\nCONFIG_A1=y\n",
     "CONFIG_a=y\nCONFIG__X=y\n", "-A1 y\n-AB y\n-A_B y\n-ZZ y\n+_X y\n+a y\n"},
    {"crlf-line-endings", "CONFIG_A=y\r\n# CONFIG_B is not set\r\n", "CONFIG_A=m\r\nCONFIG_B=y\r\n",
     " A y -> m\n B n -> y\n"},
    {"identical", "CONFIG_A=y\n", "CONFIG_A=y\n", ""},
    {"empty-old", "", "CONFIG_XEN=y\n# CONFIG_XEN_DOM0 is not set\n", "+XEN y\n+XEN_DOM0 n\n"},
};

// The kernel's scripts/diffconfig, when a tree is at hand: $XENCFG_DIFFCONFIG,
// else in the trees scripts/fetch-trees.sh unpacked ($XENCFG_TREES_DIR, else
// .cache/trees), else /usr/src.
fs::path diffconfig_script() {
    if (const char* e = std::getenv("XENCFG_DIFFCONFIG")) return e;
    std::vector<fs::path> roots = {fs::path(XENCFG_SOURCE_DIR) / ".cache/trees", "/usr/src"};
    if (const char* t = std::getenv("XENCFG_TREES_DIR"); t && *t) roots.insert(roots.begin(), t);
    for (const auto& root : roots) {
        std::error_code ec;
        if (!fs::is_directory(root, ec)) continue;
        for (const auto& d : fs::directory_iterator(root, ec)) {
            fs::path s = d.path() / "scripts/diffconfig";
            if (fs::exists(s, ec)) return s;
        }
    }
    return {};
}

bool have_python() {
    return std::system("python3 -c '' >/dev/null 2>&1") == 0;
}

// stdout of `cmd`, or nullopt when it fails.
std::optional<std::string> capture(const std::string& cmd, const fs::path& out) {
    int st = std::system((cmd + " >" + shell_quote(out.string())).c_str());
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) return std::nullopt;
    return slurp(out);
}

} // namespace

TEST(Diffconfig, ExpectedOutput) {
    for (const Case& c : kCases)
        EXPECT_EQ(text_of(c.old_text, c.new_text), c.expected) << c.name;
}

TEST(Diffconfig, SameAsTheKernelsScript) {
    fs::path script = diffconfig_script();
    if (script.empty() || !have_python()) GTEST_SKIP() << "no python3 or no scripts/diffconfig";
    TempDir d;
    fs::path bin = xencfg_binary();
    for (const Case& c : kCases) {
        spit(d.path / "old", c.old_text);
        spit(d.path / "new", c.new_text);
        auto py = capture("python3 " + shell_quote(script.string()) + " " +
                              shell_quote((d.path / "old").string()) + " " +
                              shell_quote((d.path / "new").string()),
                          d.path / "py.out");
        ASSERT_TRUE(py) << c.name;
        EXPECT_EQ(*py, c.expected) << c.name << ": the expectation itself differs from " << script;
        EXPECT_EQ(text_of(c.old_text, c.new_text), *py) << c.name;
        if (!bin.empty()) {
            // The CLI, end to end (exit 0: no role, nothing can be broken).
            auto cli = capture(shell_quote(bin.string()) + " diff " +
                                   shell_quote((d.path / "old").string()) + " " +
                                   shell_quote((d.path / "new").string()),
                               d.path / "cli.out");
            ASSERT_TRUE(cli) << c.name;
            EXPECT_EQ(*cli, *py) << c.name;
        }
    }
}

TEST(Diffconfig, MissingFinalNewlineKeepsTheLastValue) {
    // diffconfig drops the last character of every line (line[:-1]), so a
    // file without a final newline loses the last character of its last
    // value there; xencfg reads the value as written.
    EXPECT_EQ(text_of("CONFIG_A=y\nCONFIG_B=16", "CONFIG_A=y\nCONFIG_B=32"), " B 16 -> 32\n");
}

// ---- with a role -------------------------------------------------------------

namespace {

const char* kTree = R"(mainmenu "diff test"
config MODULES
	bool "modules"
	modules
config X86
	def_bool y
config 64BIT
	def_bool y
config X86_64
	def_bool y
config PARAVIRT
	bool "paravirt"
config XEN
	bool "Xen guest support"
	depends on PARAVIRT
config XEN_BLKDEV_FRONTEND
	tristate "blkfront"
	depends on XEN
config XEN_NETDEV_FRONTEND
	tristate "netfront"
	depends on XEN
config NET
	bool "net"
)";

const char* kRules = R"({"schema": 1, "rules": [
 {"id": "domU.xen", "severity": "error", "symbol": "XEN", "role": ["domU"], "rationale": "a Xen guest"},
 {"id": "domU.blkfront", "severity": "error", "symbol": "XEN_BLKDEV_FRONTEND", "value": "y/m",
  "role": ["domU"], "rationale": "disks"},
 {"id": "domU.netfront", "severity": "error", "symbol": "XEN_NETDEV_FRONTEND", "value": "y/m",
  "role": ["domU"], "rationale": "network"}
]})";

struct RoleFixture : testsupport::RulesFixture {
    RoleFixture() : RulesFixture(kTree, kRules) {}
    DiffResult diff(const std::string& a, const std::string& b) {
        DiffResult d = diff_configs(a, b);
        // Full configs, however short.
        CheckOptions o = testsupport::check_options(Role::DomU, std::nullopt, false);
        o.arch = Arch::X86_64;
        attribute_findings(d, check_with(o, a, "old"), check_with(o, b, "new"));
        return d;
    }
};

const char* kGood = "CONFIG_MODULES=y\nCONFIG_PARAVIRT=y\nCONFIG_XEN=y\nCONFIG_XEN_BLKDEV_FRONTEND="
                    "y\nCONFIG_XEN_NETDEV_FRONTEND=m\n"
                    "# CONFIG_NET is not set\n";

} // namespace

TEST(DiffRole, BrokenRequirementsAreTiedToTheirChanges) {
    RoleFixture f;
    std::string bad = "CONFIG_MODULES=y\nCONFIG_PARAVIRT=y\nCONFIG_XEN=y\n# "
                      "CONFIG_XEN_BLKDEV_FRONTEND is not set\n"
                      "CONFIG_XEN_NETDEV_FRONTEND=m\nCONFIG_NET=y\n";
    DiffResult d = f.diff(kGood, bad);
    EXPECT_EQ(d.broken, std::vector<std::string>{"domU.blkfront"});
    EXPECT_TRUE(d.satisfied.empty());
    EXPECT_EQ(emit::diff_text(d), " NET n -> y\n"
                                  " XEN_BLKDEV_FRONTEND y -> n\n"
                                  "\n"
                                  "XEN_BLKDEV_FRONTEND: breaks domU.blkfront\n"
                                  "1 requirement(s) broken, 0 satisfied\n");
    nlohmann::json j = emit::diff_json(d);
    ASSERT_EQ(j["changes"].size(), 2u);
    EXPECT_EQ(j["changes"][1]["symbol"], "XEN_BLKDEV_FRONTEND");
    EXPECT_EQ(j["changes"][1]["kind"], "changed");
    EXPECT_EQ(j["changes"][1]["old"], "y");
    EXPECT_EQ(j["changes"][1]["new"], "n");
    EXPECT_EQ(j["changes"][1]["breaks"], nlohmann::json::array({"domU.blkfront"}));
    EXPECT_EQ(j["changes"][0]["breaks"], nlohmann::json::array());
    EXPECT_EQ(j["broken"], nlohmann::json::array({"domU.blkfront"}));
}

TEST(DiffRole, SatisfiedRequirementsAndNoRoleChangeWithoutEffect) {
    RoleFixture f;
    std::string none = "# CONFIG_PARAVIRT is not set\n# CONFIG_NET is not set\n";
    DiffResult d = f.diff(none, kGood);
    EXPECT_TRUE(d.broken.empty());
    // Each satisfied requirement is tied to the change of its own symbol,
    // and to the changes its fix needed (blkfront's and netfront's need XEN
    // and PARAVIRT).
    std::map<std::string, std::vector<std::string>> sat;
    for (const DiffEntry& e : d.entries)
        sat[e.symbol] = e.satisfies;
    auto has = [&](const std::string& sym, const std::string& id) {
        return std::find(sat[sym].begin(), sat[sym].end(), id) != sat[sym].end();
    };
    EXPECT_TRUE(has("XEN", "domU.xen"));
    EXPECT_TRUE(has("XEN_BLKDEV_FRONTEND", "domU.blkfront"));
    EXPECT_TRUE(has("XEN_NETDEV_FRONTEND", "domU.netfront"));
    EXPECT_FALSE(has("XEN_BLKDEV_FRONTEND", "domU.netfront"));
    EXPECT_FALSE(has("XEN_NETDEV_FRONTEND", "domU.xen"));
    EXPECT_TRUE(sat["MODULES"].empty());
    std::vector<std::string> all = d.satisfied;
    std::sort(all.begin(), all.end());
    EXPECT_EQ(all, (std::vector<std::string>{"domU.blkfront", "domU.netfront", "domU.xen"}));

    // A change that no requirement cares about.
    std::string net = kGood;
    net.replace(net.find("# CONFIG_NET is not set"), 23, "CONFIG_NET=y");
    DiffResult quiet = f.diff(kGood, net);
    EXPECT_TRUE(quiet.broken.empty());
    EXPECT_TRUE(quiet.satisfied.empty());
    EXPECT_EQ(emit::diff_text(quiet), " NET n -> y\n\n0 requirement(s) broken, 0 satisfied\n");
}
