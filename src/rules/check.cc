// `xencfg check`: target detection, evaluation through the engine, the rule
// checks per role/mode, explanations down to settable symbols.
#include "rules/check.h"
#include "kconfig/menu.h"

#include "kconfig/confdata.h"
#include "kconfig/eval.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace xenrules {

using kconfig::Context;
using kconfig::Expr;
using kconfig::ExprKind;
using kconfig::MenuNode;
using kconfig::Symbol;
using kconfig::SymbolType;
using kconfig::Tristate;

// ---------------------------------------------------------------------------
// Input parsing

namespace {

std::string trim(std::string s) {
    size_t b = s.find_first_not_of(" \t");
    size_t e = s.find_last_not_of(" \t");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

} // namespace

namespace {
bool is_symbol_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}
} // namespace

// Hand-written rather than std::regex: a distribution config has 10,000+
// lines and this runs for every input.
// One line of a .config: "CONFIG_X=v" or "# CONFIG_X is not set" (a
// trailing '\r' already removed). Sets the name and, when asked, the value
// ("n" for "is not set", quotes removed).
bool parse_setting_line(std::string_view l, std::string_view& name, std::string* value) {
    if (l.rfind("CONFIG_", 0) == 0) {
        size_t i = 7;
        while (i < l.size() && is_symbol_char(l[i]))
            ++i;
        if (i == 7 || i >= l.size() || l[i] != '=') return false;
        name = l.substr(7, i - 7);
        if (value) {
            std::string v = trim(std::string(l.substr(i + 1)));
            if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
            *value = std::move(v);
        }
        return true;
    }
    if (l.rfind("# CONFIG_", 0) == 0) {
        size_t i = 9;
        while (i < l.size() && is_symbol_char(l[i]))
            ++i;
        std::string_view rest = l.substr(i);
        while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t'))
            rest.remove_suffix(1);
        if (i <= 9 || rest != " is not set") return false;
        name = l.substr(9, i - 9);
        if (value) *value = "n";
        return true;
    }
    return false;
}

ParsedConfig parse_config_text(const std::string& text) {
    ParsedConfig pc;
    std::string_view all(text);
    int ln = 0;
    size_t pos = 0;
    while (pos < all.size()) {
        size_t nl = all.find('\n', pos);
        std::string_view l =
            all.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? all.size() : nl + 1;
        ++ln;
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        std::string_view name;
        std::string value;
        if (l.rfind("CONFIG_", 0) == 0 || l.rfind("# CONFIG_", 0) == 0) {
            if (parse_setting_line(l, name, &value))
                pc.lines.push_back({std::string(name), std::move(value), ln});
        } else if (!l.empty() && l[0] == '#') {
            // "# xencfg: ignore ID[, ID...] [-- reason]"
            size_t i = 1;
            while (i < l.size() && (l[i] == ' ' || l[i] == '\t'))
                ++i;
            if (l.substr(i, 7) != "xencfg:") continue;
            i += 7;
            while (i < l.size() && (l[i] == ' ' || l[i] == '\t'))
                ++i;
            if (l.substr(i, 6) != "ignore" || i + 6 >= l.size() ||
                (l[i + 6] != ' ' && l[i + 6] != '\t'))
                continue;
            std::string ids(l.substr(i + 7));
            if (auto p = ids.find(" -- "); p != std::string::npos) ids = ids.substr(0, p);
            std::replace(ids.begin(), ids.end(), ',', ' ');
            std::istringstream ss(ids);
            std::string id;
            while (ss >> id)
                pc.ignores.push_back({id, ln});
        }
    }
    pc.line_count = ln;
    return pc;
}

