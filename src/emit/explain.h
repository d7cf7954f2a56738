// `xencfg explain`: everything known about one Kconfig symbol, as plain data
// gathered by the CLI from a kconfig::Context, rendered here as text or JSON.
// Expressions are already strings: plain ("XEN_PV && ACPI") or, when a
// .config was given, with values ("XEN_PV [=y] && ACPI [=n]").
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace emit {

struct ExplainLocation {
    std::string file;
    int line = 0;
};

// One `config`/`menuconfig`/`choice` entry defining the symbol.
struct ExplainDefinition {
    ExplainLocation at;
    std::string kind;       // "config", "menuconfig", "choice"
    std::string prompt;     // "" when the entry has no prompt
    std::string prompt_if;  // the prompt's own `if` condition, "" if none
    std::string location;   // "-> Device Drivers -> Block devices"
    std::string depends_on; // the entry's dependencies (with enclosing menus/ifs)
    std::string visible_if; // enclosing `visible if`, "" if none
    std::string help;       // help text, lines without the indentation
};

// select / imply, seen from either end.
struct ExplainRelation {
    std::string symbol;    // the other symbol (with " [=v]" when values are shown)
    std::string condition; // `if` condition, "" if none
    ExplainLocation at;
};

struct ExplainDefault {
    std::string value;     // the default expression
    std::string condition; // "" if none
    ExplainLocation at;
};

struct ExplainRange {
    std::string low, high, condition;
    ExplainLocation at;
};

struct ExplainReport {
    std::string name;
    std::string type; // "bool", "tristate", "int", "hex", "string", "unknown"
    bool with_values = false;
    std::string value;       // current value (with_values only)
    std::string config_file; // the .config the values come from (with_values only)
    std::string user_value;  // what the .config asks for ("" if it does not set it)
    std::string visibility;  // "y"/"m"/"n": whether the prompt can be changed (with_values)
    std::vector<ExplainDefinition> definitions;
    std::string direct_dependencies;  // all definitions' dependencies OR-ed ("" if none)
    std::string reverse_dependencies; // the select conditions OR-ed ("" if none)
    std::vector<ExplainRelation> selects, selected_by, implies, implied_by;
    std::vector<ExplainDefault> defaults;
    std::vector<ExplainRange> ranges;
    std::vector<std::string> choice_members; // for a choice
    std::string choice;                      // the choice this symbol is a member of
};

std::string explain_text(const ExplainReport& r);
nlohmann::json explain_json(const ExplainReport& r);

} // namespace emit
