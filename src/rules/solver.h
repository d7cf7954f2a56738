// Finding the user assignments that make a set of requirements hold after
// olddefconfig, with as few changes to a base configuration as possible.
//
// The requirements and the Kconfig dependencies around them (depends on,
// prompt visibility, select, promptless defaults, choices) are encoded as a
// boolean satisfiability problem over the symbols involved (y and m both
// read as "on"; everything outside the dependency closure is a constant at
// its base value) and handed to a SAT solver (CryptoMiniSat). The number of
// settable symbols that differ from the base is minimised with a cardinality
// bound. The answer is then applied with the real engine (merge, then
// olddefconfig) and every requested value is verified in the result; the
// solver never has the last word.
//
// Nothing here prints or exits: results are data.
#pragma once

#include "kconfig/context.h"
#include "rules/rules.h"

#include <map>
#include <string>
#include <vector>

namespace xenrules {

// ---- the engine as conf's targets, in memory --------------------------------
// olddefconfig of a .config text: the resulting .config text.
std::string engine_olddefconfig(kconfig::Context& ctx, const std::string& config_text);
// `make defconfig` from the text of an arch defconfig file.
std::string engine_defconfig(kconfig::Context& ctx, const std::string& defconfig_text);
// `make allnoconfig`.
std::string engine_allnoconfig(kconfig::Context& ctx);
// Fragments are merged with kconfig::merge_config_fragment and read back
// with kconfig::config_values (kconfig/dotconfig.h).
// `make allnoconfig` with EXPERT=y given (KCONFIG_ALLCONFIG), as `make
// tinyconfig` starts: the EXPERT-only prompts (BLOCK, TTY, SYSFS, ...) off.
std::string engine_allnoconfig_expert(kconfig::Context& ctx);

// ---- requests -----------------------------------------------------------------
// One thing that must hold after olddefconfig.
struct Request {
    std::string rule_id;
    std::string why; // the rule's rationale
    Severity severity = Severity::Error;
    std::string symbol;    // symbol rules: the symbol (name for this version)
    Accept accept;         // ... and what it must be
    std::string require;   // require rules: a Kconfig expression that must be y
    std::string when;      // the request applies only when this is y ("" = always)
    std::string via;       // settable symbol that turns a promptless `symbol` on
    bool optional = false; // may be given up (with a note) when it cannot be met
};

// How much of the solution becomes user assignments.
enum class PinPolicy {
    // Every settable symbol the requested values rely on (generate: the
    // fragment must work on any base, allnoconfig included).
    Support,
    // Only the settable symbols whose value must change (fix).
    Changes,
};

// One user assignment of the answer.
struct Assignment {
    std::string symbol;
    std::string value;      // "y", "m", "n" or a literal as .config writes it (no quotes)
    std::string rule_id;    // the request it serves
    std::string reason;     // "domU.xen: XEN is ..." or "XEN depends on PARAVIRT"
    bool requested = false; // the rule's own symbol (not a dependency)
    int order = 0;          // menu order (for output)
    // The symbol's type, which decides how the line is written (strings
    // quoted, bool/tristate n as "is not set").
    kconfig::SymbolType type = kconfig::SymbolType::Unknown;
};

// The fragment line of `a` (no newline), as conf would write it.
std::string assignment_line(const Assignment& a);

// A request that cannot be met, and why.
struct Blocker {
    std::string rule_id;
    std::string symbol;  // symbol or require expression
    std::string message; // one line
    std::vector<std::string> explanation;
};

struct Resolution {
    bool ok = false;                     // every mandatory request holds in `result_text`
    std::vector<Assignment> assignments; // in menu order
    std::string result_text;             // olddefconfig(base + assignments)
    std::vector<Blocker> blockers;       // mandatory requests that failed
    std::vector<Blocker> given_up;       // optional requests that were dropped
    std::vector<std::string> notes;
    // Statistics.
    int closure_symbols = 0, sat_vars = 0, sat_clauses = 0, sat_calls = 0, cost = 0, rounds = 0;
};

struct ResolveOptions {
    PinPolicy policy = PinPolicy::Support;
    // Also check the assignments onto allnoconfig, and onto allnoconfig with
    // EXPERT=y (tinyconfig's start), and add what they need there
    // (generate: a fragment is merged onto unknown bases).
    bool robust_on_allnoconfig = false;
};

// `base_text` is a full .config (or anything olddefconfig accepts). The
// Context is re-evaluated many times; its final state is the result.
Resolution resolve(kconfig::Context& ctx, const std::string& base_text,
                   const std::vector<Request>& requests, const ResolveOptions& options);

// Whether a request holds with the Context's current values (after an
// evaluation): nullopt when it does not apply (its `when` is n or its
// symbol does not exist), else true/false. `actual` gets the value found.
std::optional<bool> request_holds(kconfig::Context& ctx, const Request& r,
                                  std::string* actual = nullptr);

// Requests for the applicable rules (all modes in `modes`, merged by symbol),
// skipping rules whose symbol the Context does not define (noted in `skipped`).
std::vector<Request> requests_for(kconfig::Context& ctx, const RuleSet& rules, Role role,
                                  const std::vector<Mode>& modes, Arch arch, const KVer& version,
                                  bool with_info, std::vector<std::string>* skipped);

} // namespace xenrules
