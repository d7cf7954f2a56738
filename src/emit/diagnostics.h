// Rendering of kconfig::Diagnostic records.
#pragma once

#include "kconfig/diagnostics.h"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace emit {

const char* severity_text(kconfig::Severity s); // "note", "warning", "error"

// "file:line: severity: message" (or "severity: message" without a file),
// followed by one "  included from file:line" line per include-chain entry,
// innermost first, as compilers print them. Every line ends in '\n'.
std::string diagnostic_text(const kconfig::Diagnostic& d, bool colour = false);
std::string diagnostics_text(const std::vector<kconfig::Diagnostic>& ds, bool colour = false);

// What the kernel's conf prints for the same diagnostics: conf_text for the
// diagnostics that have one, nothing for the others (each line ends '\n').
std::string diagnostics_conf_text(const std::vector<kconfig::Diagnostic>& ds);

// {"severity","file","line","message","include_chain":[...]} per diagnostic.
nlohmann::json diagnostic_json(const kconfig::Diagnostic& d);
nlohmann::json diagnostics_json(const std::vector<kconfig::Diagnostic>& ds);

} // namespace emit
