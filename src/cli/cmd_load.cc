// xencfg load: parse a tree and print its diagnostics (conf's text by default,
// for warning conformance with scripts/kconfig/conf).
#include "cli/common.h"
#include "emit/diagnostics.h"
#include "emit/term.h"

#include <iostream>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace cli {

int cmd_load(const std::vector<std::string>& args) {
    std::string tree, arch, format = "conf";
    po::options_description opts("Options");
    opts.add_options()("tree", po::value(&tree)->required()->value_name("DIR"),
                       "kernel source tree")(
        "arch", po::value(&arch)->required()->value_name("ARCH"), "x86_64, i386, arm or arm64")(
        "offline",
        "run no $(shell,...) probe: probe-derived symbols keep the values the .config records")(
        "no-probe-cache", "neither read nor write the probe cache")(
        "format", po::value(&format)->value_name("FMT"),
        "conf (conf's exact stderr text, default), text (file:line: severity: message) or json");
    po::positional_options_description pos;
    po::variables_map vm;
    if (!parse_command_line("load", args, opts, nullptr, pos, vm,
                            "--tree DIR --arch ARCH [OPTIONS]",
                            "  xencfg load --tree /usr/src/linux-source-6.12 --arch x86_64\n"
                            "  xencfg load --tree linux --arch arm64 --offline --format json\n"))
        return kExitOk;
    if (format != "conf" && format != "text" && format != "json")
        throw UsageError("unknown format '" + format + "' (use conf, text or json)");
    TreeOptions t{tree, normalise_arch(arch), vm.count("offline") > 0,
                  vm.count("no-probe-cache") > 0};
    bool ok = false;
    auto ctx = load_kernel_tree(t, ok);
    KeepUntilExit keep_ctx(ctx);
    const auto& diags = ctx->diags.items();
    if (format == "conf") {
        std::cerr << emit::diagnostics_conf_text(diags);
    } else if (format == "text") {
        std::cerr << emit::diagnostics_text(
            diags, emit::should_colour(STDERR_FILENO, process_environment()));
    } else {
        nlohmann::json j = {{"tree", tree},
                            {"arch", t.arch},
                            {"kernel_version", ctx->kernel_version.str()},
                            {"ok", ok && !ctx->diags.has_errors()},
                            {"symbols", ctx->symbols().size()},
                            {"files", ctx->files_read.size()},
                            {"diagnostics", emit::diagnostics_json(diags)}};
        std::cout << j.dump(2) << "\n";
    }
    return ok && !ctx->diags.has_errors() ? kExitOk : kExitUsage;
}

} // namespace cli
