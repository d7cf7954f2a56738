// `xencfg check`: target detection, evaluation through the engine, the rule
// checks per role/mode, explanations down to settable symbols.
#include "rules/check.h"
#include "kconfig/menu.h"
#include "rules/kb.h"

#include "kconfig/confdata.h"
#include "kconfig/dotconfig.h"
#include "kconfig/eval.h"
#include "rules/ignores.h"

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

ParsedConfig parse_config_text(const std::string& text) {
    ParsedConfig pc;
    for (const kconfig::ConfigLine& l :
         kconfig::read_config_text(text, kconfig::LineSyntax::Xencfg)) {
        pc.line_count = l.line;
        if (l.kind == kconfig::LineKind::Set || l.kind == kconfig::LineKind::Unset) {
            pc.lines.push_back({l.name, kconfig::config_value_text(l.value), l.line});
        } else if (auto c = read_ignore_comment(l.text)) {
            if (!c->reason.empty()) pc.ignore_reasons[l.line] = c->reason;
            for (std::string& id : c->ids)
                pc.ignores.push_back({std::move(id), l.line});
        }
    }
    return pc;
}

// The architecture-defining symbol of each kernel architecture without
// Xen support (arch/*/Kconfig: Linux has Xen guest and dom0 code for x86,
// arm and arm64 only, in every tree 5.10 to 7.3), and its ARCH family as
// the header names it ("# Linux/riscv 6.12.117 Kernel Configuration").
namespace {
const std::pair<const char*, const char*> kOtherArches[] = {
    {"RISCV", "riscv"},         {"PPC", "powerpc"},       {"S390", "s390"},
    {"LOONGARCH", "loongarch"}, {"MIPS", "mips"},         {"SPARC", "sparc"},
    {"PARISC", "parisc"},       {"ALPHA", "alpha"},       {"M68K", "m68k"},
    {"SUPERH", "sh"},           {"XTENSA", "xtensa"},     {"ARC", "arc"},
    {"CSKY", "csky"},           {"HEXAGON", "hexagon"},   {"MICROBLAZE", "microblaze"},
    {"NIOS2", "nios2"},         {"OPENRISC", "openrisc"}, {"UML", "um"},
    {"IA64", "ia64"},
};
const char* other_arch_family(std::string_view symbol) {
    for (const auto& [sym, family] : kOtherArches)
        if (symbol == sym) return family;
    return nullptr;
}
bool other_arch_family_named(std::string_view family) {
    for (const auto& entry : kOtherArches)
        if (family == entry.second) return true;
    return false;
}
} // namespace

std::string no_xen_arch_reason(const std::string& other_arch) {
    return "the config is for " + other_arch +
           ", and Linux runs under Xen only on x86 (x86_64, i386) and arm (arm, arm64)";
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
    size_t comment_lines = 0; // "# General setup" and the like, not "# CONFIG_X is not set"
    int ln = 0;
    for (size_t pos = 0; pos < text.size();) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string::npos) nl = text.size();
        std::string_view line(text.data() + pos, nl - pos);
        pos = nl + 1;
        ++ln;
        kconfig::ConfigLine setting = kconfig::read_config_line(line, kconfig::LineSyntax::Xencfg);
        if (setting.kind != kconfig::LineKind::Set && setting.kind != kconfig::LineKind::Unset) {
            if (line.size() > 2 && line[0] == '#' && line[1] == ' ') ++comment_lines;
            continue;
        }
        ++setting_lines;
        const std::string& name = setting.name;
        if (name == "X86_64" || name == "X86_32" || name == "X86" || name == "64BIT" ||
            name == "ARM64" || name == "ARM" || other_arch_family(name))
            last[name] = {name, kconfig::config_value_text(setting.value), ln};
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
    // An architecture Linux runs under Xen on none of (Debian's riscv64,
    // ppc64el, s390x, loong64 configs): named by its symbol, else the header.
    if (!t.arch) {
        for (const auto& [name, setting] : last)
            if (const char* fam = other_arch_family(name); fam && setting.value == "y") {
                t.other_arch = fam;
                t.arch_line = setting.line;
            }
        if (t.other_arch.empty() && !family.empty() && family != "x86" && !parse_arch(family) &&
            other_arch_family_named(family)) {
            t.other_arch = family;
            t.arch_line = t.header_line;
        }
    }
    if (!family.empty()) {
        // "Linux/x86" (ARCH=x86) names the family only.
        std::optional<Arch> fam_arch = family == "x86" ? std::nullopt : parse_arch(family);
        bool fam_x86 = family == "x86" || (fam_arch && is_x86(*fam_arch));
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
    // conf writes a menu comment ("# General setup") before every menu of a
    // full .config; savedefconfig writes none, and a kernel-ark/Fedora source
    // config at most an arch line ("# x86_64").
    t.looks_like_minimal = !t.has_header && !t.looks_like_fragment && comment_lines < 10;
    return t;
}

MergedConfig merge_onto_base(const std::string& base, const std::string& fragment) {
    std::set<std::string> set_by_fragment;
    for (const ConfigLine& l : parse_config_text(fragment).lines)
        set_by_fragment.insert(l.symbol);
    MergedConfig m;
    std::string_view all(base);
    for (size_t pos = 0; pos < all.size();) {
        size_t nl = all.find('\n', pos);
        std::string_view line = all.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
        pos = nl == std::string_view::npos ? all.size() : nl + 1;
        kconfig::ConfigLine setting = kconfig::read_config_line(line, kconfig::LineSyntax::Xencfg);
        if ((setting.kind == kconfig::LineKind::Set || setting.kind == kconfig::LineKind::Unset) &&
            set_by_fragment.count(setting.name))
            m.text += "#\n";
        else
            m.text += std::string(line) + "\n";
        ++m.offset;
    }
    m.text += fragment;
    return m;
}

void attribute_merged_lines(CheckReport& report, const std::string& base_name,
                            const std::string& fragment_name, int offset) {
    auto fix = [&](SourceRef& r) {
        if (r.file != fragment_name) return;
        if (r.line > offset)
            r.line -= offset;
        else if (r.line > 0)
            r.file = base_name;
    };
    for (Finding& f : report.findings) {
        fix(f.where);
        fix(f.suppressed_by);
    }
}

int check_exit_status(const CheckReport& report) {
    return report.pass ? 0 : 1;
}

// ---------------------------------------------------------------------------
// The check

namespace {

// Explanation lines up to kFoldAbove characters stay whole (a dependency
// reads best on one line); a longer one, a long list of selectors mostly,
// is folded into lines of at most kFoldWidth: at the last " || " that fits,
// else the last " && ", else the last space, each continuation indented
// four more than the line. A run without spaces stays whole.
constexpr size_t kFoldAbove = 400;
constexpr size_t kFoldWidth = 160;

std::vector<std::string> fold_line(const std::string& line) {
    if (line.size() <= kFoldAbove) return {line};
    size_t indent = line.find_first_not_of(' ');
    if (indent == std::string::npos) indent = 0;
    const std::string cont(indent + 4, ' ');
    std::vector<std::string> out;
    std::string rest = line;
    size_t floor = indent; // a cut must leave text on the line
    while (rest.size() > kFoldWidth) {
        size_t cut = std::string::npos;
        for (const char* sep : {" || ", " && ", " "}) {
            size_t p = rest.rfind(sep, kFoldWidth);
            if (p != std::string::npos && p > floor) {
                cut = p;
                break;
            }
        }
        if (cut == std::string::npos) break;
        out.push_back(rest.substr(0, cut));
        rest = cont + rest.substr(cut + 1);
        floor = cont.size();
    }
    out.push_back(rest);
    return out;
}

// Settings from which a headerless input in menu order is a savedefconfig
// rather than a fragment (see Checker::follows_menu_order).
constexpr size_t kMinimalMinKnownLines = 100;

// What olddefconfig does to a line, in a message: "dropped" or "changed to
// VALUE" (a dropped-line finding's fate and actual value).
std::string fate_words(const Finding& f) {
    return f.fate == LineFate::Dropped ? "dropped" : "changed to " + f.actual;
}

// Calls fn on each expression a symbol's value is computed from, in this
// order: its dependencies, selectors and impliers, then each property's
// condition and each default's value.
template <class Fn> void for_each_value_input(const Symbol* s, Fn fn) {
    fn(s->dir_dep.expr);
    fn(s->rev_dep.expr);
    fn(s->implied.expr);
    for (const kconfig::Property* p : s->props) {
        fn(p->visible.expr);
        if (p->kind == kconfig::PropertyKind::Default) fn(p->expr);
    }
}

struct Checker {
    Checker(const CheckKnowledge& k, const RuleSet& r, const std::string& in, const CheckOptions& o,
            CheckReport& report)
        : kn(k), ctx(k.ctx), rules(r), input(in), opt(o), rep(report) {}

    const CheckKnowledge& kn;
    Context* ctx;
    const RuleSet& rules;
    const std::string& input;
    const CheckOptions& opt;
    CheckReport& rep;

    ParsedConfig pc;
    std::map<std::string, ConfigLine> written; // last line per symbol
    bool fragment = false;
    bool minimal = false; // a savedefconfig: omitted symbols take their defaults
    // Lines evaluated after the input's own but not judged as written by it
    // (the savedefconfig bracket of run_check).
    std::string assumed;
    // The symbols whose unmet-dependency warnings only the assumed lines
    // caused (not counted: see evaluate()).
    std::vector<std::string> assumed_unmet;
    bool evaluated = false;            // values come from the engine (else from the text)
    bool text_values = false;          // the config's own lines win over the evaluation
    bool text_judgement_noted = false; // rep.notes says findings are judged from the text
    Role role = Role::DomU;
    Arch arch = Arch::X86_64;
    KVer ver;

    // ---- values ----------------------------------------------------------
    // For a savedefconfig judged with the extract of its own release: the
    // symbols at the extract's cut that it omits (their defaults lie past
    // the cut), mapped to themselves, and every symbol whose value derives
    // from them (through dependencies, prompt conditions, defaults,
    // selectors and impliers), mapped to the first of them it reaches.
    // Empty otherwise (see unknown_defaults for the verdict).
    std::map<const Symbol*, const Symbol*> underivable;
    void find_underivable() {
        underivable.clear();
        if (!ctx || !minimal || fragment || !kn.is_kb || !exact()) return;
        for (Symbol* s : ctx->symbols())
            if (!s->name.empty() && kb_at_cut(s) && !written.count(s->name) &&
                !s->has(kconfig::kSymProbeDerived))
                underivable[s] = s;
        auto reaches = [&](const Expr* e) -> const Symbol* {
            std::vector<Symbol*> syms;
            kconfig::expr_symbols(e, syms);
            for (Symbol* r : syms)
                if (auto it = underivable.find(r); it != underivable.end()) return it->second;
            return nullptr;
        };
        for (bool grew = true; grew;) {
            grew = false;
            for (Symbol* s : ctx->symbols()) {
                if (s->name.empty() || underivable.count(s) || kb_at_cut(s)) continue;
                const Symbol* from = nullptr;
                for_each_value_input(s, [&](const Expr* e) {
                    if (!from) from = reaches(e);
                });
                if (from) {
                    underivable[s] = from;
                    grew = true;
                }
            }
        }
    }

