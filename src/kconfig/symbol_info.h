// Everything known about one Kconfig symbol, as plain data: what
// menuconfig's help screen shows and more (every definition, relations seen
// from both ends, defaults, ranges). `xencfg explain` renders it (emit/).
// Expressions are already strings: plain ("XEN_PV && ACPI") or, when values
// are asked for, with values ("XEN_PV [=y] && ACPI [=n]").
#pragma once

#include "kconfig/context.h"

#include <string>
#include <vector>

namespace kconfig {

struct SymbolInfoLocation {
    std::string file;
    int line = 0;
};

// One `config`/`menuconfig`/`choice` entry defining the symbol.
struct SymbolDefinition {
    SymbolInfoLocation at;
    std::string kind;       // "config", "menuconfig", "choice"
    std::string prompt;     // "" when the entry has no prompt
    std::string prompt_if;  // the prompt's own `if` condition, "" if none
    std::string location;   // "-> Device Drivers -> Block devices"
    std::string depends_on; // the entry's dependencies (with enclosing menus/ifs)
    std::string visible_if; // enclosing `visible if`, "" if none
    std::string help;       // help text, lines without the indentation
};

// select / imply, seen from either end.
struct SymbolRelation {
    std::string symbol;    // the other symbol (with " [=v]" when values are shown)
    std::string condition; // `if` condition, "" if none
    SymbolInfoLocation at;
};

struct SymbolDefault {
    std::string value;     // the default expression
    std::string condition; // "" if none
    SymbolInfoLocation at;
};

struct SymbolRange {
    std::string low, high, condition;
    SymbolInfoLocation at;
};

struct SymbolInfo {
    std::string name;
    std::string type; // "bool", "tristate", "int", "hex", "string", "unknown"
    bool with_values = false;
    std::string value;       // current value (with_values only)
    std::string config_file; // the .config the values come from (with_values only)
    std::string user_value;  // what the .config asks for ("" if it does not set it)
    std::string visibility;  // "y"/"m"/"n": whether the prompt can be changed (with_values)
    std::vector<SymbolDefinition> definitions;
    std::string direct_dependencies;  // all definitions' dependencies OR-ed ("" if none)
    std::string reverse_dependencies; // the select conditions OR-ed ("" if none)
    std::vector<SymbolRelation> selects, selected_by, implies, implied_by;
    std::vector<SymbolDefault> defaults;
    std::vector<SymbolRange> ranges;
    std::vector<std::string> choice_members; // for a choice
    std::string choice;                      // the choice this symbol is a member of
};

// Gathers `sym`'s information. With `values`, expressions carry the
// context's current values, and `config_file`/`user_value` (what that
// .config asks for, "" if nothing) are recorded as given.
SymbolInfo gather_symbol_info(Context& ctx, Symbol* sym, bool values,
                              const std::string& config_file, const std::string& user_value);

} // namespace kconfig
