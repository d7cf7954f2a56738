// Value computation, mirroring scripts/kconfig/symbol.c and expr.c's
// expr_calc_value of the tree's kernel version. See eval.h.
#include "kconfig/eval.h"
#include "kconfig/menu.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <functional>

namespace kconfig {

namespace {

bool is_tristate_const(const Context& ctx, const Symbol* sym) {
    return sym == &ctx.sym_yes || sym == &ctx.sym_mod || sym == &ctx.sym_no;
}

const char* tri_str(Tristate t) {
    switch (t) {
    case Tristate::No:
        return "n";
    case Tristate::Mod:
        return "m";
    case Tristate::Yes:
        return "y";
    }
    return "n";
}

void set_valid(const Context& ctx, Symbol* sym) {
    sym->flags |= kSymValid;
    sym->eval_generation = ctx.generation;
}

// The kernel's sym_set_changed: flag the symbol and its menu entries.
void sym_set_changed(Symbol* sym) {
    sym->flags |= kSymChanged;
    for (MenuNode* m : sym->menus)
        m->flags |= kMenuChanged;
}

void sym_set_all_changed(Context& ctx) {
    for (Symbol* s : ctx.symbols())
        sym_set_changed(s);
}

bool is_bool_like(SymbolType t) {
    return t == SymbolType::Bool || t == SymbolType::Tristate;
}

// strtoll/strtoull with the kernel's argument conventions.
long long c_strtoll(const std::string& s, int base) {
    return std::strtoll(s.c_str(), nullptr, base);
}

// The choice symbol that a member belongs to (pre-6.11 sym_get_choice_prop).
Symbol* old_choice_of(const Context& ctx, const Symbol* sym) {
    MenuNode* node = sym_get_choice_menu(ctx, sym);
    return node ? node->sym : nullptr;
}

// Before 6.11 the choice symbol's value names the selected member.
Symbol* chosen_member(const Context& ctx, const Symbol* choice_sym, const std::string& name) {
    if (name.empty() || name == "n") return nullptr;
    Symbol* s = ctx.find_symbol(name);
    (void)choice_sym;
    return s;
}

// Iterate the prompt properties of a symbol (the kernel's for_all_prompts:
// every property with a text, which includes a menuconfig's prompt, whose
// type the parser turns into P_MENU).
template <typename F> void for_prompts(Symbol* sym, F&& f) {
    for (Property* p : sym->props)
        if (p->kind == PropertyKind::Prompt || p->kind == PropertyKind::Menu ||
            p->kind == PropertyKind::Comment)
            f(p);
}

void warn_unmet_dep(Context& ctx, Symbol* sym) {
    // sym_warn_unmet_dep: conf prints the dependency with current values and
    // the top-level `||` terms of the reverse dependency that are y, then m.
    // Values are printed as they stand, without recalculation.
    const std::function<std::string(Symbol*)> value_of = [](Symbol* s) {
        return sym_get_string_value(s);
    };
    std::string text = "\nWARNING: unmet direct dependencies detected for " + sym->name + "\n";
    text += std::string("  Depends on [") + (sym->dir_dep.tri == Tristate::Mod ? 'm' : 'n') + "]: ";
    text += expr_to_string_with_values(sym->dir_dep.expr, value_of);
    text += "\n";
    auto revdep = [&](Tristate want, const char* title) {
        // The top-level `||` terms, left to right.
        std::vector<const Expr*> terms;
        auto collect = [&](auto&& self, const Expr* e) -> void {
            if (e->kind == ExprKind::Or) {
                self(self, e->left);
                self(self, e->right);
            } else {
                terms.push_back(e);
            }
        };
        if (sym->rev_dep.expr) collect(collect, sym->rev_dep.expr);
        bool first = true;
        for (const Expr* t : terms) {
            if (expr_calc_value(ctx, t) != want) continue;
            if (first) {
                text += title;
                first = false;
            }
            text += "  - " + expr_to_string_with_values(t, value_of) + "\n";
        }
    };
    revdep(Tristate::Yes, "  Selected by [y]:\n");
    revdep(Tristate::Mod, "  Selected by [m]:\n");

    Diagnostic d;
    d.severity = Severity::Warning;
    d.code = DiagCode::UnmetDependency;
    d.symbols = {sym->name};
    if (!sym->menus.empty() && sym->menus.front()->loc.file) {
        d.file = *sym->menus.front()->loc.file;
        d.line = sym->menus.front()->loc.line;
    }
    d.message = "unmet direct dependencies detected for " + sym->name;
    std::string ct = text;
    if (!ct.empty() && ct.back() == '\n') ct.pop_back();
    d.conf_text = ct;
    ctx.diags.add(std::move(d));
}

} // namespace

bool uses_new_choice_model(const Context& ctx) {
    return ctx.dialect.choice_is_bool_block();
}

// ---------------------------------------------------------------------------
// expressions

namespace {

enum class ValueKind { String, Signed, Unsigned };

// expr_parse_string: how a comparison operand reads as a number.
ValueKind parse_operand(const std::string& str, SymbolType type, long long* s,
                        unsigned long long* u) {
    const char* c = str.c_str();
    char* tail = nullptr;
    ValueKind kind;
    errno = 0;
    switch (type) {
    case SymbolType::Bool:
    case SymbolType::Tristate:
        *s = str == "n" ? 0 : str == "m" ? 1 : str == "y" ? 2 : -1;
        return ValueKind::Signed;
    case SymbolType::Int:
        *s = std::strtoll(c, &tail, 10);
        kind = ValueKind::Signed;
        break;
    case SymbolType::Hex:
        *u = std::strtoull(c, &tail, 16);
        kind = ValueKind::Unsigned;
        break;
    default:
        *s = std::strtoll(c, &tail, 0);
        kind = ValueKind::Signed;
        break;
    }
    bool ok = errno == 0 && *tail == '\0' && tail > c &&
              std::isxdigit(static_cast<unsigned char>(tail[-1]));
    return ok ? kind : ValueKind::String;
}

} // namespace

Tristate expr_calc_value(Context& ctx, const Expr* e) {
    if (!e) return Tristate::Yes;
    switch (e->kind) {
    case ExprKind::Symbol:
        sym_calc_value(ctx, e->sym);
        return e->sym->curr.tri;
    case ExprKind::And: {
        Tristate a = expr_calc_value(ctx, e->left);
        Tristate b = expr_calc_value(ctx, e->right);
        return tri_and(a, b);
    }
    case ExprKind::Or: {
        Tristate a = expr_calc_value(ctx, e->left);
        Tristate b = expr_calc_value(ctx, e->right);
        return tri_or(a, b);
    }
    case ExprKind::Not:
        return tri_not(expr_calc_value(ctx, e->left));
    case ExprKind::Equal:
    case ExprKind::Unequal:
    case ExprKind::Less:
    case ExprKind::LessEqual:
    case ExprKind::Greater:
    case ExprKind::GreaterEqual:
        break;
    default:
        return Tristate::No;
    }

    Symbol* l = e->sym;
    Symbol* r = e->rsym;
    sym_calc_value(ctx, l);
    sym_calc_value(ctx, r);
    std::string s1 = sym_get_string_value(l);
    std::string s2 = sym_get_string_value(r);
    ValueKind k1 = ValueKind::String, k2 = ValueKind::String;
    long long ls = 0, rs = 0;
    unsigned long long lu = 0, ru = 0;
    // Two strings always compare as text; otherwise both sides are parsed
    // according to their own type.
    if (l->type != SymbolType::String || r->type != SymbolType::String) {
        k1 = parse_operand(s1, l->type, &ls, &lu);
        k2 = parse_operand(s2, r->type, &rs, &ru);
    }
    int res;
    if (k1 == ValueKind::String || k2 == ValueKind::String) {
        res = std::strcmp(s1.c_str(), s2.c_str());
    } else if (k1 == ValueKind::Unsigned || k2 == ValueKind::Unsigned) {
        // The kernel reads the union member of the other kind here.
        unsigned long long a = k1 == ValueKind::Unsigned ? lu : static_cast<unsigned long long>(ls);
        unsigned long long b = k2 == ValueKind::Unsigned ? ru : static_cast<unsigned long long>(rs);
        res = (a > b) - (a < b);
    } else {
        res = (ls > rs) - (ls < rs);
    }
    switch (e->kind) {
    case ExprKind::Equal:
        return res ? Tristate::No : Tristate::Yes;
    case ExprKind::GreaterEqual:
        return res >= 0 ? Tristate::Yes : Tristate::No;
    case ExprKind::Greater:
        return res > 0 ? Tristate::Yes : Tristate::No;
    case ExprKind::LessEqual:
        return res <= 0 ? Tristate::Yes : Tristate::No;
    case ExprKind::Less:
        return res < 0 ? Tristate::Yes : Tristate::No;
    case ExprKind::Unequal:
        return res ? Tristate::Yes : Tristate::No;
    default:
        return Tristate::No;
    }
}

// ---------------------------------------------------------------------------
// symbol queries

SymbolType sym_get_type(const Context& ctx, const Symbol* sym) {
    SymbolType t = sym->type;
    if (t == SymbolType::Tristate) {
        if (!uses_new_choice_model(ctx) && sym_is_choice_value(ctx, sym) &&
            sym->visible == Tristate::Yes)
            t = SymbolType::Bool;
        else if (ctx.modules_val == Tristate::No)
            t = SymbolType::Bool;
    }
    return t;
}

std::string sym_get_string_value(const Symbol* sym) {
    if (is_bool_like(sym->type)) return tri_str(sym->curr.tri);
    return sym->curr.str;
}

std::string sym_value(Context& ctx, Symbol* sym) {
    sym_calc_value(ctx, sym);
    return sym_get_string_value(sym);
}

MenuNode* choice_node_of_choice(const Symbol* choice_sym) {
    if (!choice_sym || choice_sym->menus.empty()) return nullptr;
    return choice_sym->menus.front();
}

namespace {

// The choice and choice-value tests over any view of the symbols' flags:
// the evaluator reads Symbol::flags, the dependency-loop check a snapshot
// of its own (it may run on another thread while the evaluator writes
// them). FlagsOf: uint32_t(const Symbol*).
template <class FlagsOf>
MenuNode* choice_menu_with(const Context& ctx, const Symbol* sym, FlagsOf flags_of) {
    auto is_choice = [&](const Symbol* s) { return (flags_of(s) & kSymChoice) != 0; };
    if (flags_of(sym) & (kSymChoice | kSymConst)) return nullptr;
    if (uses_new_choice_model(ctx)) {
        // 6.11+: a member must have a prompt; take the first entry with one
        // and look for the nearest enclosing entry that has a symbol. That
        // entry can only be a choice for an entry written inside a choice
        // block (a choice holds only config, comment and if), and the parser
        // flags every symbol given an entry there: the others need no walk
        // up the tree (its cache misses were 4% of a warm olddefconfig).
        if (!(flags_of(sym) & kSymChoiceMember)) return nullptr;
        MenuNode* menu = nullptr;
        for (MenuNode* m : sym->menus)
            if (m->prompt) {
                menu = m;
                break;
            }
        if (!menu) return nullptr;
        do {
            menu = menu->parent;
        } while (menu && !menu->sym);
        if (menu && menu->sym && is_choice(menu->sym)) return menu;
        return nullptr;
    }
    // Before 6.11 only direct entries of a choice block are choice values.
    if (!(flags_of(sym) & kSymChoiceValue)) {
        // Be tolerant of a parser that did not set the flag.
        for (MenuNode* m : sym->menus)
            if (m->parent && m->parent->sym && is_choice(m->parent->sym)) return m->parent;
        return nullptr;
    }
    for (MenuNode* m : sym->menus)
        if (m->parent && m->parent->sym && is_choice(m->parent->sym)) return m->parent;
    return nullptr;
}

template <class FlagsOf>
bool choice_value_with(const Context& ctx, const Symbol* sym, FlagsOf flags_of) {
    uint32_t f = flags_of(sym);
    if (f & (kSymChoice | kSymConst)) return false;
    if (f & kSymChoiceValue) return true;
    // 6.11+: membership of a choice's priority list (kSymChoiceMember, set
    // when the parser adds the symbol to the list).
    if (uses_new_choice_model(ctx)) return (f & kSymChoiceMember) != 0;
    return choice_menu_with(ctx, sym, flags_of) != nullptr;
}

template <class FlagsOf>
std::vector<Symbol*> choice_members_with(const Context& ctx, const MenuNode* choice,
                                         FlagsOf flags_of) {
    std::vector<Symbol*> out;
    if (!choice) return out;
    if (uses_new_choice_model(ctx)) {
        for (Symbol* s : choice->choice_members)
            out.push_back(s);
        return out;
    }
    for (MenuNode* m = choice->list; m; m = m->next) {
        if (!m->sym || (flags_of(m->sym) & kSymChoice)) continue;
        if (std::find(out.begin(), out.end(), m->sym) == out.end()) out.push_back(m->sym);
    }
    if (out.empty())
        for (Symbol* s : choice->choice_members)
            out.push_back(s);
    return out;
}

// The evaluator's view: the symbol's own flags.
struct OwnFlags {
    uint32_t operator()(const Symbol* s) const { return s->flags; }
};

} // namespace

MenuNode* sym_get_choice_menu(const Context& ctx, const Symbol* sym) {
    return choice_menu_with(ctx, sym, OwnFlags{});
}

bool is_prompt(const Property* p) {
    return p->kind == PropertyKind::Prompt || p->kind == PropertyKind::Menu;
}

bool has_prompt(const Symbol* sym) {
    return std::any_of(sym->props.begin(), sym->props.end(), is_prompt);
}

MenuNode* choice_of(const Context& ctx, const Symbol* sym) {
    return sym_is_choice_value(ctx, sym) ? sym_get_choice_menu(ctx, sym) : nullptr;
}

void expr_symbols(const Expr* e, std::vector<Symbol*>& out) {
    if (!e) return;
    // Or/And/Not hold operands, the other kinds symbols (model.h).
    expr_symbols(e->left, out);
    expr_symbols(e->right, out);
    if (e->sym && !e->sym->is_const()) out.push_back(e->sym);
    if (e->rsym && !e->rsym->is_const()) out.push_back(e->rsym);
}

bool sym_is_choice_value(const Context& ctx, const Symbol* sym) {
    return choice_value_with(ctx, sym, OwnFlags{});
}

std::vector<Symbol*> choice_members_in_menu_order(const Context& ctx, const MenuNode* choice) {
    return choice_members_with(ctx, choice, OwnFlags{});
}

bool sym_is_changeable(const Context& ctx, const Symbol* sym) {
    if (uses_new_choice_model(ctx) && sym->is_choice()) return false;
    return sym->visible > sym->rev_dep.tri;
}

Symbol* prop_get_symbol(const Property* prop) {
    if (prop && prop->expr && prop->expr->kind == ExprKind::Symbol) return prop->expr->sym;
    return nullptr;
}

Property* sym_get_default_prop(Context& ctx, Symbol* sym) {
    for (Property* p : sym->props) {
        if (p->kind != PropertyKind::Default) continue;
        p->visible.tri = expr_calc_value(ctx, p->visible.expr);
        if (p->visible.tri != Tristate::No) return p;
    }
    return nullptr;
}

Property* sym_get_range_prop(Context& ctx, Symbol* sym) {
    for (Property* p : sym->props) {
        if (p->kind != PropertyKind::Range) continue;
        p->visible.tri = expr_calc_value(ctx, p->visible.expr);
        if (p->visible.tri != Tristate::No) return p;
    }
    return nullptr;
}

namespace {

long long sym_get_range_val(Context& ctx, Symbol* sym, int base) {
    sym_calc_value(ctx, sym);
    if (sym->type == SymbolType::Int)
        base = 10;
    else if (sym->type == SymbolType::Hex)
        base = 16;
    return c_strtoll(sym->curr.str, base);
}

// sym_validate_range: an int/hex value outside the active range becomes
// the bound it crossed, as text of the bound symbol.
void sym_validate_range(Context& ctx, Symbol* sym) {
    int base;
    if (sym->type == SymbolType::Int)
        base = 10;
    else if (sym->type == SymbolType::Hex)
        base = 16;
    else
        return;
    Property* prop = sym_get_range_prop(ctx, sym);
    if (!prop || !prop->expr) return;
    long long val = c_strtoll(sym->curr.str, base);
    Symbol* range_sym = prop->expr->sym;
    long long val2 = sym_get_range_val(ctx, range_sym, base);
    if (val >= val2) {
        range_sym = prop->expr->rsym;
        val2 = sym_get_range_val(ctx, range_sym, base);
        if (val <= val2) return;
    }
    sym->curr.str = range_sym->curr.str;
}

// Before 6.11: sym_calc_choice picks the member a y choice selects.
Symbol* old_calc_choice(Context& ctx, Symbol* sym) {
    MenuNode* node = choice_node_of_choice(sym);
    std::vector<Symbol*> members = choice_members_in_menu_order(ctx, node);
    uint32_t flags = sym->flags;
    for (Symbol* m : members) {
        sym_calc_visibility(ctx, m);
        if (m->visible != Tristate::No) flags &= m->flags;
    }
    // The choice keeps its user value only if every visible member has one.
    sym->flags &= flags | ~uint32_t(kSymDefUser);
    Symbol* def = chosen_member(ctx, sym, sym->def[kDefUser].str);
    if (def && def->visible != Tristate::No) return def;
    def = sym_choice_default(ctx, node);
    if (!def) sym->curr.tri = Tristate::No;
    return def;
}

} // namespace

// ---------------------------------------------------------------------------
// calculation

bool sym_is_valid(const Context& ctx, const Symbol* sym) {
    return sym->has(kSymValid) && sym->eval_generation == ctx.generation;
}

void sym_calc_visibility(Context& ctx, Symbol* sym) {
    // 6.18: a transitional symbol is always visible, so that it takes the
    // value an old .config gives it; its dependencies are never computed.
    if (sym->has(kSymTransitional)) {
        sym->visible = Tristate::Yes;
        return;
    }
    const bool modern = uses_new_choice_model(ctx);
    const bool choice_value = sym_is_choice_value(ctx, sym);
    Symbol* choice_sym = (!modern && choice_value) ? old_choice_of(ctx, sym) : nullptr;

    Tristate tri = Tristate::No;
    for_prompts(sym, [&](Property* p) {
        p->visible.tri = expr_calc_value(ctx, p->visible.expr);
        // Before 6.11: a tristate member visible at m disappears while its
        // choice is y.
        if (choice_sym && sym->type == SymbolType::Tristate && p->visible.tri == Tristate::Mod &&
            choice_sym->curr.tri == Tristate::Yes)
            p->visible.tri = Tristate::No;
        tri = tri_or(tri, p->visible.tri);
    });
    if (tri == Tristate::Mod &&
        (sym->type != SymbolType::Tristate || ctx.modules_val == Tristate::No))
        tri = Tristate::Yes;
    if (sym->visible != tri) {
        sym->visible = tri;
        sym_set_changed(sym);
    }
    if (choice_value) return;

    auto fold = [&](ExprValue& ev, Tristate dflt) {
        Tristate t = dflt;
        if (ev.expr) t = expr_calc_value(ctx, ev.expr);
        if (t == Tristate::Mod && sym_get_type(ctx, sym) == SymbolType::Bool) t = Tristate::Yes;
        if (ev.tri != t) {
            ev.tri = t;
            sym_set_changed(sym);
        }
    };
    // No `depends on` means y.
    fold(sym->dir_dep, Tristate::Yes);
    fold(sym->rev_dep, Tristate::No);
    fold(sym->implied, Tristate::No);
}

Symbol* sym_choice_default(Context& ctx, MenuNode* choice) {
    if (!choice || !choice->sym) return nullptr;
    // First a visible `default` whose member is visible...
    for (Property* p : choice->sym->props) {
        if (p->kind != PropertyKind::Default) continue;
        p->visible.tri = expr_calc_value(ctx, p->visible.expr);
        if (p->visible.tri == Tristate::No) continue;
        Symbol* d = prop_get_symbol(p);
        if (d && d->visible != Tristate::No) return d;
    }
    // ...then the first visible member.
    if (uses_new_choice_model(ctx)) {
        for (MenuNode* m = menu_next(choice, choice); m; m = menu_next(m, choice))
            if (m->sym && m->sym->visible != Tristate::No) return m->sym;
    } else {
        for (Symbol* s : choice_members_in_menu_order(ctx, choice))
            if (s->visible != Tristate::No) return s;
    }
    return nullptr;
}

Symbol* sym_calc_choice(Context& ctx, MenuNode* choice) {
    Symbol* res = nullptr;
    // 1. The first visible member, in priority order, with user value y.
    for (Symbol* s : choice->choice_members) {
        sym_calc_visibility(ctx, s);
        if (s->visible == Tristate::No) continue;
        if (sym_has_value(s) && s->def[kDefUser].tri == Tristate::Yes) {
            res = s;
            break;
        }
    }
    // 2. The default, unless the user explicitly said n to it.
    if (!res) {
        res = sym_choice_default(ctx, choice);
        if (res && sym_has_value(res) && res->def[kDefUser].tri == Tristate::No) res = nullptr;
    }
    // 3. The first visible member without a user value.
    if (!res) {
        for (MenuNode* m = menu_next(choice, choice); m; m = menu_next(m, choice)) {
            Symbol* s = m->sym;
            if (!s || s->visible == Tristate::No || sym_has_value(s)) continue;
            res = s;
            break;
        }
    }
    // 4. The least prioritised visible member.
    if (!res) {
        for (auto it = choice->choice_members.rbegin(); it != choice->choice_members.rend(); ++it) {
            if ((*it)->visible == Tristate::No) continue;
            res = *it;
            break;
        }
    }
    for (MenuNode* m = menu_next(choice, choice); m; m = menu_next(m, choice)) {
        Symbol* s = m->sym;
        if (!s || s->visible == Tristate::No) continue;
        Tristate val = s == res ? Tristate::Yes : Tristate::No;
        if (s->curr.tri != val) sym_set_changed(s);
        s->curr.tri = val;
        if (is_bool_like(s->type)) s->curr.str = tri_str(val);
        s->flags |= kSymWrite;
        set_valid(ctx, s);
    }
    return res;
}

Symbol* sym_get_choice_value(Context& ctx, Symbol* choice_sym) {
    sym_calc_value(ctx, choice_sym);
    return chosen_member(ctx, choice_sym, choice_sym->curr.str);
}

void set_all_choice_values(Context& ctx, Symbol* csym) {
    for (Symbol* s : choice_members_in_menu_order(ctx, choice_node_of_choice(csym)))
        if (!sym_has_value(s)) s->def[kDefUser].tri = Tristate::No;
    csym->flags |= kSymDefUser;
    csym->flags &= ~uint32_t(kSymValid | kSymNeedSetChoiceValues);
}

namespace {

// ---- choices before 6.11 ----------------------------------------------------
// A choice was a symbol of its own whose value is its selected member, its
// members' values followed from it, and it passed its write and change flags
// on to them. sym_calc_value calls these at the matching steps when the
// tree's dialect has such choices (Dialect::choice_is_bool_block() false).

// Before a member is computed: its choice's pending user selection is
// applied first (kSymNeedSetChoiceValues).
void old_choice_before_member(Context& ctx, Symbol* sym) {
    if (sym->has(kSymNeedSetChoiceValues) && sym_is_choice_value(ctx, sym)) {
        sym->flags &= ~uint32_t(kSymNeedSetChoiceValues);
        sym_calc_value(ctx, old_choice_of(ctx, sym));
    }
}

// A member visible at y is y exactly when it is its choice's selection.
// False when `sym` is no such member (its value is computed as any symbol's).
bool old_choice_member_value(Context& ctx, Symbol* sym, Tristate* tri) {
    if (!sym_is_choice_value(ctx, sym) || sym->visible != Tristate::Yes) return false;
    Symbol* cs = old_choice_of(ctx, sym);
    *tri = (cs && chosen_member(ctx, cs, cs->curr.str) == sym) ? Tristate::Yes : Tristate::No;
    return true;
}

// A choice at y reads as the name of its selected member.
void old_choice_set_selection(Context& ctx, Symbol* choice) {
    if (choice->curr.tri != Tristate::Yes) return;
    Symbol* c = old_calc_choice(ctx, choice);
    choice->curr.str = c ? c->name : std::string();
}

// After a choice is computed: visible members are written when it is, and
// change with it; a pending user selection is applied.
void old_choice_after(Context& ctx, Symbol* sym) {
    if (sym->is_choice()) {
        for (Symbol* m : choice_members_in_menu_order(ctx, choice_node_of_choice(sym))) {
            if (sym->has(kSymWrite) && m->visible != Tristate::No) m->flags |= kSymWrite;
            if (sym->has(kSymChanged)) sym_set_changed(m);
        }
    }
    // Choices are never written themselves (the parser marks them no-write).
    if (sym->has(kSymNoWrite) || sym->is_choice()) sym->flags &= ~uint32_t(kSymWrite);
    if (sym->has(kSymNeedSetChoiceValues)) set_all_choice_values(ctx, sym);
}

} // namespace

void sym_calc_value(Context& ctx, Symbol* sym) {
    if (!sym) return;
    if (is_tristate_const(ctx, sym)) return;
    if (sym->is_const()) {
        // Literals: the value is the text itself.
        sym->curr.str = sym->name;
        sym->curr.tri = Tristate::No;
        return;
    }
    if (sym_is_valid(ctx, sym)) return;

    const bool modern = uses_new_choice_model(ctx);
    if (!modern) old_choice_before_member(ctx, sym);

    set_valid(ctx, sym);
    SymbolValue oldval = sym->curr;
    SymbolValue newval;
    newval.tri = Tristate::No;
    switch (sym->type) {
    case SymbolType::Int:
        newval.str = modern ? "0" : "";
        break;
    case SymbolType::Hex:
        newval.str = modern ? "0x0" : "";
        break;
    case SymbolType::String:
        newval.str = "";
        break;
    case SymbolType::Bool:
    case SymbolType::Tristate:
        newval.str = "n";
        break;
    default:
        // Undefined symbols read as their own name and n.
        sym->curr.str = sym->name;
        sym->curr.tri = Tristate::No;
        return;
    }
    sym->flags &= ~uint32_t(kSymWrite);
    sym_calc_visibility(ctx, sym);
    if (sym->visible != Tristate::No) sym->flags |= kSymWrite;

    // Offline (no $(shell,...) was run), or asked to keep the recorded
    // toolchain: a symbol whose default or dependencies came from a probe is
    // the build machine's answer; it keeps the value the input .config
    // recorded for it, as the machine that wrote the .config computed it.
    // A whole .config without a line for a bool or tristate recorded n
    // (recorded_config_is_complete). Otherwise, without a recorded value, it
    // falls through to the normal rules (where an offline probe read as "n").
    if ((ctx.probe_options.offline || ctx.keep_recorded_toolchain) && sym->has(kSymProbeDerived)) {
        const bool tristate_like =
            sym->type == SymbolType::Bool || sym->type == SymbolType::Tristate;
        const bool recorded = sym->has(kSymDefUser);
        if (recorded ||
            (ctx.keep_recorded_toolchain && ctx.recorded_config_is_complete && tristate_like)) {
            if (recorded)
                sym->curr = sym->def[kDefUser];
            else
                sym->curr.tri = Tristate::No;
            if (sym->type == SymbolType::Bool && sym->curr.tri == Tristate::Mod)
                sym->curr.tri = Tristate::Yes;
            if (tristate_like) sym->curr.str = std::string(1, tristate_char(sym->curr.tri));
            // A recorded line is written back as it was; an n by omission
            // is not (conf wrote no line for it), unless visible here.
            if (recorded || !tristate_like || sym->curr.tri != Tristate::No)
                sym->flags |= kSymWrite;
            return;
        }
    }

    // Recursive evaluation of this symbol sees the type's fallback.
    sym->curr = newval;

    // The default property the value came from, if any (symbol.c's `prop`).
    Property* default_prop = nullptr;
    switch (sym_get_type(ctx, sym)) {
    case SymbolType::Bool:
    case SymbolType::Tristate: {
        MenuNode* choice_menu = modern ? sym_get_choice_menu(ctx, sym) : nullptr;
        bool handled = false;
        if (modern && choice_menu) {
            sym_calc_choice(ctx, choice_menu);
            newval.tri = sym->curr.tri;
            handled = true;
        } else if (!modern) {
            handled = old_choice_member_value(ctx, sym, &newval.tri);
        }
        if (!handled) {
            bool use_user = sym->visible != Tristate::No && sym_has_value(sym);
            if (use_user) {
                // A visible symbol takes the user value, limited by visibility.
                newval.tri = tri_and(sym->def[kDefUser].tri, sym->visible);
            } else {
                if (sym->rev_dep.tri != Tristate::No) sym->flags |= kSymWrite;
                if (!sym->is_choice()) {
                    Property* prop = default_prop = sym_get_default_prop(ctx, sym);
                    if (prop) {
                        newval.tri = tri_and(expr_calc_value(ctx, prop->expr), prop->visible.tri);
                        if (newval.tri != Tristate::No) sym->flags |= kSymWrite;
                    }
                    if (sym->implied.tri != Tristate::No) {
                        sym->flags |= kSymWrite;
                        newval.tri = tri_or(newval.tri, sym->implied.tri);
                        newval.tri = tri_and(newval.tri, sym->dir_dep.tri);
                    }
                }
            }
            if (sym->dir_dep.tri < sym->rev_dep.tri) warn_unmet_dep(ctx, sym);
            newval.tri = tri_or(newval.tri, sym->rev_dep.tri);
        }
        if (newval.tri == Tristate::Mod && sym_get_type(ctx, sym) == SymbolType::Bool)
            newval.tri = Tristate::Yes;
        break;
    }
    case SymbolType::String:
    case SymbolType::Hex:
    case SymbolType::Int: {
        if (sym->visible != Tristate::No && sym_has_value(sym)) {
            newval.str = sym->def[kDefUser].str;
            break;
        }
        Property* prop = default_prop = sym_get_default_prop(ctx, sym);
        if (prop) {
            Symbol* ds = prop_get_symbol(prop);
            if (ds) {
                sym->flags |= kSymWrite;
                sym_calc_value(ctx, ds);
                newval.str = ds->curr.str;
            }
        }
        break;
    }
    default:
        break;
    }

    // 6.18: a symbol without a user value whose default is a transitional
    // symbol holding one takes that value as its own user value, so that
    // oldconfig and listnewconfig do not ask for it as new.
    if (default_prop && !sym_has_value(sym)) {
        Symbol* ds = prop_get_symbol(default_prop);
        if (ds && ds->has(kSymTransitional) && sym_has_value(ds)) {
            sym->def[kDefUser] = newval;
            if (is_bool_like(sym->type)) sym->def[kDefUser].str = tri_str(newval.tri);
            sym->flags |= kSymDefUser;
        }
    }

    sym->curr = newval;
    if (!modern && sym->is_choice()) {
        old_choice_set_selection(ctx, sym);
    } else if (is_bool_like(sym->type)) {
        sym->curr.str = tri_str(sym->curr.tri);
    }
    sym_validate_range(ctx, sym);

    if (oldval.tri != sym->curr.tri || oldval.str != sym->curr.str) {
        sym_set_changed(sym);
        if (ctx.modules_sym == sym) {
            sym_set_all_changed(ctx);
            ctx.modules_val = sym->curr.tri;
        }
    }

    if (!modern) {
        old_choice_after(ctx, sym);
        return;
    }
    // A transitional symbol (6.18) is read, never written.
    if (sym->is_choice() || sym->has(kSymTransitional)) sym->flags &= ~uint32_t(kSymWrite);
}

void sym_clear_all_valid(Context& ctx) {
    ++ctx.generation;
    if (ctx.generation == 0) ++ctx.generation; // never collide with "unset"
    ctx.conf_changed = true;
    sym_calc_value(ctx, ctx.modules_sym);
}

// ---------------------------------------------------------------------------
// setting values

bool sym_tristate_within_range(const Context& ctx, const Symbol* sym, Tristate val) {
    SymbolType type = sym_get_type(ctx, sym);
    if (sym->visible == Tristate::No) return false;
    if (!is_bool_like(type)) return false;
    if (type == SymbolType::Bool && val == Tristate::Mod) return false;
    if (sym->visible <= sym->rev_dep.tri) return false;
    if (!uses_new_choice_model(ctx) && sym_is_choice_value(ctx, sym) &&
        sym->visible == Tristate::Yes)
        return val == Tristate::Yes;
    return val >= sym->rev_dep.tri && val <= sym->visible;
}

bool sym_set_tristate_value(Context& ctx, Symbol* sym, Tristate val) {
    Tristate oldval = sym_get_tristate_value(sym);
    if (uses_new_choice_model(ctx)) {
        if (!sym_tristate_within_range(ctx, sym, val)) return false;
        if (!sym->has(kSymDefUser) || sym->def[kDefUser].tri != val) {
            sym->def[kDefUser].tri = val;
            sym->flags |= kSymDefUser;
            sym_set_changed(sym);
        }
        if (oldval != val) sym_clear_all_valid(ctx);
        return true;
    }
    if (oldval != val && !sym_tristate_within_range(ctx, sym, val)) return false;
    if (!sym->has(kSymDefUser)) {
        sym->flags |= kSymDefUser;
        sym_set_changed(sym);
    }
    // Selecting a member records it as the choice's user value and marks
    // every visible member as user-set.
    if (sym_is_choice_value(ctx, sym) && val == Tristate::Yes) {
        Symbol* cs = old_choice_of(ctx, sym);
        if (cs) {
            cs->def[kDefUser].str = sym->name;
            cs->flags |= kSymDefUser;
            for (Symbol* m : choice_members_in_menu_order(ctx, choice_node_of_choice(cs)))
                if (m->visible != Tristate::No) m->flags |= kSymDefUser;
        }
    }
    sym->def[kDefUser].tri = val;
    if (oldval != val) sym_clear_all_valid(ctx);
    return true;
}

void choice_set_value(Context& ctx, MenuNode* choice, Symbol* sym) {
    bool changed = false;
    for (MenuNode* m = menu_next(choice, choice); m; m = menu_next(m, choice)) {
        Symbol* s = m->sym;
        if (!s || s->visible == Tristate::No) continue;
        Tristate val = s == sym ? Tristate::Yes : Tristate::No;
        if (s->curr.tri != val) changed = true;
        s->def[kDefUser].tri = val;
        s->flags |= kSymDefUser;
        // The user's latest word ranks first (the kernel's list_move).
        auto& mem = choice->choice_members;
        auto it = std::find(mem.begin(), mem.end(), s);
        if (it != mem.end()) mem.erase(it);
        mem.insert(mem.begin(), s);
    }
    if (changed) sym_clear_all_valid(ctx);
}

Tristate sym_toggle_tristate_value(Context& ctx, Symbol* sym) {
    if (uses_new_choice_model(ctx)) {
        if (MenuNode* choice = sym_get_choice_menu(ctx, sym)) {
            choice_set_value(ctx, choice, sym);
            return Tristate::Yes;
        }
    }
    Tristate oldval = sym_get_tristate_value(sym), newval = oldval;
    do {
        switch (newval) {
        case Tristate::No:
            newval = Tristate::Mod;
            break;
        case Tristate::Mod:
            newval = Tristate::Yes;
            break;
        case Tristate::Yes:
            newval = Tristate::No;
            break;
        }
        if (sym_set_tristate_value(ctx, sym, newval)) break;
    } while (oldval != newval);
    return newval;
}

bool sym_string_valid(const Symbol* sym, std::string_view str) {
    auto isdig = [](char c) { return c >= '0' && c <= '9'; };
    switch (sym->type) {
    case SymbolType::String:
        return true;
    case SymbolType::Int: {
        size_t i = 0;
        if (i < str.size() && str[i] == '-') ++i;
        if (i >= str.size() || !isdig(str[i])) return false;
        if (str[i] == '0' && i + 1 < str.size()) return false;
        for (++i; i < str.size(); ++i)
            if (!isdig(str[i])) return false;
        return true;
    }
    case SymbolType::Hex: {
        size_t i = 0;
        if (str.size() >= 2 && str[0] == '0' && (str[1] == 'x' || str[1] == 'X')) i = 2;
        // At least one digit is required (the kernel tests the terminator).
        if (i >= str.size()) return false;
        for (; i < str.size(); ++i)
            if (!std::isxdigit(static_cast<unsigned char>(str[i]))) return false;
        return true;
    }
    case SymbolType::Bool:
    case SymbolType::Tristate:
        if (str.empty()) return false;
        switch (str[0]) {
        case 'y':
        case 'Y':
        case 'm':
        case 'M':
        case 'n':
        case 'N':
            return true;
        }
        return false;
    default:
        return false;
    }
}

bool sym_string_within_range(Context& ctx, Symbol* sym, std::string_view str) {
    switch (sym->type) {
    case SymbolType::String:
        return sym_string_valid(sym, str);
    case SymbolType::Int:
    case SymbolType::Hex: {
        if (!sym_string_valid(sym, str)) return false;
        Property* prop = sym_get_range_prop(ctx, sym);
        if (!prop || !prop->expr) return true;
        int base = sym->type == SymbolType::Int ? 10 : 16;
        long long val = c_strtoll(std::string(str), base);
        return val >= sym_get_range_val(ctx, prop->expr->sym, base) &&
               val <= sym_get_range_val(ctx, prop->expr->rsym, base);
    }
    case SymbolType::Bool:
    case SymbolType::Tristate:
        if (str.empty()) return false;
        switch (str[0]) {
        case 'y':
        case 'Y':
            return sym_tristate_within_range(ctx, sym, Tristate::Yes);
        case 'm':
        case 'M':
            return sym_tristate_within_range(ctx, sym, Tristate::Mod);
        case 'n':
        case 'N':
            return sym_tristate_within_range(ctx, sym, Tristate::No);
        }
        return false;
    default:
        return false;
    }
}

bool sym_set_string_value(Context& ctx, Symbol* sym, std::string_view value) {
    if (is_bool_like(sym->type)) {
        if (value.empty()) return false;
        switch (value[0]) {
        case 'y':
        case 'Y':
            return sym_set_tristate_value(ctx, sym, Tristate::Yes);
        case 'm':
        case 'M':
            return sym_set_tristate_value(ctx, sym, Tristate::Mod);
        case 'n':
        case 'N':
            return sym_set_tristate_value(ctx, sym, Tristate::No);
        }
        return false;
    }
    if (!sym_string_within_range(ctx, sym, value)) return false;
    bool had = sym->has(kSymDefUser);
    if (!had) {
        sym->flags |= kSymDefUser;
        sym_set_changed(sym);
    }
    std::string nv(value);
    if (sym->type == SymbolType::Hex &&
        !(nv.size() >= 2 && nv[0] == '0' && (nv[1] == 'x' || nv[1] == 'X')))
        nv = "0x" + nv;
    else if (had && sym->def[kDefUser].str == nv)
        return true;
    sym->def[kDefUser].str = nv;
    sym_clear_all_valid(ctx);
    return true;
}

std::string sym_get_string_default(Context& ctx, Symbol* sym) {
    const bool modern = uses_new_choice_model(ctx);
    sym_calc_visibility(ctx, sym);
    sym_calc_value(ctx, ctx.modules_sym);
    Tristate val = Tristate::No;
    std::string str;
    Property* prop = sym_get_default_prop(ctx, sym);
    if (prop) {
        if (is_bool_like(sym->type)) {
            // Visibility may limit the default from y to m.
            val = tri_and(expr_calc_value(ctx, prop->expr), prop->visible.tri);
        } else if (Symbol* ds = prop_get_symbol(prop)) {
            // (Like the kernel, a default outside the range is not clamped.)
            sym_calc_value(ctx, ds);
            str = ds->curr.str;
        }
    }
    val = tri_or(val, sym->rev_dep.tri);
    if (val == Tristate::Mod && !sym_is_choice_value(ctx, sym) && ctx.modules_sym &&
        ctx.modules_sym->curr.tri == Tristate::No)
        val = Tristate::Yes;
    if (val == Tristate::Mod && !ctx.modules_sym && !sym_is_choice_value(ctx, sym))
        val = Tristate::Yes; // the kernel would dereference a null modules_sym
    if (sym->type == SymbolType::Bool && val == Tristate::Mod) val = Tristate::Yes;
    if (val < sym->implied.tri) val = sym->implied.tri;
    switch (sym->type) {
    case SymbolType::Bool:
    case SymbolType::Tristate:
        return tri_str(val);
    case SymbolType::Int:
        return (modern && str.empty()) ? "0" : str;
    case SymbolType::Hex:
        return (modern && str.empty()) ? "0x0" : str;
    case SymbolType::String:
        return str;
    default:
        return "";
    }
}

// ---------------------------------------------------------------------------
// menus

MenuNode* menu_next(MenuNode* menu, MenuNode* root) {
    if (menu->list) return menu->list;
    while (menu != root && !menu->next)
        menu = menu->parent;
    if (menu == root) return nullptr;
    return menu->next;
}

bool menu_is_visible(Context& ctx, MenuNode* menu) {
    if (!menu->prompt) return false;
    if (menu->visibility && expr_calc_value(ctx, menu->visibility) == Tristate::No) return false;
    Symbol* sym = menu->sym;
    Tristate visible;
    if (sym) {
        sym_calc_value(ctx, sym);
        visible = menu->prompt->visible.tri;
    } else {
        visible = menu->prompt->visible.tri = expr_calc_value(ctx, menu->prompt->visible.expr);
    }
    if (visible != Tristate::No) return true;
    if (!sym || sym_get_tristate_value(sym) == Tristate::No) return false;
    for (MenuNode* child = menu->list; child; child = child->next) {
        if (menu_is_visible(ctx, child)) {
            if (!uses_new_choice_model(ctx)) sym->flags |= kSymDefUser;
            return true;
        }
    }
    return false;
}

// ---------------------------------------------------------------------------
// the kernel's symbol hash-table order

std::vector<Symbol*> kernel_symbol_order(const Context& ctx) {
    // Both versions hash names with 32-bit FNV-1a over (signed) chars; a
    // choice has no name and lands in bucket 0. Buckets are visited in
    // order, each newest symbol first.
    const bool modern = ctx.dialect.big_symbol_hash();
    const uint32_t buckets = modern ? (1u << 14) : 9973u;
    auto hash = [](const std::string& s) {
        uint32_t h = 2166136261u;
        for (char c : s)
            h = (h ^ static_cast<uint32_t>(static_cast<int>(static_cast<signed char>(c)))) *
                0x01000193u;
        return h;
    };
    const std::vector<Symbol*>& all = ctx.symbols();
    // Choices may not be registered as named symbols: gather them from the
    // menu tree, placing each before the symbols created after it.
    std::vector<const Symbol*> registered_choices;
    for (const Symbol* s : all)
        if (s->is_choice()) registered_choices.push_back(s);
    auto known = [](const std::vector<const Symbol*>& v, const Symbol* s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    };
    std::vector<const Symbol*> choices;
    for (MenuNode* m = ctx.root_menu.list; m;
         m = menu_next(m, const_cast<MenuNode*>(&ctx.root_menu)))
        if (m->sym && m->sym->is_choice() && !known(registered_choices, m->sym) &&
            !known(choices, m->sym))
            choices.push_back(m->sym);
    std::vector<Symbol*> seq = all;
    for (const Symbol* c : choices)
        seq.push_back(const_cast<Symbol*>(c));
    // A counting sort by bucket; within a bucket, the newest symbol first.
    std::vector<uint32_t> bucket_of(seq.size());
    std::vector<size_t> start(size_t(buckets) + 1, 0);
    for (size_t i = 0; i < seq.size(); ++i) {
        bucket_of[i] =
            seq[i]->is_choice() && seq[i]->name.empty() ? 0 : hash(seq[i]->name) % buckets;
        ++start[bucket_of[i] + 1];
    }
    for (size_t b = 0; b < buckets; ++b)
        start[b + 1] += start[b];
    std::vector<Symbol*> out(seq.size());
    for (size_t i = seq.size(); i-- > 0;)
        out[start[bucket_of[i]]++] = seq[i];
    return out;
}

// ---------------------------------------------------------------------------
// dependency loops

namespace {

enum class DepVia { None, DirDep, RevDep, Implied, PropExpr };

struct DepFrame {
    Symbol* sym = nullptr;
    Property* prop = nullptr;
    DepVia via = DepVia::None;
};

const char* prop_type_name(PropertyKind k) {
    switch (k) {
    case PropertyKind::Prompt:
        return "prompt";
    case PropertyKind::Comment:
        return "comment";
    case PropertyKind::Menu:
        return "menu";
    case PropertyKind::Default:
        return "default";
    case PropertyKind::Select:
        return "select";
    case PropertyKind::Imply:
        return "imply";
    case PropertyKind::Range:
        return "range";
    default:
        return "unknown";
    }
}

// AND/OR nodes whose walk found no loop (see DepChecker::check_expr): a
// direct-mapped cache on the node's address, small enough to stay in cache.
// Siblings share their menu's dependency chain and are checked one after
// the other, so recent nodes are the ones met again; a node pushed out is
// only walked again.
class CleanExprs {
  public:
    CleanExprs() : slots_(size_t(1) << kBits) {}
    bool contains(const Expr* e) const { return slots_[slot_of(e)] == e; }
    void insert(const Expr* e) { slots_[slot_of(e)] = e; }
    void clear() { std::fill(slots_.begin(), slots_.end(), nullptr); }

