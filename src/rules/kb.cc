// Knowledge-base extraction: the rule symbols and their dependency closure,
// written back as a small flat Kconfig file; and loading it again.
#include "rules/kb.h"

#include "kconfig/dotconfig.h"
#include "kconfig/eval.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <filesystem>
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
using kconfig::Property;
using kconfig::PropertyKind;
using kconfig::Symbol;
using kconfig::SymbolType;

namespace {

// expr_to_string with references to choices (printed "<choice>") dropped:
// choices are flattened, so "being in the choice" is always true.
std::string kb_expr(const Expr* e) {
    std::string s = kconfig::expr_to_string(e);
    for (const char* pat : {"<choice> && ", " && <choice>"}) {
        for (size_t p; (p = s.find(pat)) != std::string::npos;)
            s.erase(p, std::string(pat).size());
    }
    for (size_t p; (p = s.find("<choice>")) != std::string::npos;)
        s.replace(p, 8, "y");
    return s;
}

std::string read_text(const std::string& path, bool* ok) {
    std::ifstream in(path, std::ios::binary);
    *ok = bool(in);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

namespace {

// How far the closure goes from the rules' symbols. A symbol at the cut is
// kept as a "boundary": its type and a settable prompt, no dependencies,
// so that a full .config's own value for it is taken as written (the
// kernel computed it when the file was made). Without the cut the closure
// of XEN reaches most of the tree.
constexpr int kMaxDepth = 3;

// Every name the rules use (symbols, renames, via, and the symbols of their
// `when`/`require` expressions), plus the arch-identifying symbols, so that
// detection and `when` work.
std::set<std::string> kb_seed_names(Context& ctx, const RuleSet& rules) {
    std::set<std::string> names;
    auto add_expression = [&](const std::string& text) {
        if (text.empty()) return;
        std::string err;
        std::vector<Symbol*> syms;
        kconfig::expr_symbols(kconfig::parse_expression(ctx, text, &err), syms);
        for (Symbol* s : syms)
            names.insert(s->name);
    };
    for (const Rule& r : rules.rules) {
        if (!r.symbol.empty()) names.insert(r.symbol);
        for (const Rename& rn : r.renames)
            names.insert(rn.name);
        if (!r.via.empty()) names.insert(r.via);
        add_expression(r.when);
        add_expression(r.require);
    }
    for (const char* s : {"X86", "X86_32", "X86_64", "64BIT", "ARM", "ARM64", "MODULES"})
        names.insert(s);
    return names;
}

// The symbols an extract holds, with their hops from the seeds.
struct KbClosure {
    std::map<Symbol*, int> depth; // symbol (or choice) -> hops from the seeds
    std::set<Symbol*> choices;    // the choices it reaches
};

// The references that decide a symbol's value: dependencies, prompt
// conditions, defaults and ranges, and selectors and impliers (of every
// symbol with `all_selectors`, else only of prompt-less ones).
std::vector<Symbol*> value_references(Symbol* s, bool all_selectors) {
    std::vector<Symbol*> refs;
    kconfig::expr_symbols(s->dir_dep.expr, refs);
    if (all_selectors || !kconfig::has_prompt(s)) {
        kconfig::expr_symbols(s->rev_dep.expr, refs);
        // An imply sets a prompted symbol's default (net/9p's `imply UNIX`
        // makes UNIX=y the default where 9P is on).
        kconfig::expr_symbols(s->implied.expr, refs);
    }
    for (const Property* p : s->props) {
        kconfig::expr_symbols(p->visible.expr, refs);
        if (p->kind == PropertyKind::Default || p->kind == PropertyKind::Range)
            kconfig::expr_symbols(p->expr, refs);
    }
    if (s->has(kconfig::kSymChoiceValue))
        for (kconfig::MenuNode* m : s->menus)
            if (m->parent && m->parent->is_choice && m->parent->sym) refs.push_back(m->parent->sym);
    return refs;
}

// A choice's references: its dependencies, prompt conditions, defaults and
// every member.
std::vector<Symbol*> choice_references(Symbol* c) {
    std::vector<Symbol*> refs;
    kconfig::expr_symbols(c->dir_dep.expr, refs);
    for (const Property* p : c->props) {
        kconfig::expr_symbols(p->visible.expr, refs);
        if (p->kind == PropertyKind::Default) kconfig::expr_symbols(p->expr, refs);
    }
    for (kconfig::MenuNode* m : c->menus)
        for (Symbol* member : m->choice_members)
            refs.push_back(member);
    return refs;
}

// A boundary symbol keeps its selects and implies of symbols in the
// extract (their value comes from the selectors and impliers, and check
// derives an omitted symbol's value from them: see kb_at_cut): the symbols
// of those properties' conditions join the extract as boundaries too, to a
// fixpoint.
void add_boundary_select_conditions(KbClosure& c) {
    for (bool grew = true; grew;) {
        grew = false;
        std::vector<Symbol*> at_cut;
        for (auto& [sym, d] : c.depth)
            if (d >= kMaxDepth && !sym->is_choice()) at_cut.push_back(sym);
        for (Symbol* b : at_cut)
            for (const Property* p : b->props) {
                if (p->kind != PropertyKind::Select && p->kind != PropertyKind::Imply) continue;
                std::vector<Symbol*> target;
                kconfig::expr_symbols(p->expr, target);
                if (target.empty() || !c.depth.count(target.front()) ||
                    c.depth[target.front()] >= kMaxDepth)
                    continue;
                std::vector<Symbol*> refs;
                kconfig::expr_symbols(p->visible.expr, refs);
                for (Symbol* r : refs)
                    if (!c.depth.count(r) && !r->is_const() && r->is_defined()) {
                        c.depth[r] = kMaxDepth;
                        grew = true;
                    }
            }
    }
}

// The closure over dependencies, selectors, defaults and prompt visibility,
// breadth first from the seeds, cut at kMaxDepth hops. A member of a choice
// brings the whole choice (its prompt, dependencies, defaults and every
// member) one hop further.
KbClosure kb_closure(Context& ctx, const std::set<std::string>& names, bool all_selectors) {
    KbClosure c;
    std::deque<Symbol*> queue;
    auto reach = [&](Symbol* s, int d) {
        if (!s || s->is_const() || (!s->is_defined() && !s->is_choice())) return;
        if (c.depth.count(s)) return;
        c.depth[s] = d;
        queue.push_back(s);
    };
    for (const std::string& n : names)
        if (Symbol* s = ctx.find_symbol(n)) reach(s, 0);
    if (ctx.modules_sym) reach(ctx.modules_sym, 0);
    while (!queue.empty()) {
        Symbol* s = queue.front();
        queue.pop_front();
        int d = c.depth[s];
        if (s->is_choice()) {
            c.choices.insert(s);
            // The members belong to the choice whatever the depth.
            for (Symbol* r : choice_references(s))
                reach(r, std::min(d + 1, kMaxDepth));
            continue;
        }
        if (d >= kMaxDepth) continue; // boundary
        for (Symbol* r : value_references(s, all_selectors))
            reach(r, d + 1);
    }
    add_boundary_select_conditions(c);
    return c;
}

const char* kb_type_name(SymbolType t) {
    return t == SymbolType::Bool       ? "bool"
           : t == SymbolType::Tristate ? "tristate"
           : t == SymbolType::Int      ? "int"
           : t == SymbolType::Hex      ? "hex"
           : t == SymbolType::String   ? "string"
                                       : "bool";
}

// A property's own condition as " if EXPR" ("" without one).
std::string kb_condition(const Property* p) {
    return p->visible.expr ? " if " + kb_expr(p->visible.expr) : std::string();
}

// Writes the extract's entries: Kconfig text the parser loads back.
class KbWriter {
  public:
    KbWriter(Context& ctx, const KbClosure& closure)
        : ctx_(ctx), closure_(closure), choice_v2_(ctx.dialect.choice_is_bool_block()) {}

    std::string body;      // the entries written so far
    size_t count = 0;      // symbols written
    size_t boundaries = 0; // of which at the cut

    bool in_kb(Symbol* s) const { return closure_.depth.count(s) && !s->is_choice(); }
    bool boundary(Symbol* s) const {
        auto it = closure_.depth.find(s);
        return it != closure_.depth.end() && it->second >= kMaxDepth;
    }

    void symbol(Symbol* s) {
        if (!emitted_.insert(s).second) return;
        ++count;
        body += "config " + s->name + "\n";
        if (boundary(s)) {
            boundary_entry(s);
        } else {
            prompt_line(s);
            properties(s);
            if (s->has(kconfig::kSymProbeDerived))
                body += std::string("\t") + kKbToolchainMark + "\n";
        }
        origin(s);
        body += "\n";
    }

    void choice(kconfig::MenuNode* m) {
        Symbol* c = m->sym;
        body += "choice\n";
        // A choice's own dependencies live only in its prompt's visibility
        // (menu_finalize gives a menu with entries no dir_dep), so the
        // prompt keeps its condition: without it, x86_64's "High Memory
        // Support" lost `depends on X86_32` and HIGHMEM64G=y was kept.
        for (const Property* p : c->props)
            if (kconfig::is_prompt(p))
                body += "\tprompt " + kconfig::quote_string_value(p->text.str()) + kb_condition(p) +
                        "\n";
        if (!choice_v2_ && c->type != SymbolType::Unknown)
            body += std::string("\t") + kb_type_name(c->type) + "\n";
        if (c->has(kconfig::kSymOptional)) body += "\toptional\n";
        depends_line(c);
        for (const Property* p : c->props)
            if (p->kind == PropertyKind::Default)
                body += "\tdefault " + kb_expr(p->expr) + kb_condition(p) + "\n";
        if (m->loc.file) body += fmt::format("\t# from {}:{}\n", *m->loc.file, m->loc.line);
        body += "\n";
        for (Symbol* member : m->choice_members)
            if (in_kb(member)) symbol(member);
        body += "endchoice\n\n";
    }

  private:
    Context& ctx_;
    const KbClosure& closure_;
    bool choice_v2_; // 6.11+ choices: no type line
    std::set<Symbol*> emitted_;

    // Settable, unconditional: the .config's value stands. Its selects and
    // implies of symbols inside the extract stay.
    void boundary_entry(Symbol* s) {
        ++boundaries;
        body += fmt::format("\t{} \"{}\"\n", kb_type_name(s->type),
                            kconfig::has_prompt(s) ? kKbBoundaryPrompt : kKbBoundaryNoPrompt);
        for (const Property* p : s->props) {
            if (p->kind != PropertyKind::Select && p->kind != PropertyKind::Imply) continue;
            std::vector<Symbol*> target;
            kconfig::expr_symbols(p->expr, target);
            if (target.empty() || !in_kb(target.front()) || boundary(target.front())) continue;
            body += std::string(p->kind == PropertyKind::Select ? "\tselect " : "\timply ") +
                    target.front()->name + kb_condition(p) + "\n";
        }
    }

    // The type line with the prompt. A symbol defined in several places has
    // several prompts: it is visible when any of them is, so one prompt
    // carries the OR of their conditions (each with its inherited
    // dependencies).
    void prompt_line(Symbol* s) {
        const Property* prompt = nullptr;
        std::vector<std::string> conds;
        bool always = false;
        for (const Property* p : s->props)
            if (kconfig::is_prompt(p)) {
                if (!prompt) prompt = p;
                std::string c = p->visible.expr ? kb_expr(p->visible.expr) : "y";
                if (c == "y")
                    always = true;
                else if (std::find(conds.begin(), conds.end(), c) == conds.end())
                    conds.push_back(c);
            }
        body += fmt::format("\t{}", kb_type_name(s->type));
        if (prompt) {
            body += " " + kconfig::quote_string_value(prompt->text.str());
            std::string dep = s->dir_dep.expr ? kb_expr(s->dir_dep.expr) : "";
            if (!always && !(conds.size() == 1 && conds[0] == dep)) {
                std::string vis;
                for (const std::string& c : conds)
                    vis += (vis.empty() ? "" : " || ") + (conds.size() > 1 ? "(" + c + ")" : c);
                body += " if " + vis;
            }
        }
        body += "\n";
    }

    // A prompt without any condition (its entry has no dependency, not even
    // an inherited one) is always visible. Its symbol's dir_dep can still
    // be an expression: the kernel ORs each entry's dependency into it and
    // an entry without one adds nothing (expr_alloc_or of a null), so 5.10's
    // x86 CPU_MITIGATIONS, prompted in arch/x86/Kconfig and defined again
    // under `if !ARCH_CONFIGURES_CPU_MITIGATIONS` in arch/Kconfig, depends on
    // !ARCH_CONFIGURES_CPU_MITIGATIONS yet can be set. A `depends on` line
    // would hide that prompt in the extract, so it is left out: the
    // defaults and selects carry their own entries' conditions anyway.
    static bool has_unconditional_prompt(const Symbol* s) {
        for (const Property* p : s->props)
            if (kconfig::is_prompt(p) && (!p->visible.expr || kb_expr(p->visible.expr) == "y"))
                return true;
        return false;
    }

    void depends_line(Symbol* s) {
        if (!s->dir_dep.expr || has_unconditional_prompt(s)) return;
        std::string dep = kb_expr(s->dir_dep.expr);
        if (dep != "y") body += "\tdepends on " + dep + "\n";
    }

    // modules, depends on, defaults, ranges, and the selects and implies of
    // symbols inside the extract.
    void properties(Symbol* s) {
        // In the tree's own language: an attribute from 5.13, an option before.
        if (s == ctx_.modules_sym)
            body += ctx_.dialect.has_modules_attribute() ? "\tmodules\n" : "\toption modules\n";
        depends_line(s);
        for (const Property* p : s->props) {
            if (p->kind == PropertyKind::Default) {
                body += "\tdefault " + kb_expr(p->expr) + kb_condition(p) + "\n";
            } else if (p->kind == PropertyKind::Range) {
                body += "\trange " + kb_expr(p->expr) + kb_condition(p) + "\n";
            } else if (p->kind == PropertyKind::Select || p->kind == PropertyKind::Imply) {
                std::vector<Symbol*> target;
                kconfig::expr_symbols(p->expr, target);
                if (target.empty() || !in_kb(target.front())) continue;
                body += std::string(p->kind == PropertyKind::Select ? "\tselect " : "\timply ") +
                        target.front()->name + kb_condition(p) + "\n";
            }
        }
    }

    // Where the tree defines it, as a comment.
    void origin(Symbol* s) {
        if (!s->menus.empty() && s->menus.front()->loc.file)
            body += fmt::format("\t# from {}:{}\n", *s->menus.front()->loc.file,
                                s->menus.front()->loc.line);
    }
};

// The extract's header comment and mainmenu.
std::string kb_header(const Context& ctx, Arch arch, const KbExtractOptions& options, size_t count,
                      size_t boundaries) {
    std::string out;
    out += "# xencfg knowledge base (generated: do not edit)\n";
    out += fmt::format("# kernel-version: {}\n", ctx.kernel_version.str());
    out += fmt::format("# arch: {} (ARCH={})\n", arch_name(arch), kernel_arch_name(arch));
    out += fmt::format("# produced by: {}\n",
                       options.producer.empty() ? "xenrules::kb_extract" : options.producer);
    out += fmt::format(
        "# {} symbols: the symbols named by rules/*.json and their dependencies, selectors\n",
        count);
    out += fmt::format(
        "# (a select overrides a prompt too), defaults and prompt conditions up to {} hops away.\n",
        kMaxDepth);
    out += fmt::format("# {} symbols at the cut are \"{}\": settable, without\n", boundaries,
                       kKbBoundaryPrompt);
    out += "# dependencies, so the checked .config's own value stands; those the tree\n";
    out += "# defines without a prompt say \", no prompt in the tree\" and are never\n";
    out += "# suggested. Dependencies inherited from menus and ifs are flattened into\n";
    out += "# `depends on`; menus are dropped.\n\n";
    out += "mainmenu \"xencfg knowledge base\"\n\n";
    return out;
}

} // namespace

// Selectors decide the value of every symbol, prompted or not: a select
// overrides the config's own line (a fragment saying `# CONFIG_OF is not
// set`, as Debian's debian/config/config does, still gets OF=y on arm, where
// ARM selects USE_OF, which selects OF). The closure is also computed
// without the selectors of prompted symbols: the symbols only those bring
// in are written after the others, so that they do not split the menus the
// extract's reader rebuilds from consecutive dependencies ("-> Network
// device support").
std::string kb_extract(Context& ctx, const RuleSet& rules, Arch arch,
                       const KbExtractOptions& options) {
    std::set<std::string> names = kb_seed_names(ctx, rules);
    KbClosure core = kb_closure(ctx, names, false);
    KbClosure full = kb_closure(ctx, names, true);
    KbWriter w(ctx, full);
    // In menu order, so that the file reads like the tree: first the
    // symbols of the core closure, then (in menu order too) those the
    // selectors of prompted symbols bring in.
    for (bool extra : {false, true})
        for (kconfig::MenuNode* m = ctx.root_menu.list; m;
             m = kconfig::menu_next(m, &ctx.root_menu)) {
            if (!m->sym || (core.depth.count(m->sym) > 0) == extra) continue;
            if (m->is_choice) {
                if (full.choices.count(m->sym)) w.choice(m);
            } else if (w.in_kb(m->sym) &&
                       !(m->parent && m->parent->is_choice && full.choices.count(m->parent->sym))) {
                w.symbol(m->sym);
            }
        }
    for (Symbol* s : ctx.symbols())
        if (w.in_kb(s)) w.symbol(s);
    return kb_header(ctx, arch, options, w.count, w.boundaries) + w.body;
}

// The prompt text of a boundary entry (see KbWriter::boundary_entry).
static const Property* kb_boundary_prompt(const Symbol* s) {
    for (const Property* p : s->props)
        if (kconfig::is_prompt(p) &&
            (p->text.str() == kKbBoundaryPrompt || p->text.str() == kKbBoundaryNoPrompt))
            return p;
    return nullptr;
}

bool kb_at_cut(const Symbol* s) {
    return s && kb_boundary_prompt(s);
}

bool kb_promptless_at_cut(const Symbol* s) {
    const Property* p = s ? kb_boundary_prompt(s) : nullptr;
    return p && p->text.str() == kKbBoundaryNoPrompt;
}

bool has_settable_prompt(const Symbol* s) {
    return kconfig::has_prompt(s) && !kb_promptless_at_cut(s);
}

bool kb_extract_tree(const std::string& tree, Arch arch, const RuleSet& rules,
                     const std::string& out_file, const kconfig::Environment& process_env,
                     const kconfig::ProbeOptions& probes, std::string* error) {
    auto kv = kconfig::read_kernel_version(tree, error);
    if (!kv) return false;
    Context ctx;
    kconfig::LoadOptions lo;
    lo.srctree = tree;
    lo.env = kconfig::default_environment(tree, kernel_arch_name(arch), *kv, process_env, probes);
    lo.process_env = process_env;
    lo.probes = probes;
    if (!kconfig::load_tree(ctx, lo)) {
        if (error) {
            *error = "cannot load " + tree;
            for (const auto& d : ctx.diags.items())
                if (d.severity == kconfig::Severity::Error) {
                    *error += ": " + kconfig::format_diagnostic(d);
                    break;
                }
        }
        return false;
    }
    KbExtractOptions o;
    o.producer = fmt::format("xencfg kb-extract --tree .../{} --arch {} (Linux {})",
                             std::filesystem::path(tree).lexically_normal().filename().string(),
                             arch_name(arch), ctx.kernel_version.str());
    std::string text = kb_extract(ctx, rules, arch, o);
    std::ofstream out(out_file, std::ios::binary | std::ios::trunc);
    if (!out || !(out << text)) {
        if (error) *error = "cannot write " + out_file;
        return false;
    }
    return true;
}

std::optional<KbChoice> find_kb(const std::string& kb_dir, Arch arch, const KVer& version) {
    namespace fs = std::filesystem;
    std::vector<std::pair<KVer, std::string>> found;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(kb_dir, ec)) {
        if (!e.is_directory()) continue;
        auto v = KVer::parse(e.path().filename().string());
        fs::path f = e.path() / (std::string(kernel_arch_name(arch)) + ".kconfig");
        if (v && fs::exists(f)) found.push_back({*v, f.string()});
    }
    if (found.empty()) return std::nullopt;
    std::sort(found.begin(), found.end());
    const std::pair<KVer, std::string>* pick = nullptr;
    for (const auto& p : found)
        if (!(version < p.first)) pick = &p; // nearest older or equal
    KbChoice c;
    if (!pick) {
        pick = &found.front();
        c.note = fmt::format("no knowledge base for {} or older; using {} (the oldest) plus the "
                             "rules' version bounds",
                             version.str(), pick->first.str());
    } else if (pick->first != version) {
        c.note = fmt::format(
            "no knowledge base for {}; using {} (nearest older) plus the rules' version bounds",
            version.str(), pick->first.str());
    }
    c.path = pick->second;
    c.version = pick->first;
    c.exact = pick->first == version;
    return c;
}

std::optional<KbChoice> choose_shipped_kb(const std::string& data_dir, Arch arch,
                                          const KVer& version, std::string* error) {
    std::string kb_dir = data_dir + "/kb";
    std::error_code ec;
    auto choice =
        std::filesystem::is_directory(kb_dir, ec) ? find_kb(kb_dir, arch, version) : std::nullopt;
    if (!choice && error)
        *error = fmt::format("no knowledge base for Linux {} on {} in {}; pass --tree with a "
                             "kernel source tree",
                             version.str(), arch_name(arch), kb_dir);
    return choice;
}

CheckKnowledge kb_knowledge(const KbChoice& choice, const std::string& data_dir,
                            kconfig::Context& ctx) {
    CheckKnowledge k;
    k.ctx = &ctx;
    k.is_kb = true;
    k.version = choice.version;
    std::string shown = choice.path;
    if (shown.rfind(data_dir + "/", 0) == 0) shown = shown.substr(data_dir.size() + 1);
    k.description = "kb " + shown;
    if (!choice.note.empty()) k.description += " (" + choice.note + ")";
    return k;
}

CheckKnowledge tree_knowledge(const std::string& tree_dir, kconfig::Context& ctx) {
    CheckKnowledge k;
    k.ctx = &ctx;
    k.description = "tree " + tree_dir;
    k.version = KVer::parse(ctx.kernel_version.str());
    return k;
}

// The extract's defaults for toolchain-derived symbols are the extracting
// machine's probe answers: the mark (a comment line in the symbol's entry)
// makes them kSymProbeDerived again, so that a checked .config's recorded
// values stand, as with a tree.
static void mark_toolchain_derived(Context& ctx, const std::string& text) {
    std::string_view all(text);
    Symbol* current = nullptr;
    for (size_t pos = 0; pos < all.size();) {
        size_t nl = all.find('\n', pos);
        std::string_view line = all.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
        pos = nl == std::string_view::npos ? all.size() : nl + 1;
        if (line.rfind("config ", 0) == 0)
            current = ctx.find_symbol(line.substr(7));
        else if (current && line == std::string("\t") + kKbToolchainMark)
            current->flags |= kconfig::kSymProbeDerived;
    }
}

bool load_kb(Context& ctx, const std::string& path, std::string* error) {
    bool ok = false;
    std::string text = read_text(path, &ok);
    if (!ok) {
        if (error) *error = "cannot read " + path;
        return false;
    }
    static const std::regex ver_re(R"(# kernel-version: (\d+)\.(\d+)\.(\d+)(\S*))");
    std::smatch m;
    if (std::regex_search(text, m, ver_re)) {
        ctx.kernel_version.version = std::stoi(m[1].str());
        ctx.kernel_version.patchlevel = std::stoi(m[2].str());
        ctx.kernel_version.sublevel = std::stoi(m[3].str());
        ctx.kernel_version.extraversion = m[4].str();
    }
    std::string name = std::filesystem::path(path).filename().string();
    kconfig::KernelVersion kv = ctx.kernel_version;
    // An extract is written in its kernel's dialect (choices, for one).
    kconfig::Dialect dialect = kv.version ? kconfig::Dialect::of(kv) : kconfig::Dialect::newest();
    bool loaded = kconfig::load_tree_from_memory(ctx, {{name, text}}, name, {}, dialect);
    if (kv.version) ctx.kernel_version = kv; // the extract's version, not the loader's default
    if (loaded) mark_toolchain_derived(ctx, text);
    if (!loaded) {
        if (error) {
            *error = "cannot load knowledge base " + path;
            for (const auto& d : ctx.diags.items())
                if (d.severity == kconfig::Severity::Error) {
                    *error += ": " + kconfig::format_diagnostic(d);
                    break;
                }
        }
        return false;
    }
    return true;
}

} // namespace xenrules
