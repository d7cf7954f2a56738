#include "emit/diagnostics.h"

#include "emit/term.h"

#include <nlohmann/json.hpp>

namespace emit {

const char* severity_text(kconfig::Severity s) {
    switch (s) {
    case kconfig::Severity::Note:
        return "note";
    case kconfig::Severity::Warning:
        return "warning";
    case kconfig::Severity::Error:
        return "error";
    }
    return "error";
}

static Colour severity_colour(kconfig::Severity s) {
    switch (s) {
    case kconfig::Severity::Note:
        return Colour::Cyan;
    case kconfig::Severity::Warning:
        return Colour::Magenta;
    case kconfig::Severity::Error:
        return Colour::Red;
    }
    return Colour::Red;
}

std::string diagnostic_text(const kconfig::Diagnostic& d, bool colour) {
    std::string out;
    if (!d.file.empty()) {
        std::string where = d.file;
        if (d.line > 0) {
            where += ':';
            where += std::to_string(d.line);
        }
        out += paint(where + ":", Colour::Bold, colour);
        out += ' ';
    }
    out += paint(std::string(severity_text(d.severity)) + ":", severity_colour(d.severity), colour);
    out += ' ';
    out += d.message;
    out += '\n';
    for (auto it = d.include_chain.rbegin(); it != d.include_chain.rend(); ++it)
        out += "  included from " + *it + "\n";
    return out;
}

std::string diagnostics_text(const std::vector<kconfig::Diagnostic>& ds, bool colour) {
    std::string out;
    for (const auto& d : ds)
        out += diagnostic_text(d, colour);
    return out;
}

std::string diagnostics_conf_text(const std::vector<kconfig::Diagnostic>& ds) {
    std::string out;
    for (const auto& d : ds) {
        if (d.conf_text.empty()) continue;
        out += d.conf_text;
        out += '\n';
    }
    return out;
}

nlohmann::json diagnostic_json(const kconfig::Diagnostic& d) {
    nlohmann::json j = nlohmann::json::object();
    j["severity"] = severity_text(d.severity);
    j["code"] = kconfig::diag_code_name(d.code);
    j["file"] = d.file.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.file);
    j["line"] = d.line > 0 ? nlohmann::json(d.line) : nlohmann::json(nullptr);
    j["message"] = d.message;
    j["symbols"] = d.symbols;
    j["include_chain"] = d.include_chain;
    return j;
}

nlohmann::json diagnostics_json(const std::vector<kconfig::Diagnostic>& ds) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& d : ds)
        arr.push_back(diagnostic_json(d));
    return arr;
}

} // namespace emit
