#include "cli/rule_table.h"

#include <algorithm>

namespace cli {

std::string rule_table_text(const std::vector<xenrules::CheckReport>& reports,
                            const xenrules::RuleSet& rules, bool colour) {
    std::string out;
    auto paint = [colour](const std::string& text, const char* code) {
        return colour ? std::string("\033[") + code + "m" + text + "\033[0m" : text;
    };
    for (const auto& report : reports) {
        auto ver = xenrules::KVer::parse(report.kernel_version);
        if (!report.arch || !ver) continue;
        for (const auto& m : report.modes) {
            out += report.input + ": " + xenrules::role_name(m.role) + "/" +
                   xenrules::mode_name(m.mode) + " (Linux " + ver->str() + ", " +
                   xenrules::arch_name(*report.arch) + ")";
            if (!m.applicable) {
                out += ": does not apply: " + m.note + "\n\n";
                continue;
            }
            out += "\n";
            auto applicable =
                xenrules::applicable_rules(rules, report.role, m.mode, *report.arch, *ver);
            size_t width = 0;
            for (const auto* r : applicable)
                width = std::max(width, r->id.size());
            for (const auto* r : applicable) {
                const xenrules::Finding* hit = nullptr;
                for (const auto& f : report.findings)
                    if (f.rule_id == r->id &&
                        (f.modes.empty() ||
                         std::find(f.modes.begin(), f.modes.end(), m.mode) != f.modes.end()) &&
                        (!f.role || *f.role == m.role))
                        hit = &f;
                std::string status = paint("OK", "32");
                if (hit && hit->suppressed)
                    status = "IGNORED";
                else if (hit && hit->severity == xenrules::Severity::Error)
                    status = paint("FAIL", "31");
                else if (hit && hit->severity == xenrules::Severity::Warning)
                    status = paint("WARN", "33");
                else if (hit)
                    status = "INFO";
                std::string id = r->id;
                id.resize(width, ' ');
                std::string what = r->symbol.empty()
                                       ? r->require
                                       : "CONFIG_" + r->symbol_for(*ver) + " " + r->accept.str();
                std::string actual = hit ? " (is " + hit->actual + ")" : "";
                out += "  " + id + "  " + status + "  " + what + actual + "\n";
            }
            out += "\n";
        }
    }
    return out;
}

} // namespace cli
