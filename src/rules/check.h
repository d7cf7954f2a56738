// `xencfg check`: judge a .config (or a fragment) against the role rules,
// evaluated through the Kconfig engine the way olddefconfig would.
#pragma once

#include "kconfig/context.h"
#include "rules/findings.h"
#include "rules/rules.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace xenrules {

// What the .config text says about itself: the header
// "# Linux/x86 6.12.117 Kernel Configuration" and CONFIG_X86_64/X86_32/ARM/
// ARM64 lines.
struct ConfigTarget {
    std::optional<Arch> arch; // from the symbols (or the header's family)
    // Without `arch`: the ARCH family of an architecture Linux has no Xen
    // support on ("riscv", "powerpc", "s390", ...), from its symbol
    // (CONFIG_RISCV=y) or the header; empty if none.
    std::string other_arch;
    std::optional<KVer> version; // from the header
    std::string version_text;    // "6.12.117" as written
    int header_line = 0;         // line of the header, 0 if none
    int arch_line = 0;           // line that decided the arch, 0 if none
    bool has_header = false;
    bool looks_like_fragment = false; // no header and few lines
    // No header, many settings and no menu comments: a savedefconfig (or a
    // sorted source-format config), whose omitted symbols take their defaults.
    bool looks_like_minimal = false;
    std::vector<std::string> notes; // contradictions found while detecting
    // A whole .config as conf writes it: neither a fragment nor a
    // savedefconfig or source-format config. What it has no line for was
    // an invisible n where it was written
    // (kconfig::Context::recorded_config_is_complete).
    bool whole() const { return !looks_like_fragment && !looks_like_minimal; }
};
ConfigTarget detect_target(const std::string& text);

// Why a config for an architecture without Xen (ConfigTarget::other_arch,
// "riscv") serves in no role: the one wording check's finding and the
// refusals of fix, diff and generate share.
std::string no_xen_arch_reason(const std::string& other_arch);

// One `CONFIG_X=...` or `# CONFIG_X is not set` line of the input.
struct ConfigLine {
    std::string symbol; // without CONFIG_
    std::string value;  // "y", "m", "n", literal (quotes removed)
    int line = 0;
};
// Every assignment and every `# xencfg: ignore ID[, ID...]` comment.
struct ParsedConfig {
    std::vector<ConfigLine> lines;
    // rule id (or pattern ending in '*') -> line of the ignore comment
    std::vector<std::pair<std::string, int>> ignores;
    // line of an ignore comment -> its reason ("# xencfg: ignore ID -- reason")
    std::map<int, std::string> ignore_reasons;
    int line_count = 0;
};
ParsedConfig parse_config_text(const std::string& text);

struct CheckOptions {
    Role role = Role::DomU;
    std::optional<Mode> mode;     // nullopt: any
    std::optional<Arch> arch;     // command-line override
    std::optional<KVer> version;  // command-line override
    std::optional<bool> fragment; // nullopt: detect
    // The input is a minimal config (--savedefconfig): what it omits takes
    // its default, as `make defconfig` (conf --defconfig) gives it. Without
    // a tree the knowledge base may not know those defaults; a verdict that
    // depends on them is undecided. nullopt: detect (looks_like_minimal).
    std::optional<bool> minimal;
    std::vector<std::string> disabled; // --disable ids (already applied to the rules
                                       // or not: findings of these ids are suppressed)
    // Re-evaluate toolchain-derived symbols ($(shell,...) probes,
    // CC_VERSION_TEXT...) with this machine's toolchain instead of keeping
    // the values the config records (--host-toolchain).
    bool host_toolchain = false;
    // Warnings fail the check too (--strict): the verdict, every mode's
    // pass and so every output format say so.
    bool strict = false;
};

// Knowledge the check runs against: a Context holding a loaded tree or a
// knowledge-base extract (kb/<version>/<arch>.kconfig).
struct CheckKnowledge {
    kconfig::Context* ctx = nullptr;
    std::string description; // "tree /work/trees/linux-source-6.12" or "kb kb/6.1/x86_64.kconfig"
    std::optional<KVer> version; // the knowledge's own version (tree Makefile / kb)
    bool is_kb = false;
};

// Run the check. `input_name` is the path used in findings (file:line).
// The Context's symbol values are changed (it is evaluated with the config).
// Returns false only on an internal error (message in *error); rule failures
// are findings and report.pass.
bool run_check(const CheckKnowledge& knowledge, const RuleSet& rules, const std::string& input_name,
               const std::string& config_text, const CheckOptions& options, CheckReport& report,
               std::string* error);

// A fragment merged onto a base config as scripts/kconfig/merge_config.sh
// does (every base line for a symbol the fragment sets goes, the fragment
// follows), keeping every base line's number: an overridden base line
// becomes an empty comment, and fragment line N is line `offset + N`.
struct MergedConfig {
    std::string text;
    int offset = 0; // lines before the fragment's first line
};
MergedConfig merge_onto_base(const std::string& base, const std::string& fragment);

// Findings of a check of merge_onto_base's text point into the base or the
// fragment again.
void attribute_merged_lines(CheckReport& report, const std::string& base_name,
                            const std::string& fragment_name, int offset);

// Exit status the CLI uses: 0 pass, 1 findings fail the check.
int check_exit_status(const CheckReport& report);

} // namespace xenrules
