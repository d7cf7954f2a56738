// The kernel's expression rewriting as menu_finalize applies it (expr.c:
// expr_transform, expr_eliminate_dups, expr_trans_compare,
// expr_eliminate_eq). The rewritten expressions are what conf prints in
// warnings and help texts, and what decides the automatic submenus, so the
// rewriting must follow each kernel release exactly, quirks included:
//
// - before 6.12, expressions are mutable trees rewritten in place: a
//   chain's duplicates are looked for among all of its terms at once, and
//   `y`/`n` terms are only dropped after something was joined;
// - from 6.12 on, expressions are immutable and shared: each operand is
//   deduplicated on its own first, and `y`/`n` terms are always dropped
//   (only at the level being simplified: a deeper one stays unless its
//   own level is simplified again).
//
// The values of the rewritten expressions are those of the originals.
#pragma once

#include "kconfig/context.h"

#include <deque>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kconfig {

class ExprSimplifier {
  public:
    // `ctx` owns the expressions made and receives conf's messages ("boolean
    // symbol X tested for 'm'?", printed on stdout); its dialect picks the
    // release's algorithm.
    explicit ExprSimplifier(Context& ctx);

    // expr_transform: A=n -> !A for bool A, !(A=B) -> A!=B, !(A || B) ->
    // !A && !B, !y -> n, ...
    const Expr* transform(const Expr* e);
    // expr_eliminate_dups: joins repeated and redundant terms of AND and OR
    // chains (A || B || A -> A || B, A && A=y -> A=y), drops y/n terms.
    const Expr* eliminate_dups(const Expr* e);
    // menu_finalize's superset test for automatic submenus: is every
    // condition of `base` (a symbol's prompt visibility) also one of `dep`
    // (a following entry's), after both are turned into `!= n` form?
    bool covers(const Expr* dep, const Expr* base);
    // expr_eq: equal after dropping the terms both have (AND and OR chains
    // compare as sets of terms, recursively).
    bool equal(const Expr* a, const Expr* b);

  private:
    // A scratch node: a mutable copy of an Expr, so that the kernel's
    // in-place algorithms (before 6.12) can be followed step by step.
    struct Node {
        ExprKind kind = ExprKind::None; // as Expr::kind
        Node* left = nullptr;           // And/Or: left operand; Not: the operand
        Node* right = nullptr;          // And/Or: right operand
        Symbol* sym = nullptr;          // Symbol: the symbol; comparisons: left side
        Symbol* rsym = nullptr;         // comparisons: right side
    };

    Node* node(ExprKind kind, Node* l = nullptr, Node* r = nullptr);
    Node* node_sym(Symbol* s);
    Node* node_cmp(ExprKind kind, Symbol* l, Symbol* r);
    Node* copy(const Node* n);
    Node* from_expr(const Expr* e);
    const Expr* to_expr(const Node* n);
    bool is_yes(const Node* n) const;

    Node* transform(Node* e);
    Node* trans_compare(Node* e, ExprKind type, Symbol* sym);
    bool eq(Node* a, Node* b);
    void eliminate_eq(Node*& a, Node*& b);
    void eliminate_eq_terms(ExprKind type, Node*& a, Node*& b);
    Node* join(ExprKind type, Node* a, Node* b);
    // Before 6.12: in place.
    Node* eliminate_yn_in_place(Node* e);
    void dups_in_place(ExprKind type, Node** ep1, Node** ep2);
    Node* eliminate_dups_in_place(Node* e);
    // 6.12 and later: new nodes, operands never changed.
    Node* eliminate_yn_shared(Node* e);
    void dups_shared(ExprKind type, Node** ep1, Node** ep2);
    Node* eliminate_dups_shared(Node* e);
    Node* eliminate_dups(Node* e);

    // Fast path: an expression none of whose terms can be joined and that
    // has no constant term comes out of eliminate_dups unchanged.
    bool is_dup_free(const Expr* e);
    void report_mod_test(Symbol* sym, const char* forced);

    Context& ctx_;
    bool shared_;            // 6.12+: the immutable-expression algorithms
    int trans_count_ = 0;    // the kernel's trans_count: rewrites in this pass
    std::deque<Node> nodes_; // scratch, emptied by every public call
    // Expressions that is_dup_free accepted (most entries' dependency is
    // their menu's, which was checked already) and where their terms' keys
    // are in key_pool_ (offset, count).
    std::unordered_map<const Expr*, std::pair<uint32_t, uint32_t>> dup_free_;
    // The keys of every accepted expression. 32 bits are enough: two terms
    // with one key only send the chain to the exact algorithm, and the pool
    // is alive at the load's peak memory.
    std::vector<uint32_t> key_pool_;
    std::vector<const Expr*> terms_; // scratch for is_dup_free, a stack
    std::vector<uint32_t> keys_;     // scratch for is_dup_free, a stack
};

} // namespace kconfig
