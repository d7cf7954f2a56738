// xencfg kconfig TARGET: the configuration targets of scripts/kconfig/conf
// (olddefconfig, savedefconfig, alldefconfig, allnoconfig, allyesconfig,
// allmodconfig, defconfig[=NAME], listnewconfig, helpnewconfig, randconfig,
// yes2modconfig, mod2yesconfig, mod2noconfig) over src/kconfig/targets.h.
#include "cli/common.h"

#include "emit/diagnostics.h"
#include "emit/files.h"
#include "kconfig/confdata.h"
#include "kconfig/eval.h"
#include "kconfig/targets.h"
#include "rules/ignores.h"
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/time.h>

#include <iostream>

namespace cli {

namespace {

// The current content of `path` if it is a regular file.
bool read_regular_file(const std::string& path, std::string& content) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    content = ss.str();
    return true;
}

// What the command line asks for.
struct KconfigRequest {
    std::string target;          // "olddefconfig", "defconfig=xen.config", ...
    std::string base;            // the target without "=NAME"
    std::string tree;            // --tree
    std::string arch;            // --arch, normalised to the kernel's ARCH
    std::string config;          // --config IN ("" if none)
    std::string out;             // -o OUT, or --config with --in-place; "-": stdout
    std::string allconfig;       // --allconfig FILE ("" if none)
    std::string config_text;     // --config IN's content (gzip, xz decompressed)
    std::string seed;            // --seed for randconfig, as KCONFIG_SEED ("" if none)
    bool offline = false;        // --offline
    bool no_probe_cache = false; // --no-probe-cache
};

// Usage errors, found before the long tree load; the inputs are read once
// here so that a missing file is reported first, as a file error.
kconfig::ConfTarget check_request(KconfigRequest& rq, bool in_place) {
    if (rq.target.empty()) throw UsageError("no TARGET given");
    rq.base = rq.target.substr(0, rq.target.find('='));
    auto conf_target = kconfig::conf_target_from_name(rq.base);
    // Every conf mode but the dialogues and syncconfig (which writes
    // include/): those are `xencfg conf`'s.
    using kconfig::ConfTarget;
    if (!conf_target || *conf_target == ConfTarget::OldAskConfig ||
        *conf_target == ConfTarget::OldConfig || *conf_target == ConfTarget::SyncConfig)
        throw UsageError("unknown target '" + rq.target + "'");
    if (rq.base != "defconfig" && rq.target.find('=') != std::string::npos)
        throw UsageError("only defconfig takes a value (defconfig=NAME)");
    if (in_place) {
        if (rq.config.empty()) throw UsageError("--in-place needs --config");
        if (!rq.out.empty()) throw UsageError("--in-place and -o are exclusive");
        rq.out = rq.config;
    }
    const bool lists =
        *conf_target == ConfTarget::ListNewConfig || *conf_target == ConfTarget::HelpNewConfig;
    if (rq.out.empty() && !lists)
        throw UsageError("no output given (-o OUT, '-o -' for stdout, or --in-place)");
    if (!in_place && !rq.config.empty() && !rq.out.empty() && rq.out != "-" &&
        emit::same_file(rq.config, rq.out))
        throw UsageError("-o " + rq.out + " is the input; use --in-place to overwrite it");
    if (kconfig::conf_target_reads_config(*conf_target) && rq.config.empty())
        throw UsageError(rq.base + " needs --config IN");
    rq.arch = normalise_arch(rq.arch);
    if (!rq.config.empty()) rq.config_text = emit::read_text_file(rq.config);
    if (!rq.allconfig.empty()) emit::read_text_file(rq.allconfig);
    return *conf_target;
}

// The inputs conf would read for the target.
kconfig::TargetOptions target_options(const KconfigRequest& rq, kconfig::ConfTarget target) {
    kconfig::TargetOptions options;
    options.write = false;
    options.allconfig = rq.allconfig;
    // The configuration file conf would read: --config, or (all*config,
    // defconfig, which do not read it) a name that cannot exist.
    options.config_file = rq.config.empty() ? "/nonexistent/xencfg-no-input.config" : rq.config;
    // --config read once, as check reads its inputs (decompressed).
    if (!rq.config.empty()) options.input_text = rq.config_text;
    if (target == kconfig::ConfTarget::Defconfig) {
        auto eq = rq.target.find('=');
        if (eq != std::string::npos) {
            options.defconfig_file = rq.target.substr(eq + 1);
            if (options.defconfig_file.empty()) throw UsageError("defconfig= needs a file name");
        } else if (!rq.config.empty()) {
            // `defconfig --config FILE`: FILE is the defconfig to apply, as
            // conf's --defconfig=FILE (defconfig reads no other input).
            options.defconfig_file = rq.config;
        } else {
            options.defconfig_file = kconfig::arch_default_defconfig(rq.arch);
        }
    }
    return options;
}

// conf's error text without its surrounding blank lines.
std::string conf_error_text(const kconfig::TargetResult& result, const std::string& base) {
    std::string err = result.error;
    while (!err.empty() && (err.back() == '\n' || err.front() == '\n')) {
        if (err.back() == '\n')
            err.pop_back();
        else
            err.erase(0, 1);
    }
    return err.empty() ? "conf " + base + " failed" : err;
}

// Writes the result where -o says. A .config written to a file gets conf's
// message on stdout, and an identical file is left alone, as conf does.
void write_output(const KconfigRequest& rq, kconfig::ConfTarget target,
                  const kconfig::TargetResult& result) {
    if (target == kconfig::ConfTarget::ListNewConfig ||
        target == kconfig::ConfTarget::HelpNewConfig) {
        if (rq.out.empty() || rq.out == "-")
            std::cout << result.stdout_text << std::flush;
        else
            emit::write_file_atomic(rq.out, result.stdout_text);
        return;
    }
    // conf drops comments; xencfg keeps the input's ignore comments.
    const std::string text = xenrules::keep_ignore_comments(rq.config_text, result.config_text);
    if (target == kconfig::ConfTarget::SaveDefconfig || rq.out == "-") {
        emit::write_file_atomic(rq.out, text);
        return;
    }
    std::string existing;
    if (read_regular_file(rq.out, existing) && existing == text) {
        std::cout << "#\n# No change to " << rq.out << "\n#\n";
        return;
    }
    emit::write_file_atomic(rq.out, text);
    std::cout << "#\n# configuration written to " << rq.out << "\n#\n";
}

} // namespace