ConfigTarget detect_target(const std::string& text) {
    static const std::regex header_re(R"(^# Linux/(\S+) (\S+) Kernel Configuration\s*$)");
    static const std::regex old_header_re(R"(^# Linux kernel version: (\S+)\s*$)");
    ConfigTarget t;
    // The header is in the first lines: do not split the whole file.
    std::vector<std::string> lines;
    for (size_t pos = 0; pos < text.size() && lines.size() < 12;) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string::npos) nl = text.size();
        lines.push_back(text.substr(pos, nl - pos));
        pos = nl + 1;
    }
    std::string family;
    for (size_t i = 0; i < lines.size() && i < 12; ++i) {
        std::smatch m;
        if (lines[i].rfind("# Linux", 0) != 0) continue; // both headers start so
        if (std::regex_match(lines[i], m, header_re)) {
            family = m[1].str();
            t.version_text = m[2].str();
        } else if (std::regex_match(lines[i], m, old_header_re)) {
            t.version_text = m[1].str();
        } else {
            continue;
        }
        t.version = KVer::parse(t.version_text);
        t.header_line = int(i) + 1;
        t.has_header = true;
        break;
    }
    // A light scan (no full parse): the arch-defining symbols and the number
    // of setting lines, which is all the detection needs.
    std::map<std::string, ConfigLine> last;
    size_t setting_lines = 0;
    int ln = 0;
    for (size_t pos = 0; pos < text.size();) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string::npos) nl = text.size();
        std::string_view line(text.data() + pos, nl - pos);
        pos = nl + 1;
        ++ln;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        std::string_view name;
        if (!parse_setting_line(line, name, nullptr)) continue;
        ++setting_lines;
        if (name == "X86_64" || name == "X86_32" || name == "X86" || name == "64BIT" ||
            name == "ARM64" || name == "ARM") {
            ConfigLine l;
            parse_setting_line(line, name, &l.value);
            l.symbol = std::string(name);
            l.line = ln;
            last[l.symbol] = l;
        }
    }
    auto is_y = [&](const char* s) {
        auto it = last.find(s);
        return it != last.end() && it->second.value == "y";
    };
    auto line_of = [&](const char* s) { return last.count(s) ? last[s].line : 0; };
    std::vector<std::pair<Arch, int>> found;
    if (is_y("X86_64")) found.push_back({Arch::X86_64, line_of("X86_64")});
    if (is_y("X86_32"))
        found.push_back({Arch::X86_32, line_of("X86_32")});
    else if (is_y("X86") && last.count("64BIT") && last["64BIT"].value == "n")
        found.push_back({Arch::X86_32, line_of("64BIT")});
    if (is_y("ARM64")) found.push_back({Arch::Arm64, line_of("ARM64")});
    if (is_y("ARM")) found.push_back({Arch::Arm, line_of("ARM")});
    if (!found.empty()) {
        t.arch = found.front().first;
        t.arch_line = found.front().second;
        for (size_t i = 1; i < found.size(); ++i)
            t.notes.push_back(
                fmt::format("the config sets both CONFIG_{} (line {}) and CONFIG_{} (line {})",
                            found[0].first == Arch::X86_64   ? "X86_64"
                            : found[0].first == Arch::X86_32 ? "X86_32"
                            : found[0].first == Arch::Arm64  ? "ARM64"
                                                             : "ARM",
                            found[0].second,
                            found[i].first == Arch::X86_64   ? "X86_64"
                            : found[i].first == Arch::X86_32 ? "X86_32"
                            : found[i].first == Arch::Arm64  ? "ARM64"
                                                             : "ARM",
                            found[i].second));
    }
    if (!family.empty()) {
        std::optional<Arch> fam_arch;
        bool fam_x86 = family == "x86" || family == "i386" || family == "x86_64";
        if (family == "x86_64")
            fam_arch = Arch::X86_64;
        else if (family == "i386")
            fam_arch = Arch::X86_32;
        else if (family == "arm64")
            fam_arch = Arch::Arm64;
        else if (family == "arm")
            fam_arch = Arch::Arm;
        if (t.arch) {
            bool consistent = fam_x86 ? is_x86(*t.arch) : (fam_arch && *fam_arch == *t.arch);
            if (fam_x86 && fam_arch && *fam_arch != *t.arch) consistent = false;
            if (!consistent)
                t.notes.push_back(fmt::format(
                    "the header (line {}) says Linux/{} but CONFIG_ lines say {} (line {})",
                    t.header_line, family, arch_name(*t.arch), t.arch_line));
        } else if (fam_arch) {
            t.arch = fam_arch;
            t.arch_line = t.header_line;
        }
    }
    t.looks_like_fragment = !t.has_header && setting_lines < 400;
    return t;
}

int check_exit_status(const CheckReport& report) {
    return report.pass ? 0 : 1;
}

// ---------------------------------------------------------------------------
// The check

namespace {

struct Checker {
    const CheckKnowledge& kn;
    Context* ctx;
    const RuleSet& rules;
    const std::string& input;
    const CheckOptions& opt;
    CheckReport& rep;

    ParsedConfig pc;
    std::map<std::string, ConfigLine> written; // last line per symbol
    bool fragment = false;
    bool evaluated = false; // values come from the engine (else from the text)
    Role role = Role::DomU;
    Arch arch = Arch::X86_64;
    KVer ver;

    // ---- values ----------------------------------------------------------
    Symbol* defined(const std::string& name) const {
        Symbol* s = ctx ? ctx->find_symbol(name) : nullptr;
        return (s && s->is_defined() && s->type != SymbolType::Unknown) ? s : nullptr;
    }
    // The value a symbol ends up with: "y", "m", "n", text; "undefined" when
    // neither the knowledge nor the config knows the symbol.
    std::string value_of(const std::string& name) {
        if (evaluated) {
            if (Symbol* s = defined(name)) {
                std::string v = kconfig::sym_value(*ctx, s);
                if ((s->type == SymbolType::Bool || s->type == SymbolType::Tristate) && v.empty())
                    return "n";
                return v;
            }
        }
        auto it = written.find(name);
        if (it != written.end()) return it->second.value;
        if (!evaluated && defined(name)) return "n";
        return defined(name) ? "n" : "undefined";
    }
    Tristate tri_of(const std::string& name) {
        std::string v = value_of(name);
        return v == "y" ? Tristate::Yes : v == "m" ? Tristate::Mod : Tristate::No;
    }
    // Evaluate an expression with value_of (works in both modes).
    Tristate eval(const Expr* e) {
        if (!e) return Tristate::Yes;
        switch (e->kind) {
        case ExprKind::Or:
            return kconfig::tri_or(eval(e->left), eval(e->right));
        case ExprKind::And:
            return kconfig::tri_and(eval(e->left), eval(e->right));
        case ExprKind::Not:
            return kconfig::tri_not(eval(e->left));
        case ExprKind::Symbol:
            return sym_tri(e->sym);
        case ExprKind::Equal:
        case ExprKind::Unequal: {
            bool eq = sym_text(e->sym) == sym_text(e->rsym);
            return (eq == (e->kind == ExprKind::Equal)) ? Tristate::Yes : Tristate::No;
        }
        default:
            if (evaluated && ctx) return kconfig::expr_calc_value(*ctx, e);
            return Tristate::No;
        }
    }
    Tristate sym_tri(Symbol* s) {
        if (!s) return Tristate::No;
        if (s->is_const())
            return s->name == "y" ? Tristate::Yes : s->name == "m" ? Tristate::Mod : Tristate::No;
        return tri_of(s->name);
    }
    std::string sym_text(Symbol* s) {
        if (!s) return "";
        if (s->is_const()) return s->name;
        return value_of(s->name);
    }
    std::string with_values(const Expr* e) {
        return kconfig::expr_to_string_with_values(e, [this](Symbol* s) { return sym_text(s); });
    }

