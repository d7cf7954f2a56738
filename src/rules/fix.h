// `xencfg fix`: a full .config in, a full .config out that passes `check`
// for a role, is a fixed point of olddefconfig and differs from the input as
// little as possible; each change with its reason.
#pragma once

#include "kconfig/context.h"
#include "rules/check.h"
#include "rules/rules.h"
#include "rules/solver.h"

#include <optional>
#include <string>
#include <vector>

namespace xenrules {

struct FixOptions {
    Role role = Role::DomU;
    std::optional<Mode> mode;   // nullopt: the mode needing the fewest changes
    std::optional<Arch> arch;   // nullopt: from the config
    bool with_warnings = false; // also meet warning-level rules
};

struct FixChange {
    std::string symbol;
    std::string old_value, new_value; // .config values ("n" when not set / absent)
    std::string reason;
    bool requested = false; // set by the fix itself (a rule or a dependency), not a consequence
};

struct FixResult {
    bool ok = false;         // output passes check
    bool impossible = false; // the role/mode does not exist here
    std::string reason;      // why not ok
    std::vector<std::string> instead;
    Mode mode = Mode::Default; // the mode fixed for
    std::string output_text;   // the fixed .config (tree) or the fragment of changes (kb)
    bool output_is_fragment = false;
    std::vector<FixChange> changes;
    std::vector<Assignment> assignments; // the user assignments made
    std::vector<Blocker> blockers;
    std::vector<std::string> notes;
    CheckReport check; // check of the output
    Resolution stats;
};

// `knowledge.ctx` is re-evaluated. With a kb the output is a fragment.
FixResult fix_config(const CheckKnowledge& knowledge, const RuleSet& rules,
                     const std::string& input_name, const std::string& input_text,
                     const FixOptions& options);

} // namespace xenrules
