// The Kconfig symbol graph: expressions, symbols, properties and menu nodes.
//
// The shapes follow the kernel's scripts/kconfig (expr.h) closely on purpose:
// conformance with conf is easiest to reason about when every concept has the
// same name and meaning on both sides. All objects live in arenas owned by a
// kconfig::Context and are referenced by plain pointers, which stay valid for
// the Context's lifetime.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kconfig {

struct Symbol;
struct MenuNode;
struct Property;

// n < m < y, so AND is min, OR is max and NOT is 2 - x (the kernel's algebra).
enum class Tristate : uint8_t { No = 0, Mod = 1, Yes = 2 };

inline Tristate tri_and(Tristate a, Tristate b) {
    return a < b ? a : b;
}
inline Tristate tri_or(Tristate a, Tristate b) {
    return a > b ? a : b;
}
inline Tristate tri_not(Tristate a) {
    return Tristate(2 - int(a));
}
char tristate_char(Tristate t); // 'n', 'm', 'y'

enum class SymbolType : uint8_t { Unknown, Bool, Tristate, Int, Hex, String };
const char* symbol_type_name(SymbolType t); // "bool", "tristate", ... ("unknown")

enum class ExprKind : uint8_t {
    None,
    Or,
    And,
    Not,
    Equal,
    Unequal,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Symbol,
    Range,
};

// An immutable expression node. Or/And use left+right, Not uses left,
// Symbol uses sym, comparisons and Range use sym (left side) and rsym.
struct Expr {
    ExprKind kind = ExprKind::None; // what the node is
    const Expr* left = nullptr;     // Or/And: left operand; Not: the operand
    const Expr* right = nullptr;    // Or/And: right operand
    Symbol* sym = nullptr;          // Symbol: the symbol; comparisons/Range: left side
    Symbol* rsym = nullptr;         // comparisons/Range: right side
};

// An expression together with its last computed value (the kernel's
// expr_value), used for dir_dep, rev_dep, implied and property visibility.
struct ExprValue {
    const Expr* expr = nullptr;  // null: no condition (always y)
    Tristate tri = Tristate::No; // its value when last computed
};

// A text held by one pointer: what a loaded tree keeps tens of thousands of
// and mostly leaves empty or short. A symbol holds three value texts (its
// current value and the two read from .config files), and most symbols are
// bool or tristate, whose text is "y", "m", "n" or empty: those point to
// shared constants; only int, hex and string values, choices' member names,
// prompts and kept help texts own a string. Against a std::string each (32
// bytes, most of them empty) this takes 2.6 MiB off a loaded 6.12 tree.
class CompactText {
  public:
    CompactText() = default;
    CompactText(const CompactText& other) { assign(other.str()); }
    CompactText(CompactText&& other) noexcept : bits_(other.bits_) { other.bits_ = 0; }
    CompactText& operator=(const CompactText& other) {
        if (this != &other) assign(other.str());
        return *this;
    }
    CompactText& operator=(CompactText&& other) noexcept {
        std::swap(bits_, other.bits_);
        return *this;
    }
    CompactText& operator=(std::string_view text) {
        assign(text);
        return *this;
    }
    CompactText& operator=(const std::string& text) { return *this = std::string_view(text); }
    CompactText& operator=(const char* text) { return *this = std::string_view(text); }
    ~CompactText() { release(); }

    const std::string& str() const;
    operator const std::string&() const { return str(); }
    const char* c_str() const { return str().c_str(); }
    size_t size() const { return str().size(); }
    bool empty() const { return str().empty(); }
    void clear() { assign({}); }

    friend bool operator==(const CompactText& a, const CompactText& b) {
        return a.str() == b.str();
    }
    friend bool operator==(const CompactText& a, std::string_view b) { return a.str() == b; }

  private:
    void assign(std::string_view text);
    void release();
    // 0: empty; low bit set: a shared constant's address + 1 (not owned);
    // otherwise an owned std::string*.
    uintptr_t bits_ = 0;
};

// A symbol's value: tristate part for bool/tristate, text for the others.
struct SymbolValue {
    Tristate tri = Tristate::No; // bool and tristate symbols: the value
    CompactText str;             // int, hex and string symbols: the text
};

// Indices into Symbol::def (the kernel's S_DEF_*).
enum DefSlot : int { kDefUser = 0, kDefAuto = 1, kDefSlotCount = 2 };

// A source location: an interned file name (owned by the Context) and line.
struct Location {
    const std::string* file = nullptr; // interned path as sourced; null: none
    int line = 0;                      // 1-based; 0: none
};

enum class PropertyKind : uint8_t {
    Unknown,
    Prompt,  // prompt "text" [if expr] on a symbol or choice
    Comment, // comment "text"
    Menu,    // menu "text"
    Default, // default expr [if expr]
    Select,  // select SYM [if expr]
    Imply,   // imply SYM [if expr]
    Range,   // range a b [if expr]
};

struct Property {
    PropertyKind kind = PropertyKind::Unknown;
    CompactText text;           // prompt text (Prompt, Comment, Menu)
    ExprValue visible;          // the condition (`if ...`) with inherited deps
    const Expr* expr = nullptr; // default value, selected symbol, range
    MenuNode* menu = nullptr;   // the menu node the property belongs to
    Location loc;               // where the property is written
};