    Symbol* defined(const std::string& name) const {
        Symbol* s = ctx ? ctx->find_symbol(name) : nullptr;
        return (s && s->is_defined() && s->type != SymbolType::Unknown) ? s : nullptr;
    }
    // The value a symbol ends up with: "y", "m", "n", text; "undefined" when
    // neither the knowledge nor the config knows the symbol.
    std::string value_of(const std::string& name) {
        // Knowledge of another version: what the config writes stands; only
        // what it omits (prompt-less, derived symbols) comes from the
        // evaluation.
        if (text_values)
            if (auto it = written.find(name); it != written.end()) return it->second.value;
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
    // The most `e` can give once the explanation's changes are made: only a
    // symbol that is m limits it (no change raises an m); one that is n is
    // turned on, and negations and comparisons are made to hold.
    Tristate reachable(const Expr* e) {
        if (!e) return Tristate::Yes;
        switch (e->kind) {
        case ExprKind::Or:
            return kconfig::tri_or(reachable(e->left), reachable(e->right));
        case ExprKind::And:
            return kconfig::tri_and(reachable(e->left), reachable(e->right));
        case ExprKind::Symbol: {
            Tristate t = sym_tri(e->sym);
            return t == Tristate::No && !e->sym->is_const() ? Tristate::Yes : t;
        }
        default:
            return Tristate::Yes;
        }
    }
    Tristate sym_tri(Symbol* s) {
        if (!s) return Tristate::No;
        if (s->is_const())
            return s->name == "y" ? Tristate::Yes : s->name == "m" ? Tristate::Mod : Tristate::No;
        // Before 6.11 a choice has a nameless symbol that its members depend
        // on (printed <choice>): on while the choice is visible. The engine
        // knows its value; judged from the text, the choice is taken as
        // visible (its members' own lines say the rest).
        if (s->is_choice()) {
            if (!evaluated || !ctx) return Tristate::Yes;
            kconfig::sym_calc_value(*ctx, s);
            return s->curr.tri;
        }
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
    static std::string tri_str(Tristate t) { return std::string(1, kconfig::tristate_char(t)); }

    // Where an explanation reaches something no setting can change (a
    // symbol the knowledge lacks, a prompt-less symbol nothing selects, a
    // comparison, a prompt-less symbol that must be n): counted, so that
    // cheapest() avoids such paths and a finding whose chosen path has one
    // suggests no fix lines (they could not give the value).
    size_t dead_ends = 0;
    // The symbols being explained, outermost first (explain's recursion):
    // a choice member that selects one of them is the better one to choose.
    std::vector<Symbol*> explaining;
    // Explaining a config line (not a rule, whose fix sets y): a tristate it
    // needs at m or more (under an `=m` line, or a bool's, which an m
    // dependency leaves y) is asked for m, which is enough and the smaller
    // change (USB=m under Qubes' CONFIG_USB_UHCI_HCD=m).
    bool explaining_line = false;

    // Explain why `sym` is below `want`, appending lines and leaf changes.
    void explain(Symbol* sym, Tristate want, int depth, std::vector<std::string>& lines,
                 std::vector<Change>& changes, std::set<Symbol*>& seen) {
        if (!sym || sym->is_const() || depth > 6 || !seen.insert(sym).second) return;
        std::string indent(size_t(depth) * 2, ' ');
        if (sym->is_choice()) {
            explain_choice_visibility(sym, want, depth, lines, changes, seen);
            return;
        }
        if (!defined(sym->name)) {
            lines.push_back(indent + sym->name + " is not defined in " + kn.description);
            ++dead_ends;
            return;
        }
        explaining.push_back(sym);
        explain_defined(sym, want, depth, lines, changes, seen);
        explaining.pop_back();
    }
    // Before 6.11: the choice symbol is n because the choice is invisible;
    // what hides it is what to explain (no change sets a choice symbol).
    void explain_choice_visibility(Symbol* choice_sym, Tristate want, int depth,
                                   std::vector<std::string>& lines, std::vector<Change>& changes,
                                   std::set<Symbol*>& seen) {
        if (sym_tri(choice_sym) >= want) return;
        MenuNode* node = kconfig::choice_node_of_choice(choice_sym);
        const Expr* vis = !node ? nullptr : node->prompt ? node->prompt->visible.expr : node->dep;
        std::string indent(size_t(depth) * 2, ' ');
        std::string title =
            node && node->prompt ? "\"" + node->prompt->text.str() + "\"" : "<choice>";
        if (!vis || eval(vis) >= want) {
            lines.push_back(indent + "the choice " + title + " is off here");
            ++dead_ends;
            return;
        }
        lines.push_back(
            fmt::format("{}the choice {} depends on {}", indent, title, with_values(vis)));
        explain_expr(vis, want, depth + 1, lines, changes, seen);
    }
    // What gates `sym`'s prompt: its dependencies, or for a choice member its
    // own entry's `depends on` (6.11+ leaves its dir_dep at the choice's, y
    // for a top-level one: PREEMPT_RT on a 6.12 arm without ARCH_SUPPORTS_RT).
    const Expr* prompt_dependency(Symbol* sym) const {
        if (!sym->menus.empty() && kconfig::choice_of(*ctx, sym)) return sym->menus.front()->dep;
        return sym->dir_dep.expr;
    }
    // When `sym`'s prompt is shown: its visibility, which finalize makes the
    // entry's dependencies and the prompt's own `if` (`bool "AppArmor" if
    // SECURITY_APPARMOR=y`); null without a prompt.
    static const Expr* prompt_visibility(const Symbol* sym) {
        for (const kconfig::Property* p : sym->props)
            if (p->kind == kconfig::PropertyKind::Prompt) return p->visible.expr;
        return nullptr;
    }
    // An enclosing menu's `visible if` that fails hides the prompt whatever
    // its dependencies become (kernel-ark's DVB_CORE in "Media core
    // support", visible if !MEDIA_SUPPORT_FILTER): explained, so the fix
    // shows the menu rather than naming a line conf ignores.
    void explain_hiding_menus(Symbol* sym, Tristate want, int depth,
                              std::vector<std::string>& lines, std::vector<Change>& changes,
                              std::set<Symbol*>& seen) {
        if (sym->menus.empty()) return;
        std::string indent(size_t(depth) * 2, ' ');
        for (MenuNode* m = sym->menus.front()->parent; m; m = m->parent) {
            if (!m->visibility || eval(m->visibility) >= want) continue;
            lines.push_back(fmt::format("{}{}'s menu is shown if {}", indent, sym->name,
                                        with_values(m->visibility)));
            explain_expr(m->visibility, want, depth + 1, lines, changes, seen);
        }
    }
    void explain_defined(Symbol* sym, Tristate want, int depth, std::vector<std::string>& lines,
                         std::vector<Change>& changes, std::set<Symbol*>& seen) {
        std::string indent(size_t(depth) * 2, ' ');
        const Expr* dep = prompt_dependency(sym);
        Tristate dep_val = eval(dep);
        bool prompt = has_settable_prompt(sym);
        // A bool is y under a dependency that is m, or selected by an m
        // (conf rounds a bool's m up): its dependencies and selects need m.
        Tristate dep_want = sym->type == SymbolType::Bool ? std::min(want, Tristate::Mod) : want;
        if (dep && dep_val < dep_want) {
            lines.push_back(fmt::format("{}{} depends on {}", indent, sym->name, with_values(dep)));
            explain_expr(dep, dep_want, depth + 1, lines, changes, seen);
            if (prompt) {
                explain_hiding_menus(sym, dep_want, depth, lines, changes, seen);
                add_change(sym, want, changes);
            }
            return;
        }
        // Dependencies met, but the prompt's own `if` fails: that condition
        // is what to change (choice members are often gated this way).
        if (const Expr* shown = prompt ? prompt_visibility(sym) : nullptr;
            shown && sym_tri(sym) < want && eval(shown) < dep_want) {
            lines.push_back(
                fmt::format("{}{}'s prompt is shown if {}", indent, sym->name, with_values(shown)));
            explain_expr(shown, dep_want, depth + 1, lines, changes, seen);
            add_change(sym, want, changes);
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
            explain_select(sym->rev_dep.expr, dep_want, depth + 1, lines, changes, seen);
        } else if (kb_promptless_at_cut(sym)) {
            // Its defaults and selectors lie past the extract's cut.
            lines.push_back(fmt::format("{}{} has no prompt; what sets it lies outside the "
                                        "knowledge base (pass --tree)",
                                        indent, sym->name));
            ++dead_ends;
        } else {
            lines.push_back(
                fmt::format("{}{} has no prompt and nothing selects it here", indent, sym->name));
            ++dead_ends;
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
        case ExprKind::Equal:
        case ExprKind::Unequal: {
            // `USB=y` (USB_DUMMY_HCD), `X!=n`: a bool or tristate symbol
            // against the constant y or n is a value the symbol must take
            // (`X=m` needs exactly m, which a change to y would not give).
            Symbol* s = e->sym;
            Symbol* c = e->rsym;
            if (s && c && s->is_const() && !c->is_const()) std::swap(s, c);
            bool tri = s && (s->type == SymbolType::Bool || s->type == SymbolType::Tristate);
            bool eq = e->kind == ExprKind::Equal;
            if (tri && ctx && c == &ctx->sym_yes && eq) {
                explain(s, Tristate::Yes, depth, lines, changes, seen);
            } else if (tri && ctx && c == &ctx->sym_no && !eq) {
                explain(s, Tristate::Mod, depth, lines, changes, seen);
            } else if (tri && ctx && c == &ctx->sym_no && eq) {
                std::string indent(size_t(depth) * 2, ' ');
                lines.push_back(
                    fmt::format("{}{} [={}] must be n", indent, s->name, value_of(s->name)));
                turn_off(s, depth + 1, lines, changes, seen);
            } else {
                std::string indent(size_t(depth) * 2, ' ');
                lines.push_back(indent + with_values(e) + " is not met");
                ++dead_ends;
            }
            break;
        }
        case ExprKind::Not:
            if (e->left && e->left->kind == ExprKind::Symbol && e->left->sym) {
                Symbol* s = e->left->sym;
                std::string indent(size_t(depth) * 2, ' ');
                lines.push_back(
                    fmt::format("{}{} [={}] must be n", indent, s->name, value_of(s->name)));
                turn_off(s, depth + 1, lines, changes, seen);
            } else {
                ++dead_ends;
            }
            break;
        default: {
            std::string indent(size_t(depth) * 2, ' ');
            lines.push_back(indent + with_values(e) + " is not met");
            ++dead_ends;
        }
        }
    }
    // The change that turns `s` off. Before 6.11 a choice member's n
    // changes nothing: conf keeps the member the choice's user value names,
    // else takes the choice's default, which may be `s` again (Debian's 686
    // config keeps HIGHMEM4G under `# CONFIG_HIGHMEM4G is not set`).
    // Another member must be chosen instead: the one needing the fewest
    // changes, preferring one that selects a symbol being explained
    // (HIGHMEM64G selects X86_PAE), then menu order. From 6.11 on, a member
    // set to n leaves the choice, so its n is the change.
    void turn_off(Symbol* s, int depth, std::vector<std::string>& lines,
                  std::vector<Change>& changes, std::set<Symbol*>& seen) {
        MenuNode* choice = ctx ? kconfig::choice_of(*ctx, s) : nullptr;
        if (!choice || ctx->dialect.choice_is_bool_block()) {
            // Its n holds only through a prompt that is shown (x86's 64BIT
            // has none under ARCH=x86_64) and with nothing selecting it.
            std::string indent(size_t(depth) * 2, ' ');
            const Expr* shown = prompt_visibility(s);
            if (!has_settable_prompt(s)) {
                ++dead_ends;
            } else if (shown && eval(shown) == Tristate::No) {
                lines.push_back(fmt::format("{}{}'s prompt is hidden here ({}): it keeps its value",
                                            indent, s->name, with_values(shown)));
                ++dead_ends;
            } else if (s->rev_dep.expr && eval(s->rev_dep.expr) > Tristate::No) {
                lines.push_back(fmt::format("{}{} is selected by {}: n does not hold", indent,
                                            s->name, with_values(s->rev_dep.expr)));
                ++dead_ends;
            } else {
                add_change(s, Tristate::No, changes);
            }
            return;
        }
        Symbol* best = nullptr;
        size_t best_score = SIZE_MAX;
        for (Symbol* m : kconfig::choice_members_in_menu_order(*ctx, choice)) {
            if (m == s || !has_settable_prompt(m) || !defined(m->name)) continue;
            std::set<Symbol*> also_off = seen;
            also_off.insert(s);
            Trial t = try_path(also_off, [&](auto& l, auto& c, auto& sn) {
                explain(m, Tristate::Yes, depth + 1, l, c, sn);
            });
            if (t.changes.empty()) add_change(m, Tristate::Yes, t.changes); // its own line
            size_t score = t.cost() * 2 + (selects_one_explained(m) ? 0 : 1);
            if (negated_in_explained(m)) score += 10000; // would undo what is explained
            if (score < best_score) {
                best = m;
                best_score = score;
            }
        }
        std::string indent(size_t(depth) * 2, ' ');
        if (best && best_score >= 10000) best = nullptr;
        if (!best) {
            lines.push_back(indent + s->name +
                            " is the only member of its choice here: it cannot be turned off");
            ++dead_ends;
            return;
        }
        lines.push_back(fmt::format("{}{} is in a choice: {} must be chosen instead", indent,
                                    s->name, best->name));
        seen.insert(s);
        size_t before = changes.size();
        explain(best, Tristate::Yes, depth + 1, lines, changes, seen);
        bool chosen = false;
        for (size_t i = before; i < changes.size(); ++i)
            chosen = chosen || changes[i].symbol == best->name;
        if (!chosen) add_change(best, Tristate::Yes, changes);
    }
    // Whether a symbol being explained depends on `m` being n (HIGHMEM64G
    // on !M486SX: turning MGEODE_LX off must not choose M486SX).
    bool negated_in_explained(Symbol* m) const {
        std::function<bool(const Expr*)> negates = [&](const Expr* e) -> bool {
            if (!e) return false;
            if (e->kind == ExprKind::Not && e->left && e->left->kind == ExprKind::Symbol)
                return e->left->sym == m;
            if ((e->kind == ExprKind::Equal || e->kind == ExprKind::Unequal) && e->sym == m &&
                e->rsym && e->rsym->is_const())
                return (e->kind == ExprKind::Equal) == (e->rsym->name == "n");
            return negates(e->left) || negates(e->right);
        };
        for (Symbol* t : explaining)
            if (negates(prompt_dependency(t))) return true;
        return false;
    }
    bool selects_one_explained(Symbol* m) const {
        for (kconfig::Property* p : m->props)
            if (p->kind == kconfig::PropertyKind::Select)
                if (Symbol* t = kconfig::prop_get_symbol(p))
                    if (std::find(explaining.begin(), explaining.end(), t) != explaining.end())
                        return true;
        return false;
    }
    void explain_select(const Expr* e, Tristate want, int depth, std::vector<std::string>& lines,
                        std::vector<Change>& changes, std::set<Symbol*>& seen) {
        // rev_dep is an OR of "SELECTOR && cond" terms: pick the first
        // selector with a prompt and explain it.
        std::vector<const Expr*> terms;
        kconfig::expr_chain_terms(e, ExprKind::Or, terms);
        explain_expr(cheapest(terms, want, depth, seen), want, depth, lines, changes, seen);
    }
    // A path explained on trial: the changes it needs and the dead ends it
    // meets. Only the path finally chosen counts, so the trial leaves the
    // explanation's lines, seen set and dead-end count as they were.
    struct Trial {
        std::vector<Change> changes; // the leaf changes the path needs
        size_t dead_ends = 0;        // what no setting can change on it
        // Fewest changes first; a dead end costs more than any number of them.
        size_t cost() const { return changes.size() + 1000 * dead_ends; }
    };
    template <typename ExplainPath> Trial try_path(std::set<Symbol*> seen, ExplainPath&& path) {
        Trial t;
        std::vector<std::string> lines;
        size_t before = dead_ends;
        path(lines, t.changes, seen);
        t.dead_ends = dead_ends - before;
        dead_ends = before;
        return t;
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
            Trial t = try_path(
                seen, [&](auto& l, auto& c, auto& s) { explain_expr(a, want, depth, l, c, s); });
            size_t score = t.cost();
            for (const Change& ch : t.changes)
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
        // Only where the symbol is a tristate here (modules on): m would
        // otherwise become y anyway.
        if (explaining_line && want == Tristate::Mod && s->type == SymbolType::Tristate && ctx &&
            kconfig::sym_get_type(*ctx, s) == SymbolType::Tristate)
            c.wanted = "m";
        // m is enough, and y impossible while the dependencies stay m (a
        // tristate under a modular VFIO ends up m whatever a fragment says).
        if (want == Tristate::Mod && s->type == SymbolType::Tristate && s->dir_dep.expr &&
            reachable(s->dir_dep.expr) == Tristate::Mod)
            c.wanted = "m";
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
        std::vector<std::string> folded;
        for (const std::string& l : f.explanation)
            for (std::string& part : fold_line(l))
                folded.push_back(std::move(part));
        f.explanation = std::move(folded);
        // A fragment is merged onto a base config: what it leaves unsaid is
        // the base's business. A finding whose fix lies only in symbols the
        // fragment does not mention is advice, not an error.
        // A fragment that itself writes the value the rule rejects (an
        // explicit "is not set" for a needed symbol) breaks the role
        // whatever the base: no demotion.
        bool own_value = f.kind == FindingKind::Rule && written.count(f.symbol) &&
                         written.at(f.symbol).value == f.actual;
        if (fragment && !own_value &&
            (f.kind == FindingKind::Rule || f.kind == FindingKind::Dropped) && !f.changes.empty()) {
            std::vector<std::string> base;
            bool only_base = true;
            for (const Change& c : f.changes) {
                if (c.symbol == f.symbol) continue;
                auto w = written.find(c.symbol);
                if (w == written.end())
                    base.push_back("CONFIG_" + c.symbol + "=" + c.wanted);
                else if ((w->second.value == "n") != (c.wanted == "n"))
                    only_base = false; // the fragment itself sets it the other way
                // else: the fragment asks for it; what it needs is the base's
            }
            if (only_base && (!base.empty() || !written.count(f.symbol))) {
                std::string list;
                for (const std::string& b : base)
                    list += (list.empty() ? "" : ", ") + b;
                f.severity = Severity::Info;
                f.message +=
                    list.empty()
                        ? " (left to the base config the fragment is merged onto)"
                        : " (unless the base config the fragment is merged onto has " + list + ")";
            }
        }
        SourceRef by;
        if (suppressed_by_comment(f.rule_id, by)) {
            f.suppressed = true;
            f.suppressed_by = by;
            if (auto it = pc.ignore_reasons.find(by.line); it != pc.ignore_reasons.end())
                f.suppressed_reason = it->second;
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
        // conf reads a bool or tristate line by its first character
        // (confdata.c, conf_set_sym_val): "n   # no /dev/mem" is n.
        bool tristate = s->type == SymbolType::Tristate;
        if ((s->type == SymbolType::Bool || tristate) && !req.empty() &&
            (req[0] == 'y' || req[0] == 'n' || (tristate && req[0] == 'm')))
            return actual == std::string(1, req[0]);
        return req == actual;
    }

    std::string fix_line(const std::string& name, const std::string& value) {
        Symbol* s = defined(name);
        return kconfig::config_line(name, s ? s->type : SymbolType::Unknown, value);
    }
    // The fix lines of `f`'s changes. A line the input already has is left
    // out: it changes nothing (the input says it, olddefconfig drops it
    // until the other lines hold), so a fix that repeats it is no fix.
    // No lines when the explanation met a dead end: the changes it lists
    // cannot give the value on their own.
    void add_fix_lines(Finding& f) {
        if (dead_ends > 0) {
            f.explanation.push_back(
                "no fix: the explanation ends at a value no setting of this config changes");
            return;
        }
        raise_what_the_changes_select(f.changes);
        for (const Change& c : f.changes)
            if (!writes(c.symbol, c.wanted)) f.fix.push_back(fix_line(c.symbol, c.wanted));
    }
    // A tristate asked m that another change of the same fix selects at y
    // (its select condition holds now) ends up y: conf raises it, so the
    // change says y (kernel-ark's CRYPTO_DRBG=y selects
    // CRYPTO_JITTERENTROPY, which a fix asked m of).
    void raise_what_the_changes_select(std::vector<Change>& changes) {
        if (!ctx) return;
        for (Change& c : changes) {
            if (c.wanted != "m") continue;
            for (const Change& o : changes) {
                Symbol* selector = o.wanted == "y" ? defined(o.symbol) : nullptr;
                if (!selector || &o == &c) continue;
                for (const kconfig::Property* p : selector->props) {
                    Symbol* t = p->kind == kconfig::PropertyKind::Select
                                    ? kconfig::prop_get_symbol(p)
                                    : nullptr;
                    if (t && t->name == c.symbol &&
                        (!p->visible.expr || eval(p->visible.expr) == Tristate::Yes))
                        c.wanted = "y";
                }
            }
        }
    }
    bool writes(const std::string& name, const std::string& value) const {
        auto it = written.find(name);
        return it != written.end() && it->second.value == value;
    }

    // ---- the build environment --------------------------------------------
    // Toolchain-derived symbols (the engine marks them kSymProbeDerived:
    // their entry used a $(shell,...) probe, CC_VERSION_TEXT, ...) keep the
    // config's recorded values unless --host-toolchain asks for this
    // machine's answers. Then, of the symbols whose evaluated value differs
    // from the file's, these are the ones the build machine explains: the
    // toolchain-derived ones, and (to a fixpoint) those whose dependencies,
    // selects or defaults read one.
    // Every symbol a symbol's value reads: dependencies, selects, prompt
    // conditions, defaults and their conditions.
    static void value_inputs(Symbol* s, std::vector<Symbol*>& refs) {
        kconfig::expr_symbols(s->dir_dep.expr, refs);
        kconfig::expr_symbols(s->rev_dep.expr, refs);
        for (const kconfig::Property* p : s->props) {
            kconfig::expr_symbols(p->visible.expr, refs);
            if (p->kind == kconfig::PropertyKind::Default) kconfig::expr_symbols(p->expr, refs);
        }
    }
    std::set<std::string> toolchain_changed(const std::vector<Symbol*>& changed) {
        std::set<std::string> out;
        for (Symbol* s : changed)
            if (s->has(kconfig::kSymProbeDerived)) out.insert(s->name);
        for (bool grew = true; grew;) {
            grew = false;
            for (Symbol* s : changed) {
                if (out.count(s->name)) continue;
                std::vector<Symbol*> refs;
                value_inputs(s, refs);
                for (Symbol* r : refs)
                    if (out.count(r->name) ||
                        (!written.count(r->name) && r->has(kconfig::kSymProbeDerived))) {
                        out.insert(s->name);
                        grew = true;
                        break;
                    }
            }
        }
        return out;
    }

    // ---- what the role's rules read ----------------------------------------
    // For each applicable mode, the rule symbols and everything their values
    // read, transitively (value_inputs). A changed value counts against a
    // mode only when its symbol is in that mode's closure.
    std::map<std::string, std::set<Mode>> rule_closure;
    void build_rule_closure(const std::vector<ModeInfo>& modes) {
        if (!ctx) return;
        for (const ModeInfo& mi : modes) {
            if (!mi.exists) continue;
            std::vector<Symbol*> todo;
            auto seed = [&](const std::string& name) {
                if (Symbol* s = name.empty() ? nullptr : defined(name)) todo.push_back(s);
            };
            for (const Rule* r : applicable_rules(rules, role, mi.mode, arch, ver)) {
                seed(r->symbol_for(ver));
                seed(r->via);
                for (const std::string* text : {&r->require, &r->when}) {
                    if (text->empty()) continue;
                    std::string err;
                    if (const Expr* e = kconfig::parse_expression(*ctx, *text, &err))
                        kconfig::expr_symbols(e, todo);
                }
            }
            // Dependencies and prompt conditions gate a value and are
            // followed to the end. Defaults and selects decide a value only
            // where no prompt lets the config record it: followed for
            // prompt-less symbols, a selector taken in but not followed
            // further (the selectors of common symbols reach most of the
            // tree, while what a selector depends on rarely decides a Xen
            // value).
            std::set<Symbol*> seen;
            while (!todo.empty()) {
                Symbol* s = todo.back();
                todo.pop_back();
                if (!s || s->is_const() || !seen.insert(s).second) continue;
                rule_closure[s->name].insert(mi.mode);
                kconfig::expr_symbols(s->dir_dep.expr, todo);
                bool prompt = kconfig::has_prompt(s);
                for (const kconfig::Property* p : s->props) {
                    bool is_prompt = kconfig::is_prompt(p);
                    if (is_prompt || (!prompt && p->kind == kconfig::PropertyKind::Default))
                        kconfig::expr_symbols(p->visible.expr, todo);
                    if (!prompt && p->kind == kconfig::PropertyKind::Default)
                        kconfig::expr_symbols(p->expr, todo);
                }
                if (prompt) continue;
                std::vector<Symbol*> selectors;
                kconfig::expr_symbols(s->rev_dep.expr, selectors);
                for (Symbol* sel : selectors)
                    if (seen.insert(sel).second) rule_closure[sel->name].insert(mi.mode);
            }
        }
    }

    // Findings that belong to some modes only (dropped values in their
    // closure): finding index -> modes. Absent: the finding concerns all.
    std::map<size_t, std::set<Mode>> finding_modes;

    // Global findings: values olddefconfig changes, unknown symbols.
    void global_findings() {
        std::set<std::string> by_machine;
        note_other_source();
        // A savedefconfig or a fragment records no toolchain either: this
        // machine's answers stand in for the build machine's, and what they
        // change (GCC_PLUGIN_* without plugin headers, DEBUG_INFO_BTF
        // without pahole) is the build environment, not the configuration.
        if (evaluated && (opt.host_toolchain || minimal || fragment)) {
            std::vector<Symbol*> changed;
            for (const ConfigLine& l : pc.lines) {
                Symbol* s = defined(l.symbol);
                if (s && written.at(l.symbol).line == l.line &&
                    !same_value(s, l.value, value_of(l.symbol)))
                    changed.push_back(s);
            }
            by_machine = toolchain_changed(changed);
        }
        for (const ConfigLine& l : pc.lines) {
            Symbol* s = defined(l.symbol);
            if (!s) {
                unknown_symbol(l);
                continue;
            }
            if (!evaluated || text_values) continue;
            if (written.at(l.symbol).line != l.line) continue; // only the last assignment counts
            std::string actual = value_of(l.symbol);
            std::string req = l.value;
            if (same_value(s, req, actual)) continue;
            // Merged, a fragment's m becomes y where something selects it:
            // the value is still there.
            if (fragment && req == "m" && actual == "y") continue;
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
                f.fate = actual == "n" ? LineFate::Dropped : LineFate::Changed;
                return f;
            };
            if (by_machine.count(l.symbol)) {
                Finding f = dropped("xencfg.build-environment", Severity::Info);
                f.message = fmt::format(
                    "CONFIG_{}={} at {}:{} would be {} with this machine's toolchain ({}): the "
                    "value follows the build toolchain, not the configuration",
                    l.symbol, req, input, l.line, fate_words(f),
                    opt.host_toolchain ? "--host-toolchain"
                    : fragment         ? "a fragment records none of its own"
                                       : "a savedefconfig records none of its own");
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
            auto closure = rule_closure.find(l.symbol);
            bool role_reads = closure != rule_closure.end();
            // Knowledge of another version, patch release or source tree:
            // its differences are not the user's choices.
            bool drift = patch_drift() || !exact() || !other_source_symbols.empty();
            // A savedefconfig line whose fate turns on what the knowledge
            // base cannot derive (x86's ARCH_SPARSEMEM_ENABLE, a def_bool
            // past the cut, under Alpine's MEMORY_HOTPLUG=y): the tree may
            // well keep it, so info, without a change that could be wrong;
            // a rule it matters to is bracketed by run_check.
            auto unknown = underivable.find(s);
            if (unknown != underivable.end()) {
                Finding f = dropped("xencfg.dropped", Severity::Info);
                f.message = fmt::format(
                    "CONFIG_{}={} at {}:{} may be {}: its value turns on {}, which this "
                    "savedefconfig omits and {} cannot derive (pass --tree with the kernel "
                    "source)",
                    l.symbol, req, input, l.line, fate_words(f), unknown->second->name,
                    kn.description);
                if (s->dir_dep.expr && eval(s->dir_dep.expr) == Tristate::No)
                    f.explanation.push_back(l.symbol + " depends on " +
                                            with_values(s->dir_dep.expr));
                finish(f);
                rep.findings.push_back(std::move(f));
                continue;
            }
            Severity severity = drift        ? Severity::Info
                                : role_reads ? Severity::Error
                                             : Severity::Warning;
            Finding f = dropped("xencfg.dropped", severity);
            std::set<Symbol*> seen;
            dead_ends = 0;
            Tristate want = req == "y" ? Tristate::Yes : req == "m" ? Tristate::Mod : Tristate::No;
            // An int, hex or string line whose symbol loses its value is
            // dropped for its dependencies, as a bool would be: explained
            // (and, in a fragment, left to the base) the same way.
            bool valued = s->type == SymbolType::Int || s->type == SymbolType::Hex ||
                          s->type == SymbolType::String;
            // (Since 6.6 an int or hex symbol without a default is 0, also
            // when its dependencies hide it; conf does not write it then.)
            bool gone = valued && (actual.empty() ||
                                   (s->dir_dep.expr && eval(s->dir_dep.expr) == Tristate::No));
            if (gone) {
                want = Tristate::Yes;
                f.fate = LineFate::Dropped;
            }
            std::string reason;
            if (want > Tristate::No) {
                explaining_line = true;
                explain(s, want, 0, f.explanation, f.changes, seen);
                explaining_line = false;
                // The line itself says the value; only what it needs changes.
                // A valued line's value is not "y"; a tristate line of m
                // wants m, not the y add_change rounds it up to (Qubes'
                // CONFIG_USB_UHCI_HCD=m under USB=n), so no fix line
                // repeats or raises it.
                if (gone)
                    std::erase_if(f.changes, [&](const Change& c) { return c.symbol == l.symbol; });
                for (Change& c : f.changes)
                    if (c.symbol == l.symbol) c.wanted = req;
                if (s->dir_dep.expr && eval(s->dir_dep.expr) < want)
                    reason = ": depends on " + with_values(s->dir_dep.expr);
                else if (!has_settable_prompt(s))
                    reason = ": it has no prompt";
                else if (want == Tristate::Mod && tri_of(l.symbol) == Tristate::Yes)
                    reason = ": forced to y (selected, or modules are off)";
            } else if (s->rev_dep.expr && eval(s->rev_dep.expr) > Tristate::No) {
                reason = ": selected by " + with_values(s->rev_dep.expr);
            }
            std::string kind =
                !other_source_symbols.empty()
                    ? std::string("; the config is another source tree's (see the notes)")
                : drift ? std::string("; the knowledge is another release's (see the notes)")
                : role_reads
                    ? fmt::format("; the {} rules read it", role_name(role))
                    : fmt::format("; config hygiene: no {} rule reads it", role_name(role));
            auto message = [&] {
                return fmt::format("CONFIG_{}={} at {}:{} will be {}{}{}", l.symbol, req, input,
                                   l.line, fate_words(f), reason, kind);
            };
            f.message = message();
            // The message is one line: a dependency or select expression
            // that makes it longer than an explanation line may be goes to
            // the explanation only (folded there).
            if (f.message.size() > kFoldAbove && reason.rfind(": selected by ", 0) == 0) {
                f.explanation.push_back(l.symbol + " is" + reason.substr(1));
                reason = ": it is selected (see the explanation)";
                f.message = message();
            } else if (f.message.size() > kFoldAbove && reason.rfind(": depends on ", 0) == 0) {
                reason = ": its dependencies are not met (see the explanation)";
                f.message = message();
            }
            add_fix_lines(f);
            finish(f);
            if (role_reads && !drift) {
                f.role = role;
                finding_modes[rep.findings.size()] = closure->second;
            }
            rep.findings.push_back(std::move(f));
        }
    }

    // A config line for a symbol the kernel lacks: info (another patch
    // level, another kernel); what the rules know about the name is said.
    void unknown_symbol(const ConfigLine& l) {
        if (!ctx) return;
        std::string history;
        for (const Rule& r : rules.rules) {
            for (const Rename& rn : r.renames)
                if (rn.name == l.symbol && !rn.versions.contains(ver))
                    history = fmt::format("; {} is what {} is called {} (see rule {})", rn.name,
                                          r.symbol, rn.versions.str(), r.id);
            if (r.symbol == l.symbol && !r.versions.contains(ver) && !r.versions.unbounded()) {
                // "2.6.37 to 7.3" leaves 7.3 out; on 7.3 itself say so plainly.
                if (r.versions.until && ver == *r.versions.until)
                    history = fmt::format(
                        "; Linux {} removed it (rule {} covers it {}until then)", ver.str(), r.id,
                        r.versions.since ? "from " + r.versions.since->str() + " " : "");
                else
                    history =
                        fmt::format("; rule {} covers it for {} only", r.id, r.versions.str());
            }
        }
        if (kn.is_kb && (!exact() || history.empty()))
            return; // a kb holds only the rule symbols and their surroundings
        Finding f;
        f.rule_id = "xencfg.unknown-symbol";
        f.kind = FindingKind::Unknown;
        f.severity = Severity::Info;
        f.symbol = l.symbol;
        f.requested = l.value;
        f.actual = "undefined";
        f.where = {input, l.line};
        f.message = fmt::format("CONFIG_{} is not a symbol of Linux {} ({}); the line is ignored{}",
                                l.symbol, ver.str(), arch_name(arch), history);
        f.fix = {"# remove line " + std::to_string(l.line)};
        finish(f);
        rep.findings.push_back(std::move(f));
    }

    // A rule given with --rules that names a symbol this kernel lacks would
    // never fail (a shipped rule's symbols are checked against every tree by
    // the corpus tests, a user's are not): said once per rule, as a warning.
    // Only where the knowledge can tell: the tree itself, or the knowledge
    // base of this very version, which holds just the shipped rules' symbols.
    void user_rule_symbols(const Rule& r) {
        if (!r.from_override || !ctx || !(exact() || !kn.is_kb)) return;
        // (A symbol the config itself writes is judged from its line.)
        std::vector<std::string> missing;
        auto need = [&](const std::string& name) {
            if (!name.empty() && !defined(name) && !written.count(name) &&
                std::find(missing.begin(), missing.end(), name) == missing.end())
                missing.push_back(name);
        };
        std::string unparsable;
        auto need_expr = [&](const std::string& text) {
            if (text.empty()) return;
            std::string err;
            const Expr* e = kconfig::parse_expression(*ctx, text, &err);
            if (!e) {
                unparsable = fmt::format("\"{}\" is not a Kconfig expression ({})", text, err);
                return;
            }
            std::vector<Symbol*> syms;
            kconfig::expr_symbols(e, syms);
            for (Symbol* s : syms)
                need(s->name);
        };
        const std::string own = r.symbol.empty() ? std::string() : r.symbol_for(ver);
        need(own);
        need(r.via);
        need_expr(r.require);
        need_expr(r.when);
        if (missing.empty() && unparsable.empty()) return;
        std::string names;
        for (const std::string& n : missing)
            names += (names.empty() ? "" : ", ") + n;
        const bool plural = missing.size() > 1;
        std::string lacks =
            kn.is_kb ? fmt::format("{} {} not in the knowledge base for Linux {} ({}), which holds "
                                   "the shipped rules' symbols: give --tree to judge this rule",
                                   names, plural ? "are" : "is", ver.str(), arch_name(arch))
                     : fmt::format("{} {} not a symbol of Linux {} ({})", names,
                                   plural ? "are" : "is", ver.str(), arch_name(arch));
        Finding f;
        f.rule_id = "xencfg.rule-symbol-unknown";
        f.kind = FindingKind::RuleProblem;
        f.severity = Severity::Warning;
        f.role = role;
        f.symbol = missing.empty() ? std::string() : missing.front();
        f.actual = missing.empty() ? std::string() : "undefined";
        f.where = {r.origin.file, r.origin.line};
        if (!unparsable.empty())
            f.message = fmt::format("rule {} (--rules) was not applied: {}", r.id, unparsable);
        else if (!own.empty() && missing.front() == own)
            f.message = fmt::format("rule {} (--rules) was not applied: {}", r.id, lacks);
        else
            f.message = fmt::format("rule {} (--rules) reads {} as n: {}", r.id, names, lacks);
        finish(f);
        rep.findings.push_back(std::move(f));
    }

    // The config was written by another release of the same major.minor
    // than the knowledge (6.12.10 judged on 6.12.117): values that differ
    // only there are that release's, not the user's choices.
    // The config's header names another patch release of the tree's own
    // (EVE's "5.10.7" on Debian's 5.10.223, where NTFS_FS has since come to
    // depend on BROKEN). KVer keeps no sublevel past 2.6, so it is read from
    // the header's text and from the tree's Makefile, or the knowledge
    // base's "# kernel-version:" line (Debian's 6.1 configs say 6.1.176, the
    // 6.1 knowledge base is 6.1.192).
    // The symbols a whole config of this very release names that the tree
    // lacks: it was written by another source tree (Debian's rt featureset
    // applies the RT patches, which linux-source leaves out: PREEMPT_LAZY),
    // and what those symbols change (6.12's DRM_I915 depends on
    // !PREEMPT_RT; patched, it does not) is info, as another release's. A
    // knowledge base knows too few symbols to tell; a fragment or
    // savedefconfig may name anything.
    std::vector<std::string> other_source_symbols;
    void note_other_source() {
        if (!ctx || kn.is_kb || fragment || minimal || !exact() || patch_drift()) return;
        std::set<std::string> seen;
        for (const ConfigLine& l : pc.lines)
            if (!defined(l.symbol) && seen.insert(l.symbol).second)
                other_source_symbols.push_back(l.symbol);
        if (other_source_symbols.empty()) return;
        std::string some;
        for (size_t i = 0; i < other_source_symbols.size() && i < 3; ++i)
            some += (i ? ", " : "") + other_source_symbols[i];
        rep.notes.push_back(fmt::format(
            "the config names {} symbol{} this tree lacks ({}{}): another source tree (patched) "
            "wrote it, so the values this tree changes are info",
            other_source_symbols.size(), other_source_symbols.size() == 1 ? "" : "s", some,
            other_source_symbols.size() > 3 ? ", ..." : ""));
    }

    bool patch_drift() const {
        if (!tgt.version || !kn.version || !exact() || !kn.ctx) return false;
        return sublevel_of(tgt.version_text) != kn.ctx->kernel_version.sublevel;
    }
    // "5.10.7" -> 7, "6.12" -> 0, "6.1.0-rc3" -> 0.
    static int sublevel_of(std::string_view text) {
        int dots = 0, sub = 0;
        for (char c : text) {
            if (c == '.') {
                if (++dots > 2) break;
            } else if (c >= '0' && c <= '9') {
                if (dots == 2) sub = sub * 10 + (c - '0');
            } else {
                break;
            }
        }
        return dots >= 2 ? sub : 0;
    }

    bool exact() const {
        return kn.version && kn.version->major == ver.major && kn.version->minor == ver.minor;
    }

    // In fragment mode, a rule is judged only when the fragment speaks about it.
    bool fragment_mentions(const Rule& r, const std::string& name) {
        if (written.count(name)) return true;
        if (!r.via.empty() && written.count(r.via)) return true;
        if (!r.require.empty() && ctx) {
            std::string err;
            std::vector<Symbol*> syms;
            kconfig::expr_symbols(kconfig::parse_expression(*ctx, r.require, &err), syms);
            for (Symbol* s : syms)
                if (written.count(s->name)) return true;
        }
        return false;
    }

    // One rule in one mode: nullopt when met or not applicable.
    // `base_only`: a fragment leaves this requirement to the base (it
    // neither sets the symbol nor breaks it).
    std::optional<Finding> check_rule(const Rule& r, Mode mode, bool& base_only) {
        if (!r.when.empty()) {
            std::string err;
            const Expr* w = ctx ? kconfig::parse_expression(*ctx, r.when, &err) : nullptr;
            if (!w || eval(w) == Tristate::No) return std::nullopt;
        }
        Finding f;
        f.rule_id = r.id;
        f.kind = FindingKind::Rule;
        f.severity = r.severity_in(mode);
        f.role = role;
        f.modes = {mode};
        dead_ends = 0;
        f.rationale = r.rationale;
        f.source = r.source;
        if (!r.require.empty()) {
            std::string err;
            const Expr* e = ctx ? kconfig::parse_expression(*ctx, r.require, &err) : nullptr;
            if (!e) return std::nullopt;
            if (fragment && !fragment_mentions(r, "")) {
                base_only = true;
                return std::nullopt;
            }
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
            f.message = fmt::format("requires {}", with_values(e));
        } else {
            std::string name = r.symbol_for(ver);
            if (fragment && !fragment_mentions(r, name)) {
                base_only = true;
                return std::nullopt;
            }
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
            // A knowledge base for another version: the extract's
            // dependencies are not this kernel's, so explain nothing.
            Symbol* s = evaluated && !text_values ? defined(name) : nullptr;
            // Said once per report, not under every finding.
            if ((!evaluated || text_values) && !text_judgement_noted) {
                rep.notes.push_back(fmt::format(
                    "findings are judged from the config text: the knowledge is for Linux {}, "
                    "whose dependencies are not applied to {}",
                    kn.version ? kn.version->str() : "?", ver.str()));
                text_judgement_noted = true;
            }
            if (r.accept.kind != AcceptKind::No && r.accept.kind != AcceptKind::Literal && s) {
                std::set<Symbol*> seen;
                explain(s, Tristate::Mod, 0, f.explanation, f.changes, seen);
                if (r.accept.kind == AcceptKind::Yes && tri_of(name) == Tristate::Mod) {
                    f.explanation.push_back(name + " is m; the rule needs it built in");
                    add_change(s, Tristate::Yes, f.changes);
                }
                if (!has_settable_prompt(s)) {
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
                std::set<Symbol*> seen;
                turn_off(s, 0, f.explanation, f.changes, seen);
            }
            std::string via =
                f.set_symbol.empty() ? "" : fmt::format(" (no prompt: set {})", f.set_symbol);
            f.message = fmt::format("CONFIG_{} is {}, needs {}{}", name,
                                    actual == "n" ? "not set" : actual, f.expected, via);
        }
        add_fix_lines(f);
        if (f.changes.empty() && dead_ends == 0 && !f.symbol.empty() && r.require.empty() &&
            !writes(f.symbol, r.accept.fix_value()))
            f.fix.push_back(fix_line(f.symbol, r.accept.fix_value()));
        finish(f);
        return f;
    }

    // ---- the steps of a check ---------------------------------------------
    ConfigTarget tgt;

    void contradiction(std::string id, Severity sev, int line, std::string msg) {
        Finding f;
        f.rule_id = std::move(id);
        f.kind = FindingKind::Contradiction;
        f.severity = sev;
        f.where = {input, line};
        f.message = std::move(msg);
        finish(f);
        rep.findings.push_back(std::move(f));
    }

    // A short input without a header is a fragment or a savedefconfig
    // (arch/x86/configs/x86_64_defconfig has under 300 lines): judged as a
    // fragment, a savedefconfig that leaves XEN at its default n would pass
    // with its requirements "left to the base". savedefconfig writes its
    // lines in menu order; hand-written fragments follow their own order
    // (the kernel's xen.config has 15 inversions in 38 lines), and a
    // fragment of a hundred lines or more in menu order is a
    // savedefconfig's excerpt at least. A few inversions are allowed: a
    // defconfig kept across releases drifts as menus move. A knowledge base
    // keeps only the rules' closure, not in menu order: it cannot tell, and
    // run_check judges such an input both ways.
    bool follows_menu_order() const {
        if (!ctx || kn.is_kb || pc.lines.size() < kMinimalMinKnownLines) return false;
        std::map<const Symbol*, size_t> position;
        for (MenuNode* m = ctx->root_menu.list; m; m = kconfig::menu_next(m, &ctx->root_menu))
            if (m->sym && !m->sym->name.empty()) position.emplace(m->sym, position.size());
        size_t known = 0, inversions = 0, last = 0;
        for (const ConfigLine& l : pc.lines) {
            Symbol* s = ctx->find_symbol(l.symbol);
            auto it = s ? position.find(s) : position.end();
            if (it == position.end()) continue;
            if (known && it->second < last) ++inversions;
            last = it->second;
            ++known;
        }
        return known >= kMinimalMinKnownLines && inversions * 50 <= known;
    }

    // What savedefconfig never writes: a comment other than "# CONFIG_X is
    // not set", or a line for a symbol without a prompt (the knowledge
    // knows it, and it is not a choice's). Such an input is a fragment.
    bool written_by_hand(const std::string& text) const {
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);) {
            if (line.empty() || line[0] != '#') continue;
            kconfig::ConfigLine setting =
                kconfig::read_config_line(line, kconfig::LineSyntax::Xencfg);
            if (setting.kind != kconfig::LineKind::Unset) return true;
        }
        if (!ctx) return false;
        for (const ConfigLine& l : pc.lines) {
            Symbol* s = ctx->find_symbol(l.symbol);
            if (s && !s->menus.empty() && !has_settable_prompt(s) &&
                !s->has(kconfig::kSymChoiceValue) && !s->has(kconfig::kSymChoice))
                return true;
        }
        return false;
    }
    bool hand_written = false; // written_by_hand(the input)

    void read_input(const std::string& text) {
        pc = parse_config_text(text);
        for (const ConfigLine& l : pc.lines)
            written[l.symbol] = l;
        hand_written = written_by_hand(text);
        tgt = detect_target(text);
        role = opt.role;
        rep.input = input;
        rep.role = role;
        rep.mode_requested = opt.mode;
        rep.knowledge = kn.description;
        fragment = opt.fragment ? *opt.fragment : tgt.looks_like_fragment;
        rep.fragment = fragment;
        minimal = !fragment && (opt.minimal ? *opt.minimal : tgt.looks_like_minimal);
        rep.minimal = minimal;
        if (fragment && !opt.fragment && !opt.minimal && follows_menu_order()) {
            fragment = false;
            minimal = true;
            rep.fragment = false;
            rep.minimal = true;
            rep.notes.push_back(fmt::format(
                "judged as a savedefconfig (no kernel header; its {} settings follow the Kconfig "
                "menu order, as savedefconfig writes them): what it omits takes its default, as "
                "`make defconfig` gives it (--fragment judges it as a fragment)",
                pc.lines.size()));
        } else if (minimal && !opt.minimal)
            rep.notes.push_back("judged as a savedefconfig (no kernel header, no menu comments): "
                                "what it omits takes its default, as `make defconfig` gives it");
        if (!opt.fragment && fragment)
            rep.notes.push_back(
                "judged as a fragment (no kernel header, few lines): only what it sets is checked");
        for (const std::string& n : tgt.notes)
            contradiction("xencfg.arch-mismatch", Severity::Warning, tgt.arch_line, n);
    }

    // The architecture: --arch, else the config's. Without either the CLI
    // has refused already (it names --arch); x86_64 stays only for library
    // callers that ask for nothing.
    void decide_arch() {
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
        rep.arch = arch;
    }

    // The version: --kernel-version, else the header's, else the knowledge's.
    bool decide_version(std::string* error) {
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
            // (The header names the knowledge base and why it was chosen.)
            rep.notes.push_back(fmt::format(
                "the knowledge is for {}, the config for {}: {}", kn.version->str(), ver.str(),
                fragment ? "evaluating the fragment with it anyway"
                         : "values are taken from the config as written, and what it omits "
                           "(prompt-less symbols) is derived with it"));
        }
        if (patch_drift())
            rep.notes.push_back(fmt::format(
                "the config was written by Linux {}, the knowledge is {} ({}): values only that "
                "release has are info",
                tgt.version_text, kn.ctx->kernel_version.str(), kn.description));
        return true;
    }

    // Read the config into the engine the way olddefconfig would. A
    // fragment is merged onto defaults with modules allowed (unless it says
    // otherwise): that is what a base config gives it.
    void evaluate(const std::string& text) {
        // Also with knowledge of another version (the nearest knowledge
        // base): what the config omits (prompt-less symbols a source-format
        // config never lists) is derived rather than read as "not set".
        evaluated = ctx != nullptr;
        text_values = evaluated && !exact() && !fragment;
        if (!evaluated) return;
        size_t before = ctx->diags.items().size();
        // Unknown symbols are reported from the parsed lines
        // (xencfg.unknown-symbol), not from the reader's notes.
        ctx->note_unknown_symbols = false;
        // A full config records what its build machine's toolchain
        // answered; a fragment records nothing: its build merges it onto
        // the defaults and asks the toolchain (the knowledge base's stock
        // one), so a fragment's line for a toolchain-derived symbol is a
        // user value like any other, which a select overrides (5.10's ARM64
        // reads the toolchain, so all it selects is toolchain-derived,
        // OF too; Debian's `# CONFIG_OF is not set` must not keep OF=n).
        ctx->keep_recorded_toolchain = !opt.host_toolchain && !fragment;
        // A whole .config (conf's format: not a fragment, savedefconfig or
        // source-format config) records its toolchain's n answers by
        // omission: CC_IS_GCC has no line in a config clang made.
        ctx->recorded_config_is_complete = !fragment && !minimal;
        std::string evaluated_text = text;
        if (fragment && !written.count("MODULES") && defined("MODULES"))
            evaluated_text += (text.empty() || text.back() == '\n' ? "" : "\n") +
                              std::string("CONFIG_MODULES=y\n");
        if (!assumed.empty())
            evaluated_text +=
                (evaluated_text.empty() || evaluated_text.back() == '\n' ? "" : "\n") + assumed;
        kconfig::conf_read_from_string(*ctx, input, evaluated_text);
        // What conf would print while reading the file (invalid values,
        // reassignments, unexpected data) becomes findings at their line;
        // the symbol is the one the file sets on that line.
        std::map<int, std::string> symbol_at;
        for (const ConfigLine& l : pc.lines)
            symbol_at[l.line] = l.symbol;
        std::vector<kconfig::Diagnostic> read_diags(ctx->diags.items().begin() + long(before),
                                                    ctx->diags.items().end());
        for (const kconfig::Diagnostic& d : read_diags) {
            // A select that forces a symbol against its dependencies is
            // located at the symbol's Kconfig definition, not at a line of
            // the file: it is about that symbol.
            const bool unmet = d.code == kconfig::DiagCode::UnmetDependency;
            if (unmet && !assumed.empty()) {
                // The bracket's assumed lines put every unknown symbol at
                // one extreme at once (x86's NO_DMA on in the rules' best
                // case), a combination no tree need allow; such a warning
                // is not monotone in them either, so neither extreme bounds
                // it. The bracket judges the rules; Kconfig's own warnings
                // are the main run's.
                assumed_unmet.push_back(d.symbols.empty() ? "" : d.symbols.front());
                continue;
            }
            if (!unmet && d.line > pc.line_count) continue; // the CONFIG_MODULES line added above
            Finding f;
            f.rule_id = "xencfg.config-warning";
            f.kind = FindingKind::Contradiction;
            f.severity =
                d.severity == kconfig::Severity::Error ? Severity::Error : Severity::Warning;
            f.where = {input, unmet ? 0 : d.line};
            f.message = d.message + " (conf prints this while reading the file)";
            if (unmet)
                f.symbol = d.symbols.empty() ? "" : d.symbols.front();
            else if (auto it = symbol_at.find(d.line); it != symbol_at.end())
                f.symbol = it->second;
            finish(f);
            rep.findings.push_back(std::move(f));
        }
    }

    // The modes to judge: every one of the role on this arch/version, or
    // the one asked for.
    std::vector<ModeInfo> modes_to_judge() {
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
        return modes;
    }

    // Does finding i count against mode m?
    bool counts_for(size_t i, Mode m) const {
        auto it = finding_modes.find(i);
        return it == finding_modes.end() || it->second.count(m);
    }
    bool fails(const Finding& f) const {
        return !f.suppressed &&
               (f.severity == Severity::Error || (opt.strict && f.severity == Severity::Warning));
    }

    // Every applicable rule in every mode; one finding per rule for all the
    // modes it fails in. Returns the mode summaries.
    void judge_modes(const std::vector<ModeInfo>& modes) {
        size_t globals = rep.findings.size();
        // (rule id, severity) -> finding index: one finding per rule for the
        // modes it fails in with the same severity (severity_by_mode).
        std::map<std::pair<std::string, Severity>, size_t> index;
        std::map<size_t, std::vector<Mode>> failed; // finding index -> modes it fails in
        std::set<std::string> left;
        std::set<std::string> user_checked; // --rules rules whose symbols were looked up
        for (const ModeInfo& mi : modes) {
            ModeSummary sum;
            sum.role = role;
            sum.mode = mi.mode;
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
                if (r->from_override && user_checked.insert(r->id).second) user_rule_symbols(*r);
                bool base_only = false;
                auto f = check_rule(*r, mi.mode, base_only);
                if (base_only) left.insert(r->id);
                if (!f) continue;
                auto key = std::make_pair(r->id, f->severity);
                auto it = index.find(key);
                if (it != index.end()) {
                    failed[it->second].push_back(mi.mode);
                } else {
                    index[key] = rep.findings.size();
                    failed[rep.findings.size()].push_back(mi.mode);
                    rep.findings.push_back(std::move(*f));
                }
            }
            rep.modes.push_back(sum);
        }
        // Each rule finding's modes: none named when it fails in every
        // applicable mode of several.
        size_t applicable = 0;
        for (const ModeSummary& m : rep.modes)
            applicable += m.applicable;
        for (auto& [i, ms] : failed) {
            Finding& f = rep.findings[i];
            finding_modes[i] = std::set<Mode>(ms.begin(), ms.end());
            f.modes = (applicable > 1 && ms.size() == applicable) ? std::vector<Mode>{} : ms;
        }
        // A changed value the rules read counts against a mode only where
        // one of the mode's error rules fails: where they all hold, the
        // change did not keep the kernel from serving the role there.
        std::set<Mode> failing;
        for (auto& [i, ms] : failed)
            if (rep.findings[i].severity == Severity::Error && !rep.findings[i].suppressed)
                failing.insert(ms.begin(), ms.end());
        for (auto it = finding_modes.begin(); it != finding_modes.end();) {
            if (it->first >= globals) {
                ++it;
                continue;
            }
            std::set<Mode> kept;
            for (Mode m : it->second)
                if (failing.count(m)) kept.insert(m);
            if (!kept.empty()) {
                it->second = kept;
                ++it;
                continue;
            }
            Finding& f = rep.findings[it->first];
            if (f.severity == Severity::Error) f.severity = Severity::Warning;
            f.role.reset();
            f.message += fmt::format(" (the {} rules hold all the same)", role_name(role));
            it = finding_modes.erase(it);
        }
        // Global findings placed in modes (dropped values the rules read).
        for (auto& [i, ms] : finding_modes) {
            if (i >= globals) continue;
            std::vector<Mode> list;
            for (Mode m : ms)
                if (std::any_of(modes.begin(), modes.end(),
                                [&](const ModeInfo& mi) { return mi.mode == m && mi.exists; }))
                    list.push_back(m);
            rep.findings[i].modes = list;
        }
        // Counts and verdicts per mode.
        for (ModeSummary& sum : rep.modes) {
            if (!sum.applicable) continue;
            Mode m = sum.mode;
            for (size_t i = 0; i < rep.findings.size(); ++i) {
                const Finding& f = rep.findings[i];
                if (!counts_for(i, m)) continue;
                if (f.kind == FindingKind::Rule && !finding_modes.count(i)) continue;
                if (f.suppressed)
                    ++sum.suppressed;
                else if (f.severity == Severity::Error)
                    ++sum.errors;
                else if (f.severity == Severity::Warning)
                    ++sum.warnings;
                else
                    ++sum.infos;
            }
            sum.pass = sum.errors == 0 && (!opt.strict || sum.warnings == 0);
        }
        rep.left_to_base.assign(left.begin(), left.end());
    }

