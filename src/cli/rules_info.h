// Rules and shipped knowledge as the user asks about them: `xencfg rules`
// and `xencfg explain RULE-ID`.
#pragma once

#include "rules/rules.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace cli {

// The kernel versions with a shipped knowledge base (kb/<version>/), oldest first.
std::vector<xenrules::KVer> shipped_kb_versions();

// `xencfg explain RULE-ID`: what the rule requires, where it applies, why,
// its public source and where it is defined.
std::string explain_rule_text(const xenrules::Rule& rule);
nlohmann::json explain_rule_json(const xenrules::Rule& rule);

} // namespace cli
