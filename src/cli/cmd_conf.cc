// xencfg conf [OPTION] KCONFIG_FILE: a drop-in for the kernel's
// scripts/kconfig/conf. conf's own command line (parsed by the C library's
// getopt_long, as conf parses it, with the tree version's option set and
// usage text) and conf's environment (the whole process environment, handed
// to the engine explicitly); the modes themselves are kconfig::run_conf,
// shared with `xencfg kconfig`. Invoked under the name `conf` (a symlink
// scripts/kconfig/conf -> xencfg), xencfg behaves the same.
//
// One extension: the Kconfig dialect follows $srctree/Makefile's version
// (else ./Makefile); a standalone Kconfig file with no Makefile gets the
// newest dialect unless --kernel-version=V or XENCFG_KERNEL_VERSION=V says
// otherwise (either one also overrides the Makefile).
#include "cli/common.h"

#include "emit/diagnostics.h"
#include "kconfig/targets.h"

#include <cstdio>
#include <cstring>
#include <getopt.h>
#include <iostream>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

namespace cli {

namespace {

// conf's standard input, output and error: the process's own, through C
// stdio as conf uses them (so buffering is conf's too).
class ProcessConsole : public kconfig::ConfConsole {
  public:
    void out(std::string_view text) override { std::fwrite(text.data(), 1, text.size(), stdout); }
    void err(std::string_view text) override {
        std::fflush(stdout);
        std::fwrite(text.data(), 1, text.size(), stderr);
    }
    void flush() override { std::fflush(stdout); }
    bool read_line(std::string& line, size_t max) override {
        std::string buf(max, '\0');
        if (!std::fgets(buf.data(), int(max), stdin)) return false;
        line.assign(buf.c_str());
        return true;
    }
    bool at_end() const override { return std::feof(stdin) != 0; }
    // What conf itself prints; xencfg's own notes stay unprinted, so that
    // standard error is conf's.
    void diagnostic(const kconfig::Diagnostic& d) override {
        if (d.conf_text.empty()) return;
        if (d.severity == kconfig::Severity::Note)
            out(d.conf_text + "\n");
        else
            err(d.conf_text + "\n");
    }
};

// "6.12", "5.10.223", "7.3-rc7" -> a KernelVersion; nullopt if unreadable.
std::optional<kconfig::KernelVersion> parse_version(const std::string& text) {
    kconfig::KernelVersion kv;
    char rest[64] = "";
    int n =
        std::sscanf(text.c_str(), "%d.%d.%d%63s", &kv.version, &kv.patchlevel, &kv.sublevel, rest);
    if (n < 2 || kv.version <= 0 || kv.patchlevel < 0) return std::nullopt;
    if (n < 3) kv.sublevel = 0;
    return kv;
}

// The dialect: an explicit version, else the tree's Makefile, else newest.
kconfig::KernelVersion dialect_version(const std::string& explicit_version,
                                       const kconfig::Environment& env) {
    std::string wanted = explicit_version;
    if (wanted.empty())
        if (auto it = env.find("XENCFG_KERNEL_VERSION"); it != env.end()) wanted = it->second;
    if (!wanted.empty()) {
        if (auto kv = parse_version(wanted)) return *kv;
        throw UsageError("--kernel-version " + wanted + ": not a kernel version (e.g. 6.12)");
    }
    auto it = env.find("srctree");
    std::string tree = it != env.end() && !it->second.empty() ? it->second : ".";
    struct stat st;
    if (::stat((tree + "/Makefile").c_str(), &st) == 0)
        if (auto kv = kconfig::read_kernel_version(tree, nullptr)) return *kv;
    kconfig::Dialect newest = kconfig::Dialect::newest();
    return kconfig::KernelVersion{newest.major, newest.minor, 0, ""};
}

void print_usage(const std::string& progname, const kconfig::Dialect& kv) {
    std::string u;
    if (!kv.conf_reworked()) {
        u += "Usage: " + progname + " [-s] [option] <kconfig-file>\n";
        u += "[option] is _one_ of the following:\n";
    } else {
        // The argument's name changed in 6.13's usage text.
        u += "Usage: " + progname +
             (kv.conf_usage_names_kconfig_file() ? " [options] kconfig_file\n\n"
                                                 : " [options] <kconfig-file>\n\n");
        u += "Generic options:\n";
        u += "  -h, --help              Print this message and exit.\n";
        u += "  -s, --silent            Do not print log.\n\n";
        u += "Mode options:\n";
    }
    u += "  --listnewconfig         List new options\n"
         "  --helpnewconfig         List new options and help text\n"
         "  --oldaskconfig          Start a new configuration using a line-oriented program\n"
         "  --oldconfig             Update a configuration using a provided .config as base\n"
         "  --syncconfig            Similar to oldconfig but generates configuration in\n"
         "                          include/{generated/,config/}\n"
         "  --olddefconfig          Same as oldconfig but sets new symbols to their default "
         "value\n"
         "  --defconfig <file>      New config with default defined in <file>\n"
         "  --savedefconfig <file>  Save the minimal current configuration to <file>\n"
         "  --allnoconfig           New config where all options are answered with no\n"
         "  --allyesconfig          New config where all options are answered with yes\n"
         "  --allmodconfig          New config where all options are answered with mod\n"
         "  --alldefconfig          New config with all symbols set to default\n"
         "  --randconfig            New config with random answer to all options\n"
         "  --yes2modconfig         Change answers from yes to mod if possible\n"
         "  --mod2yesconfig         Change answers from mod to yes if possible\n";
    if (kv.has_mod2noconfig())
        u += "  --mod2noconfig          Change answers from mod to no if possible\n";
    if (kv.conf_reworked())
        u += "  (If none of the above is given, --oldaskconfig is the default)\n";
    if (kv.conf_usage_names_kconfig_file())
        u += "\nArguments:\n  kconfig_file            Top-level Kconfig file.\n";
    std::fputs(u.c_str(), stdout);
}

// getopt_long's return values for the modes (past every character).
constexpr int kModeBase = 1000;
constexpr int kKernelVersionOption = 999;

} // namespace

int run_conf_command(const std::string& progname, const std::vector<std::string>& args) {
    const kconfig::Environment env = process_environment();

    // --kernel-version=V (xencfg's only extension) is taken out first: the
    // dialect decides which options conf accepts.
    std::string explicit_version;
    std::vector<std::string> conf_args;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i].rfind("--kernel-version=", 0) == 0)
            explicit_version = args[i].substr(17);
        else if (args[i] == "--kernel-version" && i + 1 < args.size())
            explicit_version = args[++i];
        else
            conf_args.push_back(args[i]);
    }
    const kconfig::KernelVersion kv = dialect_version(explicit_version, env);
    const kconfig::Dialect dialect = kconfig::Dialect::of(kv);

    // conf's long options for this version.
    std::vector<option> long_opts;
    std::vector<std::string> names;
    const bool reworked = dialect.conf_reworked();
    if (reworked) {
        long_opts.push_back({"help", no_argument, nullptr, 'h'});
        long_opts.push_back({"silent", no_argument, nullptr, 's'});
    }
    for (int t = int(kconfig::ConfTarget::OldAskConfig);
         t <= int(kconfig::ConfTarget::Mod2NoConfig); ++t) {
        auto target = kconfig::ConfTarget(t);
        if (!kconfig::conf_target_supported(dialect, target)) continue;
        bool arg = target == kconfig::ConfTarget::Defconfig ||
                   target == kconfig::ConfTarget::SaveDefconfig;
        long_opts.push_back({kconfig::conf_target_name(target),
                             arg ? required_argument : no_argument, nullptr, kModeBase + t});
    }
    long_opts.push_back({nullptr, 0, nullptr, 0});

    std::vector<std::string> argv_text;
    argv_text.push_back(progname);
    argv_text.insert(argv_text.end(), conf_args.begin(), conf_args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_text)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const int argc = int(argv_text.size());

    kconfig::ConfRunOptions run;
    run.tty = ::isatty(0) && ::isatty(1);
    optind = 0; // a full reinitialisation of getopt
    int opt;
    while ((opt = getopt_long(argc, argv.data(), reworked ? "hs" : "s", long_opts.data(),
                              nullptr)) != -1) {
        if (opt == 's') {
            run.silent = true;
            continue;
        }
        if (opt == 'h') {
            print_usage(progname, dialect);
            return 1;
        }
        if (opt < kModeBase) {
            // An unknown option: getopt has said so; old conf stops here,
            // newer conf carries on.
            if (!reworked) {
                print_usage(progname, dialect);
                return 1;
            }
            continue;
        }
        run.target = kconfig::ConfTarget(opt - kModeBase);
        switch (run.target) {
        case kconfig::ConfTarget::Defconfig:
        case kconfig::ConfTarget::SaveDefconfig:
            run.defconfig_file = optarg ? optarg : "";
            break;
        case kconfig::ConfTarget::RandConfig: {
            struct timeval now;
            ::gettimeofday(&now, nullptr);
            kconfig::RandconfigSeed seed =
                kconfig::randconfig_seed(env, dialect, long(now.tv_sec), long(now.tv_usec));
            run.seed = seed.seed;
            std::fputs(seed.message.c_str(), seed.to_stderr ? stderr : stdout);
            break;
        }
        default:
            break;
        }
    }
    if (optind >= argc) {
        std::fflush(stdout);
        std::fprintf(stderr, "%s: Kconfig file missing\n", progname.c_str());
        print_usage(progname, dialect);
        return 1;
    }
    const std::string kconfig_file = argv_text[size_t(optind)];

    // conf_parse: the file as given, relative to $srctree.
    auto ctx = std::make_unique<kconfig::Context>();
    KeepUntilExit keep_ctx(ctx);
    ctx->kernel_version = kv;
    kconfig::LoadOptions load;
    load.dialect = dialect;
    auto srctree = env.find("srctree");
    load.srctree = srctree != env.end() ? srctree->second : "";
    load.kconfig = kconfig_file;
    // conf sees one environment: make's exports are part of it.
    load.env = env;
    load.process_env = env;
    load.keep_help = true;
    load.probes = probe_options(env, false, false);
    // conf runs its probes in make's current directory, where $(srctree)
    // ("." in an in-tree build) leads to the tree's scripts.
    load.probes.working_dir = current_directory();
    ProcessConsole console;
    bool ok = kconfig::load_tree(*ctx, load);
    for (const kconfig::Diagnostic& d : ctx->diags.items()) {
        if (!d.conf_text.empty()) {
            console.diagnostic(d);
        } else if (!ok && d.severity == kconfig::Severity::Error) {
            // An error conf words differently still stops the run; say why.
            std::fflush(stdout);
            std::fputs(emit::diagnostic_text(d, false).c_str(), stderr);
        }
    }
    if (!ok) {
        std::fflush(stdout);
        return 1;
    }
    kconfig::ConfRunResult result = kconfig::run_conf(*ctx, run, console);
    std::fflush(stdout);
    return result.exit_status;
}

int cmd_conf(const std::vector<std::string>& args) {
    for (const std::string& a : args)
        if (a == "--xencfg-help") {
            std::cout
                << "Usage: xencfg conf [--kernel-version=V] [conf's options] KCONFIG_FILE\n\n"
                   "Runs as the kernel's scripts/kconfig/conf: the same options (see "
                   "`xencfg conf --help`),\nthe same environment (srctree, KCONFIG_CONFIG, "
                   "KCONFIG_ALLCONFIG, KCONFIG_SEED, ...),\nthe same files, output and exit "
                   "status.\n\n"
                   "Examples:\n"
                   "  cd linux && srctree=. ARCH=x86_64 SRCARCH=x86 xencfg conf --olddefconfig "
                   "Kconfig\n"
                   "  xencfg conf --kernel-version=6.12 --allnoconfig my/Kconfig\n";
            return kExitOk;
        }
    return run_conf_command("xencfg conf", args);
}

} // namespace cli
