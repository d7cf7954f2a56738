// Menu-tree finalisation and expression helpers (the kernel's menu.c and the
// structural parts of expr.c).
#pragma once

#include "kconfig/context.h"

#include <vector>

namespace kconfig {

// Propagate menu, choice and `if` dependencies into every property, build
// reverse dependencies (select, imply), create the automatic submenus,
// flatten `if` blocks and check properties, as the kernel's menu_finalize.
void finalize_menus(Context& ctx);

// conf_parse's checks after menu_finalize (6.11+), each adding its errors
// to `sink` and returning true when it found one. They read the tree's
// structure only (no symbol flags), so they may run beside the evaluator:
// choice_check_sanity: a choice member has no default, and no prompt in
// another entry (7.x) or outside its choice (before).
bool check_choice_member(const Context& ctx, Diagnostics& sink, const MenuNode* member);
// transitional_check_sanity (6.18+): a transitional symbol has no
// dependency, visibility or property; only help. `transitional`: the
// node's symbol was declared `transitional` (kSymTransitional).
bool check_transitional(const Context& ctx, Diagnostics& sink, const MenuNode* node,
                        bool transitional);

// Does `e` mention `sym` anywhere?
bool expr_contains_symbol(const Expr* e, const Symbol* sym);
// Is `e` (an AND of terms) false whenever `sym` is n? (expr_depends_symbol)
bool expr_depends_symbol(const Expr* e, const Symbol* sym);
// Can `e` (transformed) be true with `sym` n: does it hold !SYM, SYM=n,
// SYM!=y or SYM!=m? (7.3's expr_contains_symbol_negated)
bool expr_contains_symbol_negated(const Expr* e, const Symbol* sym);
// The terms of an AND (or OR) chain, left to right; anything else is one
// term (none for null).
void expr_chain_terms(const Expr* e, ExprKind kind, std::vector<const Expr*>& out);

// The choice node a symbol belongs to (null if none).
MenuNode* choice_menu_of(const Symbol* sym);

} // namespace kconfig
