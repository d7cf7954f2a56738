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

// Throws UsageError/InputError/emit::FileError on problems.
LoadedKnowledge load_knowledge(const std::string& tree, xenrules::Arch arch,
                               const std::optional<xenrules::KVer>& version);

// The shipped rules (+ nothing else); throws InputError.
xenrules::RuleSet load_shipped_rules();

} // namespace cli
