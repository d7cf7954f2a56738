#include "cli/knowledge.h"

#include "cli/common.h"
#include "emit/files.h"
#include "rules/kb.h"

#include <iostream>

namespace cli {

static LoadedKnowledge load_knowledge_context(const std::string& tree, xenrules::Arch arch,
                                              const std::optional<xenrules::KVer>& version);

xenrules::RuleSet load_shipped_rules() {
    xenrules::RuleSet rules;
    std::vector<xenrules::RulesError> errors;
    if (!xenrules::load_default_rules(data_dir() + "/rules", rules, errors)) {
        std::string msg;
        for (const auto& e : errors) {
            msg += '\n';
            msg += e.str();
        }
        throw InputError("cannot load the shipped rules:" + msg);
    }
    return rules;
}

bool load_rules_with_overrides(const std::string& rules_file,
                               const std::vector<std::string>& disabled, xenrules::RuleSet& out) {
    out = load_shipped_rules();
    if (!rules_file.empty()) {
        emit::read_text_file(rules_file); // input checks with file:line errors
        xenrules::RuleSet extra;
        std::vector<xenrules::RulesError> errors;
        if (!xenrules::load_rules_file(rules_file, extra, errors,
                                       xenrules::RulesFileKind::Override) ||
            !xenrules::merge_rules(out, extra, errors)) {
            for (const auto& e : errors)
                std::cerr << e.str() << "\n";
            return false;
        }
    }
    if (!disabled.empty())
        for (const auto& id : xenrules::disable_rules(out, disabled))
            std::cerr << "xencfg check: warning: --disable " << id << ": no such rule\n";
    return true;
}

LoadedKnowledge load_knowledge(const std::string& tree, xenrules::Arch arch,
                               const std::optional<xenrules::KVer>& version, bool host_toolchain) {
    LoadedKnowledge k = load_knowledge_context(tree, arch, version);
    k.ctx->keep_recorded_toolchain = !host_toolchain;
    return k;
}

static LoadedKnowledge load_knowledge_context(const std::string& tree, xenrules::Arch arch,
                                              const std::optional<xenrules::KVer>& version) {
    LoadedKnowledge k;
    if (!tree.empty()) {
        TreeOptions t{tree, xenrules::kernel_arch_name(arch), false, false};
        bool ok = false;
        k.ctx = load_kernel_tree(t, ok);
        if (!ok || k.ctx->diags.has_errors()) {
            print_diagnostics(*k.ctx);
            throw InputError(tree + ": the tree's Kconfig has errors");
        }
        k.knowledge = xenrules::tree_knowledge(tree, *k.ctx);
        if (version && k.knowledge.version &&
            (version->major != k.knowledge.version->major ||
             version->minor != k.knowledge.version->minor))
            throw UsageError("--kernel-version " + version->str() + " does not match the tree (" +
                             k.ctx->kernel_version.str() + ")");
        k.defconfig_path = kconfig::arch_default_defconfig(xenrules::kernel_arch_name(arch));
        return k;
    }
    if (!version) throw UsageError("give --kernel-version V (knowledge base) or --tree DIR");
    std::string error;
    auto choice = xenrules::choose_shipped_kb(data_dir(), arch, *version, &error);
    if (!choice) throw InputError(error);
    k.ctx = std::make_unique<kconfig::Context>();
    if (!xenrules::load_kb(*k.ctx, choice->path, &error))
        throw InputError("cannot load " + choice->path + ": " + error);
    k.knowledge = xenrules::kb_knowledge(*choice, data_dir(), *k.ctx);
    return k;
}

} // namespace cli
