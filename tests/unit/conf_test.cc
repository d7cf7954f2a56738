// The conf front end (targets.h: run_conf and its modes) on inline trees.
// Every expected text below is what the kernel's own conf printed or wrote
// for the same Kconfig file and input (conf of 6.12.117 and 6.1, run by
// hand with `env -i srctree=... conf MODE Kconfig`), except where a test
// compares with the C library itself.
#include "kconfig/conf_random.h"
#include "kconfig/confdata.h"
#include "kconfig/context.h"
#include "kconfig/targets.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <sstream>

using namespace kconfig;
using testsupport::slurp;
using testsupport::TempDir;

namespace {

std::unique_ptr<Context> load(const std::string& kconfig, int version, int patchlevel,
                              std::map<std::string, std::string> env = {}) {
    auto ctx = std::make_unique<Context>();
    ctx->kernel_version.version = version;
    ctx->kernel_version.patchlevel = patchlevel;
    ctx->keep_help = true;
    EXPECT_TRUE(load_tree_from_memory(*ctx, {{"Kconfig", kconfig}}, "Kconfig", env,
                                      Dialect::of(ctx->kernel_version)));
    ctx->env = env;
    return ctx;
}

const char* kAskTree = R"K(mainmenu "Test"
config MODULES
	bool "modules"
	modules
	default y
menu "Things"
config A
	tristate "A thing"
	help
	  A helps.
config B
	bool "B thing"
	depends on A
config N
	int "a number"
	range 1 10
	default 3
endmenu
choice
	prompt "pick"
config C1
	bool "one"
config C2
	bool "two"
endchoice
comment "the end"
config S
	string "a string"
	default "x\"y"
)K";

// Answers: y to MODULES, m to A, '?' then Enter to B, 7, the second
// choice member, "hello".
const char* kAskInput = "y\nm\n?\n\n7\n2\nhello\n";

const char* kAskStdout =
    "*\n* Test\n*\nmodules (MODULES) [Y/n/?] (NEW) y\n*\n* Things\n*\nA thing (A) [N/m/y/?] "
    "(NEW) m\n  B thing (B) [N/y/?] (NEW) ?\n\nThere is no help available for this "
    "option.\nSymbol: B [=n]\nType  : bool\nDefined at Kconfig:11\n  Prompt: B thing\n  Depends "
    "on: A [=m]\n  Location:\n    -> Things\n      -> A thing (A [=m])\n        -> B thing (B "
    "[=n])\n\n\n\n  B thing (B) [N/y/?] (NEW) \na number (N) [3] (NEW) 7\npick\n> 1. one (C1) "
    "(NEW)\n  2. two (C2) (NEW)\nchoice[1-2?]: 2\n*\n* the end\n*\na string (S) [x\"y] (NEW) "
    "hello\n";

const char* kAskConfig = "#\n# Automatically generated file; DO NOT EDIT.\n# Test\n#\n"
                         "CONFIG_MODULES=y\n\n#\n# Things\n#\nCONFIG_A=m\n# CONFIG_B is not "
                         "set\nCONFIG_N=7\n# end of Things\n\n# CONFIG_C1 is not set\n"
                         "CONFIG_C2=y\n\n#\n# the end\n#\nCONFIG_S=\"hello\"\n";

} // namespace

#ifdef __GLIBC__
// The C library's rand() is the reference: conf draws from it.
TEST(ConfRandom, SameSequenceAsTheCLibrary) {
    for (unsigned int seed : {0u, 1u, 7u, 0x1234u, 0x7fffffffu, 0x80000001u, 0xffffffffu}) {
        std::srand(seed);
        ConfRandom r(seed);
        for (int i = 0; i < 2000; ++i)
            ASSERT_EQ(r.next(), std::rand()) << "seed " << seed << " draw " << i;
    }
}
#endif