  private:
    static constexpr unsigned kBits = 12;
    static size_t slot_of(const Expr* e) {
        return size_t((uintptr_t(e) >> 3) * 0x9E3779B97F4A7C15ull >> (64 - kBits));
    }
    std::vector<const Expr*> slots_;
};

// The dependency-loop check (the kernel's sym_check_deps). It may run on a
// thread of its own while the evaluator reads the .config and computes
// values (start_dependency_check), so it writes nothing shared: its marks
// (the kernel's SYMBOL_CHECK and SYMBOL_CHECKED) live in a table of its own,
// indexed by Symbol::index, and the flags it tests (choice, choice value,
// choice member, transitional: fixed once the tree is finalized) are read
// into that table before it starts; beyond that it reads only the tree's
// structure (dependencies, properties, menus), which evaluation never
// changes, and records its reports in `sink`.
class DepChecker {
  public:
    DepChecker(const Context& ctx, Diagnostics& sink)
        : ctx_(ctx), sink_(sink), modern_(uses_new_choice_model(ctx)) {
        const std::vector<Symbol*>& all = ctx.symbols();
        marks_.resize(all.size());
        for (size_t i = 0; i < all.size(); ++i)
            marks_[i] = all[i]->flags & kStructureFlags;
    }

    Symbol* check(Symbol* sym) {
        uint32_t f = flags_of(sym);
        if (f & kMarkCheck) {
            print_recursive(sym);
            return sym;
        }
        if (f & kMarkChecked) return nullptr;
        Symbol* sym2;
        MenuNode* choice = choice_menu_with(ctx_, sym, FlagsOf{this});
        if (choice && choice->sym) {
            // A member is checked through its choice.
            stack_.push_back({sym});
            sym2 = check(choice->sym);
            stack_.pop_back();
        } else if (f & kSymChoice) {
            sym2 = check_choice(sym);
        } else {
            mark(sym, kMarkCheck | kMarkChecked);
            sym2 = check_sym(sym);
            unmark(sym, kMarkCheck);
        }
        return sym2;
    }

