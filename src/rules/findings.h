// Findings are data: `xencfg check` produces them, the emitters (text, JSON,
// SARIF, JUnit) render them. Nothing here prints.
#pragma once

#include "rules/roles.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xenrules {

// error: the kernel cannot serve the role/mode at all (no block frontend in a
// domU, no XEN_DOM0 in a dom0). warning: a feature is missing (no framebuffer
// frontend). info: advice (obsolete symbols, optional features).
enum class Severity { Info = 0, Warning = 1, Error = 2 };
const char* severity_name(Severity s); // "info", "warning", "error"
std::optional<Severity> parse_severity(std::string_view s);

// What produced a finding.
enum class FindingKind {
    Rule,          // a role rule from rules/*.json is not met
    Dropped,       // a value the config sets would be changed by olddefconfig
    Unknown,       // the config sets a symbol the kernel version does not have
    Contradiction, // the config contradicts itself or the command line (arch, version)
    Detection,     // how arch/version/fragment mode were determined (info)
    RuleProblem,   // a rule given with --rules names what this kernel (or its knowledge) lacks
};
const char* finding_kind_name(FindingKind k); // "rule", "dropped", "unknown", ...

// What olddefconfig does to a config line that does not keep its value
// (xencfg.dropped, xencfg.build-environment): drops it (the symbol ends n,
// or an int, hex or string symbol loses its value) or changes it (to the
// finding's `actual`). None for every other finding.
enum class LineFate { None, Dropped, Changed };
const char* line_fate_name(LineFate f); // "dropped", "changed"; "" for None

// A place in an input file. line 0: no specific line.
struct SourceRef {
    std::string file;
    int line = 0;
    bool empty() const { return file.empty(); }
};

// One user-settable symbol whose value has to change so that a requirement
// can be met (the leaves of the dependency explanation).
struct Change {
    std::string symbol;  // "ACPI"
    std::string current; // "n" (the value the evaluation gives it)
    std::string wanted;  // "y"
    std::string menu;    // "-> Power management and ACPI options" (may be empty)
    SourceRef kconfig;   // where the symbol's prompt is defined (may be empty)
};

struct Finding {
    std::string rule_id; // "domU.blkfront"; engine findings use "xencfg.dropped",
                         // "xencfg.unknown-symbol", "xencfg.arch-mismatch", ...
    FindingKind kind = FindingKind::Rule;
    Severity severity = Severity::Error;
    std::optional<Role> role; // the role whose rules it concerns; none: not tied to a role
    // The modes it concerns, in mode order; empty: every mode (or none
    // specific). Reports write them as "pv, pvh" (modes_text).
    std::vector<Mode> modes;
    std::string symbol;     // the symbol checked ("XEN_XENBUS_FRONTEND")
    std::string set_symbol; // the settable symbol to change, when `symbol` has no
                            // prompt ("XEN_BLKDEV_FRONTEND"); empty otherwise
    std::string expected;   // "y", "y or m", "n", "not n", or a literal value
    std::string actual;     // value after evaluation: "y", "m", "n", a literal;
                            // "undefined" if the kernel lacks the symbol
    std::string requested;  // the value the config itself writes ("" if none)
    // The line that set the value, or, when the config does not mention the
    // symbol, where it would go (line 0 = end of file / no position).
    SourceRef where;
    bool where_is_insertion = false; // true: `where` is where the fix would go
    LineFate fate = LineFate::None;  // a line that does not keep its value: dropped or changed
    // One line, no trailing period needed. A rule finding's message says
    // what fails; the reports put its role and modes before it.
    std::string message;
    std::string rationale; // from the rule
    std::string source;    // from the rule: seed guide / kernel doc
    // Human-readable dependency explanation, outermost first, e.g.
    //   "XEN_DOM0 depends on: (XEN_PV [=y] && SWIOTLB_XEN [=y] || ...) && ACPI [=n]"
    //   "ACPI: set by prompt \"ACPI (Advanced Configuration and Power Interface) Support\""
    std::vector<std::string> explanation;
    std::vector<Change> changes; // settable symbols to change, in order
    // Fragment lines that fix it, e.g. {"CONFIG_ACPI=y", "CONFIG_XEN_DOM0=y"}.
    std::vector<std::string> fix;
    bool suppressed = false;       // silenced by `# xencfg: ignore RULE-ID` or --disable
    SourceRef suppressed_by;       // the ignore comment (empty for --disable)
    std::string suppressed_reason; // the comment's reason, after " -- " (may be empty)
};

// Result per role/mode combination (`--mode any` checks several).
struct ModeSummary {
    Role role = Role::DomU;    // the role checked
    Mode mode = Mode::Default; // pv, pvh, hvm; default on arm/arm64 (their single mode)
    bool applicable = true;    // false: the mode does not exist for this arch/version
    std::string note;          // why not applicable ("32-bit PV removed in 5.9")
    bool pass = false;         // no unsuppressed error finding
    size_t errors = 0, warnings = 0, infos = 0, suppressed = 0;
    // pass is false because no verdict could be reached (xencfg.undecided);
    // last, so that brace-initialised summaries keep their meaning.
    bool undecided = false;
};

// Everything `check` produces for one input.
struct CheckReport {
    std::string input;                  // the config file checked
    bool fragment = false;              // judged as a fragment
    Role role = Role::DomU;             // the role checked
    std::optional<Mode> mode_requested; // --mode; none: any (every mode, one must pass)
    std::optional<Arch> arch;           // none: it could not be told (input errors)
    std::string kernel_version;         // "6.12.117" as used for the rules
    std::string knowledge; // "tree /path" or "kb kb/6.1/x86_64.kconfig (nearest older: ...)"
    std::vector<std::string> notes; // detection notes, fallbacks, overrides
    std::vector<Finding> findings;  // ordered: global findings, then per mode
    std::vector<ModeSummary> modes;
    // Overall verdict: mode any => at least one applicable mode passes;
    // a single mode => that mode passes. Global error findings (dropped
    // values) count against every mode.
    bool pass = false;
    std::vector<Mode> passing_modes; // the applicable modes that pass
    // Fragments: the role's requirements the fragment leaves to the base
    // it is merged onto (it neither sets them nor breaks them), by rule id.
    std::vector<std::string> left_to_base;
    // A minimal config (savedefconfig) judged as `make defconfig` would.
    bool minimal = false;
    // Without a tree: the verdict depends on defaults of symbols the minimal
    // config omits and the knowledge base cannot derive (they lie at its
    // cut), so it is not decided; pass is false and an error finding
    // (xencfg.undecided) names them. With the tree of the config's own
    // release this never happens; with another release's tree (a 6.12
    // savedefconfig judged on the 6.1 tree) the omitted defaults may differ.
    bool undecided = false;
    // Undecided because the tree is another release's (else: no tree).
    bool undecided_by_release = false;
};

} // namespace xenrules