    // The verdict: mode any passes when one applicable mode passes, a single
    // mode when it passes; an error that belongs to no mode (a contradiction)
    // fails it. Under mode any, the errors of modes that fail while another
    // passes are shown as info: the config serves the role, only not in that
    // mode (every format then agrees with the exit status).
    void decide_verdict() {
        for (const ModeSummary& s : rep.modes)
            if (s.applicable && s.pass) rep.passing_modes.push_back(s.mode);
        rep.pass = !rep.passing_modes.empty();
        bool any_applicable = std::any_of(rep.modes.begin(), rep.modes.end(),
                                          [](const ModeSummary& s) { return s.applicable; });
        // With one mode asked for, its xencfg.mode-unavailable says it all:
        // the role may well exist in another mode (a 32-bit PVH domU).
        if (!any_applicable && !rep.modes.empty() && !opt.mode) {
            std::string why;
            for (const ModeSummary& s : rep.modes)
                if (!s.note.empty() && why.find(s.note) == std::string::npos)
                    why += (why.empty() ? "" : "; ") + s.note;
            contradiction("xencfg.role-unavailable", Severity::Error, 0,
                          fmt::format("{} is not possible on {} with Linux {}: {}", role_name(role),
                                      arch_name(arch), ver.str(), why));
        }
        for (size_t i = 0; i < rep.findings.size(); ++i) {
            const Finding& f = rep.findings[i];
            if (fails(f) && !finding_modes.count(i) && f.kind != FindingKind::Rule)
                rep.pass = false; // belongs to every mode or to none
        }
        if (rep.pass && !opt.mode)
            for (auto& [i, ms] : finding_modes) {
                Finding& f = rep.findings[i];
                if (!fails(f)) continue;
                f.severity = Severity::Info;
                f.message += fmt::format(" (the config passes as {} {})", role_name(role),
                                         modes_text(rep.passing_modes));
            }
        if (fragment) {
            size_t decided = 0, total = 0;
            std::set<std::string> ids;
            for (const ModeSummary& s : rep.modes)
                if (s.applicable)
                    for (const Rule* r : applicable_rules(rules, role, s.mode, arch, ver))
                        ids.insert(r->id);
            total = ids.size();
            decided = total - rep.left_to_base.size();
            rep.notes.push_back(
                decided == 0
                    ? fmt::format("the fragment decides none of the {} {} requirements: all are "
                                  "left to the base it is merged onto",
                                  total, role_name(role))
                    : fmt::format("the fragment decides {} of the {} {} requirements; {} are left "
                                  "to the base it is merged onto",
                                  decided, total, role_name(role), rep.left_to_base.size()));
        }
    }

