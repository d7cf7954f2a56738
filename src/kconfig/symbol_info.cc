#include "kconfig/symbol_info.h"

#include "kconfig/eval.h"
#include "kconfig/menu.h"

namespace kconfig {
namespace {

// Expressions and symbol references as text, with values or without.
struct Gatherer {
    Context& ctx;
    bool values;

    std::string expr(const Expr* e) {
        if (!e) return "";
        if (!values) return expr_to_string(e);
        return expr_to_string_with_values(e, [this](Symbol* s) { return sym_value(ctx, s); });
    }
    std::string sym_ref(Symbol* s) {
        if (!s) return "";
        std::string name = s->name.empty() ? "<choice>" : s->name;
        if (values && !s->is_const()) name += " [=" + sym_value(ctx, s) + "]";
        return name;
    }
    // A property's own `if` condition: the kernel stores it AND-ed after the
    // dependencies inherited from its entry, menus and ifs; those are
    // dropped when they print as that prefix (they are shown with the
    // definition).
    std::string cond(const Property* p) {
        std::string full = expr(p->visible.expr);
        if (!p->menu || !p->menu->dep) return full;
        std::string dep = expr(p->menu->dep);
        if (full == dep) return "";
        if (full.size() > dep.size() + 4 && full.compare(0, dep.size() + 4, dep + " && ") == 0)
            return full.substr(dep.size() + 4);
        return full;
    }
    static SymbolInfoLocation at(const Location& l) {
        if (!l.file) return {};
        return {*l.file, l.line};
    }
};

} // namespace

SymbolInfo gather_symbol_info(Context& ctx, Symbol* sym, bool values,
                              const std::string& config_file, const std::string& user_value) {
    Gatherer g{ctx, values};
    SymbolInfo r;
    r.name = sym->name;
    r.type = symbol_type_name(sym->type);
    r.with_values = values;
    if (values) {
        r.value = sym_value(ctx, sym);
        r.config_file = config_file;
        r.user_value = user_value;
        sym_calc_visibility(ctx, sym);
        r.visibility = std::string(1, tristate_char(sym->visible));
    }
    for (MenuNode* m : sym->menus) {
        SymbolDefinition d;
        d.at = Gatherer::at(m->loc);
        d.kind = m->is_choice ? "choice" : m->is_menuconfig ? "menuconfig" : "config";
        if (m->prompt) {
            d.prompt = m->prompt->text;
            std::string vis = g.expr(m->prompt->visible.expr);
            std::string dep = g.expr(m->dep);
            if (vis != dep) d.visible_if = vis;
        }
        d.location = menu_location(m);
        d.depends_on = g.expr(m->dep);
        d.help = m->help;
        while (!d.help.empty() && d.help.back() == '\n')
            d.help.pop_back();
        r.definitions.push_back(std::move(d));
        if (m->parent && m->parent->is_choice && r.choice.empty()) {
            std::string p = menu_prompt(m->parent);
            r.choice = p.empty() ? "<choice>" : "\"" + p + "\"";
            if (m->parent->loc.file)
                r.choice +=
                    " at " + *m->parent->loc.file + ":" + std::to_string(m->parent->loc.line);
        }
        if (m->is_choice)
            for (Symbol* member : m->choice_members)
                r.choice_members.push_back(g.sym_ref(member));
    }
    r.direct_dependencies = g.expr(sym->dir_dep.expr);
    r.reverse_dependencies = g.expr(sym->rev_dep.expr);
    for (Property* p : sym->props) {
        switch (p->kind) {
        case PropertyKind::Select:
        case PropertyKind::Imply: {
            SymbolRelation rel{g.sym_ref(p->expr ? p->expr->sym : nullptr), g.cond(p),
                               Gatherer::at(p->loc)};
            (p->kind == PropertyKind::Select ? r.selects : r.implies).push_back(rel);
            break;
        }
        case PropertyKind::Default:
            r.defaults.push_back({g.expr(p->expr), g.cond(p), Gatherer::at(p->loc)});
            break;
        case PropertyKind::Range:
            if (p->expr)
                r.ranges.push_back({g.sym_ref(p->expr->sym), g.sym_ref(p->expr->rsym), g.cond(p),
                                    Gatherer::at(p->loc)});
            break;
        default:
            break;
        }
    }
    // Relations seen from the other end.
    for (Symbol* other : ctx.symbols()) {
        for (Property* p : other->props) {
            if (p->kind != PropertyKind::Select && p->kind != PropertyKind::Imply) continue;
            if (!p->expr || p->expr->sym != sym) continue;
            SymbolRelation rel{g.sym_ref(other), g.cond(p), Gatherer::at(p->loc)};
            (p->kind == PropertyKind::Select ? r.selected_by : r.implied_by).push_back(rel);
        }
    }
    return r;
}

} // namespace kconfig