    // The flags of `s` as of the start: constants have no table entry.
    uint32_t flags_of(const Symbol* s) const {
        return s->index < marks_.size() ? marks_[s->index] : uint32_t(kSymConst);
    }

  private:
    // The symbol flags read, and the check's own marks (bits no SymbolFlag uses).
    static constexpr uint32_t kStructureFlags =
        kSymConst | kSymChoice | kSymChoiceValue | kSymChoiceMember | kSymTransitional;
    static constexpr uint32_t kMarkChecked = 1u << 30; // visited (SYMBOL_CHECKED)
    static constexpr uint32_t kMarkCheck = 1u << 31;   // on the current path (SYMBOL_CHECK)

    struct FlagsOf {
        const DepChecker* checker;
        uint32_t operator()(const Symbol* s) const { return checker->flags_of(s); }
    };
    void mark(Symbol* s, uint32_t m) {
        if (s->index < marks_.size()) marks_[s->index] |= m;
    }
    void unmark(Symbol* s, uint32_t m) {
        if (s->index < marks_.size()) marks_[s->index] &= ~m;
    }

    Symbol* check_expr(const Expr* e) {
        if (!e) return nullptr;
        switch (e->kind) {
        case ExprKind::Symbol:
            return check_dep(e->sym);
        case ExprKind::Or:
        case ExprKind::And:
            // dir_dep, rev_dep and visibility share their menus' dependency
            // chains. A walk that found no loop left every symbol in it
            // CHECKED (or checked through a CHECKED choice) and none CHECK,
            // so walking it again returns null with no effect, until
            // check_choice sets CHECK on such a symbol (it clears the cache
            // then).
            if (clean_.contains(e)) return nullptr;
            if (Symbol* s = check_expr(e->left)) return s;
            if (Symbol* s = check_expr(e->right)) return s;
            clean_.insert(e);
            return nullptr;
        case ExprKind::Not:
            return check_expr(e->left);
        case ExprKind::Equal:
        case ExprKind::Unequal:
        case ExprKind::Less:
        case ExprKind::LessEqual:
        case ExprKind::Greater:
        case ExprKind::GreaterEqual:
            if (Symbol* s = check_dep(e->sym)) return s;
            return check_dep(e->rsym);
        default:
            return nullptr;
        }
    }

