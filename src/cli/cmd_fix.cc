// xencfg fix: the smallest change to a .config that makes it pass check.
#include "cli/common.h"
#include "cli/knowledge.h"
#include "emit/changes.h"
#include "emit/files.h"
#include "rules/fix.h"

#include <iostream>

namespace cli {

int cmd_fix(const std::vector<std::string>& args) {
    std::string config, role, mode, arch, tree, output, version, format = "text";
    po::options_description opts("Options");
    opts.add_options()("role", po::value(&role)->value_name("ROLE"), "dom0 or domU (required)")(
        "mode", po::value(&mode)->value_name("MODE"),
        "any (default: the mode needing the fewest changes), pv, pvh or hvm")(
        "arch", po::value(&arch)->value_name("ARCH"),
        "x86_64, i386, arm or arm64 (default: from the config)")(
        "kernel-version", po::value(&version)->value_name("V"),
        "without --tree: the kernel version (default: the header)")(
        "tree", po::value(&tree)->value_name("DIR"),
        "kernel source tree (without it: a fragment of the changes)")(
        "output,o", po::value(&output)->value_name("FILE"), "write the fixed config to FILE")(
        "in-place", "replace CONFIG (atomically)")("with-warnings",
                                                   "also meet the warning-level rules")(
        "format", po::value(&format)->value_name("FMT"), "change list as text (default) or json")(
        "host-toolchain",
        "re-evaluate toolchain-derived symbols ($(shell,...) probes, CC_VERSION_TEXT, ...) with "
        "this machine's toolchain instead of keeping the config's values");
    po::options_description hidden;
    hidden.add_options()("config", po::value(&config));
    po::positional_options_description pos;
    pos.add("config", 1);
    po::variables_map vm;
    if (!parse_command_line("fix", args, opts, &hidden, pos, vm,
                            "CONFIG --role ROLE (-o OUT | --in-place) [OPTIONS]",
                            "  xencfg fix .config --role domU --tree /usr/src/linux-source-6.12 "
                            "-o fixed.config\n"
                            "  xencfg fix .config --role dom0 --tree linux --in-place\n"))
        return kExitOk;
    if (config.empty()) throw UsageError("no CONFIG file given");
    if (role.empty()) throw UsageError("--role is required (dom0 or domU)");
    bool in_place = vm.count("in-place") > 0;
    if (in_place == !output.empty()) throw UsageError("give exactly one of -o OUT and --in-place");
    if (format != "text" && format != "json")
        throw UsageError("unknown format '" + format + "' (use text or json)");
    if (!output.empty() && output != "-" && emit::same_file(config, output))
        throw UsageError("--output " + output + " is the input; use --in-place to replace it");
    xenrules::FixOptions o;
    auto r = xenrules::parse_role(role);
    if (!r) throw UsageError("unknown role '" + role + "' (use dom0 or domU)");
    o.role = *r;
    if (auto m = parse_mode_option(mode)) {
        o.mode = *m;
    }
    o.with_warnings = vm.count("with-warnings") > 0;
    std::string text = emit::read_text_file(config);
    auto target = xenrules::detect_target(text);
    // Nothing makes a config for an architecture without Xen a Xen one.
    if (!target.other_arch.empty())
        throw InputError(config + ":" + std::to_string(target.arch_line) + ": " +
                         xenrules::no_xen_arch_reason(target.other_arch) + ": nothing to fix");
    if (!arch.empty()) {
        o.arch = arch_option(arch);
    } else if (target.arch) {
        o.arch = target.arch;
    } else {
        throw InputError(config + ": cannot tell the architecture; pass --arch");
    }
    std::optional<xenrules::KVer> ver = target.version;
    if (!version.empty()) {
        ver = xenrules::KVer::parse(version);
        if (!ver) throw UsageError("invalid kernel version '" + version + "'");
    }
    if (!tree.empty()) ver.reset(); // the tree decides
    xenrules::RuleSet rules = load_shipped_rules();
    LoadedKnowledge k = load_knowledge(tree, *o.arch, ver, vm.count("host-toolchain") > 0);
    xenrules::FixResult f = xenrules::fix_config(k.knowledge, rules, config, text, o);
    for (const auto& n : f.notes)
        std::cerr << "xencfg fix: note: " << n << "\n";
    if (!parse_mode_option(mode) && !f.impossible)
        std::cerr << "xencfg fix: note: fixed for " << role << " " << xenrules::mode_name(f.mode)
                  << " (the mode needing the fewest changes; choose one with --mode)\n";
    if (f.impossible) {
        std::cerr << "xencfg fix: error: " << f.reason << "\n";
        for (const auto& i : f.instead)
            std::cerr << "  instead: " << i << "\n";
        return kExitFindings;
    }
    if (format == "json")
        std::cout << emit::fix_json(f).dump(2) << "\n";
    else
        std::cout << emit::fix_changes_text(f);
    if (!f.ok) {
        std::cerr << "xencfg fix: error: " << f.reason << "\n";
        for (const auto& b : f.blockers) {
            std::cerr << "  " << (b.rule_id.empty() ? "" : b.rule_id + ": ") << b.message << "\n";
            for (const auto& e : b.explanation)
                std::cerr << "    " << e << "\n";
        }
        return kExitFindings;
    }
    emit::write_file_atomic(in_place ? config : output, f.output_text);
    return kExitOk;
}

} // namespace cli