    // ---- explanation -----------------------------------------------------
    static bool has_prompt(const Symbol* s) {
        for (const kconfig::Property* p : s->props)
            if (p->kind == kconfig::PropertyKind::Prompt || p->kind == kconfig::PropertyKind::Menu)
                return true; // Menu: a menuconfig's prompt
        return false;
    }
    static std::string tri_str(Tristate t) { return std::string(1, kconfig::tristate_char(t)); }

    // Explain why `sym` is below `want`, appending lines and leaf changes.
    void explain(Symbol* sym, Tristate want, int depth, std::vector<std::string>& lines,
                 std::vector<Change>& changes, std::set<Symbol*>& seen) {
        if (!sym || sym->is_const() || depth > 6 || !seen.insert(sym).second) return;
        std::string indent(size_t(depth) * 2, ' ');
        if (!defined(sym->name)) {
            lines.push_back(indent + sym->name + " is not defined in " + kn.description);
            return;
        }
        const Expr* dep = sym->dir_dep.expr;
        Tristate dep_val = eval(dep);
        bool prompt = has_prompt(sym);
        if (dep && dep_val < want) {
            lines.push_back(fmt::format("{}{} depends on {}", indent, sym->name, with_values(dep)));
            explain_expr(dep, want, depth + 1, lines, changes, seen);
            if (prompt) add_change(sym, want, changes);
            return;
        }
        if (prompt) {
            if (sym_tri(sym) < want) {
                lines.push_back(fmt::format("{}{} [={}] can be set: its dependencies are met",
                                            indent, sym->name, value_of(sym->name)));
                add_change(sym, want, changes);
            }
            return;
        }
        // No prompt: the value comes from selects and defaults.
        if (sym->rev_dep.expr) {
            lines.push_back(fmt::format("{}{} has no prompt; selected by {}", indent, sym->name,
                                        with_values(sym->rev_dep.expr)));
            explain_select(sym->rev_dep.expr, want, depth + 1, lines, changes, seen);
        } else {
            lines.push_back(
                fmt::format("{}{} has no prompt and nothing selects it here", indent, sym->name));
        }
    }
    void explain_expr(const Expr* e, Tristate want, int depth, std::vector<std::string>& lines,
                      std::vector<Change>& changes, std::set<Symbol*>& seen) {
        if (!e || eval(e) >= want) return;
        switch (e->kind) {
        case ExprKind::And:
            explain_expr(e->left, want, depth, lines, changes, seen);
            explain_expr(e->right, want, depth, lines, changes, seen);
            break;
        case ExprKind::Or: {
            // Follow the first alternative that can be reached (no !, no
            // undefined symbols), else the first one.
            std::vector<const Expr*> alts;
            kconfig::expr_chain_terms(e, ExprKind::Or, alts);
            explain_expr(cheapest(alts, want, depth, seen), want, depth, lines, changes, seen);
            break;
        }
        case ExprKind::Symbol:
            explain(e->sym, want, depth, lines, changes, seen);
            break;
        case ExprKind::Not:
            if (e->left && e->left->kind == ExprKind::Symbol && e->left->sym) {
                Symbol* s = e->left->sym;
                std::string indent(size_t(depth) * 2, ' ');
                lines.push_back(
                    fmt::format("{}{} [={}] must be n", indent, s->name, value_of(s->name)));
                if (has_prompt(s)) add_change(s, Tristate::No, changes);
            }
            break;
        default: {
            std::string indent(size_t(depth) * 2, ' ');
            lines.push_back(indent + with_values(e) + " is not met");
        }
        }
    }
    void explain_select(const Expr* e, Tristate want, int depth, std::vector<std::string>& lines,
                        std::vector<Change>& changes, std::set<Symbol*>& seen) {
        // rev_dep is an OR of "SELECTOR && cond" terms: pick the first
        // selector with a prompt and explain it.
        std::vector<const Expr*> terms;
        kconfig::expr_chain_terms(e, ExprKind::Or, terms);
        explain_expr(cheapest(terms, want, depth, seen), want, depth, lines, changes, seen);
    }
    // Of the alternatives of an OR (or the selectors of a symbol), the one
    // that needs the fewest changes; one that needs a symbol this kernel
    // lacks, or another architecture (64BIT, X86_64, ARM...), comes last.
    const Expr* cheapest(const std::vector<const Expr*>& alts, Tristate want, int depth,
                         const std::set<Symbol*>& seen) {
        static const std::set<std::string> arch_identity = {"64BIT", "X86_64", "X86_32",
                                                            "X86",   "ARM",    "ARM64"};
        const Expr* best = alts.front();
        size_t best_score = SIZE_MAX;
        for (const Expr* a : alts) {
            std::vector<std::string> l;
            std::vector<Change> c;
            std::set<Symbol*> s = seen;
            explain_expr(a, want, depth, l, c, s);
            size_t score = c.size();
            for (const std::string& line : l)
                if (line.find(" is not defined in ") != std::string::npos ||
                    line.find("nothing selects it") != std::string::npos)
                    score += 1000;
            for (const Change& ch : c)
                if (arch_identity.count(ch.symbol)) score += 100;
            if (score < best_score) {
                best = a;
                best_score = score;
            }
        }
        return best;
    }
    void add_change(Symbol* s, Tristate want, std::vector<Change>& changes) {
        for (const Change& c : changes)
            if (c.symbol == s->name) return;
        Change c;
        c.symbol = s->name;
        c.current = value_of(s->name);
        c.wanted = want == Tristate::No ? "n" : "y";
        if (!s->menus.empty()) {
            c.menu = kconfig::menu_location(s->menus.front());
            if (s->menus.front()->loc.file)
                c.kconfig = {*s->menus.front()->loc.file, s->menus.front()->loc.line};
        }
        changes.push_back(std::move(c));
    }