int cmd_kconfig(const std::vector<std::string>& args) {
    KconfigRequest rq;
    std::string& target = rq.target;
    std::string& tree = rq.tree;
    std::string& arch = rq.arch;
    std::string& config = rq.config;
    std::string& out = rq.out;
    po::options_description opts("Options");
    opts.add_options()("tree", po::value(&tree)->required()->value_name("DIR"),
                       "kernel source tree")(
        "arch", po::value(&arch)->required()->value_name("ARCH"), "x86_64, i386, arm or arm64")(
        "config", po::value(&config)->value_name("IN"), "the .config to start from")(
        "output,o", po::value(&out)->value_name("OUT"),
        "file to write (written atomically; '-' for stdout)")("in-place",
                                                              "write the result over --config")(
        "allconfig", po::value<std::string>()->value_name("FILE"),
        "KCONFIG_ALLCONFIG for the all*config targets (values forced first)")(
        "offline",
        "run no $(shell,...) probe: probe-derived symbols keep the values the .config records")(
        "no-probe-cache", "neither read nor write the probe cache")(
        "seed", po::value(&rq.seed)->value_name("N"),
        "randconfig's seed, as conf's KCONFIG_SEED (default: from the time of day)");
    po::options_description hidden;
    hidden.add_options()("target", po::value(&target));
    po::positional_options_description pos;
    pos.add("target", 1);
    po::variables_map vm;
    if (!parse_command_line(
            "kconfig", args, opts, &hidden, pos, vm,
            "TARGET --tree DIR --arch ARCH [--config IN] (-o OUT | --in-place)\n\n"
            "Targets: olddefconfig savedefconfig alldefconfig allnoconfig allyesconfig\n"
            "         allmodconfig defconfig[=NAME] listnewconfig helpnewconfig\n"
            "         randconfig yes2modconfig mod2yesconfig mod2noconfig",
            "  xencfg kconfig olddefconfig --tree /usr/src/linux-source-6.12 --arch x86_64 "
            "--config old.config -o .config\n"
            "  xencfg kconfig savedefconfig --tree linux --arch arm64 --config .config -o "
            "defconfig\n"
            "  xencfg kconfig defconfig=xen.config --tree linux --arch x86_64 -o .config\n"))
        return kExitOk;
    if (vm.count("allconfig")) rq.allconfig = vm["allconfig"].as<std::string>();
    rq.offline = vm.count("offline") > 0;
    rq.no_probe_cache = vm.count("no-probe-cache") > 0;
    kconfig::ConfTarget conf_target = check_request(rq, vm.count("in-place") > 0);

    // helpnewconfig prints the new symbols' help texts. The tree's
    // dependency-loop check runs on the second processor while the target
    // reads and evaluates the .config (randconfig prints its seed first, so
    // it waits for the check).
    TreeOptions t{rq.tree,
                  rq.arch,
                  rq.offline,
                  rq.no_probe_cache,
                  conf_target == kconfig::ConfTarget::HelpNewConfig,
                  conf_target != kconfig::ConfTarget::RandConfig};
    bool ok = false;
    auto ctx = load_kernel_tree(t, ok);
    KeepUntilExit keep_ctx(ctx);
    // The load's end, for what follows: conf stops after a failed load and
    // prints what it found while parsing (warnings, $(info) lines, loops).
    auto settle_load = [&] {
        ok = kconfig::finish_dependency_check(*ctx) && ok;
        print_diagnostics_conf_style(ctx->diags.items());
        return ok && !ctx->diags.has_errors();
    };
    bool supported = kconfig::conf_target_supported(ctx->dialect, conf_target);
    if (!ok || !supported || conf_target == kconfig::ConfTarget::RandConfig) {
        if (!settle_load()) return kExitUsage;
        if (!supported)
            throw UsageError(rq.base + " is not a target of Linux " + ctx->kernel_version.str());
    }
    size_t diags_before = ctx->diags.items().size();

    kconfig::TargetOptions options = target_options(rq, conf_target);
    if (conf_target == kconfig::ConfTarget::RandConfig) {
        // conf's seed: KCONFIG_SEED (here --seed) else the time of day, and
        // its "KCONFIG_SEED=0x..." line.
        kconfig::Environment seed_env;
        if (!rq.seed.empty()) seed_env["KCONFIG_SEED"] = rq.seed;
        struct timeval now;
        ::gettimeofday(&now, nullptr);
        kconfig::RandconfigSeed seed =
            kconfig::randconfig_seed(seed_env, ctx->dialect, long(now.tv_sec), long(now.tv_usec));
        options.seed = seed.seed;
        (seed.to_stderr ? std::cerr : std::cout) << seed.message << std::flush;
    }
    kconfig::TargetResult result = kconfig::run_conf_target(*ctx, conf_target, options);
    if (ctx->dependency_check.valid()) {
        // The target ran beside the check; its reports go before the
        // target's findings. A loop fails the load, and conf would not have
        // read the .config at all: report only the load's findings and stop
        // as conf does.
        size_t count = ctx->diags.items().size();
        ok = kconfig::finish_dependency_check(*ctx) && ok;
        size_t load_end = diags_before + (ctx->diags.items().size() - count);
        print_diagnostics_conf_style(std::vector<kconfig::Diagnostic>(
            ctx->diags.items().begin(), ctx->diags.items().begin() + long(load_end)));
        if (!ok) return kExitUsage;
        diags_before = load_end;
    }
    // Warnings recorded while reading, evaluating and writing, as conf prints them.
    print_diagnostics_conf_style(std::vector<kconfig::Diagnostic>(
        ctx->diags.items().begin() + long(diags_before), ctx->diags.items().end()));
    if (!result.ok) throw InputError(conf_error_text(result, rq.base));
    write_output(rq, conf_target, result);
    return kExitOk;
}

} // namespace cli