    // How the rules depend on each symbol: bit 1 when it helps them on,
    // bit 2 when it helps them off (read under a `!`, or in a comparison:
    // both). From the rules' symbols (wanted on) through every condition,
    // default and select of the knowledge base, each `!` turning the sense
    // round, to a fixpoint.
    std::map<const Symbol*, int> polarity() const {
        std::map<const Symbol*, int> out;
        auto flip = [](int how) { return ((how & 1) << 1) | ((how & 2) >> 1); };
        bool grew = false;
        std::function<void(const Expr*, int)> walk = [&](const Expr* e, int how) {
            if (!e) return;
            switch (e->kind) {
            case ExprKind::Or:
            case ExprKind::And:
                walk(e->left, how);
                walk(e->right, how);
                return;
            case ExprKind::Not:
                walk(e->left, flip(how));
                return;
            case ExprKind::Symbol:
                if (e->sym && (out[e->sym] | how) != out[e->sym]) {
                    out[e->sym] |= how;
                    grew = true;
                }
                return;
            default:
                for (Symbol* t : {e->sym, e->rsym})
                    if (t && (out[t] | 3) != out[t]) {
                        out[t] |= 3;
                        grew = true;
                    }
                return;
            }
        };
        for (const Rule& r : rules.rules) {
            for (const std::string& n : {r.symbol_for(ver), r.via})
                if (Symbol* s = ctx->find_symbol(n)) out[s] |= 1;
            // A `require` must hold (wanted on); a `when` makes the rule
            // apply, so it helps the rule off.
            std::string err;
            if (!r.require.empty()) walk(kconfig::parse_expression(*ctx, r.require, &err), 1);
            if (!r.when.empty()) walk(kconfig::parse_expression(*ctx, r.when, &err), 2);
        }
        do {
            grew = false;
            for (Symbol* s : ctx->symbols()) {
                auto it = out.find(s);
                if (it == out.end() || it->second == 0) continue;
                int how = it->second;
                for_each_value_input(s, [&](const Expr* e) { walk(e, how); });
            }
        } while (grew);
        return out;
    }