    // ---- positions ---------------------------------------------------------
    // Where a line for `name` would go: after the nearest preceding symbol (in
    // menu order) that the file writes; else the end of the file.
    SourceRef insertion_point(const std::string& name) {
        SourceRef r{input, pc.line_count + 1};
        if (!ctx || fragment) return r;
        Symbol* target = defined(name);
        if (!target) return r;
        int last_line = 0;
        for (MenuNode* m = ctx->root_menu.list; m; m = kconfig::menu_next(m, &ctx->root_menu)) {
            if (!m->sym) continue;
            if (m->sym == target) {
                if (last_line) r.line = last_line + 1;
                return r;
            }
            auto it = written.find(m->sym->name);
            if (it != written.end()) last_line = std::max(last_line, it->second.line);
        }
        return r;
    }

    // ---- findings ---------------------------------------------------------
    bool suppressed_by_comment(const std::string& id, SourceRef& by) {
        for (auto& [pat, line] : pc.ignores) {
            bool match = (!pat.empty() && pat.back() == '*')
                             ? id.rfind(pat.substr(0, pat.size() - 1), 0) == 0
                             : pat == id;
            if (match) {
                by = {input, line};
                return true;
            }
        }
        return false;
    }
    void finish(Finding& f) {
        // A fragment is merged onto a base config: what it leaves unsaid is
        // the base's business. A finding whose fix lies only in symbols the
        // fragment does not mention is advice, not an error.
        if (fragment && (f.kind == FindingKind::Rule || f.kind == FindingKind::Dropped) &&
            !f.changes.empty()) {
            std::vector<std::string> base;
            bool only_base = true;
            for (const Change& c : f.changes) {
                if (c.symbol == f.symbol) continue;
                if (written.count(c.symbol))
                    only_base = false;
                else
                    base.push_back("CONFIG_" + c.symbol + "=" + c.wanted);
            }
            if (only_base && !base.empty()) {
                std::string list;
                for (const std::string& b : base)
                    list += (list.empty() ? "" : ", ") + b;
                f.severity = Severity::Info;
                f.message +=
                    " (unless the base config the fragment is merged onto has " + list + ")";
            }
        }
        SourceRef by;
        if (suppressed_by_comment(f.rule_id, by)) {
            f.suppressed = true;
            f.suppressed_by = by;
        }
        for (const std::string& d : opt.disabled) {
            bool match = (!d.empty() && d.back() == '*')
                             ? f.rule_id.rfind(d.substr(0, d.size() - 1), 0) == 0
                             : d == f.rule_id;
            if (match) f.suppressed = true;
        }
    }

    static bool same_value(const Symbol* s, const std::string& req, const std::string& actual) {
        if (s->type == SymbolType::Hex) {
            auto norm = [](std::string v) {
                if (v.rfind("0x", 0) == 0 || v.rfind("0X", 0) == 0) v = v.substr(2);
                return v;
            };
            return norm(req) == norm(actual);
        }
        return req == actual;
    }

    std::string fix_line(const std::string& name, const std::string& value) {
        if (value == "n") return "# CONFIG_" + name + " is not set";
        Symbol* s = defined(name);
        if (s && s->type == SymbolType::String) return "CONFIG_" + name + "=\"" + value + "\"";
        return "CONFIG_" + name + "=" + value;
    }

