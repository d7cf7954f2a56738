// xencfg rules: list the rules that apply to a role, arch, mode and kernel
// version (as kernel-hardening-checker -p lists its checks), and explain one
// rule (xencfg explain RULE-ID). Completion asks `rules --ids` and
// `rules --versions` instead of keeping lists of its own.
#include "cli/common.h"
#include "cli/knowledge.h"
#include "cli/rules_info.h"
#include "rules/kb.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

namespace cli {

std::string shown_data_path(const std::string& path);

namespace {

std::string join(const std::vector<std::string>& items, const std::string& sep) {
    std::string out;
    for (const auto& i : items)
        out += (out.empty() ? "" : sep) + i;
    return out;
}

template <typename T, typename F>
std::vector<std::string> names(const std::vector<T>& items, F name) {
    std::vector<std::string> out;
    for (const auto& i : items)
        out.push_back(name(i));
    return out;
}

// What the rule asks for, as one line: "CONFIG_XEN=y", "CONFIG_FB not n",
// "require: XEN_PV && X86_64".
std::string requirement(const xenrules::Rule& r) {
    if (r.symbol.empty()) return "require " + r.require;
    switch (r.accept.kind) {
    case xenrules::AcceptKind::Yes:
    case xenrules::AcceptKind::No:
    case xenrules::AcceptKind::Literal:
        return "CONFIG_" + r.symbol + "=" + r.accept.str();
    case xenrules::AcceptKind::YesOrMod:
        return "CONFIG_" + r.symbol + "=y or m";
    case xenrules::AcceptKind::NotNo:
        return "CONFIG_" + r.symbol + " set";
    }
    return r.symbol;
}

// The rule's severity: in mode m when one is given, else the default one
// with the modes that differ ("error, warning in hvm").
std::string severity_text(const xenrules::Rule& r, std::optional<xenrules::Mode> m = {}) {
    if (m) return xenrules::severity_name(r.severity_in(*m));
    std::string text = xenrules::severity_name(r.severity);
    for (const auto& [mode, sev] : r.mode_severities)
        text +=
            std::string(", ") + xenrules::severity_name(sev) + " in " + xenrules::mode_name(mode);
    return text;
}

std::string roles_text(const xenrules::Rule& r) {
    return r.roles.empty() ? "dom0, domU" : join(names(r.roles, xenrules::role_name), ", ");
}
std::string arches_text(const xenrules::Rule& r) {
    return r.arches.empty() ? "all" : join(names(r.arches, xenrules::arch_name), ", ");
}
std::string modes_text(const xenrules::Rule& r) {
    return r.modes.empty() ? "all" : join(names(r.modes, xenrules::mode_name), ", ");
}

nlohmann::json rule_json(const xenrules::Rule& r) {
    nlohmann::json j;
    j["id"] = r.id;
    j["severity"] = xenrules::severity_name(r.severity);
    if (!r.mode_severities.empty()) {
        nlohmann::json by_mode = nlohmann::json::object();
        for (const auto& [mode, sev] : r.mode_severities)
            by_mode[xenrules::mode_name(mode)] = xenrules::severity_name(sev);
        j["severity_by_mode"] = by_mode;
    }
    if (!r.symbol.empty()) {
        j["symbol"] = r.symbol;
        j["accept"] = r.accept.str();
    } else {
        j["require"] = r.require;
    }
    if (!r.when.empty()) j["when"] = r.when;
    if (!r.via.empty()) j["via"] = r.via;
    j["roles"] = r.roles.empty() ? std::vector<std::string>{"dom0", "domU"}
                                 : names(r.roles, xenrules::role_name);
    j["arches"] = names(r.arches, xenrules::arch_name);
    j["modes"] = names(r.modes, xenrules::mode_name);
    j["versions"] = r.versions.str();
    nlohmann::json renames = nlohmann::json::array();
    for (const auto& n : r.renames)
        renames.push_back({{"name", n.name}, {"versions", n.versions.str()}});
    j["renames"] = renames;
    j["rationale"] = r.rationale;
    j["source"] = r.source;
    if (!r.origin.empty())
        j["defined"] = {{"file", shown_data_path(r.origin.file)}, {"line", r.origin.line}};
    return j;
}

} // namespace

std::vector<xenrules::KVer> shipped_kb_versions() {
    std::vector<xenrules::KVer> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(data_dir() + "/kb", ec))
        if (auto v = xenrules::KVer::parse(e.path().filename().string()); v && e.is_directory())
            out.push_back(*v);
    std::sort(out.begin(), out.end());
    return out;
}

// A file of the data directory as reports name it ("rules/xen-domU.json"),
// so that output does not depend on where xencfg is installed.
std::string shown_data_path(const std::string& path) {
    std::string data = data_dir() + "/";
    return path.rfind(data, 0) == 0 ? path.substr(data.size()) : path;
}

std::string explain_rule_text(const xenrules::Rule& r) {
    std::string out = r.id + " (" + severity_text(r) + ")\n";
    out += "  requires:  " + requirement(r) + "\n";
    if (!r.when.empty()) out += "  when:      " + r.when + " is y\n";
    if (!r.via.empty()) out += "  set via:   CONFIG_" + r.via + "\n";
    out += "  roles:     " + roles_text(r) + "\n";
    out += "  arches:    " + arches_text(r) + "\n";
    out += "  modes:     " + modes_text(r) + "\n";
    out += "  versions:  " + r.versions.str() + "\n";
    for (const auto& n : r.renames)
        out += "  named:     CONFIG_" + n.name + " in " + n.versions.str() + "\n";
    out += "  why:       " + r.rationale + "\n";
    if (!r.source.empty()) out += "  source:    " + r.source + "\n";
    if (!r.origin.empty())
        out += "  defined:   " + shown_data_path(r.origin.file) + ":" +
               std::to_string(r.origin.line) + "\n";
    return out;
}

