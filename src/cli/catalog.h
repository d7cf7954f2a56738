// The rule catalog SARIF and JUnit reports describe their rules with.
#pragma once

#include "emit/findings.h"
#include "rules/rules.h"

namespace cli {

// Every rule's id, short and long text and level, and the ids that apply
// to a report's role/mode (for JUnit's passing test cases). `fallback` is
// the version used when a report names none. `rules` must outlive the
// catalog.
emit::RuleCatalog make_catalog(const xenrules::RuleSet& rules, const xenrules::KVer& fallback);

} // namespace cli