    // ---- the build environment --------------------------------------------
    // Symbols whose value the tree computes from the build machine: a
    // default or dependency written with a $(...) call (cc-option, shell,
    // success, CC_VERSION_TEXT...). A .config made elsewhere differs there
    // by nature, and so does whatever depends on them.
    std::map<std::string, std::vector<std::string>> source_lines_;
    const std::string* source_line(const kconfig::Location& loc) {
        if (!loc.file || loc.line <= 0 || kn.is_kb || !ctx) return nullptr;
        auto it = source_lines_.find(*loc.file);
        if (it == source_lines_.end()) {
            std::string path = *loc.file;
            if (!path.empty() && path[0] != '/' && !ctx->srctree.empty())
                path = ctx->srctree + "/" + path;
            std::ifstream in(path);
            std::vector<std::string> lines;
            for (std::string l; std::getline(in, l);)
                lines.push_back(std::move(l));
            it = source_lines_.emplace(*loc.file, std::move(lines)).first;
        }
        if (size_t(loc.line) > it->second.size()) return nullptr;
        return &it->second[size_t(loc.line) - 1];
    }
    bool machine_derived(Symbol* s) {
        static const std::regex call(R"(\$\((?!(SRCARCH|ARCH|KERNELVERSION|srctree)\)))");
        for (const kconfig::Property* p : s->props) {
            if (p->kind != kconfig::PropertyKind::Default) continue;
            if (const std::string* l = source_line(p->loc); l && std::regex_search(*l, call))
                return true;
        }
        for (MenuNode* m : s->menus)
            if (const std::string* l = source_line(m->loc); l && std::regex_search(*l, call))
                return true;
        return false;
    }
    static void expr_syms(const Expr* e, std::vector<Symbol*>& out) {
        if (!e) return;
        expr_syms(e->left, out);
        expr_syms(e->right, out);
        if (e->sym && !e->sym->is_const()) out.push_back(e->sym);
        if (e->rsym && !e->rsym->is_const()) out.push_back(e->rsym);
    }
    // Of the symbols whose evaluated value differs from the file's, those
    // that the build machine explains: machine-derived ones, then (to a
    // fixpoint) those whose dependencies, selects or defaults use one.
    std::set<std::string> machine_changed(const std::vector<Symbol*>& changed) {
        std::set<std::string> out;
        if (kn.is_kb) return out;
        for (Symbol* s : changed)
            if (machine_derived(s)) out.insert(s->name);
        for (bool grew = true; grew;) {
            grew = false;
            for (Symbol* s : changed) {
                if (out.count(s->name)) continue;
                std::vector<Symbol*> refs;
                expr_syms(s->dir_dep.expr, refs);
                expr_syms(s->rev_dep.expr, refs);
                for (const kconfig::Property* p : s->props) {
                    expr_syms(p->visible.expr, refs);
                    if (p->kind == kconfig::PropertyKind::Default) expr_syms(p->expr, refs);
                }
                for (Symbol* r : refs)
                    if (out.count(r->name) || (!written.count(r->name) && machine_derived(r))) {
                        out.insert(s->name);
                        grew = true;
                        break;
                    }
            }
        }
        return out;
    }

    // Global findings: contradictions, values olddefconfig changes, unknown symbols.
    void global_findings() {
        std::set<std::string> by_machine;
        if (evaluated && !kn.is_kb) {
            std::vector<Symbol*> changed;
            for (const ConfigLine& l : pc.lines) {
                Symbol* s = defined(l.symbol);
                if (s && written.at(l.symbol).line == l.line &&
                    !same_value(s, l.value, value_of(l.symbol)))
                    changed.push_back(s);
            }
            by_machine = machine_changed(changed);
        }
        for (const ConfigLine& l : pc.lines) {
            Symbol* s = defined(l.symbol);
            if (!s) {
                if (!ctx || (!kn.is_kb) || exact()) {
                    // The kernel lacks it. Say what the rules know.
                    std::string history;
                    for (const Rule& r : rules.rules) {
                        for (const Rename& rn : r.renames)
                            if (rn.name == l.symbol && !rn.versions.contains(ver))
                                history = fmt::format("; {} is the name {} (see rule {})", r.symbol,
                                                      rn.versions.str(), r.id);
                        if (r.symbol == l.symbol && !r.versions.contains(ver) &&
                            !r.versions.unbounded())
                            history = fmt::format("; rule {} covers it for {} only", r.id,
                                                  r.versions.str());
                    }
                    if (!kn.is_kb || exact()) {
                        if (kn.is_kb && history.empty())
                            continue; // a kb holds only the rule symbols
                        Finding f;
                        f.rule_id = "xencfg.unknown-symbol";
                        f.kind = FindingKind::Unknown;
                        f.severity = l.value == "n" ? Severity::Info : Severity::Warning;
                        f.symbol = l.symbol;
                        f.requested = l.value;
                        f.actual = "undefined";
                        f.where = {input, l.line};
                        f.message = fmt::format(
                            "CONFIG_{} is not a symbol of Linux {} ({}); the line is ignored{}",
                            l.symbol, ver.str(), arch_name(arch), history);
                        f.fix = {"# remove line " + std::to_string(l.line)};
                        finish(f);
                        rep.findings.push_back(std::move(f));
                    }
                }
                continue;
            }
            if (!evaluated) continue;
            if (written.at(l.symbol).line != l.line) continue; // only the last assignment counts
            std::string actual = value_of(l.symbol);
            std::string req = l.value;
            if (same_value(s, req, actual)) continue;
            // The fields both kinds of "olddefconfig does not keep it" share.
            auto dropped = [&](const char* rule_id, Severity severity) {
                Finding f;
                f.rule_id = rule_id;
                f.kind = FindingKind::Dropped;
                f.severity = severity;
                f.symbol = l.symbol;
                f.requested = req;
                f.actual = actual;
                f.expected = req;
                f.where = {input, l.line};
                return f;
            };
            if (by_machine.count(l.symbol)) {
                Finding f = dropped("xencfg.build-environment", Severity::Info);
                f.message = fmt::format(
                    "CONFIG_{}={} at {}:{} would be {} on this machine: the value follows the "
                    "build toolchain, not the configuration",
                    l.symbol, req, input, l.line,
                    actual == "n" ? "dropped" : "changed to " + actual);
                if (s->dir_dep.expr && eval(s->dir_dep.expr) == Tristate::No)
                    f.explanation.push_back(l.symbol + " depends on " +
                                            with_values(s->dir_dep.expr));
                f.explanation.push_back(
                    "the tree computes it (or what it depends on) with $(...) probes of the "
                    "compiler, assembler, linker or pahole");
                finish(f);
                rep.findings.push_back(std::move(f));
                continue;
            }
            Finding f = dropped("xencfg.dropped", Severity::Error);
            std::set<Symbol*> seen;
            Tristate want = req == "y" ? Tristate::Yes : req == "m" ? Tristate::Mod : Tristate::No;
            std::string reason;
            if (want > Tristate::No) {
                explain(s, want, 0, f.explanation, f.changes, seen);
                if (s->dir_dep.expr && eval(s->dir_dep.expr) < want)
                    reason = ": depends on " + with_values(s->dir_dep.expr);
                else if (!has_prompt(s))
                    reason = ": it has no prompt";
                else if (want == Tristate::Mod && tri_of(l.symbol) == Tristate::Yes)
                    reason = ": forced to y (selected, or modules are off)";
            } else if (s->rev_dep.expr && eval(s->rev_dep.expr) > Tristate::No) {
                reason = ": selected by " + with_values(s->rev_dep.expr);
            }
            f.message =
                fmt::format("CONFIG_{}={} at {}:{} will be {}{}", l.symbol, req, input, l.line,
                            actual == "n" ? "dropped" : "changed to " + actual, reason);
            for (const Change& c : f.changes)
                f.fix.push_back(fix_line(c.symbol, c.wanted));
            finish(f);
            rep.findings.push_back(std::move(f));
        }
    }

