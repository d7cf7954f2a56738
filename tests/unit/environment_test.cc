// The engine's inputs are explicit: the environment a tree sees and the probe
// options come from the caller, never from the process environment.
#include "kconfig/context.h"
#include "test_support.h"

#include <cstdlib>
#include <gtest/gtest.h>
#include <sys/stat.h>

using namespace kconfig;
using testsupport::TempDir;

namespace {

const std::string kMiniTree = std::string(XENCFG_SOURCE_DIR) + "/tests/fixtures/trees/mini";

// A CC that leaves a mark in `dir` when run and prints a version line.
std::string marking_cc(const TempDir& dir) {
    std::string cc = (dir.path / "cc").string();
    testsupport::spit(cc, "#!/bin/sh\ntouch '" + (dir.path / "cc-ran").string() +
                              "'\necho 'markcc (test) 9.9 #1'\n");
    chmod(cc.c_str(), 0755);
    return cc;
}

bool present(const testsupport::fs::path& p) {
    return testsupport::fs::exists(p);
}

} // namespace

TEST(Environment, OfflineRunsNoCompiler) {
    TempDir dir;
    ProbeOptions probes;
    probes.offline = true;
    probes.cache_dir = (dir.path / "cache").string();
    KernelVersion kv{6, 12, 0, ""};
    Environment env =
        default_environment(kMiniTree, "x86_64", kv, {{"CC", marking_cc(dir)}}, probes);
    EXPECT_EQ(env.at("CC_VERSION_TEXT"), "");
    EXPECT_FALSE(present(dir.path / "cc-ran"));
    EXPECT_FALSE(present(dir.path / "cache"));
}

TEST(Environment, CallerCompilerIsRunAndCacheHonoursUseCache) {
    TempDir dir;
    ProbeOptions probes;
    probes.use_cache = false;
    probes.cache_dir = (dir.path / "cache").string();
    KernelVersion kv{6, 12, 0, ""};
    Environment caller = {{"CC", marking_cc(dir)}, {"PATH", "/usr/bin:/bin"}};
    Environment env = default_environment(kMiniTree, "x86_64", kv, caller, probes);
    // The pound sign goes, as the top Makefile's $(subst $(pound),,...) does.
    EXPECT_EQ(env.at("CC_VERSION_TEXT"), "markcc (test) 9.9 1");
    EXPECT_EQ(env.at("CC"), caller.at("CC"));
    EXPECT_EQ(env.at("PATH"), "/usr/bin:/bin");
    EXPECT_TRUE(present(dir.path / "cc-ran"));
    EXPECT_FALSE(present(dir.path / "cache"));
    // With the cache on, the same call fills it.
    probes.use_cache = true;
    default_environment(kMiniTree, "x86_64", kv, caller, probes);
    EXPECT_TRUE(present(dir.path / "cache"));
}

TEST(Environment, CallerValuesWinAndNothingComesFromTheProcess) {
    // A variable in the process environment but not in what the caller
    // hands over is invisible to the engine.
    setenv("XENCFG_TEST_ONLY_IN_PROCESS", "leaked", 1);
    setenv("CROSS_COMPILE", "leaked-", 1);
    ProbeOptions probes;
    probes.offline = true;
    KernelVersion kv{6, 12, 0, ""};
    Environment env = default_environment(kMiniTree, "arm64", kv,
                                          {{"CC_VERSION_TEXT", "given"}, {"LD", "ld.lld"}}, probes);
    EXPECT_EQ(env.at("CC"), "gcc");
    EXPECT_EQ(env.at("LD"), "ld.lld");
    EXPECT_EQ(env.at("CC_VERSION_TEXT"), "given");
    EXPECT_EQ(env.at("SRCARCH"), "arm64");
    EXPECT_EQ(env.count("CROSS_COMPILE"), 0u);

    Context mem;
    mem.probe_options.offline = true;
    ASSERT_TRUE(load_tree_from_memory(
        mem,
        {{"Kconfig", "config A\n\tstring\n\tdefault \"$(XENCFG_TEST_ONLY_IN_PROCESS)\"\n"
                     "config B\n\tstring\n\tdefault \"$(GIVEN)\"\n"}},
        "Kconfig", {{"GIVEN", "given"}}, Dialect{6, 12}));
    std::vector<std::pair<std::string, std::string>> used = {{"GIVEN", "given"}};
    EXPECT_EQ(mem.env_used, used);
    unsetenv("XENCFG_TEST_ONLY_IN_PROCESS");
    unsetenv("CROSS_COMPILE");
}

TEST(Environment, ProcessEnvIsReadForUnexportedVariables) {
    // conf reads its own environment for what the Makefile does not export;
    // the engine reads LoadOptions::process_env, and the Makefile's exports win.
    TempDir dir;
    testsupport::spit(dir.path / "Makefile", "VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 0\n");
    testsupport::spit(dir.path / "Kconfig", "config A\n\tstring\n\tdefault \"$(FROM_CALLER)\"\n"
                                            "config B\n\tstring\n\tdefault \"$(BOTH)\"\n");
    Context ctx;
    LoadOptions o;
    o.srctree = dir.path.string();
    o.env = {{"BOTH", "export"}};
    o.process_env = {{"FROM_CALLER", "caller"}, {"BOTH", "process"}};
    o.probes.offline = true;
    ASSERT_TRUE(load_tree(ctx, o));
    std::vector<std::pair<std::string, std::string>> expected = {{"FROM_CALLER", "caller"},
                                                                 {"BOTH", "export"}};
    EXPECT_EQ(ctx.env_used, expected);
}
