#include "rules/diff.h"
#include "kconfig/dotconfig.h"

#include <algorithm>
#include <map>
#include <set>

namespace xenrules {
namespace {

// readconfig() of scripts/diffconfig, keeping first-seen order.
std::vector<std::pair<std::string, std::string>> read_diffconfig(const std::string& text) {
    std::vector<std::pair<std::string, std::string>> order;
    std::map<std::string, size_t> index;
    auto set = [&](const std::string& k, const std::string& v) {
        auto it = index.find(k);
        if (it == index.end()) {
            index[k] = order.size();
            order.emplace_back(k, v);
        } else {
            order[it->second].second = v;
        }
    };
    for (const kconfig::ConfigLine& l :
         kconfig::read_config_settings(text, kconfig::LineSyntax::Diffconfig))
        set(l.name, l.value);
    return order;
}

} // namespace

DiffResult diff_configs(const std::string& old_text, const std::string& new_text) {
    DiffResult d;
    auto a = read_diffconfig(old_text);
    auto b = read_diffconfig(new_text);
    std::map<std::string, std::string> bm(b.begin(), b.end());
    std::vector<DiffEntry> removed, changed, added;
    std::set<std::string> in_a;
    for (auto& [k, v] : a) {
        in_a.insert(k);
        auto it = bm.find(k);
        if (it == bm.end())
            removed.push_back({DiffEntry::Kind::Removed, k, v, "", {}, {}});
        else if (it->second != v)
            changed.push_back({DiffEntry::Kind::Changed, k, v, it->second, {}, {}});
    }
    for (auto& [k, v] : b)
        if (!in_a.count(k)) added.push_back({DiffEntry::Kind::Added, k, "", v, {}, {}});
    auto by_name = [](const DiffEntry& x, const DiffEntry& y) { return x.symbol < y.symbol; };
    std::sort(removed.begin(), removed.end(), by_name);
    std::sort(changed.begin(), changed.end(), by_name);
    std::sort(added.begin(), added.end(), by_name);
    for (auto* v : {&removed, &changed, &added})
        d.entries.insert(d.entries.end(), v->begin(), v->end());
    return d;
}

namespace {
std::map<std::string, const Finding*> rule_findings(const CheckReport& r) {
    std::map<std::string, const Finding*> out;
    for (const Finding& f : r.findings)
        if (!f.suppressed && (f.kind == FindingKind::Rule || f.kind == FindingKind::Dropped))
            out.emplace(f.rule_id == "xencfg.dropped" ? f.rule_id + ":" + f.symbol : f.rule_id, &f);
    return out;
}
std::set<std::string> named_symbols(const Finding& f) {
    std::set<std::string> s;
    if (!f.symbol.empty()) s.insert(f.symbol);
    if (!f.set_symbol.empty()) s.insert(f.set_symbol);
    for (const Change& c : f.changes)
        s.insert(c.symbol);
    // Symbols of a require expression.
    std::string cur;
    for (char ch : f.symbol + " ") {
        if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_')
            cur += ch;
        else {
            if (!cur.empty()) s.insert(cur);
            cur.clear();
        }
    }
    return s;
}
} // namespace

void attribute_findings(DiffResult& diff, const CheckReport& old_report,
                        const CheckReport& new_report) {
    diff.with_role = true;
    auto before = rule_findings(old_report);
    auto after = rule_findings(new_report);
    std::map<std::string, DiffEntry*> by_symbol;
    for (DiffEntry& e : diff.entries)
        by_symbol[e.symbol] = &e;
    auto attach = [&](const Finding& f, bool broken) {
        std::string id = f.rule_id == "xencfg.dropped" ? "xencfg.dropped:" + f.symbol : f.rule_id;
        (broken ? diff.broken : diff.satisfied).push_back(id);
        bool any = false;
        for (const std::string& s : named_symbols(f)) {
            auto it = by_symbol.find(s);
            if (it == by_symbol.end()) continue;
            (broken ? it->second->breaks : it->second->satisfies).push_back(id);
            any = true;
        }
        if (!any)
            diff.notes.push_back(
                id + (broken ? " is broken" : " is satisfied") +
                " through dependencies of the changes, not by a change of its own symbols");
    };
    for (auto& [id, f] : after)
        if (!before.count(id)) attach(*f, true);
    for (auto& [id, f] : before)
        if (!after.count(id)) attach(*f, false);
}

} // namespace xenrules