    bool exact() const {
        return kn.version && kn.version->major == ver.major && kn.version->minor == ver.minor;
    }

    // In fragment mode, a rule is judged only when the fragment speaks about it.
    bool fragment_mentions(const Rule& r, const std::string& name) {
        if (written.count(name)) return true;
        if (!r.via.empty() && written.count(r.via)) return true;
        if (!r.require.empty()) {
            static const std::regex ident(R"([A-Za-z0-9_]+)");
            for (auto it = std::sregex_iterator(r.require.begin(), r.require.end(), ident);
                 it != std::sregex_iterator(); ++it)
                if (written.count(it->str())) return true;
        }
        return false;
    }

    // One rule in one mode: nullopt when met or not applicable.
    std::optional<Finding> check_rule(const Rule& r, Mode mode) {
        if (!r.when.empty()) {
            std::string err;
            const Expr* w = ctx ? kconfig::parse_expression(*ctx, r.when, &err) : nullptr;
            if (!w || eval(w) == Tristate::No) return std::nullopt;
        }
        Finding f;
        f.rule_id = r.id;
        f.kind = FindingKind::Rule;
        f.severity = r.severity;
        f.role = role_name(role);
        f.mode = mode_name(mode);
        f.rationale = r.rationale;
        f.source = r.source;
        if (!r.require.empty()) {
            std::string err;
            const Expr* e = ctx ? kconfig::parse_expression(*ctx, r.require, &err) : nullptr;
            if (!e) return std::nullopt;
            if (fragment && !fragment_mentions(r, "")) return std::nullopt;
            Tristate need = r.accept.kind == AcceptKind::YesOrMod ? Tristate::Mod : Tristate::Yes;
            Tristate got = eval(e);
            if (got >= need) return std::nullopt;
            f.symbol = r.require;
            f.expected = r.accept.kind == AcceptKind::YesOrMod ? "y or m" : "y";
            f.actual = tri_str(got);
            f.where = {input, 0};
            std::set<Symbol*> seen;
            f.explanation.push_back("requires " + with_values(e));
            explain_expr(e, need, 1, f.explanation, f.changes, seen);
            f.message = fmt::format("{} {}: requires {}", f.role, f.mode, with_values(e));
        } else {
            std::string name = r.symbol_for(ver);
            if (fragment && !fragment_mentions(r, name)) return std::nullopt;
            bool known = defined(name) != nullptr;
            // Never demand a symbol the kernel version lacks.
            if (!known && ctx && (exact() || !kn.is_kb) && !written.count(name))
                return std::nullopt;
            std::string actual = value_of(name);
            if (actual == "undefined") actual = "n";
            if (r.accept.accepts(actual)) return std::nullopt;
            f.symbol = name;
            f.expected = r.accept.str();
            f.actual = actual;
            auto it = written.find(name);
            if (it != written.end()) {
                f.requested = it->second.value;
                f.where = {input, it->second.line};
            } else {
                f.where = insertion_point(name);
                f.where_is_insertion = true;
            }
            // Not evaluated (a knowledge base for another version): the
            // extract's dependencies are not this kernel's, so explain nothing.
            Symbol* s = evaluated ? defined(name) : nullptr;
            if (!evaluated)
                f.explanation.push_back(fmt::format(
                    "judged from the config text: {} is for Linux {}, whose dependencies "
                    "are not applied to {}",
                    kn.description, kn.version ? kn.version->str() : "?", ver.str()));
            if (r.accept.kind != AcceptKind::No && r.accept.kind != AcceptKind::Literal && s) {
                std::set<Symbol*> seen;
                explain(s, Tristate::Mod, 0, f.explanation, f.changes, seen);
                if (r.accept.kind == AcceptKind::Yes && tri_of(name) == Tristate::Mod) {
                    f.explanation.push_back(name + " is m; the rule needs it built in");
                    add_change(s, Tristate::Yes, f.changes);
                }
                if (!has_prompt(s)) {
                    f.set_symbol = r.via;
                    if (f.set_symbol.empty())
                        for (const Change& c : f.changes)
                            f.set_symbol = c.symbol;
                    if (!r.via.empty()) {
                        Symbol* v = defined(r.via);
                        if (v &&
                            std::none_of(f.changes.begin(), f.changes.end(),
                                         [&](const Change& c) { return c.symbol == r.via; }) &&
                            tri_of(r.via) < Tristate::Mod) {
                            std::set<Symbol*> seen2;
                            explain(v, Tristate::Mod, 0, f.explanation, f.changes, seen2);
                            add_change(v, Tristate::Yes, f.changes);
                        }
                    }
                }
            } else if (r.accept.kind == AcceptKind::No && s) {
                if (s->rev_dep.expr && eval(s->rev_dep.expr) > Tristate::No)
                    f.explanation.push_back(name + " is selected by " +
                                            with_values(s->rev_dep.expr));
                if (has_prompt(s)) add_change(s, Tristate::No, f.changes);
            }
            std::string via =
                f.set_symbol.empty() ? "" : fmt::format(" (no prompt: set {})", f.set_symbol);
            f.message = fmt::format("{} {}: CONFIG_{} is {}, needs {}{}", f.role, f.mode, name,
                                    actual == "n" ? "not set" : actual, f.expected, via);
        }
        for (const Change& c : f.changes)
            f.fix.push_back(fix_line(c.symbol, c.wanted));
        if (f.fix.empty() && !f.symbol.empty() && r.require.empty())
            f.fix.push_back(fix_line(f.symbol, r.accept.fix_value()));
        finish(f);
        return f;
    }

