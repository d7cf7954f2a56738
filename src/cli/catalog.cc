#include "cli/catalog.h"

namespace cli {

emit::RuleCatalog make_catalog(const xenrules::RuleSet& rules, const xenrules::KVer& fallback) {
    emit::RuleCatalog c;
    for (const auto& r : rules.rules) {
        std::string what =
            r.symbol.empty() ? r.require : "CONFIG_" + r.symbol + " " + r.accept.str();
        std::string help = r.rationale;
        if (!r.source.empty()) help += (help.empty() ? "See " : " See ") + r.source + ".";
        c.rules.push_back({r.id, r.rationale.empty() ? what : r.rationale,
                           help.empty() ? what : help, emit::sarif_level(r.severity)});
    }
    c.applicable = [&rules, fallback](const xenrules::CheckReport& report,
                                      const xenrules::ModeSummary& m) {
        std::vector<std::string> ids;
        auto ver = xenrules::KVer::parse(report.kernel_version);
        if (!report.arch) return ids;
        for (const auto* r :
             xenrules::applicable_rules(rules, m.role, m.mode, *report.arch, ver ? *ver : fallback))
            ids.push_back(r->id);
        return ids;
    };
    return c;
}

} // namespace cli
