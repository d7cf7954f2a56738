// xencfg explain: what menuconfig's help shows for a symbol, and more: every
// definition, relations seen from both ends, defaults, ranges; with --config
// every expression carries the current values.
#include "cli/common.h"
#include "cli/config_io.h"
#include "cli/knowledge.h"
#include "cli/rules_info.h"
#include "emit/explain.h"
#include "emit/suggest.h"
#include "kconfig/eval.h"

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

namespace cli {
namespace {

std::string strip_config_prefix(const std::string& name) {
    if (name.rfind("CONFIG_", 0) == 0 && name.size() > 7) return name.substr(7);
    return name;
}

} // namespace

int cmd_explain(const std::vector<std::string>& args) {
    std::string symbol, tree, arch, config, format = "text";
    po::options_description opts("Options");
    opts.add_options()("tree", po::value(&tree)->value_name("DIR"),
                       "kernel source tree (required for a SYMBOL)")(
        "arch", po::value(&arch)->value_name("ARCH"),
        "x86_64, i386, arm or arm64 (required for a SYMBOL)")(
        "config", po::value(&config)->value_name("FILE"),
        "show current values from this .config (after olddefconfig evaluation)")(
        "format", po::value(&format)->value_name("FMT"), "text (default) or json")(
        "offline",
        "run no $(shell,...) probe: probe-derived symbols keep the values the .config records")(
        "no-probe-cache", "neither read nor write the probe cache");
    po::options_description hidden;
    hidden.add_options()("symbol", po::value(&symbol));
    po::positional_options_description pos;
    pos.add("symbol", 1);
    po::variables_map vm;
    if (!parse_command_line(
            "explain", args, opts, &hidden, pos, vm,
            "SYMBOL --tree DIR --arch ARCH [--config FILE] [--format text|json]\n"
            "       xencfg explain RULE-ID [--format text|json]",
            "  xencfg explain XEN_DOM0 --tree /usr/src/linux-source-6.12 --arch x86_64\n"
            "  xencfg explain domU.blkfront\n"
            "  xencfg explain CONFIG_XEN_PVH --tree linux --arch x86_64 --config .config "
            "--format json\n"))
        return kExitOk;
    if (symbol.empty()) throw UsageError("no SYMBOL or RULE-ID given");
    if (format != "text" && format != "json")
        throw UsageError("unknown format '" + format + "' (use text or json)");
    // Rule ids have a dot ("domU.blkfront"); Kconfig symbol names never do.
    if (symbol.find('.') != std::string::npos) {
        xenrules::RuleSet rules = load_shipped_rules();
        const xenrules::Rule* rule = rules.find(symbol);
        if (!rule) {
            std::vector<std::string> ids;
            for (const auto& r : rules.rules)
                ids.push_back(r.id);
            throw InputError("unknown rule '" + symbol + "'" + emit::did_you_mean(symbol, ids) +
                             " ('xencfg rules --ids' lists them)");
        }
        if (format == "json")
            std::cout << explain_rule_json(*rule).dump(2) << "\n";
        else
            std::cout << explain_rule_text(*rule);
        return kExitOk;
    }
    if (tree.empty()) throw UsageError("the option '--tree' is required but missing");
    if (arch.empty()) throw UsageError("the option '--arch' is required but missing");
    std::string name = strip_config_prefix(symbol);

    TreeOptions t{tree, normalise_arch(arch), vm.count("offline") > 0,
                  vm.count("no-probe-cache") > 0};
    t.keep_help = true; // the help screen is what explain shows
    bool ok = false;
    auto ctx = load_kernel_tree(t, ok);
    KeepUntilExit keep_ctx(ctx);
    if (!ok || ctx->diags.has_errors()) {
        print_diagnostics(*ctx);
        return kExitUsage;
    }
    kconfig::Symbol* sym = ctx->find_symbol(name);
    if (!sym || sym->menus.empty()) {
        std::vector<std::string> names;
        for (kconfig::Symbol* s : ctx->symbols())
            if (!s->name.empty() && !s->menus.empty()) names.push_back(s->name);
        std::string msg = "unknown symbol '" + name + "'";
        if (sym) msg = "symbol '" + name + "' is referenced but never defined";
        msg += " in " + tree + " (ARCH=" + t.arch + ")";
        throw InputError(msg + emit::did_you_mean(name, names));
    }
    std::string user_value;
    bool values = !config.empty();
    if (values) user_value = read_config_into(*ctx, config, name);
    kconfig::SymbolInfo r = kconfig::gather_symbol_info(*ctx, sym, values, config, user_value);
    if (format == "json")
        std::cout << emit::explain_json(r).dump(2) << "\n";
    else
        std::cout << emit::explain_text(r);
    // Warnings from reading the config (conf prints them too).
    print_diagnostics(*ctx);
    return kExitOk;
}

} // namespace cli
