#include "cli/common.h"

#include "emit/diagnostics.h"
#include "emit/files.h"
#include "emit/term.h"

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <iterator>
#include <sched.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> list = {
        {"check", "judge a .config or fragment against the Xen dom0/domU rules", cmd_check},
        {"explain", "show everything about one Kconfig symbol (like menuconfig's help, and more)",
         cmd_explain},
        {"kconfig", "run a configuration target (olddefconfig, savedefconfig, ...)", cmd_kconfig},
        {"conf", "run as the kernel's scripts/kconfig/conf (its options, environment and output)",
         cmd_conf},
        {"load", "parse a kernel tree's Kconfig and print its diagnostics as conf does", cmd_load},
        {"kb-extract", "extract the knowledge base check uses from a kernel tree", cmd_kb_extract},
        {"generate", "write a verified fragment that makes a kernel serve a Xen role",
         cmd_generate},
        {"fix", "minimally change a .config so that it passes check", cmd_fix},
        {"diff", "diffconfig, plus which Xen requirements each change breaks or satisfies",
         cmd_diff},
        {"rules", "list the rules that apply to a role, arch, mode and kernel version", cmd_rules},
    };
    return list;
}

bool parse_command_line(const std::string& command, const std::vector<std::string>& args,
                        po::options_description& visible, const po::options_description* hidden,
                        const po::positional_options_description& positional, po::variables_map& vm,
                        const std::string& usage, const std::string& examples) {
    if (!visible.find_nothrow("help", false)) visible.add_options()("help,h", "show this help");
    if (std::find(args.begin(), args.end(), "--help") != args.end() ||
        std::find(args.begin(), args.end(), "-h") != args.end()) {
        std::cout << "Usage: xencfg " << command << " " << usage << "\n\n"
                  << visible << "\n"
                  << "Examples:\n"
                  << examples;
        return false;
    }
    po::options_description all;
    all.add(visible);
    if (hidden) all.add(*hidden);
    try {
        po::store(
            po::command_line_parser(args)
                .options(all)
                .positional(positional)
                .style(po::command_line_style::unix_style ^ po::command_line_style::allow_guessing)
                .run(),
            vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }
    return true;
}

xenrules::Arch arch_option(const std::string& arch) {
    auto a = xenrules::parse_arch(arch);
    if (!a)
        throw UsageError("unknown architecture '" + arch + "' (use x86_64, i386, arm or arm64)");
    return *a;
}

std::string normalise_arch(const std::string& arch) {
    return xenrules::kernel_arch_name(arch_option(arch));
}

kconfig::Environment process_environment() {
    kconfig::Environment env;
    for (char** e = environ; e && *e; ++e)
        if (const char* eq = std::strchr(*e, '='))
            env.emplace(std::string(*e, size_t(eq - *e)), eq + 1);
    return env;
}

std::string current_directory() {
    std::vector<char> buf(PATH_MAX);
    return ::getcwd(buf.data(), buf.size()) ? std::string(buf.data()) : std::string(".");
}

kconfig::ProbeOptions probe_options(const kconfig::Environment& env, bool offline,
                                    bool no_probe_cache) {
    auto value = [&](const char* name) {
        auto it = env.find(name);
        return it != env.end() ? it->second : std::string();
    };
    kconfig::ProbeOptions probes;
    probes.offline = offline;
    std::string off = value("XENCFG_NO_PROBE_CACHE");
    probes.use_cache = !no_probe_cache && (off.empty() || off == "0");
    if (std::string d = value("XENCFG_CACHE_DIR"); !d.empty())
        probes.cache_dir = d + "/probes";
    else if (std::string x = value("XDG_CACHE_HOME"); !x.empty())
        probes.cache_dir = x + "/xencfg/probes";
    else if (std::string h = value("HOME"); !h.empty())
        probes.cache_dir = h + "/.cache/xencfg/probes";
    // Probes are compiler runs: one per processor this process may use,
    // unless XENCFG_PROBE_JOBS says how many (1: one after another, as conf).
    cpu_set_t cpus;
    if (sched_getaffinity(0, sizeof cpus, &cpus) == 0) probes.jobs = std::max(1, CPU_COUNT(&cpus));
    std::string jobs = value("XENCFG_PROBE_JOBS");
    if (!jobs.empty() && jobs.size() <= 3 &&
        std::all_of(jobs.begin(), jobs.end(), [](char c) { return c >= '0' && c <= '9'; }))
        probes.jobs = std::max(1, std::stoi(jobs));
    return probes;
}

std::optional<xenrules::Mode> parse_mode_option(const std::string& mode) {
    if (mode.empty() || mode == "any") return std::nullopt;
    auto m = xenrules::parse_mode(mode);
    if (!m || *m == xenrules::Mode::Default)
        throw UsageError("unknown mode '" + mode + "' (use any, pv, pvh or hvm)");
    return m;
}

std::unique_ptr<kconfig::Context> load_kernel_tree(const TreeOptions& options, bool& ok) {
    emit::require_directory(options.tree);
    std::string kconfig_top = options.tree + "/Kconfig";
    struct stat st;
    if (::stat(kconfig_top.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        throw emit::FileError(options.tree, 0, "not a kernel source tree (no Kconfig file)");
    std::string error;
    auto version = kconfig::read_kernel_version(options.tree, &error);
    if (!version) {
        std::string makefile = options.tree + "/Makefile";
        if (error.rfind(makefile + ": ", 0) == 0) error.erase(0, makefile.size() + 2);
        throw emit::FileError(makefile, 0,
                              error.empty() ? "cannot read the kernel version" : error);
    }
    auto ctx = std::make_unique<kconfig::Context>();
    kconfig::LoadOptions load;
    load.srctree = options.tree;
    load.process_env = process_environment();
    load.probes = probe_options(load.process_env, options.offline, options.no_probe_cache);
    // A relative tree path means the current directory's: the probes'
    // commands name the tree's scripts through it, so they run here.
    if (!options.tree.empty() && options.tree[0] != '/')
        load.probes.working_dir = current_directory();
    load.env = kconfig::default_environment(options.tree, options.arch, *version, load.process_env,
                                            load.probes);
    load.keep_help = options.keep_help;
    load.background_dependency_check = options.background_dependency_check;
    ok = kconfig::load_tree(*ctx, load);
    return ctx;
}

KeepUntilExit::~KeepUntilExit() {
#if defined(__SANITIZE_ADDRESS__)
    ctx_.reset();
#else
    // Held in a static array so that leak checkers see the memory as still
    // reachable; past its size, contexts are freed as usual.
    static std::atomic<kconfig::Context*> kept[16];
    static std::atomic<size_t> count{0};
    size_t slot = count.fetch_add(1);
    if (slot < std::size(kept))
        kept[slot] = ctx_.release();
    else
        ctx_.reset();
#endif
}

#ifndef XENCFG_RELATIVE_DATADIR
#define XENCFG_RELATIVE_DATADIR "../share/xencfg"
#endif

std::string data_dir() {
    if (const char* env = std::getenv("XENCFG_DATADIR"); env && *env) return env;
    struct stat st;
    // An installed binary: <prefix>/bin/xencfg next to <prefix>/share/xencfg,
    // wherever the prefix is (cmake --install --prefix, DESTDIR, relocation).
    char exe[4096];
    ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        std::string dir(exe, size_t(n));
        dir.erase(dir.rfind('/') + 1);
        std::string installed = dir + XENCFG_RELATIVE_DATADIR;
        if (::stat((installed + "/rules").c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
            if (char* real = ::realpath(installed.c_str(), nullptr)) {
                installed = real;
                std::free(real);
            }
            return installed;
        }
    }
    std::string src = XENCFG_SOURCE_DATADIR;
    if (::stat((src + "/rules").c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return src;
    return XENCFG_INSTALL_DATADIR;
}

void print_diagnostics(const kconfig::Context& ctx) {
    std::cerr << emit::diagnostics_text(ctx.diags.items(),
                                        emit::should_colour(STDERR_FILENO, process_environment()));
}

void print_diagnostics_conf_style(const std::vector<kconfig::Diagnostic>& diags) {
    for (const auto& d : diags) {
        if (!d.conf_text.empty()) {
            // conf prints $(info,...) on stdout, everything else on stderr.
            (d.severity == kconfig::Severity::Note ? std::cout : std::cerr) << d.conf_text << "\n"
                                                                            << std::flush;
        } else if (d.severity != kconfig::Severity::Note) {
            // xencfg's own notes (conf is silent there) are left out.
            std::cerr << emit::diagnostic_text(d, false);
        }
    }
}

} // namespace cli