    // The symbols a minimal config omits whose value the knowledge cannot
    // derive. With the extract of the config's own release, those at its
    // cut (kb_at_cut): their defaults, dependencies and selectors lie past
    // it. Every symbol inside the cut has its defaults, dependencies,
    // selectors and impliers in the extract (kb.cc keeps them, and the
    // selects and implies of the symbols at the cut), so its value derives
    // from the config and the symbols at the cut: the evaluation carries
    // the bracket below to it. With an older release's extract, or another
    // release's tree, any default may have changed: every omitted symbol
    // with a prompt. Bool and tristate ones, not choice members (the
    // choice's written value stands), not the arch's identity (ARCH gives
    // it), not toolchain-derived (the extract marks those), and only those
    // a rule reads. Each as the two lines that bracket the verdict: the
    // rules' best case (plainly read symbols on, negated ones off) and
    // their worst case (the reverse); a symbol read both ways is tried
    // both ways on each side (Bracket::runs).
    struct Bracket {
        std::vector<std::string> names; // the omitted symbols
        std::string best, worst;        // lines of the symbols read one way, for each case
        std::string both_on, both_off;  // lines of the symbols read both ways, on and off
        // The lines evaluated after the config's, one set per run: each
        // case with the symbols read both ways on, then off (only when
        // there are any).
        std::vector<std::string> runs() const {
            std::vector<std::string> out = {best + both_on, worst + both_off};
            if (!both_on.empty()) {
                out.push_back(best + both_off);
                out.push_back(worst + both_on);
            }
            return out;
        }
    };
    // With a tree of another release than the config's (--kernel-version
    // 6.12 --tree 6.1), the tree derives every default, but its own: a
    // default or an `imply` that came later (6.12's NET_9P_FD implies
    // UNIX) is missing, so the same bracket applies.
    Bracket unknown_defaults() const {
        Bracket b;
        if ((!kn.is_kb && exact()) || !minimal || !ctx) return b;
        static const std::set<std::string> arch_identity = {"X86",   "X86_32", "X86_64",
                                                            "64BIT", "ARM",    "ARM64"};
        std::map<const Symbol*, int> reads = polarity();
        const bool only_cut = kn.is_kb && exact();
        for (Symbol* s : ctx->symbols()) {
            if (s->name.empty() || written.count(s->name) || arch_identity.count(s->name)) continue;
            if (only_cut && !kb_at_cut(s)) continue;
            if (s->type != SymbolType::Bool && s->type != SymbolType::Tristate) continue;
            if (s->has(kconfig::kSymChoiceValue) || s->has(kconfig::kSymProbeDerived)) continue;
            if (!has_prompt(s)) continue;
            auto it = reads.find(s);
            int how = it == reads.end() ? 0 : it->second;
            if (how == 0) continue; // no rule depends on it
            std::string on = "CONFIG_" + s->name + "=y\n";
            std::string off = "# CONFIG_" + s->name + " is not set\n";
            b.names.push_back(s->name);
            if (how == 3) {
                // Read both ways (one rule wants it on, another off): no
                // single value is the best or the worst case. Each side is
                // tried with it on and with it off, so that each rule meets
                // its own best and worst case in some run: a FAIL in every
                // best run is certain (each value fails some rule), and so
                // is a PASS in every worst run.
                b.both_on += on;
                b.both_off += off;
            } else {
                b.best += how == 1 ? on : off;
                b.worst += how == 1 ? off : on;
            }
        }
        return b;
    }