    Symbol* check_dep(Symbol* s) {
        // Most symbols met in an expression are CHECKED already: decide
        // those from the marks, without a call to check().
        if (!s) return nullptr;
        uint32_t f = flags_of(s);
        if ((f & kSymConst) || (f & (kMarkCheck | kMarkChecked)) == kMarkChecked) return nullptr;
        return check(s);
    }

    Symbol* check_sym(Symbol* sym) {
        stack_.push_back({sym});
        size_t me = stack_.size() - 1;
        Symbol* sym2 = nullptr;
        stack_[me].via = DepVia::DirDep;
        sym2 = check_expr(sym->dir_dep.expr);
        if (!sym2) {
            stack_[me].via = DepVia::RevDep;
            sym2 = check_expr(sym->rev_dep.expr);
        }
        if (!sym2) {
            stack_[me].via = DepVia::Implied;
            sym2 = check_expr(sym->implied.expr);
        }
        if (!sym2) {
            stack_[me].via = DepVia::None;
            bool is_choice = flags_of(sym) & kSymChoice;
            for (Property* p : sym->props) {
                if (p->kind == PropertyKind::Select || p->kind == PropertyKind::Imply) continue;
                stack_[me].prop = p;
                sym2 = check_expr(p->visible.expr);
                if (sym2) break;
                if (p->kind != PropertyKind::Default || is_choice) continue;
                stack_[me].via = DepVia::PropExpr;
                sym2 = check_expr(p->expr);
                if (sym2) break;
                stack_[me].via = DepVia::None;
            }
        }
        stack_.pop_back();
        return sym2;
    }

