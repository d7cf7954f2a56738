// xencfg generate: a fragment that makes a kernel serve a Xen role.
#include "cli/common.h"
#include "cli/knowledge.h"
#include "cli/rules_info.h"
#include "emit/changes.h"
#include "emit/files.h"
#include "rules/generate.h"
#include "rules/solver.h"

#include <cstdlib>
#include <iostream>

namespace cli {

int cmd_generate(const std::vector<std::string>& args) {
    std::string role, arch, mode, version, tree, base, output;
    po::options_description opts("Options");
    opts.add_options()("role", po::value(&role)->value_name("ROLE"), "dom0 or domU (required)")(
        "arch", po::value(&arch)->value_name("ARCH"),
        "x86_64, i386, arm or arm64 (required unless --base says it)")(
        "mode", po::value(&mode)->value_name("MODE"),
        "any (default: every mode that exists), pv, pvh or hvm")(
        "kernel-version", po::value(&version)->value_name("V"),
        "kernel version (without --tree: picks the knowledge base)")(
        "tree", po::value(&tree)->value_name("DIR"),
        "kernel source tree: verify the fragment with it")(
        "base", po::value(&base)->value_name("CONFIG"),
        "the .config the fragment is for (default: the arch's defconfig)")(
        "with-info", "also request the info-level rules")(
        "host-toolchain",
        "re-evaluate toolchain-derived symbols ($(shell,...) probes, CC_VERSION_TEXT, ...) with "
        "this machine's toolchain instead of keeping the config's values")(
        "output,o", po::value(&output)->value_name("FILE"),
        "write the fragment to FILE (atomically)");
    po::positional_options_description pos;
    po::variables_map vm;
    if (!parse_command_line(
            "generate", args, opts, nullptr, pos, vm, "--role dom0|domU --arch ARCH [OPTIONS]",
            "  xencfg generate --role domU --arch x86_64 --kernel-version 6.12 -o xen.config\n"
            "  xencfg generate --role dom0 --arch x86_64 --tree /usr/src/linux-source-6.12\n"
            "  xencfg generate --role domU --arch i386 --mode pvh --tree linux --base .config\n"))
        return kExitOk;
    if (role.empty()) throw UsageError("--role is required (dom0 or domU)");
    // A base says its arch and version as a checked config does: they are
    // the defaults, and --arch must agree with it.
    std::string base_text;
    xenrules::ConfigTarget base_target;
    if (!base.empty()) {
        base_text = emit::read_text_file(base);
        emit::require_utf8(base, base_text);
        base_target = xenrules::detect_target(base_text);
        if (!base_target.other_arch.empty())
            throw InputError(base + ":" + std::to_string(base_target.arch_line) + ": " +
                             xenrules::no_xen_arch_reason(base_target.other_arch));
    }
    if (arch.empty() && !base_target.arch)
        throw UsageError("--arch is required (x86_64, i386, arm or arm64)");
    xenrules::GenerateOptions o;
    auto r = xenrules::parse_role(role);
    if (!r) throw UsageError("unknown role '" + role + "' (use dom0 or domU)");
    o.role = *r;
    o.arch = arch.empty() ? *base_target.arch : arch_option(arch);
    if (base_target.arch && *base_target.arch != o.arch)
        throw InputError(base + ":" + std::to_string(base_target.arch_line) + ": the base is for " +
                         xenrules::arch_name(*base_target.arch) + ", not --arch " +
                         xenrules::arch_name(o.arch));
    o.mode = parse_mode_option(mode);
    std::optional<xenrules::KVer> ver;
    if (!version.empty()) {
        ver = xenrules::KVer::parse(version);
        if (!ver) throw UsageError("invalid kernel version '" + version + "'");
    } else if (tree.empty() && base_target.version) {
        ver = base_target.version; // the knowledge base of the base's release
    }
    if (!ver && tree.empty()) {
        // The design card's `xencfg generate --role domU --arch arm`: the
        // newest shipped knowledge base, and the output says which.
        auto shipped = shipped_kb_versions();
        if (shipped.empty())
            throw UsageError("give --kernel-version V (knowledge base) or --tree DIR");
        ver = shipped.back();
        std::cerr << "xencfg generate: note: no --kernel-version or --tree given: for Linux "
                  << ver->str() << ", the newest shipped knowledge base\n";
    }
    o.version = ver;
    o.with_info = vm.count("with-info") > 0;
    if (!output.empty() && output != "-" && !base.empty() && emit::same_file(base, output))
        throw UsageError("--output " + output + " is the base config; refusing to overwrite it");

    xenrules::RuleSet rules = load_shipped_rules();
    LoadedKnowledge k = load_knowledge(tree, o.arch, ver, vm.count("host-toolchain") > 0);
    o.from_kb = k.knowledge.is_kb;
    o.knowledge = k.knowledge.description;
    if (!base.empty()) {
        o.base_text = base_text;
        o.base_name = base;
    } else if (!o.from_kb) {
        std::string def = emit::read_text_file(tree + "/" + k.defconfig_path);
        o.base_text = xenrules::engine_defconfig(*k.ctx, def);
        o.base_name = k.defconfig_path;
    }
    xenrules::GenerateResult g = xenrules::generate(*k.ctx, rules, o);
    std::cerr << emit::generate_notes_text(g);
    if (!g.ok) {
        std::cerr << emit::generate_failure_text(g);
        return kExitFindings;
    }
    std::string text = emit::generate_fragment(g, o, XENCFG_VERSION);
    if (output.empty() || output == "-")
        std::cout << text << std::flush;
    else
        emit::write_file_atomic(output, text);
    return kExitOk;
}

} // namespace cli