nlohmann::json explain_rule_json(const xenrules::Rule& r) {
    return rule_json(r);
}

int cmd_rules(const std::vector<std::string>& args) {
    std::string role, arch, mode, version, format = "text";
    po::options_description opts("Options");
    opts.add_options()("role", po::value(&role)->value_name("ROLE"),
                       "only rules for dom0 or domU (default: both)")(
        "arch", po::value(&arch)->value_name("ARCH"),
        "only rules for x86_64, i386, arm or arm64 (default: all)")(
        "mode", po::value(&mode)->value_name("MODE"),
        "any (default), or only the rules for pv, pvh or hvm")(
        "kernel-version", po::value(&version)->value_name("V"),
        "only rules that apply to this kernel version (default: every version)")(
        "format", po::value(&format)->value_name("FMT"),
        "text (default) or json")("ids", "print only the matching rule ids, one per line")(
        "versions", "print the kernel versions of the shipped knowledge base, one per line");
    po::positional_options_description pos;
    po::variables_map vm;
    if (!parse_command_line("rules", args, opts, nullptr, pos, vm,
                            "[--role R] [--arch A] [--mode M] [--kernel-version V] [OPTIONS]",
                            "  xencfg rules --role dom0 --arch x86_64 --kernel-version 6.12\n"
                            "  xencfg rules --role domU --arch arm64 --format json\n"
                            "  xencfg explain domU.blkfront\n"))
        return kExitOk;
    if (format != "text" && format != "json")
        throw UsageError("unknown format '" + format + "' (use text or json)");
    if (vm.count("versions")) {
        for (const auto& v : shipped_kb_versions())
            std::cout << v.str() << "\n";
        return kExitOk;
    }
    std::optional<xenrules::Role> r;
    std::optional<xenrules::Arch> a;
    std::optional<xenrules::Mode> m;
    std::optional<xenrules::KVer> v;
    if (!role.empty() && !(r = xenrules::parse_role(role)))
        throw UsageError("unknown role '" + role + "' (use dom0 or domU)");
    if (!arch.empty()) a = arch_option(arch);
    m = parse_mode_option(mode);
    if (!version.empty() && !(v = xenrules::KVer::parse(version)))
        throw UsageError("invalid kernel version '" + version + "'");

    xenrules::RuleSet rules = load_shipped_rules();
    std::vector<const xenrules::Rule*> picked;
    for (const auto& rule : rules.rules) {
        if (rule.disabled) continue;
        auto has = [](const auto& list, const auto& item) {
            return list.empty() || std::find(list.begin(), list.end(), item) != list.end();
        };
        if (r && !has(rule.roles, *r)) continue;
        if (a && !has(rule.arches, *a)) continue;
        // arm and arm64 have one guest type: a mode-specific rule is x86's.
        if (m && !has(rule.modes, *m)) continue;
        if (v && !rule.versions.contains(*v)) continue;
        picked.push_back(&rule);
    }
    if (vm.count("ids")) {
        for (const auto* p : picked)
            std::cout << p->id << "\n";
        return kExitOk;
    }
    if (format == "json") {
        nlohmann::json doc;
        doc["schema_version"] = 1;
        doc["rules"] = nlohmann::json::array();
        for (const auto* p : picked) {
            nlohmann::json j = rule_json(*p);
            // The symbol's name in the asked version (renamed symbols).
            if (v && !p->symbol.empty()) j["symbol"] = p->symbol_for(*v);
            doc["rules"].push_back(j);
        }
        std::cout << doc.dump(2) << "\n";
        return kExitOk;
    }
    size_t id_width = 4, req_width = 11, sev_width = 8;
    std::vector<std::string> reqs;
    for (const auto* p : picked) {
        sev_width = std::max(sev_width, severity_text(*p, m).size());
        xenrules::Rule shown = *p;
        if (v && !shown.symbol.empty()) shown.symbol = p->symbol_for(*v);
        reqs.push_back(requirement(shown));
        id_width = std::max(id_width, p->id.size());
        req_width = std::max(req_width, reqs.back().size());
    }
    auto pad = [](std::string s, size_t w) {
        s.resize(std::max(s.size(), w), ' ');
        return s;
    };
    std::cout << pad("RULE", id_width) << "  " << pad("SEVERITY", sev_width) << "  "
              << pad("REQUIREMENT", req_width) << "  ROLES / ARCHES / MODES / VERSIONS\n";
    for (size_t i = 0; i < picked.size(); ++i) {
        const auto& p = *picked[i];
        std::cout << pad(p.id, id_width) << "  " << pad(severity_text(p, m), sev_width) << "  "
                  << pad(reqs[i], req_width) << "  " << roles_text(p) << " / " << arches_text(p)
                  << " / " << modes_text(p) << " / " << p.versions.str()
                  << (p.when.empty() ? "" : " / when " + p.when) << "\n";
    }
    std::cout << picked.size() << " rule(s)";
    std::vector<std::string> filters;
    if (r) filters.push_back(xenrules::role_name(*r));
    if (a) filters.push_back(xenrules::arch_name(*a));
    if (m) filters.push_back(std::string("mode ") + xenrules::mode_name(*m));
    if (v) filters.push_back("Linux " + v->str());
    if (!filters.empty()) std::cout << " for " << join(filters, ", ");
    std::cout << "; 'xencfg explain RULE-ID' explains one\n";
    return kExitOk;
}

} // namespace cli
