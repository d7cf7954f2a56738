// The environment the kernel's Makefile gives Kconfig, rebuilt for a tree and
// ARCH so that xencfg sees what `make ARCH=... olddefconfig` shows conf.
// Variables already set in the process environment win (CC=clang, a
// CROSS_COMPILE prefix, a PATH with cross tools), as they do with make.
#include "kconfig/context.h"
#include "kconfig/preprocess.h"

#include <climits>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace kconfig {

namespace {

std::string getenv_or(const char* name, const std::string& fallback) {
    const char* v = getenv(name);
    return v ? std::string(v) : fallback;
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

} // namespace

std::map<std::string, std::string>
default_environment(const std::string& srctree, const std::string& arch, const KernelVersion& kv) {
    std::map<std::string, std::string> env;
    char real[PATH_MAX];
    std::string tree = realpath(srctree.c_str(), real) ? real : srctree;
    std::string cross = getenv_or("CROSS_COMPILE", "");
    env["PATH"] = getenv_or("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env["srctree"] = tree;
    env["ARCH"] = arch;
    env["SRCARCH"] = srcarch_for_arch(arch);
    env["KERNELVERSION"] = kv.str();
    if (!cross.empty()) env["CROSS_COMPILE"] = cross;
    env["CC"] = getenv_or("CC", cross + "gcc");
    env["LD"] = getenv_or("LD", cross + "ld");
    env["AR"] = getenv_or("AR", cross + "ar");
    env["NM"] = getenv_or("NM", cross + "nm");
    env["OBJCOPY"] = getenv_or("OBJCOPY", cross + "objcopy");
    env["PAHOLE"] = getenv_or("PAHOLE", "pahole");
    env["RUSTC"] = getenv_or("RUSTC", "rustc");
    env["BINDGEN"] = getenv_or("BINDGEN", "bindgen");
    env["PYTHON3"] = getenv_or("PYTHON3", "python3");
    // The top Makefile: CC_VERSION_TEXT = $(subst $(pound),,$(shell LC_ALL=C $(CC) --version | head
    // -n 1))
    if (const char* v = getenv("CC_VERSION_TEXT"))
        env["CC_VERSION_TEXT"] = v;
    else
        env["CC_VERSION_TEXT"] = strip_pound(cached_tool_output(
            "LC_ALL=C " + env["CC"] + " --version 2>/dev/null | head -n 1", env["CC"], env));
    // Exported (and read by init/Kconfig) from 6.12 on.
    if (file_mentions(tree + "/Makefile", "RUSTC_VERSION_TEXT")) {
        if (const char* v = getenv("RUSTC_VERSION_TEXT"))
            env["RUSTC_VERSION_TEXT"] = v;
        else
            env["RUSTC_VERSION_TEXT"] = strip_pound(
                cached_tool_output(env["RUSTC"] + " --version 2>/dev/null", env["RUSTC"], env));
    }
    return env;
}

} // namespace kconfig
