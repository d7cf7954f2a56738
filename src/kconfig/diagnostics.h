// Diagnostics are data: the engine records them, emitters render them.
#pragma once

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

namespace kconfig {

enum class Severity { Note, Warning, Error };
const char* severity_name(Severity s); // "note", "warning", "error"

// What a diagnostic is about. Callers branch on the code and the symbols,
// never on the message: its words may change, the codes and their names do
// not (a new kind of diagnostic gets a new code, appended).
// For the verdicts code (src/rules/check.cc): a .config's unknown symbol is
// ConfigUnknownSymbol, and the symbol a reading diagnostic is about is
// Diagnostic::symbols.front() (ConfigInvalidValue, ConfigReassigned,
// ConfigChoiceState), so no message text needs matching.
enum class DiagCode {
    // Loading a tree's Kconfig files.
    KconfigFileMissing,     // a Kconfig file cannot be read (the top one or a `source`d one)
    KconfigRecursiveSource, // a file `source`s itself, directly or not
    KconfigInvalid,         // a syntax error or invalid statement (conf's zconf_error)
    KconfigWarning,         // the lexer or parser warns about the text (conf's zconfprint)
    KconfigMenu,            // menu finalize: types, defaults, ranges, choices (menu_warn)
    MacroError,             // the macro language stops: $(error-if), recursion, bad call
    MacroInfo,              // $(info,...): the text, printed by conf on stdout
    MacroWarning,           // $(warning-if,...): the text
    DependencyLoop,         // a recursive dependency (symbols: where the loop closes)
    // Evaluating.
    UnmetDependency, // a select forces a symbol whose dependencies are unmet (symbols: it)
    // Reading a .config.
    ConfigInvalidValue,   // a value invalid for its symbol's type (symbols: the symbol)
    ConfigInvalidString,  // a string value without its closing quote
    ConfigUnexpectedData, // a line that is neither a setting nor a comment
    ConfigUnknownSymbol,  // a setting for a symbol the tree lacks (symbols: the symbol)
    ConfigReassigned,     // a symbol set a second time (symbols: the symbol)
    ConfigChoiceState,    // choice members set inconsistently (symbols: the member)
    // Loading, 7.x: a Kconfig file `source`d a second time.
    KconfigRepeatedSource,
    // Writing, 7.x with KCONFIG_WARN_CHANGED_INPUT: values read from the
    // .config that Kconfig changed (symbols: those symbols, in order).
    ConfigValueChanged,
    // Loading: the tree's Makefile gives no version, so no Kconfig dialect.
    KconfigNoVersion,
    // Menu finalize: a bool symbol compared with m (symbols: the symbol);
    // the test is forced to n (A=m) or y (A!=m). conf prints it on stdout.
    KconfigBoolTestedForMod,
};
// Stable names for machine-readable output: "kconfig.file-missing",
// "config.unknown-symbol", ...
const char* diag_code_name(DiagCode c);

struct Diagnostic {
    Severity severity = Severity::Error;
    DiagCode code = DiagCode::KconfigInvalid; // what it is about (see DiagCode)
    std::string file;                         // empty when the diagnostic has no location
    int line = 0;                             // 1-based line in `file`; 0: none
    std::string message;                      // for people; never matched by code
    // The symbols it is about, the main one first (see DiagCode); may be empty.
    std::vector<std::string> symbols;
    // For diagnostics in sourced Kconfig files: the chain of `source`
    // statements that led there, outermost first, as "file:line".
    std::vector<std::string> include_chain;
    // Text exactly as the kernel's conf prints it to stderr (without the
    // trailing newline), for conformance; empty when conf has no equivalent.
    std::string conf_text;
};

class Diagnostics {
  public:
    void add(Diagnostic d) { items_.push_back(std::move(d)); }
    const std::vector<Diagnostic>& items() const { return items_; }
    size_t error_count() const;
    size_t warning_count() const;
    size_t count(DiagCode code) const; // how many diagnostics have `code`
    bool has_errors() const { return error_count() != 0; }
    void clear() { items_.clear(); }
    // Inserts `ds` before the diagnostic at `pos` (at the end if past it).
    void insert(size_t pos, std::vector<Diagnostic> ds) {
        pos = std::min(pos, items_.size());
        items_.insert(items_.begin() + long(pos), std::make_move_iterator(ds.begin()),
                      std::make_move_iterator(ds.end()));
    }
    // Hands the list over, leaving this one empty.
    std::vector<Diagnostic> take() { return std::move(items_); }

  private:
    std::vector<Diagnostic> items_;
};

// A located diagnostic with conf's rendering: "file:line" + conf_infix +
// message (conf writes ":warning: ", ": error: " or ": " there).
Diagnostic conf_diagnostic(Severity severity, DiagCode code, const std::string& file, int line,
                           const std::string& message, const char* conf_infix);

// "file:line: severity: message" plus "  included from file:line" lines.
std::string format_diagnostic(const Diagnostic& d);

} // namespace kconfig
