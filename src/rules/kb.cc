// Knowledge-base extraction: the rule symbols and their dependency closure,
// written back as a small flat Kconfig file; and loading it again.
#include "rules/kb.h"

#include "kconfig/eval.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
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

void expr_symbols(const Expr* e, std::vector<Symbol*>& out) {
    if (!e) return;
    expr_symbols(e->left, out);
    expr_symbols(e->right, out);
    if (e->sym && !e->sym->is_const()) out.push_back(e->sym);
    if (e->rsym && !e->rsym->is_const()) out.push_back(e->rsym);
}

std::string quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

// expr_to_string with references to choices (printed "<choice>") dropped:
// choices are flattened, so "being in the choice" is always true.
std::string kb_expr(const Expr* e) {
    std::string s = kconfig::expr_to_string(e);
    for (const char* pat : {"<choice> && ", " && <choice>"}) {
        for (size_t p; (p = s.find(pat)) != std::string::npos;) s.erase(p, std::string(pat).size());
    }
    for (size_t p; (p = s.find("<choice>")) != std::string::npos;) s.replace(p, 8, "y");
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

std::string kb_extract(Context& ctx, const RuleSet& rules, Arch arch, const KbExtractOptions& options) {
    // Seeds: every name the rules use.
    std::set<std::string> names;
    static const std::regex ident(R"([A-Za-z_][A-Za-z0-9_]*)");
    auto add_idents = [&](const std::string& text) {
        for (auto it = std::sregex_iterator(text.begin(), text.end(), ident); it != std::sregex_iterator(); ++it)
            names.insert(it->str());
    };
    for (const Rule& r : rules.rules) {
        if (!r.symbol.empty()) names.insert(r.symbol);
        for (const Rename& rn : r.renames) names.insert(rn.name);
        if (!r.via.empty()) names.insert(r.via);
        add_idents(r.when);
        add_idents(r.require);
    }
    // The arch-identifying symbols, so that detection and `when` work.
    for (const char* s : {"X86", "X86_32", "X86_64", "64BIT", "ARM", "ARM64", "MODULES"}) names.insert(s);

    // Closure over dependencies, selects (selectors), defaults, visibility.
    std::vector<Symbol*> work;
    std::set<Symbol*> in_kb;
    for (const std::string& n : names)
        if (Symbol* s = ctx.find_symbol(n); s && s->is_defined()) work.push_back(s);
    if (ctx.modules_sym) work.push_back(ctx.modules_sym);
    while (!work.empty()) {
        Symbol* s = work.back();
        work.pop_back();
        if (!s || s->is_const() || s->is_choice() || !s->is_defined() || !in_kb.insert(s).second) continue;
        std::vector<Symbol*> refs;
        expr_symbols(s->dir_dep.expr, refs);
        // Selectors matter for the value only when the symbol has no prompt
        // (otherwise the config's own line decides); following them for every
        // symbol pulls in most of the tree.
        bool has_prompt = std::any_of(s->props.begin(), s->props.end(),
                                      [](const Property* p) { return p->kind == PropertyKind::Prompt; });
        if (!has_prompt) expr_symbols(s->rev_dep.expr, refs);
        for (const Property* p : s->props) {
            expr_symbols(p->visible.expr, refs);
            if (p->kind == PropertyKind::Default || p->kind == PropertyKind::Range) expr_symbols(p->expr, refs);
        }
        for (Symbol* r : refs) work.push_back(r);
    }

    // Emit in menu order so that the file reads like the tree.
    std::vector<Symbol*> order;
    std::set<Symbol*> emitted;
    for (kconfig::MenuNode* m = ctx.root_menu.list; m; m = kconfig::menu_next(m, &ctx.root_menu))
        if (m->sym && in_kb.count(m->sym) && emitted.insert(m->sym).second) order.push_back(m->sym);
    for (Symbol* s : ctx.symbols())
        if (in_kb.count(s) && emitted.insert(s).second) order.push_back(s);

    std::string out;
    out += "# xencfg knowledge base (generated: do not edit)\n";
    out += fmt::format("# kernel-version: {}\n", ctx.kernel_version.str());
    out += fmt::format("# arch: {} (ARCH={})\n", arch_name(arch), kernel_arch_name(arch));
    out += fmt::format("# produced by: {}\n", options.producer.empty() ? "xenrules::kb_extract" : options.producer);
    out += fmt::format("# {} symbols: the symbols named by rules/*.json and their dependency closure\n", order.size());
    out += "# (depends, selects, defaults, prompt visibility). Every entry's dependencies,\n";
    out += "# including those inherited from menus and ifs, are flattened into one\n";
    out += "# `depends on`; choices are flattened to plain bool entries; menus are dropped.\n\n";
    out += "mainmenu \"xencfg knowledge base\"\n\n";

    for (Symbol* s : order) {
        const char* type = s->type == SymbolType::Bool       ? "bool"
                         : s->type == SymbolType::Tristate ? "tristate"
                         : s->type == SymbolType::Int      ? "int"
                         : s->type == SymbolType::Hex      ? "hex"
                         : s->type == SymbolType::String   ? "string"
                                                           : "bool";
        out += "config " + s->name + "\n";
        const Property* prompt = nullptr;
        for (const Property* p : s->props)
            if (p->kind == PropertyKind::Prompt) {
                prompt = p;
                break;
            }
        out += fmt::format("\t{}", type);
        if (prompt) out += " " + quote(prompt->text);
        out += "\n";
        if (s == ctx.modules_sym) out += "\tmodules\n";
        if (s->dir_dep.expr) out += "\tdepends on " + kb_expr(s->dir_dep.expr) + "\n";
        if (prompt && prompt->visible.expr && prompt->visible.expr != s->dir_dep.expr) {
            // A prompt condition beyond the entry's dependencies (`bool "x" if COND`)
            // is kept as a visibility-only condition via a second prompt-less form:
            // expressed with `depends on` would change the value; note it instead.
            std::string vis = kb_expr(prompt->visible.expr);
            std::string dep = s->dir_dep.expr ? kb_expr(s->dir_dep.expr) : "";
            if (vis != dep) out += "\t# prompt visible if " + vis + "\n";
        }
        for (const Property* p : s->props) {
            if (p->kind == PropertyKind::Default) {
                out += "\tdefault " + kb_expr(p->expr);
                if (p->visible.expr) out += " if " + kb_expr(p->visible.expr);
                out += "\n";
            } else if (p->kind == PropertyKind::Range) {
                out += "\trange " + kb_expr(p->expr);
                if (p->visible.expr) out += " if " + kb_expr(p->visible.expr);
                out += "\n";
            } else if (p->kind == PropertyKind::Select || p->kind == PropertyKind::Imply) {
                std::vector<Symbol*> target;
                expr_symbols(p->expr, target);
                if (target.empty() || !in_kb.count(target.front())) continue;
                out += std::string(p->kind == PropertyKind::Select ? "\tselect " : "\timply ") + target.front()->name;
                if (p->visible.expr) out += " if " + kb_expr(p->visible.expr);
                out += "\n";
            }
        }
        if (!s->menus.empty() && s->menus.front()->loc.file)
            out += fmt::format("\t# from {}:{}\n", *s->menus.front()->loc.file, s->menus.front()->loc.line);
        out += "\n";
    }
    return out;
}

bool kb_extract_tree(const std::string& tree, Arch arch, const RuleSet& rules, const std::string& out_file,
                     std::string* error) {
    auto kv = kconfig::read_kernel_version(tree, error);
    if (!kv) return false;
    Context ctx;
    kconfig::LoadOptions lo;
    lo.srctree = tree;
    lo.env = kconfig::default_environment(tree, kernel_arch_name(arch), *kv);
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
    o.producer = fmt::format("xencfg kb-extract --tree {} --arch {} (Linux {})", tree, arch_name(arch),
                             ctx.kernel_version.str());
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
        c.note = fmt::format("no knowledge base for {} or older; using {} (the oldest) plus the rules' version bounds",
                             version.str(), pick->first.str());
    } else if (pick->first != version) {
        c.note = fmt::format("no knowledge base for {}; using {} (nearest older) plus the rules' version bounds",
                             version.str(), pick->first.str());
    }
    c.path = pick->second;
    c.version = pick->first;
    c.exact = pick->first == version;
    return c;
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
    bool loaded = kconfig::load_tree_from_memory(ctx, {{name, text}}, name, {});
    if (kv.version) ctx.kernel_version = kv; // the extract's version, not the loader's default
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
