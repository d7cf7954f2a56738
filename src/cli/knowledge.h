// Loading what generate/fix/diff evaluate with: a kernel tree (--tree) or
// the shipped knowledge base (kb/<version>/<arch>.kconfig).
#pragma once

#include "rules/check.h"
#include "rules/rules.h"

#include <memory>
#include <string>

namespace cli {

struct LoadedKnowledge {
    std::unique_ptr<kconfig::Context> ctx;
    xenrules::CheckKnowledge knowledge;
    std::string defconfig_path; // tree: the arch's defconfig file (relative to the tree)
};

// Throws UsageError/InputError/emit::FileError on problems. Toolchain-derived
// symbols keep the values a .config records unless `host_toolchain`
// (--host-toolchain) asks for this machine's answers.
LoadedKnowledge load_knowledge(const std::string& tree, xenrules::Arch arch,
                               const std::optional<xenrules::KVer>& version,
                               bool host_toolchain = false);

// The shipped rules (+ nothing else); throws InputError.
xenrules::RuleSet load_shipped_rules();

// The shipped rules, then --rules FILE merged over them and the --disable
// ids removed (an unknown id is warned about on stderr). A schema error in
// FILE is printed to stderr as file:line:column and false returned (exit
// 2); the shipped rules failing to load throws InputError.
bool load_rules_with_overrides(const std::string& rules_file,
                               const std::vector<std::string>& disabled, xenrules::RuleSet& out);

} // namespace cli