TEST(Conf, OldAskConfigPromptsAsConfOnAPipe) {
    // The same prompts in both choice dialects (6.1 and 6.12 printed this).
    for (int patchlevel : {1, 12}) {
        auto ctx = load(kAskTree, 6, patchlevel);
        ConfRunOptions opt;
        opt.target = ConfTarget::OldAskConfig;
        opt.write_files = false;
        StringConsole console(kAskInput);
        ConfRunResult r = run_conf(*ctx, opt, console);
        EXPECT_EQ(r.exit_status, 0);
        EXPECT_EQ(console.stdout_text, kAskStdout) << "6." << patchlevel;
        EXPECT_EQ(console.stderr_text, "");
        EXPECT_EQ(r.rendered, kAskConfig) << "6." << patchlevel;
    }
}

TEST(Conf, OldConfigAsksOnlyNewSymbols) {
    // The same tree with a .config from before N and S existed.
    TempDir dir;
    testsupport::spit(dir.path / ".config", "CONFIG_MODULES=y\nCONFIG_A=y\nCONFIG_B=y\n"
                                            "CONFIG_C1=y\n");
    auto ctx = load(kAskTree, 6, 12, {{"KCONFIG_CONFIG", (dir.path / ".config").string()}});
    ConfRunOptions opt;
    opt.target = ConfTarget::OldConfig;
    opt.write_files = false;
    StringConsole console("5\n\n");
    ConfRunResult r = run_conf(*ctx, opt, console);
    EXPECT_EQ(r.exit_status, 0);
    EXPECT_EQ(console.stdout_text,
              "*\n* Restart config...\n*\n*\n* Things\n*\nA thing (A) [Y/n/m/?] y\n  B thing (B) "
              "[Y/n/?] y\na number (N) [3] (NEW) 5\n*\n* Test\n*\nmodules (MODULES) [Y/n/?] "
              "y\npick\n> 1. one (C1)\n  2. two (C2) (NEW)\nchoice[1-2?]: \n*\n* the end\n*\na "
              "string (S) [x\"y] (NEW) \n");
}

TEST(Conf, EndOfInputTakesTheDefault) {
    // A new int at the end of input: conf says so and takes the value
    // (the default brought into its range).
    auto ctx = load("config N\n\tint \"n\"\n\trange 5 9\n\tdefault 1\n", 6, 12);
    ConfRunOptions opt;
    opt.target = ConfTarget::OldConfig;
    opt.write_files = false;
    StringConsole console("");
    ConfRunResult r = run_conf(*ctx, opt, console);
    EXPECT_EQ(r.exit_status, 0);
    EXPECT_EQ(console.stdout_text,
              "*\n* Restart config...\n*\n*\n* Main menu\n*\nn (N) [5] (NEW) \n");
    EXPECT_EQ(console.stderr_text, "\nError in reading or end of file.\n");
    EXPECT_NE(r.rendered.find("CONFIG_N=5\n"), std::string::npos) << r.rendered;
}

TEST(Conf, SyncConfigWritesTheIncludeFiles) {
    TempDir dir;
    auto p = [&](const char* name) { return (dir.path / name).string(); };
    auto ctx = load(kAskTree, 6, 12,
                    {{"KCONFIG_CONFIG", p(".config")},
                     {"KCONFIG_AUTOCONFIG", p("auto.conf")},
                     {"KCONFIG_AUTOHEADER", p("autoconf.h")},
                     {"KCONFIG_RUSTCCFG", p("rustc_cfg")}});
    testsupport::spit(p(".config"), kAskConfig);
    ConfRunOptions opt;
    opt.target = ConfTarget::SyncConfig;
    StringConsole console;
    ConfRunResult r = run_conf(*ctx, opt, console);
    EXPECT_EQ(r.exit_status, 0);
    EXPECT_EQ(console.stdout_text, "");
    EXPECT_EQ(slurp(p("auto.conf")), "#\n# Automatically generated file; DO NOT EDIT.\n# Test\n#\n"
                                     "CONFIG_N=7\nCONFIG_S=hello\nCONFIG_MODULES=y\nCONFIG_C2=y\n"
                                     "CONFIG_A=m\n");
    EXPECT_EQ(slurp(p("autoconf.h")), "/*\n * Automatically generated file; DO NOT EDIT.\n * "
                                      "Test\n */\n#define CONFIG_N 7\n#define CONFIG_S "
                                      "\"hello\"\n#define CONFIG_MODULES 1\n#define CONFIG_C2 "
                                      "1\n#define CONFIG_A_MODULE 1\n");
    EXPECT_EQ(slurp(p("rustc_cfg")),
              "--cfg=CONFIG_N=\"7\"\n--cfg=CONFIG_S=\"hello\"\n--cfg=CONFIG_MODULES\n"
              "--cfg=CONFIG_MODULES=\"y\"\n--cfg=CONFIG_C2\n--cfg=CONFIG_C2=\"y\"\n--cfg=CONFIG_A\n"
              "--cfg=CONFIG_A=\"m\"\n");
    EXPECT_EQ(slurp(p("auto.conf.cmd")), "autoconfig := " + p("auto.conf") +
                                             "\n\ndeps_config := \\\n\tKconfig \\\n\n"
                                             "$(autoconfig): $(deps_config)\n$(deps_config): ;\n");
    // One empty file per symbol that is not n (no previous auto.conf).
    for (const char* name : {"A", "C2", "MODULES", "N", "S"})
        EXPECT_TRUE(std::filesystem::exists(dir.path / name)) << name;
    EXPECT_FALSE(std::filesystem::exists(dir.path / "B"));
}