    Symbol* check_choice(Symbol* choice) {
        stack_.push_back({choice});
        MenuNode* cm = choice_node_of_choice(choice);
        std::vector<Symbol*> members = choice_sub_syms(cm);
        // A member that is CHECKED, or that is checked through another
        // choice, may occur in a clean walk; with CHECK set it would now be
        // a loop. A member checked through this (unCHECKED) choice cannot.
        for (Symbol* m : members)
            if ((flags_of(m) & kMarkChecked) || !cm || cm->sym != choice ||
                choice_menu_with(ctx_, m, FlagsOf{this}) != cm) {
                clean_.clear();
                break;
            }
        for (Symbol* m : members)
            mark(m, kMarkCheck | kMarkChecked);
        mark(choice, kMarkCheck | kMarkChecked);
        Symbol* sym2 = check_sym(choice);
        unmark(choice, kMarkCheck);
        if (!sym2) {
            for (Symbol* m : members) {
                sym2 = check_sym(m);
                if (sym2) break;
            }
        }
        for (Symbol* m : members)
            unmark(m, kMarkCheck);
        if (sym2 && choice_menu_with(ctx_, sym2, FlagsOf{this}) == cm) sym2 = choice;
        stack_.pop_back();
        return sym2;
    }

    std::vector<Symbol*> choice_sub_syms(MenuNode* cm) {
        std::vector<Symbol*> out;
        if (!cm) return out;
        if (modern_) {
            for (MenuNode* m = menu_next(cm, cm); m; m = menu_next(m, cm))
                if (m->sym) out.push_back(m->sym);
            return out;
        }
        return choice_members_with(ctx_, cm, FlagsOf{this});
    }

