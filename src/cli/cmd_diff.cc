// xencfg diff: scripts/diffconfig, plus what each change does to the rules.
#include "cli/common.h"
#include "cli/knowledge.h"
#include "emit/changes.h"
#include "emit/files.h"
#include "rules/check.h"
#include "rules/diff.h"

#include <iostream>

namespace cli {

int cmd_diff(const std::vector<std::string>& args) {
    std::vector<std::string> files;
    std::string role, mode = "any", arch, tree, version, format = "text";
    po::options_description opts("Options");
    opts.add_options()("role", po::value(&role)->value_name("ROLE"),
                       "dom0 or domU: show what each change breaks or satisfies")(
        "mode", po::value(&mode)->value_name("MODE"), "with --role: any (default), pv, pvh or hvm")(
        "arch", po::value(&arch)->value_name("ARCH"),
        "with --role: architecture (default: from the configs)")(
        "kernel-version", po::value(&version)->value_name("V"),
        "with --role: kernel version (default: the headers)")(
        "tree", po::value(&tree)->value_name("DIR"), "with --role: evaluate with this kernel tree")(
        "format", po::value(&format)->value_name("FMT"),
        "text (default, diffconfig's format) or json")(
        "host-toolchain",
        "re-evaluate toolchain-derived symbols ($(shell,...) probes, CC_VERSION_TEXT, ...) with "
        "this machine's toolchain instead of keeping the config's values");
    po::options_description hidden;
    hidden.add_options()("file", po::value(&files));
    po::options_description all;
    all.add(opts).add(hidden);
    po::positional_options_description pos;
    pos.add("file", 2);
    po::variables_map vm;
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            parse_command_line("diff", {"--help"}, opts, pos, vm,
                               "OLD NEW [--role R] [--format text|json]",
                               "  xencfg diff .config.old .config\n"
                               "  xencfg diff old.config new.config --role domU --format json\n");
            return kExitOk;
        }
    if (!parse_command_line("diff", args, all, pos, vm, "", "")) return kExitOk;
    if (files.size() != 2) throw UsageError("give two config files: OLD NEW");
    if (format != "text" && format != "json")
        throw UsageError("unknown format '" + format + "' (use text or json)");
    std::string old_text = emit::read_text_file(files[0]);
    std::string new_text = emit::read_text_file(files[1]);
    xenrules::DiffResult d = xenrules::diff_configs(old_text, new_text);
    int status = kExitOk;
    if (!role.empty()) {
        xenrules::CheckOptions co;
        auto r = xenrules::parse_role(role);
        if (!r) throw UsageError("unknown role '" + role + "' (use dom0 or domU)");
        co.role = *r;
        if (mode != "any") {
            auto m = xenrules::parse_mode(mode);
            if (!m) throw UsageError("unknown mode '" + mode + "' (use any, pv, pvh or hvm)");
            co.mode = *m;
        }
        auto t_old = xenrules::detect_target(old_text), t_new = xenrules::detect_target(new_text);
        std::optional<xenrules::Arch> a = t_new.arch ? t_new.arch : t_old.arch;
        if (!arch.empty()) {
            a = xenrules::parse_arch(arch);
            if (!a)
                throw UsageError("unknown architecture '" + arch +
                                 "' (use x86_64, i386, arm or arm64)");
        }
        if (!a) throw InputError("cannot tell the architecture from the configs; pass --arch");
        std::optional<xenrules::KVer> v = t_new.version ? t_new.version : t_old.version;
        if (!version.empty()) {
            v = xenrules::KVer::parse(version);
            if (!v) throw UsageError("invalid kernel version '" + version + "'");
        }
        co.arch = a;
        if (!tree.empty()) v.reset();
        xenrules::RuleSet rules = load_shipped_rules();
        LoadedKnowledge k = load_knowledge(tree, *a, v, vm.count("host-toolchain") > 0);
        co.host_toolchain = vm.count("host-toolchain") > 0;
        if (v) co.version = v;
        xenrules::CheckReport before, after;
        std::string err;
        if (!xenrules::run_check(k.knowledge, rules, files[0], old_text, co, before, &err) ||
            !xenrules::run_check(k.knowledge, rules, files[1], new_text, co, after, &err))
            throw std::runtime_error(err);
        xenrules::attribute_findings(d, before, after);
        if (!d.broken.empty()) status = kExitFindings;
    }
    if (format == "json")
        std::cout << emit::diff_json(d).dump(2) << "\n";
    else
        std::cout << emit::diff_text(d);
    return status;
}

} // namespace cli
