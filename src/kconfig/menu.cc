#include "kconfig/menu.h"
#include "kconfig/eval.h"
#include "kconfig/expr_simplify.h"

#include <algorithm>
#include <cctype>

namespace kconfig {

namespace {

void warn(Context& ctx, const Location& loc, const std::string& msg) {
    ctx.diags.add(conf_diagnostic(Severity::Warning, DiagCode::KconfigMenu,
                                  loc.file ? *loc.file : "", loc.line, msg, ":warning: "));
}

void error(Diagnostics& sink, const Location& loc, const std::string& msg) {
    sink.add(conf_diagnostic(Severity::Error, DiagCode::KconfigMenu, loc.file ? *loc.file : "",
                             loc.line, msg, ": error: "));
}

const char* sym_label(const Symbol* s) {
    return s->name.empty() ? "<choice>" : s->name.c_str();
}

// rewrite_m: 'm' becomes 'm && MODULES', so that it is n without modules.
// Subtrees without a bare 'm' are shared, not copied: expressions are
// immutable, and most have no 'm' at all.
const Expr* rewrite_m(Context& ctx, const Expr* e) {
    if (!e) return e;
    switch (e->kind) {
    case ExprKind::Not: {
        const Expr* l = rewrite_m(ctx, e->left);
        return l == e->left ? e : ctx.new_expr(ExprKind::Not, l);
    }
    case ExprKind::Or:
    case ExprKind::And: {
        const Expr* l = rewrite_m(ctx, e->left);
        const Expr* r = rewrite_m(ctx, e->right);
        return l == e->left && r == e->right ? e : ctx.new_expr(e->kind, l, r);
    }
    case ExprKind::Symbol:
        if (e->sym == &ctx.sym_mod) return ctx.expr_and(e, ctx.new_symbol_expr(ctx.modules_sym));
        return e;
    default:
        return e;
    }
}

// menu_validate_number: a number-typed symbol, or a literal valid for the
// symbol's own type (so a bool's `range 1 2` is invalid, as in conf).
bool valid_number_for(const Symbol* sym, const Symbol* value) {
    if (value->type == SymbolType::Int || value->type == SymbolType::Hex) return true;
    if (value->type != SymbolType::Unknown) return false;
    return sym_string_valid(sym, value->name);
}

// sym_check_prop: warnings about property kinds that do not fit the symbol.
void check_properties(Context& ctx, Symbol* sym) {
    for (Property* prop : sym->props) {
        switch (prop->kind) {
        case PropertyKind::Default: {
            if ((sym->type == SymbolType::String || sym->type == SymbolType::Int ||
                 sym->type == SymbolType::Hex) &&
                prop->expr->kind != ExprKind::Symbol)
                warn(ctx, prop->loc,
                     "default for config symbol '" + sym->name + "' must be a single symbol");
            if (prop->expr->kind != ExprKind::Symbol) break;
            Symbol* value = prop->expr->sym;
            if ((sym->type == SymbolType::Hex || sym->type == SymbolType::Int) &&
                !valid_number_for(sym, value))
                warn(ctx, prop->loc, "'" + sym->name + "': number is invalid");
            if (sym->is_choice()) {
                MenuNode* choice = choice_menu_of(value);
                if (!choice || choice->sym != sym)
                    warn(ctx, prop->loc,
                         "choice default symbol '" + value->name +
                             "' is not contained in the choice");
            }
            break;
        }
        case PropertyKind::Select:
        case PropertyKind::Imply: {
            const char* use = prop->kind == PropertyKind::Select ? "select" : "imply";
            Symbol* target = prop->expr->sym;
            if (sym->type != SymbolType::Bool && sym->type != SymbolType::Tristate)
                warn(ctx, prop->loc,
                     "config symbol '" + sym->name + "' uses " + use +
                         ", but is not bool or tristate");
            else if (target->type != SymbolType::Unknown && target->type != SymbolType::Bool &&
                     target->type != SymbolType::Tristate)
                warn(ctx, prop->loc,
                     "'" + target->name + "' has wrong type. '" + use +
                         "' only accept arguments of bool and tristate type");
            break;
        }
        case PropertyKind::Range:
            if (sym->type != SymbolType::Int && sym->type != SymbolType::Hex)
                warn(ctx, prop->loc, "range is only allowed for int or hex symbols");
            if (!valid_number_for(sym, prop->expr->sym) || !valid_number_for(sym, prop->expr->rsym))
                warn(ctx, prop->loc, "range is invalid");
            break;
        default:
            break;
        }
    }
}

struct Finalizer {
    Context& ctx;
    bool choice_v2; // 6.11+: choices are plain bool blocks without a value symbol
    // 7.3+: an entry that also depends on the symbol being n ends its
    // automatic submenu.
    bool negated_ends_submenu;
    ExprSimplifier simplify; // expr_transform, expr_eliminate_dups, ...