    static std::string loc_str(const Location& l) {
        return (l.file ? *l.file : std::string()) + ":" + std::to_string(l.line);
    }

    void print_recursive(Symbol* last_sym) {
        std::string out;
        bool pushed = false;
        if (MenuNode* choice = choice_menu_with(ctx_, last_sym, FlagsOf{this});
            choice && choice->sym) {
            stack_.push_back({last_sym});
            pushed = true;
            last_sym = choice->sym;
        }
        long start = -1;
        for (long i = long(stack_.size()) - 1; i >= 0; --i)
            if (stack_[i].sym == last_sym) {
                start = i;
                break;
            }
        Diagnostic d;
        d.severity = Severity::Error;
        d.code = DiagCode::DependencyLoop;
        d.message = "recursive dependency detected";
        if (start < 0) {
            out = "unexpected recursive dependency error\n";
        } else {
            for (size_t i = size_t(start); i < stack_.size(); ++i) {
                const DepFrame& f = stack_[i];
                Symbol* sym = f.sym;
                Symbol* next_sym = i + 1 < stack_.size() ? stack_[i + 1].sym : last_sym;
                auto nm = [](const Symbol* s) {
                    return s->name.empty() ? std::string("<choice>") : s->name;
                };
                if (modern_) {
                    if (f.sym == last_sym) out += "error: recursive dependency detected!\n";
                    if ((flags_of(next_sym) & kSymChoice)) {
                        MenuNode* cm = choice_node_of_choice(next_sym);
                        out += "\tsymbol " + nm(sym) + " is part of choice block at " +
                               (cm ? loc_str(cm->loc) : std::string(":0")) + "\n";
                    } else if (f.via == DepVia::DirDep) {
                        out += "\tsymbol " + nm(sym) + " depends on " + next_sym->name + "\n";
                    } else if (f.via == DepVia::RevDep) {
                        out += "\tsymbol " + sym->name + " is selected by " + next_sym->name + "\n";
                    } else if (f.via == DepVia::Implied) {
                        out += "\tsymbol " + sym->name + " is implied by " + next_sym->name + "\n";
                    } else if (f.via == DepVia::PropExpr) {
                        out += "\tsymbol " + nm(sym) + " " +
                               prop_type_name(f.prop ? f.prop->kind : PropertyKind::Unknown) +
                               " value contains " + next_sym->name + "\n";
                    } else {
                        out += "\tsymbol " + nm(sym) + " " +
                               prop_type_name(f.prop ? f.prop->kind : PropertyKind::Unknown) +
                               " is visible depending on " + next_sym->name + "\n";
                    }
                } else {
                    // Before 6.11 every line carries the location of the
                    // property involved (or of the symbol's definition).
                    Location loc;
                    std::string type = "symbol";
                    if (f.prop) {
                        loc = f.prop->loc;
                        type = prop_type_name(f.prop->kind);
                    } else if (!sym->menus.empty()) {
                        loc = sym->menus.front()->loc;
                    }
                    Location mloc = sym->menus.empty() ? Location{} : sym->menus.front()->loc;
                    bool is_cv = choice_value_with(ctx_, sym, FlagsOf{this});
                    if ((flags_of(sym) & kSymChoice) || is_cv) loc = mloc;
                    if (f.sym == last_sym) {
                        out += loc_str(loc) + ":error: recursive dependency detected!\n";
                        if (d.file.empty() && loc.file) {
                            d.file = *loc.file;
                            d.line = loc.line;
                        }
                    }
                    if (flags_of(sym) & kSymChoice)
                        out += loc_str(mloc) + ":\tchoice " + nm(sym) + " contains symbol " +
                               nm(next_sym) + "\n";
                    else if (is_cv)
                        out += loc_str(mloc) + ":\tsymbol " + nm(sym) + " is part of choice " +
                               nm(next_sym) + "\n";
                    else if (f.via == DepVia::DirDep)
                        out += loc_str(loc) + ":\tsymbol " + nm(sym) + " depends on " +
                               nm(next_sym) + "\n";
                    else if (f.via == DepVia::RevDep)
                        out += loc_str(loc) + ":\tsymbol " + nm(sym) + " is selected by " +
                               nm(next_sym) + "\n";
                    else if (f.via == DepVia::Implied)
                        out += loc_str(loc) + ":\tsymbol " + nm(sym) + " is implied by " +
                               nm(next_sym) + "\n";
                    else if (f.via == DepVia::PropExpr)
                        out += loc_str(loc) + ":\tsymbol " + nm(sym) + " " + type +
                               " value contains " + nm(next_sym) + "\n";
                    else
                        out += loc_str(loc) + ":\tsymbol " + nm(sym) + " " + type +
                               " is visible depending on " + nm(next_sym) + "\n";
                }
            }
            out += "For a resolution refer to Documentation/kbuild/kconfig-language.rst\n"
                   "subsection \"Kconfig recursive dependency limitations\"\n"
                   "\n";
            if (d.file.empty() && !last_sym->menus.empty() && last_sym->menus.front()->loc.file) {
                d.file = *last_sym->menus.front()->loc.file;
                d.line = last_sym->menus.front()->loc.line;
            }
            d.message = "recursive dependency detected for " +
                        (last_sym->name.empty() ? std::string("<choice>") : last_sym->name);
            if (!last_sym->name.empty()) d.symbols = {last_sym->name};
        }
        if (pushed) stack_.pop_back();
        if (!out.empty() && out.back() == '\n') out.pop_back();
        d.conf_text = out;
        sink_.add(std::move(d));
    }

