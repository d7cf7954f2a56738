// The environment the kernel's Makefile gives Kconfig, rebuilt for a tree and
// ARCH so that xencfg sees what `make ARCH=... olddefconfig` shows conf.
// Variables already set in the caller's environment win (CC=clang, a
// CROSS_COMPILE prefix, a PATH with cross tools), as they do with make.
#include "kconfig/context.h"
#include "kconfig/preprocess.h"

#include <climits>
#include <fstream>
#include <sstream>

namespace kconfig {

namespace {

std::string value_or(const Environment& env, const char* name, const std::string& fallback) {
    auto it = env.find(name);
    return it != env.end() ? it->second : fallback;
}

std::string strip_pound(std::string s) {
    std::string out;
    for (char c : s)
        if (c != '#') out += c;
    return out;
}

bool file_mentions(const std::string& path, const std::string& needle) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str().find(needle) != std::string::npos;
}

// KBUILD_DEFCONFIG as `make ARCH=arch` exports it (5.10's init/Kconfig
// reads it in DEFCONFIG_LIST, the defconfig conf starts from without a
// .config). The arch Makefile sets it: x86 to $(ARCH)_defconfig (for
// ARCH=x86 by the build machine's `uname -m`: taken as x86_64 here, as
// everywhere else in xencfg), arm to multi_v7_defconfig; the
// others keep the top Makefile's `export KBUILD_DEFCONFIG := defconfig`,
// which trees up to 5.x have, and from 6.x on have it unset (the top
// Makefile only marks it for export; scripts/kconfig/Makefile's fallback
// does not reach conf's environment). Empty: not exported.
std::string kbuild_defconfig(const std::string& tree, const std::string& arch) {
    if (arch == "x86") return "x86_64_defconfig";
    if (std::string name = arch_makefile_defconfig(arch); !name.empty()) return name;
    if (file_mentions(tree + "/Makefile", "export KBUILD_DEFCONFIG := defconfig"))
        return "defconfig";
    return "";
}

} // namespace

Environment default_environment(const std::string& srctree, const std::string& arch,
                                const KernelVersion& kv, const Environment& process_env,
                                const ProbeOptions& probes) {
    Environment env;
    auto caller_or = [&](const char* name, const std::string& fallback) {
        return value_or(process_env, name, fallback);
    };
    char real[PATH_MAX];
    std::string tree = realpath(srctree.c_str(), real) ? real : srctree;
    std::string cross = caller_or("CROSS_COMPILE", "");
    env["PATH"] = caller_or("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env["srctree"] = tree;
    env["ARCH"] = arch;
    env["SRCARCH"] = srcarch_for_arch(arch);
    env["KERNELVERSION"] = kv.str();
    if (!cross.empty()) env["CROSS_COMPILE"] = cross;
    if (auto it = process_env.find("KBUILD_DEFCONFIG"); it != process_env.end())
        env["KBUILD_DEFCONFIG"] = it->second; // set by the caller, empty included
    else if (std::string name = kbuild_defconfig(tree, arch); !name.empty())
        env["KBUILD_DEFCONFIG"] = name;
    env["CC"] = caller_or("CC", cross + "gcc");
    env["LD"] = caller_or("LD", cross + "ld");
    env["AR"] = caller_or("AR", cross + "ar");
    env["NM"] = caller_or("NM", cross + "nm");
    env["OBJCOPY"] = caller_or("OBJCOPY", cross + "objcopy");
    env["PAHOLE"] = caller_or("PAHOLE", "pahole");
    env["RUSTC"] = caller_or("RUSTC", "rustc");
    env["BINDGEN"] = caller_or("BINDGEN", "bindgen");
    env["PYTHON3"] = caller_or("PYTHON3", "python3");
    // The top Makefile: CC_VERSION_TEXT = $(subst $(pound),,$(shell LC_ALL=C $(CC) --version | head
    // -n 1))
    // Offline, nothing runs: the compiler of this machine says nothing about
    // the one the .config was made with.
    if (auto it = process_env.find("CC_VERSION_TEXT"); it != process_env.end())
        env["CC_VERSION_TEXT"] = it->second;
    else if (probes.offline)
        env["CC_VERSION_TEXT"] = "";
    else
        env["CC_VERSION_TEXT"] = strip_pound(
            cached_tool_output("LC_ALL=C " + env["CC"] + " --version 2>/dev/null | head -n 1",
                               env["CC"], env, process_env, probes));
    // Exported (and read by init/Kconfig) from 6.12 on.
    if (file_mentions(tree + "/Makefile", "RUSTC_VERSION_TEXT")) {
        if (auto it = process_env.find("RUSTC_VERSION_TEXT"); it != process_env.end())
            env["RUSTC_VERSION_TEXT"] = it->second;
        else if (probes.offline)
            env["RUSTC_VERSION_TEXT"] = "";
        else
            env["RUSTC_VERSION_TEXT"] = strip_pound(cached_tool_output(
                env["RUSTC"] + " --version 2>/dev/null", env["RUSTC"], env, process_env, probes));
    }
    // Exported (and read by init/Kconfig's PAHOLE_VERSION) from 7.x on:
    // PAHOLE_VERSION = $(shell $(srctree)/scripts/pahole-version.sh $(PAHOLE))
    // (the script prints 0 when there is no pahole).
    if (file_mentions(tree + "/Makefile", "PAHOLE_VERSION = $(shell")) {
        if (auto it = process_env.find("PAHOLE_VERSION"); it != process_env.end())
            env["PAHOLE_VERSION"] = it->second;
        else if (probes.offline)
            env["PAHOLE_VERSION"] = "";
        else
            env["PAHOLE_VERSION"] =
                cached_tool_output(tree + "/scripts/pahole-version.sh " + env["PAHOLE"],
                                   env["PAHOLE"], env, process_env, probes);
    }
    return env;
}

} // namespace kconfig
