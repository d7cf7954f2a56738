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
        "this machine's toolchain instead of keeping the config's values")(
        "strict", "with --role: a broken warning-level requirement fails too (exit 1)");
    po::options_description hidden;
    hidden.add_options()("file", po::value(&files));
    po::positional_options_description pos;
    pos.add("file", 2);
    po::variables_map vm;
    if (!parse_command_line("diff", args, opts, &hidden, pos, vm,
                            "OLD NEW [--role R] [--format text|json]",
                            "  xencfg diff .config.old .config\n"
                            "  xencfg diff old.config new.config --role domU --format json\n"))
        return kExitOk;
    bool strict = vm.count("strict") > 0;
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
        if (auto m = parse_mode_option(mode)) {
            co.mode = *m;
        }
        auto t_old = xenrules::detect_target(old_text), t_new = xenrules::detect_target(new_text);
        // Each side is judged with its own version's knowledge (an upgrade
        // from 6.1 to 6.12 is two kernels); --kernel-version or --tree
        // name one for both.
        std::optional<xenrules::Arch> a_old = t_old.arch ? t_old.arch : t_new.arch;
        std::optional<xenrules::Arch> a_new = t_new.arch ? t_new.arch : t_old.arch;
        if (!arch.empty()) {
            a_old = a_new = arch_option(arch);
        }
        for (const xenrules::ConfigTarget* t : {&t_old, &t_new})
            if (!t->other_arch.empty())
                throw InputError(xenrules::no_xen_arch_reason(t->other_arch));
        if (!a_old || !a_new)
            throw InputError("cannot tell the architecture from the configs; pass --arch");
        std::optional<xenrules::KVer> v_old = t_old.version ? t_old.version : t_new.version;
        std::optional<xenrules::KVer> v_new = t_new.version ? t_new.version : t_old.version;
        if (!version.empty()) {
            v_old = v_new = xenrules::KVer::parse(version);
            if (!v_old) throw UsageError("invalid kernel version '" + version + "'");
        }
        if (!tree.empty()) v_old.reset(), v_new.reset();
        xenrules::RuleSet rules = load_shipped_rules();
        bool host = vm.count("host-toolchain") > 0;
        co.host_toolchain = host;
        LoadedKnowledge k_old = load_knowledge(tree, *a_old, v_old, host);
        bool same = !tree.empty() || (*a_old == *a_new && v_old == v_new);
        LoadedKnowledge k_new_own =
            same ? LoadedKnowledge{} : load_knowledge(tree, *a_new, v_new, host);
        const LoadedKnowledge& k_new = same ? k_old : k_new_own;
        xenrules::CheckOptions co_old = co, co_new = co;
        co_old.arch = a_old;
        co_new.arch = a_new;
        if (v_old) co_old.version = v_old;
        if (v_new) co_new.version = v_new;
        xenrules::CheckReport before, after;
        std::string err;
        if (!xenrules::run_check(k_old.knowledge, rules, files[0], old_text, co_old, before,
                                 &err) ||
            !xenrules::run_check(k_new.knowledge, rules, files[1], new_text, co_new, after, &err))
            throw std::runtime_error(err);
        xenrules::attribute_findings(d, before, after);
        if (!same)
            d.notes.push_back("judged " + files[0] + " with " + k_old.knowledge.description +
                              " and " + files[1] + " with " + k_new.knowledge.description);
        // As check: an error-level break fails, a warning-level one only
        // with --strict, an info-level one never.
        for (const auto& id : d.broken)
            for (const auto& f : after.findings)
                if (f.rule_id == id && !f.suppressed &&
                    (f.severity == xenrules::Severity::Error ||
                     (strict && f.severity == xenrules::Severity::Warning)))
                    status = kExitFindings;
    }
    if (format == "json")
        std::cout << emit::diff_json(d).dump(2) << "\n";
    else
        std::cout << emit::diff_text(d);
    return status;
}

} // namespace cli
