// Rendering of generate, fix and diff results (text and JSON).
#pragma once

#include "rules/diff.h"
#include "rules/fix.h"
#include "rules/generate.h"

#include <nlohmann/json.hpp>
#include <string>

namespace emit {

// The fragment: a header (role, arch, version, modes, what was verified)
// and, per option, a comment line "# RULE-ID: why" then the option line.
std::string generate_fragment(const xenrules::GenerateResult& g, const xenrules::GenerateOptions& o,
                              const std::string& tool_version);
// Why generate failed (impossible or blocked), for stderr.
std::string generate_failure_text(const xenrules::GenerateResult& g);
// Notes for stderr (unverified parts, left-out optional rules).
std::string generate_notes_text(const xenrules::GenerateResult& g);

// "SYMBOL: old -> new  (reason)" lines.
std::string fix_changes_text(const xenrules::FixResult& f);
nlohmann::json fix_json(const xenrules::FixResult& f);

// diffconfig's lines, then (with a role) what each change breaks/satisfies.
std::string diff_text(const xenrules::DiffResult& d);
nlohmann::json diff_json(const xenrules::DiffResult& d);

} // namespace emit
