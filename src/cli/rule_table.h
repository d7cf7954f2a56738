// `check --show all`: every rule that applies, with OK or FAIL, one line
// each, as moby's check-config.sh and lxc-checkconfig print their tables.
#pragma once

#include "rules/findings.h"
#include "rules/rules.h"

#include <string>
#include <vector>

namespace cli {

// One block per input and applicable role/mode: each applicable rule's id,
// requirement and status (OK; FAIL, WARN or INFO by the finding's severity;
// IGNORED when suppressed). Colour codes only when `colour`.
std::string rule_table_text(const std::vector<xenrules::CheckReport>& reports,
                            const xenrules::RuleSet& rules, bool colour);

} // namespace cli
