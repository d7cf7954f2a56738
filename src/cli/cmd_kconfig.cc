// xencfg kconfig TARGET: the configuration targets of scripts/kconfig/conf
// (olddefconfig, savedefconfig, alldefconfig, allnoconfig, allyesconfig,
// allmodconfig, defconfig[=NAME], listnewconfig) over src/kconfig/targets.h.
#include "cli/common.h"

#include "emit/diagnostics.h"
#include "emit/files.h"
#include "kconfig/confdata.h"
#include "kconfig/targets.h"
#include <fstream>
#include <sstream>
#include <sys/stat.h>

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
} // namespace

int cmd_kconfig(const std::vector<std::string>& args) {
    std::string target, tree, arch, config, out;
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
        "no-probe-cache", "neither read nor write the probe cache");
    po::options_description hidden;
    hidden.add_options()("target", po::value(&target));
    po::options_description all;
    all.add(opts).add(hidden);
    po::positional_options_description pos;
    pos.add("target", 1);
    po::variables_map vm;
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            parse_command_line(
                "kconfig", {"--help"}, opts, pos, vm,
                "TARGET --tree DIR --arch ARCH [--config IN] (-o OUT | --in-place)\n\n"
                "Targets: olddefconfig savedefconfig alldefconfig allnoconfig allyesconfig\n"
                "         allmodconfig defconfig[=NAME] listnewconfig",
                "  xencfg kconfig olddefconfig --tree /usr/src/linux-source-6.12 --arch x86_64 "
                "--config old.config -o .config\n"
                "  xencfg kconfig savedefconfig --tree linux --arch arm64 --config .config -o "
                "defconfig\n"
                "  xencfg kconfig defconfig=xen.config --tree linux --arch x86_64 -o .config\n");
            return kExitOk;
        }
    if (!parse_command_line("kconfig", args, all, pos, vm, "", "")) return kExitOk;
    if (target.empty()) throw UsageError("no TARGET given");
    std::string base = target.substr(0, target.find('='));
    static const char* known[] = {"olddefconfig", "savedefconfig", "alldefconfig", "allnoconfig",
                                  "allyesconfig", "allmodconfig",  "defconfig",    "listnewconfig"};
    bool found = false;
    for (const char* k : known)
        found = found || base == k;
    if (!found) throw UsageError("unknown target '" + target + "'");
    if (base != "defconfig" && target.find('=') != std::string::npos)
        throw UsageError("only defconfig takes a value (defconfig=NAME)");
    bool in_place = vm.count("in-place") > 0;
    if (in_place) {
        if (config.empty()) throw UsageError("--in-place needs --config");
        if (!out.empty()) throw UsageError("--in-place and -o are exclusive");
        out = config;
    }
    if (out.empty() && base != "listnewconfig")
        throw UsageError("no output given (-o OUT, '-o -' for stdout, or --in-place)");
    if (!in_place && !config.empty() && !out.empty() && out != "-" && emit::same_file(config, out))
        throw UsageError("-o " + out + " is the input; use --in-place to overwrite it");
    if ((base == "olddefconfig" || base == "savedefconfig" || base == "listnewconfig") &&
        config.empty())
        throw UsageError(base + " needs --config IN");
    std::string arch_norm = normalise_arch(arch);
    if (!config.empty()) emit::read_text_file(config); // input checks before the long load
    std::string allconfig;
    if (vm.count("allconfig")) {
        allconfig = vm["allconfig"].as<std::string>();
        emit::read_text_file(allconfig);
    }
    auto conf_target = kconfig::conf_target_from_name(base);
    if (!conf_target) throw UsageError("unknown target '" + target + "'");

    TreeOptions t{tree, arch_norm, vm.count("offline") > 0, vm.count("no-probe-cache") > 0};
    bool ok = false;
    auto ctx = load_kernel_tree(t, ok);
    KeepUntilExit keep_ctx(ctx);
    if (!ok || ctx->diags.has_errors()) {
        print_diagnostics_conf_style(ctx->diags.items());
        return kExitUsage;
    }
    // What conf prints while parsing (warnings, $(info) lines).
    print_diagnostics_conf_style(ctx->diags.items());
    size_t diags_before = ctx->diags.items().size();

    kconfig::TargetOptions options;
    options.write = false;
    options.allconfig = allconfig;
    // The configuration file conf would read: --config, or (all*config,
    // defconfig, which do not read it) a name that cannot exist.
    options.config_file = config.empty() ? "/nonexistent/xencfg-no-input.config" : config;
    if (*conf_target == kconfig::ConfTarget::Defconfig) {
        auto eq = target.find('=');
        if (eq != std::string::npos) {
            options.defconfig_file = target.substr(eq + 1);
            if (options.defconfig_file.empty()) throw UsageError("defconfig= needs a file name");
        } else if (!config.empty()) {
            // `defconfig --config FILE`: FILE is the defconfig to apply, as
            // conf's --defconfig=FILE (defconfig reads no other input).
            options.defconfig_file = config;
        } else {
            options.defconfig_file = kconfig::arch_default_defconfig(arch_norm);
        }
    }
    kconfig::TargetResult result = kconfig::run_conf_target(*ctx, *conf_target, options);

    // Warnings recorded while reading and evaluating, as conf prints them.
    std::vector<kconfig::Diagnostic> new_diags(ctx->diags.items().begin() + long(diags_before),
                                               ctx->diags.items().end());
    print_diagnostics_conf_style(new_diags);
    if (!result.ok) {
        std::string err = result.error;
        while (!err.empty() && (err.back() == '\n' || err.front() == '\n')) {
            if (err.back() == '\n')
                err.pop_back();
            else
                err.erase(0, 1);
        }
        throw InputError(err.empty() ? "conf " + base + " failed" : err);
    }
    if (*conf_target == kconfig::ConfTarget::ListNewConfig) {
        if (out.empty() || out == "-")
            std::cout << result.stdout_text << std::flush;
        else
            emit::write_file_atomic(out, result.stdout_text);
        return kExitOk;
    }
    if (*conf_target == kconfig::ConfTarget::SaveDefconfig) {
        emit::write_file_atomic(out, kconfig::conf_write_defconfig_string(*ctx));
        return kExitOk;
    }
    std::string text = kconfig::conf_write_string(*ctx);
    if (out == "-") {
        emit::write_file_atomic(out, text);
        return kExitOk;
    }
    // conf's message on stdout; an identical file is left alone, as conf does.
    std::string existing;
    if (read_regular_file(out, existing) && existing == text) {
        std::cout << "#\n# No change to " << out << "\n#\n";
        return kExitOk;
    }
    emit::write_file_atomic(out, text);
    std::cout << "#\n# configuration written to " << out << "\n#\n";
    return kExitOk;
}

} // namespace cli