    explicit Finalizer(Context& c)
        : ctx(c), choice_v2(c.dialect.choice_is_bool_block()),
          negated_ends_submenu(c.dialect.negated_dep_ends_submenu()), simplify(c) {}

    void set_type(MenuNode* node, Symbol* sym, SymbolType type) {
        if (sym->type == type) return;
        if (sym->type == SymbolType::Unknown) {
            sym->type = type;
            return;
        }
        warn(ctx, node->loc,
             std::string("ignoring type redefinition of '") + sym_label(sym) + "' from '" +
                 symbol_type_name(sym->type) + "' to '" + symbol_type_name(type) + "'");
    }

    void run(MenuNode* parent, bool inside_choice) {
        Symbol* sym = parent->sym;
        bool parent_is_choice = sym && sym->is_choice();
        if (parent->list) {
            const Expr* parentdep = parent->dep;
            if (parent_is_choice && !choice_v2) {
                // Old kernels: a choice without a type takes its first typed
                // member's; untyped members take the choice's.
                if (sym->type == SymbolType::Unknown)
                    for (MenuNode* m = parent->list; m; m = m->next)
                        if (m->sym && m->sym->type != SymbolType::Unknown) {
                            set_type(parent, sym, m->sym->type);
                            break;
                        }
                for (MenuNode* m = parent->list; m; m = m->next)
                    if (m->sym && m->sym->type == SymbolType::Unknown)
                        set_type(m, m->sym, sym->type);
                // The choice itself bounds its members' visibility.
                parentdep = ctx.new_symbol_expr(sym);
            }
            for (MenuNode* m = parent->list; m; m = m->next) {
                const Expr* basedep = simplify.eliminate_dups(
                    ctx.expr_and(parentdep, simplify.transform(rewrite_m(ctx, m->dep))));
                m->dep = basedep;
                auto propagate = [&](Property* prop) {
                    if (prop->menu != m) return; // belongs to another definition
                    const Expr* dep = simplify.eliminate_dups(ctx.expr_and(
                        basedep, simplify.transform(rewrite_m(ctx, prop->visible.expr))));
                    prop->visible.expr = dep;
                    if (prop->kind == PropertyKind::Select) {
                        Symbol* es = prop->expr->sym;
                        es->rev_dep.expr = ctx.expr_or(
                            es->rev_dep.expr, ctx.expr_and(ctx.new_symbol_expr(m->sym), dep));
                    } else if (prop->kind == PropertyKind::Imply) {
                        Symbol* es = prop->expr->sym;
                        es->implied.expr = ctx.expr_or(
                            es->implied.expr, ctx.expr_and(ctx.new_symbol_expr(m->sym), dep));
                    }
                };
                if (m->sym) {
                    for (uint32_t i = m->prop_begin; i < m->prop_end; ++i)
                        propagate(m->sym->props[i]);
                } else if (m->prompt) {
                    propagate(m->prompt);
                }
            }
            for (MenuNode* m = parent->list; m; m = m->next)
                run(m, parent_is_choice);
        } else if (sym && !(choice_v2 && inside_choice)) {
            // Automatic submenus: the entries right after a symbol that
            // depend on it become its children.
            const Expr* basedep = parent->prompt ? parent->prompt->visible.expr : nullptr;
            MenuNode* last = nullptr;
            for (MenuNode* m = parent->next; m; m = m->next) {
                const Expr* dep = m->prompt ? m->prompt->visible.expr : m->dep;
                if (!expr_contains_symbol(dep, sym)) break;
                // Depending on the symbol, or on all the symbol depends on
                // (a superset of its prompt's conditions).
                if (!expr_depends_symbol(dep, sym)) {
                    if (negated_ends_submenu && expr_contains_symbol_negated(dep, sym)) break;
                    if (!simplify.covers(dep, basedep)) break;
                }
                run(m, false);
                m->parent = parent;
                last = m;
            }
            if (last) {
                parent->list = parent->next;
                parent->next = last->next;
                last->next = nullptr;
            }
            sym->dir_dep.expr = ctx.expr_or(sym->dir_dep.expr, parent->dep);
        }
        for (MenuNode* m = parent->list; m; m = m->next) {
            if (parent_is_choice && !choice_v2 && m->sym && !m->sym->has(kSymChoiceValue)) {
                // Old kernels: members are checked and marked here.
                m->sym->flags |= kSymChoiceValue;
                if (!m->prompt) warn(ctx, m->loc, "choice value must have a prompt");
                for (Property* prop : m->sym->props) {
                    if (prop->kind == PropertyKind::Default)
                        warn(ctx, prop->loc, "defaults for choice values not supported");
                    if (prop->menu == m) continue;
                    if (prop->kind == PropertyKind::Prompt && prop->menu->parent->sym != sym)
                        warn(ctx, prop->loc, "choice value used outside its choice group");
                }
                // A bool member of a tristate choice needs the choice at y.
                if (sym->type == SymbolType::Tristate && m->sym->type != SymbolType::Tristate) {
                    const Expr* is_y = ctx.new_compare_expr(ExprKind::Equal, sym, &ctx.sym_yes);
                    m->dep = ctx.expr_and(is_y, m->dep);
                    for (Property* prop : m->sym->props)
                        if (prop->menu == m)
                            prop->visible.expr = ctx.expr_and(is_y, prop->visible.expr);
                }
                auto& members = parent->choice_members;
                if (std::find(members.begin(), members.end(), m->sym) == members.end())
                    members.push_back(m->sym);
                m->sym->flags |= kSymChoiceMember;
            }
            // Flatten `if` blocks and submenus of prompt-less symbols.
            if (m->list && (!m->prompt || m->prompt->text.empty())) {
                MenuNode* lastc = m->list;
                for (;; lastc = lastc->next) {
                    lastc->parent = parent;
                    if (!lastc->next) break;
                }
                lastc->next = m->next;
                m->next = m->list;
                m->list = nullptr;
            }
        }
        if (sym && !sym->has(kSymWarned)) {
            if (sym->type == SymbolType::Unknown)
                warn(ctx, parent->loc, "config symbol defined without type");
            if (!choice_v2 && sym->is_choice() && !parent->prompt)
                warn(ctx, parent->loc, "choice must have a prompt");
            check_properties(ctx, sym);
            sym->flags |= kSymWarned;
        }
        // Old kernels: a non-optional choice is at least m while visible.
        if (!choice_v2 && sym && sym->is_choice() && !sym->has(kSymOptional) && parent->prompt)
            sym->rev_dep.expr =
                ctx.expr_or(sym->rev_dep.expr, ctx.expr_and(parent->prompt->visible.expr,
                                                            ctx.new_symbol_expr(&ctx.sym_mod)));
    }
};

} // namespace

void finalize_menus(Context& ctx) {
    Finalizer f{ctx};
    f.run(&ctx.root_menu, false);
    for (Symbol* s : ctx.symbols())
        for (MenuNode* m : s->menus)
            if (m->parent && m->parent->is_choice) s->flags |= kSymChoiceValue;
}

bool check_choice_member(const Context& ctx, Diagnostics& sink, const MenuNode* member) {
    bool bad = false;
    for (Property* prop : member->sym->props) {
        if (prop->kind == PropertyKind::Default) {
            error(sink, prop->loc, "defaults for choice values not supported");
            bad = true;
        }
        if (prop->menu == member || prop->kind != PropertyKind::Prompt) continue;
        // 7.x: any prompt in another entry; before, one outside the choice.
        if (ctx.dialect.is_7x()) {
            error(sink, prop->loc, "choice value must not have a prompt in another entry");
            bad = true;
        } else if (prop->menu->parent != member->parent) {
            error(sink, prop->loc, "choice value has a prompt outside its choice group");
            bad = true;
        }
    }
    return bad;
}

bool check_transitional(const Context& ctx, Diagnostics& sink, const MenuNode* node,
                        bool transitional) {
    if (!node->sym || !transitional) return false;
    static const char kOnlyHelp[] = "transitional symbols can only have help sections";
    auto is_yes = [&](const Expr* e) {
        return !e || (e->kind == ExprKind::Symbol && e->sym == &ctx.sym_yes);
    };
    if (!is_yes(node->dep) || !is_yes(node->visibility)) {
        error(sink, node->loc, kOnlyHelp);
        return true;
    }
    for (Property* prop : node->sym->props)
        if (prop->kind != PropertyKind::Comment) {
            error(sink, prop->loc, kOnlyHelp);
            return true;
        }
    return false;
}

void expr_chain_terms(const Expr* e, ExprKind kind, std::vector<const Expr*>& out) {
    // Left operands recursively, right ones in the loop: the same order.
    for (; e && e->kind == kind; e = e->right)
        expr_chain_terms(e->left, kind, out);
    if (e) out.push_back(e);
}

bool expr_contains_symbol(const Expr* e, const Symbol* sym) {
    if (!e) return false;
    switch (e->kind) {
    case ExprKind::And:
    case ExprKind::Or:
        return expr_contains_symbol(e->left, sym) || expr_contains_symbol(e->right, sym);
    case ExprKind::Not:
        return expr_contains_symbol(e->left, sym);
    case ExprKind::Symbol:
        return e->sym == sym;
    case ExprKind::Equal:
    case ExprKind::Unequal:
    case ExprKind::Less:
    case ExprKind::LessEqual:
    case ExprKind::Greater:
    case ExprKind::GreaterEqual:
        return e->sym == sym || e->rsym == sym;
    default:
        return false;
    }
}

bool expr_depends_symbol(const Expr* e, const Symbol* sym) {
    if (!e) return false;
    switch (e->kind) {
    case ExprKind::And:
        return expr_depends_symbol(e->left, sym) || expr_depends_symbol(e->right, sym);
    case ExprKind::Symbol:
        return e->sym == sym;
    case ExprKind::Equal:
        return e->sym == sym &&
               (e->rsym && (e->rsym->name == "y" || e->rsym->name == "m") && e->rsym->is_const());
    case ExprKind::Unequal:
        return e->sym == sym && e->rsym && e->rsym->is_const() && e->rsym->name == "n";
    default:
        return false;
    }
}

bool expr_contains_symbol_negated(const Expr* e, const Symbol* sym) {
    if (!e) return false;
    switch (e->kind) {
    case ExprKind::And:
    case ExprKind::Or:
        return expr_contains_symbol_negated(e->left, sym) ||
               expr_contains_symbol_negated(e->right, sym);
    case ExprKind::Not: // !SYM
        return e->left->kind == ExprKind::Symbol && e->left->sym == sym;
    case ExprKind::Equal: // SYM=n
        return e->sym == sym && e->rsym && e->rsym->is_const() && e->rsym->name == "n";
    case ExprKind::Unequal: // SYM!=y, SYM!=m
        return e->sym == sym && e->rsym && e->rsym->is_const() &&
               (e->rsym->name == "y" || e->rsym->name == "m");
    default:
        return false;
    }
}

MenuNode* choice_menu_of(const Symbol* sym) {
    for (MenuNode* m : sym->menus)
        for (MenuNode* p = m->parent; p; p = p->parent)
            if (p->is_choice)
                return p;
            else if (p->sym && !p->sym->is_choice())
                continue;
            else
                break;
    return nullptr;
}

// ---------------------------------------------------------------------------
// printing (expr_print)

namespace {

// Precedence for parenthesising: does printing `inner` under `outer` need
// parentheses? (the kernel's expr_compare_type(outer, inner) > 0)
bool needs_parens(ExprKind outer, ExprKind inner) {
    if (outer == inner) return false;
    auto is_rel = [](ExprKind k) {
        return k == ExprKind::Less || k == ExprKind::LessEqual || k == ExprKind::Greater ||
               k == ExprKind::GreaterEqual;
    };
    auto is_eq = [](ExprKind k) { return k == ExprKind::Equal || k == ExprKind::Unequal; };
    int level;
    if (is_rel(outer))
        level = 0;
    else if (is_eq(outer))
        level = 1;
    else if (outer == ExprKind::Not)
        level = 2;
    else if (outer == ExprKind::And)
        level = 3;
    else
        return false;
    if (level <= 0 && is_eq(inner)) return true;
    if (level <= 1 && inner == ExprKind::Not) return true;
    if (level <= 2 && inner == ExprKind::And) return true;
    if (level <= 3 && inner == ExprKind::Or) return true;
    return false;
}

void print_expr(const Expr* e, ExprKind prev, std::string& out,
                const std::function<std::string(Symbol*)>* value_of) {
    auto sym_text = [&](Symbol* s) {
        out += s->name.empty() ? (s->is_choice() ? "<choice>" : "\"\"") : s->name;
        // As conf: every typed symbol shows its value, y/m/n included, but
        // a choice never does: expr_print hands its printer no symbol for
        // "<choice>" (expr.c, the same in every kernel from 5.10 to 7.3), and
        // 5.10's and 6.1's choices appear in their members' dependencies.
        if (value_of && !s->is_choice() && s->type != SymbolType::Unknown)
            out += " [=" + (*value_of)(s) + "]";
    };
    if (!e) {
        out += "y";
        return;
    }
    bool parens = needs_parens(prev, e->kind);
    if (parens) out += "(";
    switch (e->kind) {
    case ExprKind::Symbol:
        sym_text(e->sym);
        break;
    case ExprKind::Not:
        out += "!";
        print_expr(e->left, ExprKind::Not, out, value_of);
        break;
    case ExprKind::Equal:
    case ExprKind::Unequal:
    case ExprKind::Less:
    case ExprKind::LessEqual:
    case ExprKind::Greater:
    case ExprKind::GreaterEqual: {
        sym_text(e->sym);
        static const char* const ops[] = {"=", "!=", "<", "<=", ">", ">="};
        out += ops[int(e->kind) - int(ExprKind::Equal)];
        sym_text(e->rsym);
        break;
    }
    case ExprKind::Or:
        print_expr(e->left, ExprKind::Or, out, value_of);
        out += " || ";
        print_expr(e->right, ExprKind::Or, out, value_of);
        break;
    case ExprKind::And:
        print_expr(e->left, ExprKind::And, out, value_of);
        out += " && ";
        print_expr(e->right, ExprKind::And, out, value_of);
        break;
    case ExprKind::Range:
        out += "[";
        sym_text(e->sym);
        out += " ";
        sym_text(e->rsym);
        out += "]";
        break;
    case ExprKind::None:
        break;
    }
    if (parens) out += ")";
}

} // namespace

std::string expr_to_string(const Expr* e) {
    std::string out;
    print_expr(e, ExprKind::None, out, nullptr);
    return out;
}

std::string expr_to_string_with_values(const Expr* e,
                                       const std::function<std::string(Symbol*)>& value_of) {
    std::string out;
    print_expr(e, ExprKind::None, out, &value_of);
    return out;
}

std::string menu_prompt(const MenuNode* node) {
    return node && node->prompt ? node->prompt->text.str() : "";
}

std::string menu_location(const MenuNode* node) {
    std::vector<std::string> parts;
    for (const MenuNode* p = node ? node->parent : nullptr; p && p->parent; p = p->parent)
        if (p->prompt) parts.push_back(p->prompt->text);
    std::string out;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it)
        out += "-> " + *it + " ";
    if (!out.empty()) out.pop_back();
    return out;
}

} // namespace kconfig