    bool run(const std::string& text, std::string* error) {
        pc = parse_config_text(text);
        for (const ConfigLine& l : pc.lines)
            written[l.symbol] = l;
        ConfigTarget tgt = detect_target(text);
        role = opt.role;
        rep.input = input;
        rep.role = role_name(role);
        rep.mode_requested = opt.mode ? mode_name(*opt.mode) : "any";
        rep.knowledge = kn.description;
        fragment = opt.fragment ? *opt.fragment : tgt.looks_like_fragment;
        rep.fragment = fragment;
        if (!opt.fragment && fragment)
            rep.notes.push_back(
                "judged as a fragment (no kernel header, few lines): only what it sets is checked");

        auto contradiction = [&](std::string id, Severity sev, int line, std::string msg) {
            Finding f;
            f.rule_id = std::move(id);
            f.kind = FindingKind::Contradiction;
            f.severity = sev;
            f.where = {input, line};
            f.message = std::move(msg);
            finish(f);
            rep.findings.push_back(std::move(f));
        };
        for (const std::string& n : tgt.notes)
            contradiction("xencfg.arch-mismatch", Severity::Warning, tgt.arch_line, n);

        // Arch.
        if (opt.arch) {
            arch = *opt.arch;
            if (tgt.arch && *tgt.arch != arch)
                contradiction("xencfg.arch-mismatch", Severity::Error, tgt.arch_line,
                              fmt::format("--arch {} overrides the config, which is {} (line {})",
                                          arch_name(arch), arch_name(*tgt.arch), tgt.arch_line));
        } else if (tgt.arch) {
            arch = *tgt.arch;
        } else {
            arch = Arch::X86_64;
            rep.notes.push_back(
                "no architecture in the input and none given (--arch): assuming x86_64");
        }
        rep.arch = arch_name(arch);

        // Version.
        if (opt.version) {
            ver = *opt.version;
            if (tgt.version && (tgt.version->major != ver.major || tgt.version->minor != ver.minor))
                contradiction("xencfg.version-mismatch", Severity::Warning, tgt.header_line,
                              fmt::format("--kernel-version {} overrides the header, which says {}",
                                          ver.str(), tgt.version_text));
            rep.kernel_version = ver.str();
        } else if (tgt.version) {
            ver = *tgt.version;
            rep.kernel_version = tgt.version_text;
        } else if (kn.version) {
            ver = *kn.version;
            rep.kernel_version = ver.str();
            rep.notes.push_back("no kernel version in the input: using " + kn.description + "'s (" +
                                ver.str() + ")");
        } else {
            if (error) *error = "no kernel version: give --kernel-version";
            return false;
        }
        if (kn.version && !exact()) {
            if (!kn.is_kb && tgt.version)
                contradiction("xencfg.version-mismatch", Severity::Warning, tgt.header_line,
                              fmt::format("the config is for Linux {} but the tree is {}",
                                          tgt.version_text, kn.version->str()));
            rep.notes.push_back(fmt::format(
                "{} is for {}, the config for {}: {}", kn.description, kn.version->str(), ver.str(),
                fragment ? "evaluating the fragment with it anyway"
                         : "values are taken from the config as written"));
        }

        // Evaluate.
        evaluated = ctx && (exact() || fragment);
        if (evaluated) {
            size_t before = ctx->diags.items().size();
            // The extract holds a few hundred symbols: the rest of a full
            // config is unknown to it by design (xencfg.unknown-symbol
            // reports the ones that matter).
            if (kn.is_kb) ctx->note_unknown_symbols = false;
            kconfig::conf_read_from_string(*ctx, input, text);
            // What conf would print while reading the file (invalid values,
            // reassignments, unexpected data) becomes findings at their line.
            std::vector<kconfig::Diagnostic> read_diags(ctx->diags.items().begin() + long(before),
                                                        ctx->diags.items().end());
            for (const kconfig::Diagnostic& d : read_diags) {
                if (d.message.rfind("unknown symbol: ", 0) == 0)
                    continue; // xencfg.unknown-symbol says it
                Finding f;
                f.rule_id = "xencfg.config-warning";
                f.kind = FindingKind::Contradiction;
                f.severity =
                    d.severity == kconfig::Severity::Error ? Severity::Error : Severity::Warning;
                f.where = {input, d.line};
                f.message = d.message + " (conf prints this while reading the file)";
                static const std::regex sym_re(
                    R"((?:reassigning to symbol|invalid for|^override:) ([A-Za-z0-9_]+))");
                std::smatch m;
                if (std::regex_search(d.message, m, sym_re)) f.symbol = m[1].str();
                finish(f);
                rep.findings.push_back(std::move(f));
            }
        }

        global_findings();

        // Modes.
        std::vector<ModeInfo> modes = modes_for(role, arch, ver);
        if (opt.mode) {
            auto it = std::find_if(modes.begin(), modes.end(),
                                   [&](const ModeInfo& m) { return m.mode == *opt.mode; });
            if (it == modes.end()) {
                contradiction("xencfg.mode-unavailable", Severity::Error, 0,
                              fmt::format("mode {} does not exist for {} on {}",
                                          mode_name(*opt.mode), role_name(role), arch_name(arch)));
                modes.clear();
            } else {
                ModeInfo only = *it;
                modes = {only};
            }
        }
        size_t global_errors = 0;
        for (const Finding& f : rep.findings)
            if (!f.suppressed && f.severity == Severity::Error) ++global_errors;

        std::map<std::string, size_t> index; // rule id -> finding index (merged over modes)
        std::vector<std::string> passing;
        for (const ModeInfo& mi : modes) {
            ModeSummary sum;
            sum.role = role_name(role);
            sum.mode = mode_name(mi.mode);
            sum.applicable = mi.exists;
            sum.note = mi.note;
            if (!mi.exists) {
                if (opt.mode)
                    contradiction("xencfg.mode-unavailable", Severity::Error, 0,
                                  fmt::format("{} {} on {} {}: {}", role_name(role),
                                              mode_name(mi.mode), arch_name(arch), ver.str(),
                                              mi.note));
                rep.modes.push_back(sum);
                continue;
            }
            for (const Rule* r : applicable_rules(rules, role, mi.mode, arch, ver)) {
                auto f = check_rule(*r, mi.mode);
                if (!f) continue;
                if (f->suppressed)
                    ++sum.suppressed;
                else if (f->severity == Severity::Error)
                    ++sum.errors;
                else if (f->severity == Severity::Warning)
                    ++sum.warnings;
                else
                    ++sum.infos;
                auto it = index.find(r->id);
                if (it != index.end()) {
                    // One finding for all the modes it fails in: "domU pv, pvh: ...".
                    Finding& first = rep.findings[it->second];
                    std::string prefix = first.role + " " + first.mode + ":";
                    first.mode += ", " + f->mode;
                    if (first.message.rfind(prefix, 0) == 0)
                        first.message = first.role + " " + first.mode + ":" +
                                        first.message.substr(prefix.size());
                } else {
                    index[r->id] = rep.findings.size();
                    rep.findings.push_back(std::move(*f));
                }
            }
            sum.errors += global_errors;
            sum.pass = sum.errors == 0;
            if (sum.pass) passing.push_back(sum.mode);
            rep.modes.push_back(sum);
        }
        // Rule findings whose mode list covers every applicable mode apply to all.
        std::vector<std::string> all_modes;
        for (const ModeSummary& s : rep.modes)
            if (s.applicable) all_modes.push_back(s.mode);
        std::string all;
        for (const std::string& m : all_modes)
            all += (all.empty() ? "" : ", ") + m;
        for (Finding& f : rep.findings)
            if (f.kind == FindingKind::Rule && all_modes.size() > 1 && f.mode == all) {
                f.mode.clear();
                auto p = f.message.find(' ');
                auto q = f.message.find(':');
                if (p != std::string::npos && q != std::string::npos && p < q)
                    f.message.erase(p, q - p);
            }
        for (const std::string& m : passing)
            rep.passing_modes += (rep.passing_modes.empty() ? "" : ", ") + m;
        rep.pass = !passing.empty();
        bool blocking_contradiction =
            std::any_of(rep.findings.begin(), rep.findings.end(), [](const Finding& f) {
                return !f.suppressed && f.severity == Severity::Error &&
                       f.kind == FindingKind::Contradiction;
            });
        if (blocking_contradiction) rep.pass = false;
        return true;
    }
};

} // namespace

bool run_check(const CheckKnowledge& knowledge, const RuleSet& rules, const std::string& input_name,
               const std::string& config_text, const CheckOptions& options, CheckReport& report,
               std::string* error) {
    Checker c{knowledge, knowledge.ctx, rules, input_name, options,      report, {},
              {},        false,         false, Role::DomU, Arch::X86_64, {},     {}};
    return c.run(config_text, error);
}

} // namespace xenrules
