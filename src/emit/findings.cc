#include "emit/findings.h"

#include "emit/term.h"

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

using nlohmann::json;
using xenrules::CheckReport;
using xenrules::Finding;
using xenrules::FindingKind;
using xenrules::ModeSummary;
using xenrules::Severity;

namespace emit {

const char* finding_severity_text(Severity s) {
    return xenrules::severity_name(s);
}

const char* sarif_level(Severity s) {
    switch (s) {
    case Severity::Info:
        return "note";
    case Severity::Warning:
        return "warning";
    case Severity::Error:
        return "error";
    }
    return "error";
}

// ---------------------------------------------------------------- text

static std::string where_text(const xenrules::SourceRef& where, const std::string& fallback) {
    const std::string& file = where.file.empty() ? fallback : where.file;
    if (where.line > 0) return file + ":" + std::to_string(where.line);
    return file;
}

// "domU/pv, pvh" for the tag after a finding (the single "default" mode of
// arm is not named).
static std::string scope_text(const Finding& f) {
    std::string s = f.role ? xenrules::role_name(*f.role) : "";
    bool only_default = f.modes == std::vector<xenrules::Mode>{xenrules::Mode::Default};
    if (f.modes.empty() || only_default) return s;
    std::string modes = xenrules::modes_text(f.modes);
    return s.empty() ? modes : s + "/" + modes;
}

std::string finding_message(const Finding& f) {
    if (f.kind != xenrules::FindingKind::Rule || !f.role) return f.message;
    std::string prefix = xenrules::role_name(*f.role);
    if (!f.modes.empty()) prefix += " " + xenrules::modes_text(f.modes);
    return prefix + ": " + f.message;
}

static Colour colour_for(Severity s) {
    switch (s) {
    case Severity::Info:
        return Colour::Cyan;
    case Severity::Warning:
        return Colour::Magenta;
    case Severity::Error:
        return Colour::Red;
    }
    return Colour::Red;
}

static std::string mode_label(const ModeSummary& m) {
    std::string role = xenrules::role_name(m.role);
    return m.mode == xenrules::Mode::Default ? role : role + "/" + xenrules::mode_name(m.mode);
}

std::string findings_text(const std::vector<CheckReport>& reports, const TextOptions& opt) {
    std::string out;
    bool first = true;
    for (const auto& r : reports) {
        if (!first) out += '\n';
        first = false;
        std::string head = r.input + ": " + (r.fragment ? "fragment" : "config") + " checked as " +
                           xenrules::role_name(r.role);
        head += std::string(" (mode ") +
                (r.mode_requested ? xenrules::mode_name(*r.mode_requested) : "any") + ")";
        if (r.arch) head += std::string(" on ") + xenrules::arch_name(*r.arch);
        if (!r.kernel_version.empty()) head += ", Linux " + r.kernel_version;
        if (!r.knowledge.empty()) head += ", using " + r.knowledge;
        out += paint(head, Colour::Bold, opt.colour) + "\n";
        for (const auto& n : r.notes)
            out += "  note: " + n + "\n";

        size_t hidden = 0;
        for (const auto& f : r.findings) {
            if (f.suppressed && !opt.show_suppressed) {
                ++hidden;
                continue;
            }
            std::string line = paint(where_text(f.where, r.input) + ":", Colour::Bold, opt.colour);
            line += ' ';
            line += paint(std::string(finding_severity_text(f.severity)) + ":",
                          colour_for(f.severity), opt.colour);
            line += ' ' + finding_message(f);
            std::string tag = f.rule_id;
            std::string scope = scope_text(f);
            if (!scope.empty()) tag += ", " + scope;
            if (!tag.empty()) line += " [" + tag + "]";
            if (f.suppressed) line += " (suppressed)";
            out += line + "\n";
            if (opt.verbose) {
                for (const auto& e : f.explanation)
                    out += "    " + e + "\n";
                for (const auto& c : f.changes) {
                    std::string s = "    change " + c.symbol + " from " +
                                    (c.current.empty() ? "unset" : c.current) + " to " + c.wanted;
                    if (!c.menu.empty()) s += " (" + c.menu + ")";
                    if (!c.kconfig.empty()) s += " at " + where_text(c.kconfig, "");
                    out += s + "\n";
                }
                if (!f.rationale.empty()) out += "    why: " + f.rationale + "\n";
                if (!f.source.empty()) out += "    see: " + f.source + "\n";
            }
            if (!f.fix.empty()) {
                std::string fix;
                for (const auto& l : f.fix)
                    fix += (fix.empty() ? "" : ", ") + l;
                out += "    " + paint("fix:", Colour::Green, opt.colour) + " " + fix + "\n";
            }
            if (f.suppressed && !f.suppressed_by.empty())
                out += "    suppressed by " + where_text(f.suppressed_by, r.input) +
                       (f.suppressed_reason.empty() ? "" : ": " + f.suppressed_reason) + "\n";
        }
        if (hidden)
            out += "  (" + std::to_string(hidden) + " suppressed finding" +
                   (hidden == 1 ? "" : "s") + " not shown)\n";
        if (!r.modes.empty()) {
            out += "  modes:";
            bool firstm = true;
            for (const auto& m : r.modes) {
                out += firstm ? " " : ", ";
                firstm = false;
                out += mode_label(m) + " ";
                if (!m.applicable) {
                    out += "n/a";
                    continue;
                }
                // (An undecided mode is neither: it failed to reach a verdict.)
                out += m.pass        ? paint("pass", Colour::Green, opt.colour)
                       : m.undecided ? paint("UNDECIDED", Colour::Red, opt.colour)
                                     : paint("FAIL", Colour::Red, opt.colour);
                if (m.errors || m.warnings) {
                    out += " (";
                    if (m.errors)
                        out += std::to_string(m.errors) + " error" + (m.errors == 1 ? "" : "s");
                    if (m.errors && m.warnings) out += ", ";
                    if (m.warnings)
                        out +=
                            std::to_string(m.warnings) + " warning" + (m.warnings == 1 ? "" : "s");
                    out += ")";
                }
            }
            out += "\n";
            for (const auto& m : r.modes)
                if (!m.applicable && !m.note.empty())
                    out += "  " + mode_label(m) + ": " + m.note + "\n";
        }
        std::string verdict = r.input + ": ";
        // A fragment's verdict says how much it left to the base.
        std::string left = r.fragment
                               ? "; " + std::to_string(r.left_to_base.size()) + " requirement" +
                                     (r.left_to_base.size() == 1 ? "" : "s") + " left to the base"
                               : "";
        std::string role = xenrules::role_name(r.role);
        if (r.pass) {
            verdict += "PASS";
            if (!r.passing_modes.empty())
                verdict += " (" + role + ": " + xenrules::modes_text(r.passing_modes) + left + ")";
            else if (!left.empty())
                verdict += " (" + left.substr(2) + ")";
            out += paint(verdict, Colour::Green, opt.colour) + "\n";
        } else if (r.undecided) {
            verdict += "UNDECIDED (" + role +
                       (r.undecided_by_release ? ": cannot decide with another release's tree)"
                                               : ": cannot decide without --tree)");
            out += paint(verdict, Colour::Red, opt.colour) + "\n";
        } else {
            verdict += "FAIL";
            verdict += " (" + role + left + ")";
            out += paint(verdict, Colour::Red, opt.colour) + "\n";
        }
    }
    return out;
}

// ---------------------------------------------------------------- JSON

static json ref_json(const xenrules::SourceRef& s) {
    if (s.empty()) return nullptr;
    return json{{"file", s.file}, {"line", s.line}};
}

static json opt_string(const std::string& s) {
    return s.empty() ? json(nullptr) : json(s);
}

// Why a report is undecided, as data: "no-tree" (the knowledge base cannot
// derive what the verdict depends on), "another-release" (the tree is of
// another release than the config); null when it is decided.
static json undecided_because(const CheckReport& r) {
    if (!r.undecided) return nullptr;
    return r.undecided_by_release ? "another-release" : "no-tree";
}

json finding_json(const Finding& f) {
    json changes = json::array();
    for (const auto& c : f.changes)
        changes.push_back({{"symbol", c.symbol},
                           {"current", c.current},
                           {"wanted", c.wanted},
                           {"menu", opt_string(c.menu)},
                           {"kconfig", ref_json(c.kconfig)}});
    json loc = nullptr;
    if (!f.where.empty())
        loc = {{"file", f.where.file}, {"line", f.where.line}, {"insertion", f.where_is_insertion}};
    return json{{"rule_id", f.rule_id},
                {"kind", xenrules::finding_kind_name(f.kind)},
                {"severity", finding_severity_text(f.severity)},
                {"role", f.role ? json(xenrules::role_name(*f.role)) : json(nullptr)},
                {"mode", opt_string(xenrules::modes_text(f.modes))},
                {"symbol", opt_string(f.symbol)},
                {"set_symbol", opt_string(f.set_symbol)},
                {"expected", opt_string(f.expected)},
                {"actual", opt_string(f.actual)},
                {"requested", opt_string(f.requested)},
                {"location", loc},
                {"line_fate", opt_string(xenrules::line_fate_name(f.fate))},
                {"message", finding_message(f)},
                {"rationale", opt_string(f.rationale)},
                {"source", opt_string(f.source)},
                {"explanation", f.explanation},
                {"changes", changes},
                {"fix", f.fix},
                {"suppressed", f.suppressed},
                {"suppressed_by", ref_json(f.suppressed_by)},
                {"suppressed_reason", opt_string(f.suppressed_reason)}};
}

json report_json(const CheckReport& r) {
    json modes = json::array();
    json passing = json::array();
    for (const auto& m : r.modes) {
        modes.push_back({{"role", xenrules::role_name(m.role)},
                         {"mode", xenrules::mode_name(m.mode)},
                         {"applicable", m.applicable},
                         {"note", opt_string(m.note)},
                         {"pass", m.pass},
                         {"undecided", m.undecided},
                         {"errors", m.errors},
                         {"warnings", m.warnings},
                         {"infos", m.infos},
                         {"suppressed", m.suppressed}});
        if (m.applicable && m.pass) passing.push_back(xenrules::mode_name(m.mode));
    }
    json findings = json::array();
    for (const auto& f : r.findings)
        findings.push_back(finding_json(f));
    return json{
        {"input", r.input},
        {"fragment", r.fragment},
        {"role", xenrules::role_name(r.role)},
        {"mode_requested", r.mode_requested ? xenrules::mode_name(*r.mode_requested) : "any"},
        {"arch", r.arch ? xenrules::arch_name(*r.arch) : ""},
        {"kernel_version", r.kernel_version},
        {"knowledge", r.knowledge},
        {"notes", r.notes},
        {"minimal", r.minimal},
        {"pass", r.pass},
        {"undecided", r.undecided},
        {"undecided_because", undecided_because(r)},
        {"passing_modes", passing},
        {"modes", modes},
        {"findings", findings},
        {"left_to_base", r.left_to_base}};
}

json findings_json(const std::vector<CheckReport>& reports, const ToolInfo& tool) {
    json arr = json::array();
    bool pass = true;
    for (const auto& r : reports) {
        arr.push_back(report_json(r));
        pass = pass && r.pass;
    }
    return json{{"schema_version", 1},
                {"tool", {{"name", tool.name}, {"version", tool.version}}},
                {"pass", pass},
                {"reports", arr}};
}

// ---------------------------------------------------------------- SARIF

std::string path_to_uri(std::string_view path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~')
            out += char(c);
        else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

static json physical_location(const xenrules::SourceRef& where, const std::string& fallback) {
    const std::string& file = where.file.empty() ? fallback : where.file;
    json loc = {{"artifactLocation", {{"uri", path_to_uri(file)}}}};
    if (where.line > 0) loc["region"] = {{"startLine", where.line}};
    return {{"physicalLocation", loc}};
}

json findings_sarif(const std::vector<CheckReport>& reports, const ToolInfo& tool,
                    const RuleCatalog& catalog, bool strict) {
    auto level = [strict](Severity s) {
        return strict && s == Severity::Warning ? "error" : sarif_level(s);
    };
    // rules[]: the catalog's, then any id only seen in findings.
    json rules = json::array();
    std::map<std::string, size_t> index;
    auto add_rule = [&](const RuleDescriptor& d) {
        if (index.count(d.id)) return;
        index[d.id] = rules.size();
        json r = {
            {"id", d.id},
            {"shortDescription",
             {{"text", d.short_description.empty() ? d.id : d.short_description}}},
            {"help",
             {{"text", d.help.empty() ? (d.short_description.empty() ? d.id : d.short_description)
                                      : d.help}}}};
        if (!d.default_level.empty()) r["defaultConfiguration"] = {{"level", d.default_level}};
        rules.push_back(r);
    };
    for (const auto& d : catalog.rules)
        add_rule(d);
    for (const auto& r : reports)
        for (const auto& f : r.findings)
            if (!index.count(f.rule_id)) {
                std::string help = f.rationale;
                if (!f.source.empty())
                    help += (help.empty() ? "" : " ") + std::string("See ") + f.source + ".";
                add_rule({f.rule_id, f.rationale.empty() ? finding_message(f) : f.rationale, help,
                          sarif_level(f.severity)});
            }

    json results = json::array();
    std::set<std::string> artifacts_seen;
    json artifacts = json::array();
    for (const auto& r : reports) {
        if (artifacts_seen.insert(r.input).second)
            artifacts.push_back({{"location", {{"uri", path_to_uri(r.input)}}}});
        for (const auto& f : r.findings) {
            std::string text = finding_message(f);
            if (!f.fix.empty()) {
                text += " Fix: ";
                for (size_t i = 0; i < f.fix.size(); ++i)
                    text += (i ? ", " : "") + f.fix[i];
            }
            json res = {{"ruleId", f.rule_id},
                        {"ruleIndex", index[f.rule_id]},
                        {"level", level(f.severity)},
                        {"message", {{"text", text}}},
                        {"locations", json::array({physical_location(f.where, r.input)})}};
            json props = {{"kind", xenrules::finding_kind_name(f.kind)}};
            if (f.role) props["role"] = xenrules::role_name(*f.role);
            if (!f.modes.empty()) props["mode"] = xenrules::modes_text(f.modes);
            if (!f.symbol.empty()) props["symbol"] = f.symbol;
            if (!f.expected.empty()) props["expected"] = f.expected;
            if (!f.actual.empty()) props["actual"] = f.actual;
            if (f.fate != xenrules::LineFate::None)
                props["line_fate"] = xenrules::line_fate_name(f.fate);
            if (!f.fix.empty()) props["fix"] = f.fix;
            if (!f.explanation.empty()) props["explanation"] = f.explanation;
            if (f.rule_id == "xencfg.undecided" && r.undecided)
                props["undecided_because"] = undecided_because(r);
            res["properties"] = props;
            if (f.suppressed) {
                json s = {{"kind", f.suppressed_by.empty() ? "external" : "inSource"},
                          {"status", "accepted"}};
                if (!f.suppressed_by.empty()) {
                    s["justification"] = f.suppressed_reason.empty()
                                             ? "# xencfg: ignore " + f.rule_id
                                             : f.suppressed_reason;
                    s["location"] = physical_location(f.suppressed_by, r.input);
                } else {
                    s["justification"] = "disabled on the command line (--disable)";
                }
                res["suppressions"] = json::array({s});
            }
            results.push_back(res);
        }
    }
    json driver = {{"name", tool.name},
                   {"version", tool.version},
                   {"informationUri", tool.information_uri},
                   {"rules", rules}};
    bool ok = true;
    for (const auto& r : reports)
        ok = ok && r.pass;
    json run = {{"tool", {{"driver", driver}}},
                {"artifacts", artifacts},
                {"invocations", json::array({{{"executionSuccessful", true}}})},
                {"results", results},
                {"properties", {{"pass", ok}}}};
    return json{{"$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                            "sarif-schema-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", json::array({run})}};
}

// ---------------------------------------------------------------- JUnit

std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        default:
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') break; // not allowed in XML 1.0
            out += char(c);
        }
    }
    return out;
}

namespace {

struct Case {
    std::string name;
    std::vector<const Finding*> findings;
};

struct Suite {
    std::string name;
    std::string classname;
    std::string skipped_note; // non-empty: the whole suite does not apply
    std::vector<Case> cases;
    // Why the report this suite belongs to is undecided (JSON's
    // `undecided_because`); empty when it is decided.
    std::string undecided_because;
};

std::string finding_body(const Finding& f, const std::string& input) {
    std::string s = where_text(f.where, input) + ": " + finding_severity_text(f.severity) + ": " +
                    finding_message(f) + "\n";
    for (const auto& e : f.explanation)
        s += "  " + e + "\n";
    if (!f.rationale.empty()) s += "why: " + f.rationale + "\n";
    if (!f.fix.empty()) {
        s += "fix:";
        for (const auto& l : f.fix)
            s += " " + l;
        s += "\n";
    }
    return s;
}

} // namespace

std::string findings_junit(const std::vector<CheckReport>& reports, const RuleCatalog& catalog,
                           bool strict) {
    std::vector<Suite> suites;
    for (const auto& r : reports) {
        // Findings not tied to one mode go to a suite of their own.
        std::string report_role = xenrules::role_name(r.role);
        std::string because = r.undecided ? undecided_because(r).get<std::string>() : "";
        Suite general{
            r.input + " [" + report_role + "]", r.input + "." + report_role, "", {}, because};
        std::map<std::string, Suite> per_mode;
        std::vector<std::string> order;
        for (const auto& m : r.modes) {
            std::string role = xenrules::role_name(m.role), mode = xenrules::mode_name(m.mode);
            std::string key = role + "/" + mode;
            if (per_mode.count(key)) continue;
            Suite s{r.input + " [" + mode_label(m) + "]",
                    r.input + "." + role + "." + mode,
                    m.applicable ? "" : (m.note.empty() ? "mode does not apply" : m.note),
                    {},
                    because};
            if (m.applicable && catalog.applicable)
                for (const auto& id : catalog.applicable(r, m))
                    s.cases.push_back({id, {}});
            per_mode[key] = std::move(s);
            order.push_back(key);
        }
        // A finding goes to the suite of each mode it names ("pv, pvh"); one
        // that names none concerns every mode and goes to each applicable
        // mode's suite, so that a suite passes exactly when its mode does.
        for (const auto& f : r.findings) {
            std::vector<Suite*> targets;
            std::string role = xenrules::role_name(f.role ? *f.role : r.role);
            if (!f.modes.empty()) {
                for (xenrules::Mode one : f.modes)
                    if (auto it = per_mode.find(role + "/" + xenrules::mode_name(one));
                        it != per_mode.end())
                        targets.push_back(&it->second);
            } else {
                for (const auto& key : order)
                    if (per_mode[key].skipped_note.empty()) targets.push_back(&per_mode[key]);
            }
            if (targets.empty()) targets.push_back(&general);
            for (Suite* target : targets) {
                Case* c = nullptr;
                for (auto& existing : target->cases)
                    if (existing.name == f.rule_id) c = &existing;
                if (!c) {
                    target->cases.push_back({f.rule_id, {}});
                    c = &target->cases.back();
                }
                c->findings.push_back(&f);
            }
        }
        if (!general.cases.empty()) suites.push_back(std::move(general));
        for (const auto& key : order)
            suites.push_back(std::move(per_mode[key]));
    }

    size_t total_tests = 0, total_failures = 0, total_skipped = 0;
    std::string body;
    for (const auto& s : suites) {
        size_t tests = 0, failures = 0, skipped = 0;
        std::string cases;
        // The Ant JUnit schema's <properties> come first in a suite: the
        // undecided reason as data, the same value JSON and SARIF carry.
        if (!s.undecided_because.empty())
            cases += "    <properties>\n      <property name=\"undecided_because\" value=\"" +
                     xml_escape(s.undecided_because) + "\"/>\n    </properties>\n";
        if (!s.skipped_note.empty()) {
            tests = skipped = 1;
            cases += "    <testcase classname=\"" + xml_escape(s.classname) +
                     "\" name=\"mode\">\n      <skipped message=\"" + xml_escape(s.skipped_note) +
                     "\"/>\n    </testcase>\n";
        }
        for (const auto& c : s.cases) {
            ++tests;
            std::string inner, out_text;
            bool failed = false, all_suppressed = !c.findings.empty();
            std::string input = s.classname.substr(0, s.classname.find('.'));
            for (const Finding* f : c.findings) {
                bool fails =
                    f->severity == Severity::Error || (strict && f->severity == Severity::Warning);
                if (f->suppressed) {
                    out_text += "suppressed: " + finding_body(*f, input);
                    continue;
                }
                all_suppressed = false;
                if (fails) {
                    inner += "      <failure message=\"" + xml_escape(finding_message(*f)) +
                             "\" type=\"" + finding_severity_text(f->severity) + "\">" +
                             xml_escape(finding_body(*f, input)) + "</failure>\n";
                    failed = true;
                } else {
                    out_text += finding_body(*f, input);
                }
            }
            if (failed) ++failures;
            if (all_suppressed) {
                ++skipped;
                inner += "      <skipped message=\"suppressed\"/>\n";
            }
            if (!out_text.empty())
                inner += "      <system-out>" + xml_escape(out_text) + "</system-out>\n";
            cases += "    <testcase classname=\"" + xml_escape(s.classname) + "\" name=\"" +
                     xml_escape(c.name) + "\"";
            cases += inner.empty() ? "/>\n" : ">\n" + inner + "    </testcase>\n";
        }
        total_tests += tests;
        total_failures += failures;
        total_skipped += skipped;
        body += "  <testsuite name=\"" + xml_escape(s.name) + "\" tests=\"" +
                std::to_string(tests) + "\" failures=\"" + std::to_string(failures) +
                "\" errors=\"0\" skipped=\"" + std::to_string(skipped) + "\">\n" + cases +
                "  </testsuite>\n";
    }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<testsuites name=\"xencfg check\" tests=\"" + std::to_string(total_tests) +
           "\" failures=\"" + std::to_string(total_failures) + "\" errors=\"0\" skipped=\"" +
           std::to_string(total_skipped) + "\">\n";
    out += body;
    out += "</testsuites>\n";
    return out;
}

} // namespace emit
