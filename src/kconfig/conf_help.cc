// menu_get_ext_help and get_symbol_str from scripts/kconfig/menu.c: the help
// screen conf prints for a '?' answer and for helpnewconfig. See targets.h.
#include "kconfig/confdata.h"
#include "kconfig/eval.h"
#include "kconfig/expr_simplify.h"
#include "kconfig/menu.h"
#include "kconfig/targets.h"

namespace kconfig {

namespace {

// expr_gstr_print: every typed symbol followed by " [=value]" (the value as
// it stands, not recalculated).
std::string expr_text(const Expr* e) {
    return expr_to_string_with_values(e, [](Symbol* s) { return sym_get_string_value(s); });
}

bool expr_is_yes(const Expr* e) {
    return !e ||
           (e->kind == ExprKind::Symbol && e->sym && e->sym->is_const() && e->sym->name == "y");
}

void dep_text(std::string& r, const Expr* e, const char* prefix) {
    if (expr_is_yes(e)) return;
    r += prefix;
    r += expr_text(e);
    r += "\n";
}

const char* prompt_of(const MenuNode* menu) {
    if (menu->prompt) return menu->prompt->text.c_str();
    if (menu->sym && !menu->sym->name.empty()) return menu->sym->name.c_str();
    return "(null)";
}

void def_text(std::string& r, const MenuNode* menu) {
    r += "Defined at " + (menu->loc.file ? *menu->loc.file : std::string()) + ":" +
         std::to_string(menu->loc.line) + "\n";
}

// get_prompt_str: the prompt, its dependencies and where it is in the menus.
void prompt_text(Context& ctx, std::string& r, Property* prop) {
    r += "  Prompt: " + prop->text.str() + "\n";
    MenuNode* pmenu = prop->menu;
    dep_text(r, pmenu->dep, "  Depends on: ");
    // Prompts whose visibility differs from their dependencies (an inline
    // `if`, a parent's `visible if`) show both.
    if (!ExprSimplifier(ctx).equal(pmenu->dep, prop->visible.expr))
        dep_text(r, prop->visible.expr, "  Visible if: ");
    // Up to 8 levels; before 5.13 the entry itself was not one of them and
    // an empty list printed no heading.
    const bool old = !ctx.dialect.conf_reworked();
    std::vector<MenuNode*> submenu;
    for (MenuNode* m = old ? pmenu->parent : pmenu; m && m != &ctx.root_menu && submenu.size() < 8;
         m = m->parent)
        submenu.push_back(m);
    if (old && submenu.empty()) return;
    r += "  Location:\n";
    int j = 0;
    for (auto it = submenu.rbegin(); it != submenu.rend(); ++it, ++j) {
        MenuNode* m = *it;
        int indent = 2 * j + 4;
        r += std::string(size_t(indent - 1), ' ') + " -> " + prompt_of(m);
        if (m->sym)
            r += " (" + (m->sym->name.empty() ? std::string("<choice>") : m->sym->name) +
                 " [=" + sym_get_string_value(m->sym) + "])";
        r += "\n";
    }
}

// get_symbol_props_str: every `select` (or `imply`) on one line.
void props_text(std::string& r, const Symbol* sym, PropertyKind kind, const char* prefix) {
    bool hit = false;
    for (const Property* p : sym->props) {
        if (p->kind != kind) continue;
        r += hit ? " && " : prefix;
        hit = true;
        r += expr_text(p->expr);
    }
    if (hit) r += "\n";
}

// expr_gstr_print_revdep: the `||` terms of a reverse dependency whose value
// is `want`, one per line under a title.
void revdep_text(Context& ctx, std::string& r, const Expr* e, Tristate want, const char* title) {
    std::vector<const Expr*> terms;
    expr_chain_terms(e, ExprKind::Or, terms);
    bool first = true;
    for (const Expr* t : terms) {
        if (expr_calc_value(ctx, t) != want) continue;
        if (first) r += title;
        first = false;
        r += "  - " + expr_text(t) + "\n";
    }
}

void symbol_text(Context& ctx, std::string& r, Symbol* sym) {
    if (!sym->name.empty()) {
        r += "Symbol: " + sym->name + " [=" + sym_get_string_value(sym) + "]\n";
        r += std::string("Type  : ") + symbol_type_name(sym->type) + "\n";
        if (sym->type == SymbolType::Int || sym->type == SymbolType::Hex) {
            if (Property* range = sym_get_range_prop(ctx, sym))
                r += "Range : " + expr_text(range->expr) + "\n";
        }
    }
    // Definitions with prompts before the ones without.
    for (MenuNode* m : sym->menus)
        if (m->prompt) {
            def_text(r, m);
            prompt_text(ctx, r, m->prompt);
        }
    for (MenuNode* m : sym->menus)
        if (!m->prompt) {
            def_text(r, m);
            dep_text(r, m->dep, "  Depends on: ");
        }
    props_text(r, sym, PropertyKind::Select, "Selects: ");
    if (sym->rev_dep.expr) {
        revdep_text(ctx, r, sym->rev_dep.expr, Tristate::Yes, "Selected by [y]:\n");
        revdep_text(ctx, r, sym->rev_dep.expr, Tristate::Mod, "Selected by [m]:\n");
        revdep_text(ctx, r, sym->rev_dep.expr, Tristate::No, "Selected by [n]:\n");
    }
    props_text(r, sym, PropertyKind::Imply, "Implies: ");
    if (sym->implied.expr) {
        revdep_text(ctx, r, sym->implied.expr, Tristate::Yes, "Implied by [y]:\n");
        revdep_text(ctx, r, sym->implied.expr, Tristate::Mod, "Implied by [m]:\n");
        revdep_text(ctx, r, sym->implied.expr, Tristate::No, "Implied by [n]:\n");
    }
    r += "\n\n";
}

} // namespace

std::string menu_help_text(Context& ctx, MenuNode* menu) {
    std::string r;
    Symbol* sym = menu->sym;
    std::string help = "There is no help available for this option.";
    if (menu->has_help) {
        if (sym && !sym->name.empty()) r += config_prefix(ctx) + sym->name + ":\n\n";
        help = menu->help;
    }
    r += help + "\n";
    if (sym) symbol_text(ctx, r, sym);
    return r;
}

} // namespace kconfig
