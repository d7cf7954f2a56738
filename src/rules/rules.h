// Role rules as data: the model of rules/*.json, the loader with schema
// validation (errors carry file:line:column), and merging of overrides.
// The file format is documented in docs/rules.md and rules/schema.json.
#pragma once

#include "rules/findings.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xenrules {

// A kernel release as the rules see it: major.minor, plus the third number
// for 2.6.x only (2.6.32 < 3.0). Patch levels of 3.0+ are ignored.
struct KVer {
    int major = 0, minor = 0, sub = 0;
    static std::optional<KVer> parse(std::string_view s); // "3.10", "6.12.117", "2.6.32"
    std::string str() const;                              // "3.10", "2.6.32"
    auto operator<=>(const KVer&) const = default;
};

// [since, until): until is the first release that no longer has it.
struct VersionRange {
    std::optional<KVer> since, until;
    bool contains(const KVer& v) const;
    bool unbounded() const { return !since && !until; }
    std::string str() const; // "3.10+", "until 5.3", "4.12 to 5.9", "all"
};

enum class AcceptKind {
    Yes,      // y
    YesOrMod, // y or m
    No,       // n (the symbol must be off or absent)
    NotNo,    // anything but n (strings/ints: set at all)
    Literal,  // exactly this value (int/hex/string)
};
struct Accept {
    AcceptKind kind = AcceptKind::Yes;
    std::string literal;
    std::string str() const;                      // "y", "y or m", "n", "not n", literal
    std::string fix_value() const;                // the value a fix line sets: "y", "n", literal
    bool accepts(const std::string& value) const; // value as .config writes it ("n" = unset)
};

// An older (or newer) name of the rule's symbol, used inside its range.
struct Rename {
    std::string name;
    VersionRange versions;
};

struct Rule {
    std::string id;                      // stable, "domU.blkfront"
    Severity severity = Severity::Error; // in every mode mode_severities does not name
    // "severity_by_mode": the severity in these modes instead (an HVM guest
    // has emulated disks, so its missing block frontend is only a warning).
    std::vector<std::pair<Mode, Severity>> mode_severities;
    // Either symbol + accept, or require (a Kconfig expression that must
    // evaluate to y; to m or y when accept is YesOrMod).
    std::string symbol;
    Accept accept;
    std::string require;
    std::string when; // Kconfig expression; the rule applies only if it is y (empty: always)
    // The settable symbol that turns a promptless `symbol` on ("HVC_XEN" for
    // HVC_DRIVER); empty: worked out from the tree's selects.
    std::string via;
    VersionRange versions;
    std::vector<Rename> renames;
    std::vector<Arch> arches; // empty: all
    std::vector<Role> roles;  // empty: all (files give a default)
    std::vector<Mode> modes;  // empty: all
    std::string rationale;    // one line
    std::string source;       // seed guide / kernel doc
    SourceRef origin;         // where the rule was defined (file:line)
    bool disabled = false;    // {"disabled": true}: removes the rule (override files)
    // Added or changed by an override file (--rules): the user's own rule,
    // whose symbols nobody checked against the kernels (shipped rules are,
    // by corpus_version_bounds), so a symbol the kernel lacks is reported.
    bool from_override = false;
    std::vector<std::string> keys; // the keys the file gave (override files merge these)

    // The symbol name valid for kernel version v (applies renames).
    std::string symbol_for(const KVer& v) const;
    // The rule's severity in mode m.
    Severity severity_in(Mode m) const;
    // The highest severity the rule has in the modes of `asked` it is for
    // (its own severity when it is for none of them).
    Severity severity_in(const std::vector<Mode>& asked) const;
    bool applies_to(Role r, Mode m, Arch a, const KVer& v) const;
};

struct RuleSet {
    std::vector<Rule> rules;
    const Rule* find(std::string_view id) const;
    Rule* find(std::string_view id);
};

// A rules-file problem: "file:line:column: message" (line/column 1-based, 0 if unknown).
struct RulesError {
    std::string file;
    int line = 0, column = 0;
    std::string message;
    std::string str() const;
};

// Full: every rule must be complete (severity, symbol or require, rationale).
// Override (--rules FILE): a rule may give only some keys; it is completed
// by merge_rules from the rule with the same id.
enum class RulesFileKind { Full, Override };

// Parse one rules file's text. Rules are appended to `out`; on any error
// nothing is appended and false is returned. `file` names the text in errors.
bool parse_rules(std::string_view text, const std::string& file, RuleSet& out,
                 std::vector<RulesError>& errors, RulesFileKind kind = RulesFileKind::Full);
bool load_rules_file(const std::string& path, RuleSet& out, std::vector<RulesError>& errors,
                     RulesFileKind kind = RulesFileKind::Full);
// The schema the loader validates against (the text of rules/schema.json,
// compiled in so that a rules file can be checked without the data dir).
const char* rules_schema_text();
// Does `value` match a JSON-schema `pattern` (ECMAScript regex semantics)?
// Only the patterns rules/schema.json uses are known: nullopt for any other.
std::optional<bool> schema_pattern_matches(const std::string& pattern, const std::string& value);
// The shipped set: DIR/xen-dom0.json, DIR/xen-domU.json, DIR/arch/*.json.
bool load_default_rules(const std::string& rules_dir, RuleSet& out,
                        std::vector<RulesError>& errors);

// --rules FILE: for a rule whose id exists, the keys the override gives
// replace the rule's; a new id is added (it must then be complete); an
// entry {"id": ..., "disabled": true} removes the rule. False on errors.
bool merge_rules(RuleSet& base, const RuleSet& overrides, std::vector<RulesError>& errors);
// --disable ID (may end in '*': "domU.fb*"). Unknown ids are returned.
std::vector<std::string> disable_rules(RuleSet& set, const std::vector<std::string>& ids);

// The modes that exist for a role on an arch at a kernel version, with a note
// for the ones that do not ("32-bit PV guests were removed in 5.9").
struct ModeInfo {
    Mode mode;
    bool exists = true;
    std::string note;
};
std::vector<ModeInfo> modes_for(Role role, Arch arch, const KVer& v);

// The rules that apply, in file order.
std::vector<const Rule*> applicable_rules(const RuleSet& set, Role role, Mode mode, Arch arch,
                                          const KVer& v);

} // namespace xenrules