    const Context& ctx_;
    Diagnostics& sink_; // where the reports go
    bool modern_;       // 6.11+ choices (uses_new_choice_model)
    // Per Symbol::index: the structure flags read at the start, and the
    // kMarkCheck/kMarkChecked marks.
    std::vector<uint32_t> marks_;
    std::vector<DepFrame> stack_; // the path being walked
    CleanExprs clean_;
};

} // namespace

Symbol* sym_check_deps(Context& ctx, Symbol* sym) {
    DepChecker c(ctx, ctx.diags);
    return c.check(sym);
}

namespace {

// conf_parse's checks after finalize, with `c` and into `sink` (the
// checker's): reads the tree and nothing the evaluator writes (see
// DepChecker), so that it may run beside it.
int check_dependencies_with(const Context& ctx, DepChecker& c, Diagnostics& sink,
                            const std::vector<Symbol*>& symbol_order) {
    int errors = 0;
    if (uses_new_choice_model(ctx)) {
        // 6.11+ conf_parse walks the menu tree: each entry's dependency
        // loops, then (6.18+) transitional symbols, then a choice's members.
        MenuNode* root = const_cast<MenuNode*>(&ctx.root_menu);
        for (MenuNode* m = root->list; m; m = menu_next(m, root)) {
            if (m->sym && c.check(m->sym)) ++errors;
            if (ctx.dialect.has_transitional() && m->sym &&
                check_transitional(ctx, sink, m, (c.flags_of(m->sym) & kSymTransitional) != 0))
                ++errors;
            if (m->sym && (c.flags_of(m->sym) & kSymChoice))
                for (MenuNode* child = menu_next(m, m); child; child = menu_next(child, m))
                    if (child->sym && check_choice_member(ctx, sink, child)) ++errors;
        }
    } else {
        for (Symbol* s : symbol_order)
            if (c.check(s)) ++errors;
    }
    return errors;
}

} // namespace

int check_all_dependencies(Context& ctx) {
    DepChecker c(ctx, ctx.diags);
    return check_dependencies_with(ctx, c, ctx.diags, kernel_symbol_order(ctx));
}

void start_dependency_check(Context& ctx) {
    // Everything the thread reads that the evaluator may write (the symbols'
    // flags, the symbol order) is taken now, on the caller's thread.
    struct Job {
        Diagnostics sink;
        DepChecker checker;
        std::vector<Symbol*> order;
        explicit Job(const Context& ctx)
            : checker(ctx, sink), order(uses_new_choice_model(ctx) ? std::vector<Symbol*>{}
                                                                   : kernel_symbol_order(ctx)) {}
    };
    auto job = std::make_shared<Job>(ctx);
    ctx.dependency_check_at = ctx.diags.items().size();
    try {
        ctx.dependency_check = std::async(std::launch::async, [&ctx, job] {
            check_dependencies_with(ctx, job->checker, job->sink, job->order);
            return std::move(job->sink);
        });
    } catch (const std::system_error&) {
        // No thread to be had: check now.
        check_dependencies_with(ctx, job->checker, job->sink, job->order);
        std::promise<Diagnostics> done;
        done.set_value(std::move(job->sink));
        ctx.dependency_check = done.get_future();
    }
}

bool finish_dependency_check(Context& ctx) {
    if (!ctx.dependency_check.valid()) return true;
    std::vector<Diagnostic> reports = ctx.dependency_check.get().take();
    bool errors = std::any_of(reports.begin(), reports.end(),
                              [](const Diagnostic& d) { return d.severity == Severity::Error; });
    ctx.diags.insert(ctx.dependency_check_at, std::move(reports));
    return !errors;
}

} // namespace kconfig