    // A config for an architecture without Xen support (Debian's riscv64,
    // ppc64el, s390x, loong64 configs) serves in no role and no mode,
    // whatever it sets: judged without any knowledge. (With --arch the
    // caller has refused it as made for another architecture.)
    bool arch_without_xen() const { return !tgt.other_arch.empty() && !opt.arch; }
    void judge_arch_without_xen() {
        rep.kernel_version = tgt.version_text;
        rep.knowledge = "no knowledge (Linux has no Xen support on " + tgt.other_arch + ")";
        Finding f;
        f.rule_id = "xencfg.no-xen-arch";
        f.kind = FindingKind::Contradiction;
        f.severity = Severity::Error;
        f.role = role;
        f.where = {input, tgt.arch_line};
        f.message = no_xen_arch_reason(tgt.other_arch) + ": it cannot be a Xen " + role_name(role);
        rep.findings.push_back(std::move(f));
        rep.pass = false;
    }

    bool run(const std::string& text, std::string* error) {
        read_input(text);
        if (arch_without_xen()) {
            judge_arch_without_xen();
            return true;
        }
        decide_arch();
        if (!decide_version(error)) return false;
        evaluate(text);
        find_underivable();
        std::vector<ModeInfo> modes = modes_to_judge();
        build_rule_closure(modes);
        global_findings();
        judge_modes(modes);
        decide_verdict();
        return true;
    }
};

// Marks `report` undecided: the modes whose verdicts differ between the
// runs that bracket it fail with that note, and the report passes in no
// mode. Returns the xencfg.undecided finding to complete (its message, and
// the symbol the verdict turns on) and put first.
Finding mark_undecided(CheckReport& report, const std::set<size_t>& modes_differ,
                       const std::string& input_name) {
    for (size_t i : modes_differ) {
        report.modes[i].pass = false;
        report.modes[i].undecided = true;
        report.modes[i].note = "undecided without --tree";
    }
    report.undecided = true;
    report.pass = false;
    report.passing_modes.clear();
    Finding f;
    f.rule_id = "xencfg.undecided";
    f.kind = FindingKind::Contradiction;
    f.severity = Severity::Error;
    f.where = {input_name, 0};
    return f;
}

// "A, B, C and 5 more": at most `shown` of `names`.
std::string name_list(const std::vector<std::string>& names, size_t count, size_t shown = 8) {
    std::string out;
    for (size_t i = 0; i < count && i < shown; ++i)
        out += (i ? ", " : "") + names[i];
    if (count > shown) out += fmt::format(" and {} more", count - shown);
    return out;
}

// --strict judged with a knowledge base: a line for a symbol the extract
// lacks may be dropped on the real tree (the kernel's arm64 defconfig has
// CONFIG_MTD_NAND_FSL_IFC=y without FSL_IFC), a hygiene warning that fails
// --strict which nothing here can see. For a savedefconfig or a fragment,
// written by hand or by a tool other than conf, a strict pass is then not
// certain: undecided, naming those lines. A full config in conf's own
// format holds only what conf wrote, so its lines keep their values unless
// they were edited since: its pass stands, and a note says what went
// unchecked. A failure stands either way.
void undecided_on_unseen_lines(const Checker& c, const CheckKnowledge& knowledge,
                               const CheckOptions& options, CheckReport& report,
                               const std::string& input_name) {
    if (!options.strict || !knowledge.is_kb || !report.pass) return;
    std::vector<std::string> unseen;
    for (const ConfigLine& l : c.pc.lines)
        if (!l.symbol.empty() && !c.defined(l.symbol) &&
            std::find(unseen.begin(), unseen.end(), l.symbol) == unseen.end())
            unseen.push_back(l.symbol);
    if (unseen.empty()) return;
    if (!report.minimal && !report.fragment) {
        report.notes.push_back(fmt::format(
            "--strict without --tree: {} lines set symbols that {} does not hold; they are "
            "taken as conf wrote them, and a later edit that the tree would drop is not seen "
            "(pass --tree with the kernel source to check them)",
            unseen.size(), knowledge.description));
        return;
    }
    std::set<size_t> passing;
    for (size_t i = 0; i < report.modes.size(); ++i)
        if (report.modes[i].applicable && report.modes[i].pass) passing.insert(i);
    Finding f = mark_undecided(report, passing, input_name);
    f.symbol = unseen.front();
    f.message = fmt::format(
        "cannot decide --strict without --tree: this {} sets {} symbols that {} does "
        "not hold ({}), and the tree may drop their lines (a config-hygiene warning, which "
        "--strict fails); pass --tree with the kernel source",
        report.minimal ? "savedefconfig" : "fragment", unseen.size(), knowledge.description,
        name_list(unseen, unseen.size()));
    report.findings.insert(report.findings.begin(), std::move(f));
}

} // namespace

