// Value computation for a loaded Kconfig tree: the kernel's symbol.c and the
// value half of expr.c (expr_calc_value), behaving like scripts/kconfig/conf
// of the tree's own version (ctx.kernel_version).
//
// Two choice dialects exist:
//  * before 6.11 a choice is a bool/tristate symbol (kSymChoice) whose value
//    names the chosen member (stored here as the member's name in curr.str /
//    def[].str), tristate choices allow several members at m, and optional
//    choices may be n;
//  * from 6.11 on the choice has no value of its own: the members are ranked
//    by a priority list (MenuNode::choice_members, reordered as the kernel's
//    list_move does) and exactly one visible member is y.
//
// Values are cached per symbol: a symbol is valid when kSymValid is set and
// its eval_generation equals ctx.generation; sym_clear_all_valid bumps the
// generation. Nothing here prints: warnings become ctx.diags entries whose
// conf_text is conf's stderr text.
#pragma once

#include "kconfig/context.h"
#include "kconfig/model.h"

#include <string>
#include <string_view>
#include <vector>

namespace kconfig {

// True when the tree uses the 6.11+ choice model (and the other 6.11-era
// conf behaviours: int/hex fall back to "0"/"0x0", stricter .config lines).
bool uses_new_choice_model(const Context& ctx);

// ---- expressions ----------------------------------------------------------
// expr_calc_value: n/m/y of an expression; a null expression is y.
Tristate expr_calc_value(Context& ctx, const Expr* e);

// ---- symbol queries -------------------------------------------------------
// sym_get_type: tristate reads as bool when modules are off (and, before
// 6.11, for a choice member of a choice that is y).
SymbolType sym_get_type(const Context& ctx, const Symbol* sym);
inline Tristate sym_get_tristate_value(const Symbol* sym) {
    return sym->curr.tri;
}
inline bool sym_has_value(const Symbol* sym) {
    return sym->has(kSymDefUser);
}
// "n"/"m"/"y" for bool/tristate, the text value otherwise (no recalculation,
// as the kernel's sym_get_string_value).
std::string sym_get_string_value(const Symbol* sym);
// Recalculate if needed, then the string value.
std::string sym_value(Context& ctx, Symbol* sym);
bool sym_is_choice_value(const Context& ctx, const Symbol* sym);
// The menu node of the choice the member belongs to (null if none).
MenuNode* sym_get_choice_menu(const Context& ctx, const Symbol* sym);
// The choice node of a choice symbol (its first menu entry).
MenuNode* choice_node_of_choice(const Symbol* choice_sym);
// A symbol's prompt property: `bool "text"`, or a menuconfig's prompt,
// which the parser stores as a Menu property (the kernel's P_MENU).
bool is_prompt(const Property* p);
// Whether the symbol has such a prompt in any of its entries.
bool has_prompt(const Symbol* sym);
// The choice block `sym` is a member of (as sym_is_choice_value decides
// membership); null for a symbol in no choice.
MenuNode* choice_of(const Context& ctx, const Symbol* sym);
// The non-constant symbols expression `e` reads, appended to `out` in
// reading order (left operand first, duplicates kept).
void expr_symbols(const Expr* e, std::vector<Symbol*>& out);
// Members of a choice in menu order (direct entries of the choice block).
std::vector<Symbol*> choice_members_in_menu_order(const Context& ctx, const MenuNode* choice);
bool sym_is_changeable(const Context& ctx, const Symbol* sym);
Property* sym_get_default_prop(Context& ctx, Symbol* sym);
Property* sym_get_range_prop(Context& ctx, Symbol* sym);
// prop_get_symbol: the symbol of a default/select/imply expression, or null.
Symbol* prop_get_symbol(const Property* prop);

// ---- calculation ----------------------------------------------------------
void sym_calc_visibility(Context& ctx, Symbol* sym);
void sym_calc_value(Context& ctx, Symbol* sym);
// Invalidate every cached value (and mark the configuration changed), then
// recalculate the modules symbol, as the kernel does.
void sym_clear_all_valid(Context& ctx);
bool sym_is_valid(const Context& ctx, const Symbol* sym);

// Choices. sym_choice_default takes the choice node in both dialects.
Symbol* sym_choice_default(Context& ctx, MenuNode* choice);
// 6.11+: compute the members' values; returns the chosen member (or null).
Symbol* sym_calc_choice(Context& ctx, MenuNode* choice);
// Before 6.11: the member the choice symbol currently selects (or null).
Symbol* sym_get_choice_value(Context& ctx, Symbol* choice_sym);
// 6.11+: give `sym` the user value y and the other visible members n.
void choice_set_value(Context& ctx, MenuNode* choice, Symbol* sym);
// Before 6.11: members without a value become n, the choice gets a value.
void set_all_choice_values(Context& ctx, Symbol* choice_sym);

// ---- setting values -------------------------------------------------------
bool sym_tristate_within_range(const Context& ctx, const Symbol* sym, Tristate val);
bool sym_set_tristate_value(Context& ctx, Symbol* sym, Tristate val);
// sym_toggle_tristate_value (menuconfig's space bar); for choice members
// this selects the member.
Tristate sym_toggle_tristate_value(Context& ctx, Symbol* sym);
// sym_string_valid: syntax check for int (decimal, no leading zero), hex
// (optional 0x, hex digits), bool/tristate (y/m/n first letter), string.
bool sym_string_valid(const Symbol* sym, std::string_view str);
bool sym_string_within_range(Context& ctx, Symbol* sym, std::string_view str);
// Set a user value from text; hex values gain a "0x" prefix. False when
// the value is invalid or out of range.
bool sym_set_string_value(Context& ctx, Symbol* sym, std::string_view value);
// The value the symbol would have without a user value (savedefconfig).
std::string sym_get_string_default(Context& ctx, Symbol* sym);

// ---- menus -----------------------------------------------------------------
// menu_is_visible from menu.c (before 6.11 it may set kSymDefUser on a
// symbol whose invisible prompt has visible children, as the kernel does).
bool menu_is_visible(Context& ctx, MenuNode* menu);
// The kernel's menu_next/menu_for_each_sub_entry: preorder below `root`.
MenuNode* menu_next(MenuNode* menu, MenuNode* root);

// ---- order of the kernel's symbol hash table ----------------------------------
// Every non-constant symbol (choices included) in the order the kernel's
// for_all_symbols visits them, so that warnings come out in conf's order.
std::vector<Symbol*> kernel_symbol_order(const Context& ctx);

// ---- dependency loops (sym_check_deps) -------------------------------------
// Check one symbol; returns the symbol closing a loop (and records conf's
// "recursive dependency detected!" report in ctx.diags) or null.
Symbol* sym_check_deps(Context& ctx, Symbol* sym);
// Check the whole tree in the order conf_parse does; returns the number of
// loops found (conf exits with an error when it is not zero).
int check_all_dependencies(Context& ctx);
// The same check on a thread of its own (LoadOptions::
// background_dependency_check): start it once the tree is finalized; until
// finish_dependency_check returns, the caller may read a .config and
// evaluate, but not change the tree. finish waits for it, puts its reports
// in ctx.diags where a synchronous check would have (ctx.dependency_check_at)
// and returns false when it found an error. Without a check started, it
// returns true.
void start_dependency_check(Context& ctx);
bool finish_dependency_check(Context& ctx);

} // namespace kconfig
