// Rendering of `xencfg check` results (xenrules::CheckReport) as text, JSON,
// SARIF 2.1.0 and JUnit XML. The JSON layout is documented in
// docs/json-output.md and versioned by its "schema_version" field.
#pragma once

#include "rules/findings.h"

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace emit {

struct ToolInfo {
    std::string name = "xencfg";
    std::string version;
    std::string information_uri = "https://github.com/xencfg/xencfg";
};

// What the SARIF and JUnit emitters know about the rules beyond the findings.
struct RuleDescriptor {
    std::string id;
    std::string short_description; // one line
    std::string help;              // rationale + source
    std::string default_level;     // "error", "warning", "note"
};
struct RuleCatalog {
    std::vector<RuleDescriptor> rules;
    // The ids of the rules evaluated for one report and mode (JUnit writes a
    // passing testcase for each that produced no finding). May be empty.
    std::function<std::vector<std::string>(const xenrules::CheckReport&,
                                           const xenrules::ModeSummary&)>
        applicable;
};

const char* finding_severity_text(xenrules::Severity s); // "info", "warning", "error"
// A finding's message as every report writes it: a rule finding's role and
// modes come first ("domU pv, pvh: CONFIG_... is not set").
std::string finding_message(const xenrules::Finding& f);
const char* sarif_level(xenrules::Severity s); // "note", "warning", "error"

struct TextOptions {
    bool colour = false;
    bool verbose = true;          // explanation, changes, rationale
    bool show_suppressed = false; // list suppressed findings too
};
// A human report: one header line per input, then "file:line: severity:
// message [rule-id]" per finding with its explanation and fix lines, then a
// per-mode summary and the verdict.
std::string findings_text(const std::vector<xenrules::CheckReport>& reports,
                          const TextOptions& options);

nlohmann::json finding_json(const xenrules::Finding& f);
nlohmann::json report_json(const xenrules::CheckReport& r);
nlohmann::json findings_json(const std::vector<xenrules::CheckReport>& reports,
                             const ToolInfo& tool);

// A result's level is its finding's severity; with `strict` (--strict,
// where warnings fail the check) a warning is an "error" result, so that
// SARIF consumers see the same verdict as the exit status.
nlohmann::json findings_sarif(const std::vector<xenrules::CheckReport>& reports,
                              const ToolInfo& tool, const RuleCatalog& catalog,
                              bool strict = false);

// testsuites > testsuite per input and role/mode > testcase per rule.
// Error findings are <failure>s; warnings too when `strict`, otherwise they
// are written to the testcase's <system-out>; suppressed findings and modes
// that do not apply are <skipped>.
std::string findings_junit(const std::vector<xenrules::CheckReport>& reports,
                           const RuleCatalog& catalog, bool strict);

// XML text/attribute escaping (also drops characters XML 1.0 forbids).
std::string xml_escape(std::string_view s);
// A relative or absolute path as a SARIF artifact URI (percent-encoded).
std::string path_to_uri(std::string_view path);

} // namespace emit
