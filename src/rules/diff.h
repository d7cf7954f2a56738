// `xencfg diff`: what the kernel's scripts/diffconfig shows between two
// .config files, plus (with a role) which requirements each change breaks
// or satisfies.
#pragma once

#include "rules/findings.h"

#include <string>
#include <vector>

namespace xenrules {

struct DiffEntry {
    enum class Kind { Removed, Changed, Added };
    Kind kind = Kind::Changed;
    std::string symbol;                 // without CONFIG_
    std::string old_value, new_value;   // as written ("n" for "is not set"; strings keep quotes)
    std::vector<std::string> breaks;    // rule ids the change breaks
    std::vector<std::string> satisfies; // rule ids the change satisfies
};

struct DiffResult {
    std::vector<DiffEntry> entries; // diffconfig order: removed, changed, added (each sorted)
    bool with_role = false;
    std::vector<std::string> broken, satisfied; // rule ids (old passes/new fails and reverse)
    std::vector<std::string> notes;
};

// scripts/diffconfig's reading: "CONFIG_X=v" and any line ending in
// " is not set" (name from column 9), later lines win.
DiffResult diff_configs(const std::string& old_text, const std::string& new_text);

// Attribute requirement changes: rule findings of `old_report` that are gone
// in `new_report` are satisfied, new ones are broken; each is tied to the
// changed symbols it names (its symbol, settable symbol or changes).
void attribute_findings(DiffResult& diff, const CheckReport& old_report,
                        const CheckReport& new_report);

} // namespace xenrules