bool run_check(const CheckKnowledge& knowledge, const RuleSet& rules, const std::string& input_name,
               const std::string& config_text, const CheckOptions& options, CheckReport& report,
               std::string* error) {
    Checker c(knowledge, rules, input_name, options, report);
    if (!c.run(config_text, error)) return false;
    if (c.arch_without_xen()) return true;
    // Without a tree a long headerless input detected as a fragment may be
    // a savedefconfig (see follows_menu_order), unless it holds what
    // savedefconfig never writes (written_by_hand): judged both ways, a
    // verdict that differs is undecided, never the fragment's pass.
    const size_t settings = c.pc.lines.size();
    if (knowledge.is_kb && report.fragment && !c.hand_written && !options.fragment &&
        !options.minimal && settings >= kMinimalMinKnownLines) {
        CheckOptions as_minimal = options;
        as_minimal.fragment = false;
        as_minimal.minimal = true;
        CheckReport other;
        if (!run_check(knowledge, rules, input_name, config_text, as_minimal, other, error))
            return false;
        if (other.pass != report.pass) {
            auto verdict = [](const CheckReport& r) {
                return r.pass ? "pass" : r.undecided ? "undecided" : "fail";
            };
            std::string as_fragment = verdict(report), as_savedefconfig = verdict(other);
            std::set<size_t> modes_differ;
            for (size_t i = 0; i < report.modes.size() && i < other.modes.size(); ++i)
                if (report.modes[i].pass != other.modes[i].pass) modes_differ.insert(i);
            Finding f = mark_undecided(report, modes_differ, input_name);
            f.message = fmt::format(
                "cannot decide without --tree: this input has no header and {} settings, and "
                "its {} verdict differs as a fragment ({}) and as a savedefconfig ({}); pass "
                "--fragment or --savedefconfig to say which it is, or --tree with the kernel "
                "source (a savedefconfig follows its menu order)",
                settings, role_name(report.role), as_fragment, as_savedefconfig);
            report.findings.insert(report.findings.begin(), std::move(f));
        }
        undecided_on_unseen_lines(c, knowledge, options, report, input_name);
        return true;
    }
    // A savedefconfig without a tree: the defaults of the symbols it omits
    // are unknown to the knowledge base (the first run takes its own). The
    // rules' conditions are monotone in each symbol read one way only, so
    // judging again in the rules' best and worst case brackets the verdict:
    // when all three runs agree it does not depend on the unknown defaults;
    // otherwise it is undecided, never a guess.
    Checker::Bracket unknown = c.unknown_defaults();
    if (unknown.names.empty()) {
        undecided_on_unseen_lines(c, knowledge, options, report, input_name);
        return true;
    }
    // With another release's tree its closure is the whole tree, and the
    // worst case (every omitted symbol off) fails any config: only a
    // failure is questioned, the one the omitted defaults may cause. A
    // pass stands, said to rest on that tree's defaults.
    if (!knowledge.is_kb && report.pass) {
        report.notes.push_back(fmt::format(
            "the defaults of what this savedefconfig omits are Linux {}'s ({}), not {}'s",
            knowledge.version ? knowledge.version->str() : "?", knowledge.description,
            report.kernel_version));
        return true;
    }
    bool decided = true;
    std::set<size_t> modes_differ;
    // The omitted symbols a failing run's errors name (their symbol or a
    // change they ask for), and the one at the cut their symbol's value
    // derives from (a selector past the cut of blkfront, say): what the
    // verdict turns on, said first.
    std::set<std::string> decisive;
    auto note_decisive = [&](const CheckReport& failing) {
        for (const Finding& f : failing.findings) {
            if (f.severity != Severity::Error) continue;
            decisive.insert(f.symbol);
            for (const Change& change : f.changes)
                decisive.insert(change.symbol);
            const Symbol* s = c.ctx ? c.ctx->find_symbol(f.symbol) : nullptr;
            if (auto it = c.underivable.find(s); s && it != c.underivable.end())
                decisive.insert(it->second->name);
        }
    };
    // Kconfig's unmet-dependency warnings that only the bracket's assumed
    // values raise (evaluate() leaves them out of its verdicts).
    std::vector<std::string> assumed_unmet;
    for (const std::string& assumed : unknown.runs()) {
        CheckReport other;
        Checker c_other(knowledge, rules, input_name, options, other);
        c_other.assumed = assumed;
        if (!c_other.run(config_text, error)) return false;
        for (const std::string& name : c_other.assumed_unmet)
            if (std::find(assumed_unmet.begin(), assumed_unmet.end(), name) == assumed_unmet.end())
                assumed_unmet.push_back(name);
        if (other.pass != report.pass) {
            decided = false;
            note_decisive(other.pass ? report : other);
        }
        for (size_t i = 0; i < report.modes.size() && i < other.modes.size(); ++i)
            if (report.modes[i].pass != other.modes[i].pass) modes_differ.insert(i);
    }
    if (decided) {
        undecided_on_unseen_lines(c, knowledge, options, report, input_name);
        // Said only where it decided the strict verdict.
        if (!assumed_unmet.empty() && options.strict && !report.undecided)
            report.notes.push_back(fmt::format(
                "Kconfig's warnings are judged with {}'s values for the {} omitted symbols it "
                "cannot derive: with every one of them at an extreme at once, a select would force "
                "{} "
                "against its dependencies, which no tree need allow (pass --tree to be exact)",
                knowledge.description, unknown.names.size(),
                name_list(assumed_unmet, assumed_unmet.size(), 4)));
        return true;
    }
    Finding f = mark_undecided(report, modes_differ, input_name);
    report.undecided_by_release = !knowledge.is_kb;
    // The decisive ones first, then the others in the knowledge's order; the
    // finding is about the first of them, as data for every format.
    auto rest =
        std::stable_partition(unknown.names.begin(), unknown.names.end(),
                              [&](const std::string& name) { return decisive.count(name) > 0; });
    const size_t n_decisive = size_t(rest - unknown.names.begin());
    std::string names = name_list(unknown.names, unknown.names.size());
    std::string turns_on;
    if (n_decisive > 0) {
        f.symbol = unknown.names.front();
        turns_on = " (above all on " + name_list(unknown.names, n_decisive) + ")";
    }
    if (knowledge.is_kb)
        f.message = fmt::format(
            "cannot decide without --tree: this savedefconfig omits {} symbols whose defaults "
            "{} cannot derive ({}), and the {} verdict depends on them{}; pass --tree with the "
            "kernel source",
            unknown.names.size(), knowledge.description, names, role_name(report.role), turns_on);
    else
        f.message = fmt::format(
            "cannot decide with another release's tree: this savedefconfig for Linux {} omits "
            "{} symbols whose defaults may differ in {} ({}), and the {} verdict depends on "
            "them{}; pass --tree with the Linux {} source",
            report.kernel_version, unknown.names.size(), knowledge.description, names,
            role_name(report.role), turns_on, report.kernel_version);
    report.findings.insert(report.findings.begin(), std::move(f));
    return true;
}

} // namespace xenrules
