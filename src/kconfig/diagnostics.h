// Diagnostics are data: the engine records them, emitters render them.
#pragma once

#include <string>
#include <vector>

namespace kconfig {

enum class Severity { Note, Warning, Error };
const char* severity_name(Severity s); // "note", "warning", "error"

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string file; // empty when the diagnostic has no location
    int line = 0;
    std::string message;
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
    void error(std::string file, int line, std::string message);
    void warning(std::string file, int line, std::string message);
    const std::vector<Diagnostic>& items() const { return items_; }
    size_t error_count() const;
    size_t warning_count() const;
    bool has_errors() const { return error_count() != 0; }
    void clear() { items_.clear(); }

  private:
    std::vector<Diagnostic> items_;
};

// A located diagnostic with conf's rendering: "file:line" + conf_infix +
// message (conf writes ":warning: ", ": error: " or ": " there).
Diagnostic conf_diagnostic(Severity severity, const std::string& file, int line,
                           const std::string& message, const char* conf_infix);

// "file:line: severity: message" plus "  included from file:line" lines.
std::string format_diagnostic(const Diagnostic& d);

} // namespace kconfig