TEST(Conf, RandconfigIsConfsForTheSameSeed) {
    std::string tree = "config MODULES\n\tbool \"modules\"\n\tmodules\n\tdefault y\n";
    for (int i = 1; i <= 6; ++i)
        tree += "config T" + std::to_string(i) + "\n\ttristate \"t" + std::to_string(i) +
                "\"\nconfig B" + std::to_string(i) + "\n\tbool \"b" + std::to_string(i) + "\"\n";
    tree += "choice\n\tprompt \"c\"\nconfig X1\n\tbool \"x1\"\nconfig X2\n\tbool \"x2\"\n"
            "config X3\n\tbool \"x3\"\nendchoice\n";
    struct Case {
        int patchlevel;
        unsigned int seed;
        const char* set; // the =y lines conf wrote, in order
    };
    const Case cases[] = {
        {12, 7, "B2 T3 B4 T5 B5 T6 B6 X1"},
        {12, 0xdeadbeef, "MODULES T1 T2 B2 T3 B3 T4 T5 B5 B6 X3"},
        {1, 7, "MODULES B1 B2 T3 B3 T4 B4 T5 B5 X3"},
        {1, 0xdeadbeef, "MODULES T1 B1 T2 B2 B3 B4 B5 B6 X1"},
    };
    for (const Case& c : cases) {
        auto ctx = load(tree, 6, c.patchlevel, {{"KCONFIG_PROBABILITY", "40:30"}});
        ConfRunOptions opt;
        opt.target = ConfTarget::RandConfig;
        opt.seed = c.seed;
        opt.write_files = false;
        StringConsole console;
        ConfRunResult r = run_conf(*ctx, opt, console);
        ASSERT_EQ(r.exit_status, 0);
        std::string set;
        std::string text = r.rendered;
        std::istringstream lines(text);
        std::string line;
        while (std::getline(lines, line))
            if (line.size() > 9 && line.compare(line.size() - 2, 2, "=y") == 0)
                set += (set.empty() ? "" : " ") + line.substr(7, line.size() - 9);
        EXPECT_EQ(set, c.set) << "6." << c.patchlevel << " seed " << c.seed;
    }
}

TEST(Conf, RandconfigSeedAsConfPrintsIt) {
    Dialect v612{6, 12}, v510{5, 10};
    RandconfigSeed s = randconfig_seed({{"KCONFIG_SEED", "0x1234"}}, v612, 5, 6);
    EXPECT_EQ(s.seed, 0x1234u);
    EXPECT_EQ(s.message, "KCONFIG_SEED=0x1234\n");
    EXPECT_FALSE(s.to_stderr);
    // Not a whole number: the time decides ((5 + 1) * (6 + 1)).
    s = randconfig_seed({{"KCONFIG_SEED", "12x"}}, v510, 5, 6);
    EXPECT_EQ(s.seed, 42u);
    EXPECT_EQ(s.message, "KCONFIG_SEED=0x2A\n");
    EXPECT_TRUE(s.to_stderr);
}