// Symbol flags (the kernel's SYMBOL_*; only those with a meaning here).
enum SymbolFlag : uint32_t {
    kSymConst = 1u << 0,       // y, m, n and literal values
    kSymChoice = 1u << 1,      // the symbol is a choice (no name)
    kSymChoiceValue = 1u << 2, // a member of a choice
    kSymOptional = 1u << 3,    // an optional choice (old kernels)
    kSymValid = 1u << 4,       // curr is up to date
    kSymWrite = 1u << 5,       // written to .config
    // The value changed since the front ends last looked (conf sets it on
    // every symbol after a read; sym_set_changed also marks the menus).
    kSymChanged = 1u << 6,
    kSymNoWrite = 1u << 7, // internal (e.g. env=), never written
    // (1u << 8 and 1u << 9, the kernel's SYMBOL_CHECKED and SYMBOL_CHECK,
    // are kept by the dependency-loop check in its own table: it may run on
    // a thread of its own while the evaluator writes these flags.)
    kSymWarned = 1u << 10,  // menu finalize has checked and warned about it once
    kSymWritten = 1u << 11, // written already in this conf_write pass
    kSymDefUser = 1u << 12, // def[kDefUser] holds a value
    kSymDefAuto = 1u << 13, // def[kDefAuto] holds a value
    // Before 6.11: the choice's members must be given the choice's value
    // when next computed (set by the set-all-new-symbols targets).
    kSymNeedSetChoiceValues = 1u << 14,
    kSymTransitional = 1u << 15, // 6.18: read from old configs only
    kSymAllNoConfigY = 1u << 16, // option allnoconfig_y
    kSymDefined = 1u << 17,      // has at least one config/menuconfig entry
    // Toolchain-derived: a default or dependency came from a `$(shell,...)`
    // probe (or CC_VERSION_TEXT...), so the value says which machine built
    // the kernel, not what was configured; offline, or with
    // Context::keep_recorded_toolchain, it comes from the input .config.
    kSymProbeDerived = 1u << 18,
    // In a choice's member list (MenuNode::choice_members): 6.11+'s choice
    // value test, the kernel's non-empty choice_link, without a search.
    kSymChoiceMember = 1u << 19,
};

// The fields are in the order evaluation reads them: an expression's
// symbol that is up to date needs only the first cache line (flags,
// generation, type and value), computing one the second (its dependencies
// and properties). Spread over a Symbol's five lines, they cost three
// cache misses per symbol read, the most of a warm olddefconfig's time.
struct Symbol {
    static constexpr uint32_t kNotListed = UINT32_MAX; // index of a constant
    uint32_t flags = 0;                                // SymbolFlag bits
    // Evaluation bookkeeping owned by the evaluator; kept here so that the
    // engine needs no side tables.
    // The Context::generation at which curr was computed: older means stale.
    uint32_t eval_generation = 0;
    SymbolType type = SymbolType::Unknown; // Unknown until an entry gives one
    Tristate visible = Tristate::No;       // the prompt's visibility, last computed
    // Position in Context::symbols(), set once at creation (kNotListed for
    // constants): the index of side tables such as the dependency-loop
    // check's, which must not write the symbol itself.
    uint32_t index = kNotListed;
    SymbolValue curr; // the computed value (valid with kSymValid)
    // The one `Symbol` expression leaf for this symbol: expressions are
    // immutable, so every reference shares it (a third of all nodes).
    const Expr* leaf = nullptr;
    ExprValue dir_dep;              // deps from enclosing menus, choices, ifs
    ExprValue rev_dep;              // OR of the `select` conditions on it
    ExprValue implied;              // OR of the `imply` conditions on it
    std::vector<Property*> props;   // in definition order
    std::vector<MenuNode*> menus;   // every entry defining the symbol
    std::string name;               // empty for choices
    SymbolValue def[kDefSlotCount]; // values read from a .config, by DefSlot

    bool has(uint32_t f) const { return (flags & f) != 0; }
    bool is_choice() const { return has(kSymChoice); }
    bool is_const() const { return has(kSymConst); }
    bool is_defined() const { return has(kSymDefined); }
};

enum MenuFlag : uint32_t {
    kMenuChanged = 1u << 0, // its symbol's value changed (for front ends; see kSymChanged)
    kMenuRoot = 1u << 1,    // the Context's root_menu
};

// One node of the menu tree: a config/menuconfig entry, choice, menu,
// comment or if block (if blocks disappear from the tree after finalize, as
// in the kernel, leaving their dependency on the children).
struct MenuNode {
    MenuNode* next = nullptr;            // next sibling
    MenuNode* parent = nullptr;          // enclosing node (the root's is null)
    MenuNode* list = nullptr;            // first child
    Symbol* sym = nullptr;               // the symbol or choice; null for menus/comments/ifs
    Property* prompt = nullptr;          // its prompt, menu or comment text; null: none
    const Expr* visibility = nullptr;    // `visible if`
    const Expr* dep = nullptr;           // `depends on` and enclosing `if`s
    uint32_t flags = 0;                  // MenuFlag bits
    bool is_menuconfig = false;          // a `menuconfig` entry
    bool is_choice = false;              // the node is a choice block
    bool has_help = false;               // a `help` keyword was given (its text may be dropped)
    CompactText help;                    // the help text (empty if none, or dropped)
    Location loc;                        // where the entry starts
    std::vector<Symbol*> choice_members; // for choice nodes, in order
    // This entry's properties are sym->props[prop_begin, prop_end): a symbol
    // defined in many places (hundreds of `config ARCH_HAS_*` entries) would
    // otherwise make finding each entry's own properties quadratic.
    uint32_t prop_begin = 0, prop_end = 0;
};

} // namespace kconfig
