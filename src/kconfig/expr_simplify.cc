#include "kconfig/expr_simplify.h"
#include "kconfig/menu.h"
#include "kconfig/name_index.h"

#include <algorithm>

namespace kconfig {

namespace {

bool is_compare(ExprKind k) {
    return k == ExprKind::Equal || k == ExprKind::Unequal || k == ExprKind::Less ||
           k == ExprKind::LessEqual || k == ExprKind::Greater || k == ExprKind::GreaterEqual;
}

bool is_chain(ExprKind k) {
    return k == ExprKind::And || k == ExprKind::Or;
}

// The terms expr_join_and/expr_join_or look into: a symbol, A=B, A!=B, or
// the negation of one of them.
bool is_simple(ExprKind k) {
    return k == ExprKind::Symbol || k == ExprKind::Equal || k == ExprKind::Unequal;
}

} // namespace

ExprSimplifier::ExprSimplifier(Context& ctx)
    : ctx_(ctx), shared_(ctx.dialect.immutable_expressions()) {}

ExprSimplifier::Node* ExprSimplifier::node(ExprKind kind, Node* l, Node* r) {
    Node& n = nodes_.emplace_back();
    n.kind = kind;
    n.left = l;
    n.right = r;
    return &n;
}

ExprSimplifier::Node* ExprSimplifier::node_sym(Symbol* s) {
    Node* n = node(ExprKind::Symbol);
    n->sym = s;
    return n;
}

ExprSimplifier::Node* ExprSimplifier::node_cmp(ExprKind kind, Symbol* l, Symbol* r) {
    Node* n = node(kind);
    n->sym = l;
    n->rsym = r;
    return n;
}

ExprSimplifier::Node* ExprSimplifier::copy(const Node* n) {
    if (!n) return nullptr;
    Node* c = node(n->kind, copy(n->left), copy(n->right));
    c->sym = n->sym;
    c->rsym = n->rsym;
    return c;
}

ExprSimplifier::Node* ExprSimplifier::from_expr(const Expr* e) {
    if (!e) return nullptr;
    Node* n = node(e->kind, from_expr(e->left), from_expr(e->right));
    n->sym = e->sym;
    n->rsym = e->rsym;
    return n;
}

const Expr* ExprSimplifier::to_expr(const Node* n) {
    if (!n) return nullptr;
    switch (n->kind) {
    case ExprKind::Symbol:
        return ctx_.new_symbol_expr(n->sym);
    case ExprKind::Not:
    case ExprKind::And:
    case ExprKind::Or:
        return ctx_.new_expr(n->kind, to_expr(n->left), to_expr(n->right));
    default:
        return ctx_.new_compare_expr(n->kind, n->sym, n->rsym);
    }
}

bool ExprSimplifier::is_yes(const Node* n) const {
    return !n || (n->kind == ExprKind::Symbol && n->sym == &ctx_.sym_yes);
}

void ExprSimplifier::report_mod_test(Symbol* sym, const char* forced) {
    // conf prints this with printf, on stdout, without a location.
    Diagnostic d;
    d.severity = Severity::Note;
    d.code = DiagCode::KconfigBoolTestedForMod;
    d.message = "boolean symbol " + sym->name + " tested for 'm'? test forced to '" + forced + "'";
    d.symbols.push_back(sym->name);
    d.conf_text = d.message;
    ctx_.diags.add(std::move(d));
}

// ---------------------------------------------------------------------------
// expr_transform

ExprSimplifier::Node* ExprSimplifier::transform(Node* e) {
    if (!e) return e;
    if (!is_compare(e->kind) && e->kind != ExprKind::Symbol)
        e = node(e->kind, transform(e->left), transform(e->right));
    Symbol* const yes = &ctx_.sym_yes;
    Symbol* const mod = &ctx_.sym_mod;
    Symbol* const no = &ctx_.sym_no;
    switch (e->kind) {
    case ExprKind::Equal:
        if (e->sym->type != SymbolType::Bool) break;
        if (e->rsym == no) return node(ExprKind::Not, node_sym(e->sym)); // A=n -> !A
        if (e->rsym == mod) {                                            // A=m -> n
            report_mod_test(e->sym, "n");
            return node_sym(no);
        }
        if (e->rsym == yes) return node_sym(e->sym); // A=y -> A
        break;
    case ExprKind::Unequal:
        if (e->sym->type != SymbolType::Bool) break;
        if (e->rsym == no) return node_sym(e->sym); // A!=n -> A
        if (e->rsym == mod) {                       // A!=m -> y
            report_mod_test(e->sym, "y");
            return node_sym(yes);
        }
        // A!=y -> !A. (6.12's expr.c builds the negation of the symbol
        // pointer taken as an expression, which has no meaning to follow;
        // this is what 6.1 and earlier make of it.)
        if (e->rsym == yes) return node(ExprKind::Not, node_sym(e->sym));
        break;
    case ExprKind::Not: {
        Node* in = e->left;
        switch (in->kind) {
        case ExprKind::Not: // !!A -> A
            return in->left;
        case ExprKind::Equal: // !(A=B) -> A!=B
            return node_cmp(ExprKind::Unequal, in->sym, in->rsym);
        case ExprKind::Unequal:
            return node_cmp(ExprKind::Equal, in->sym, in->rsym);
        case ExprKind::LessEqual: // !(A<=B) -> A>B
            return node_cmp(ExprKind::Greater, in->sym, in->rsym);
        case ExprKind::GreaterEqual:
            return node_cmp(ExprKind::Less, in->sym, in->rsym);
        case ExprKind::Less: // !(A<B) -> A>=B
            return node_cmp(ExprKind::GreaterEqual, in->sym, in->rsym);
        case ExprKind::Greater:
            return node_cmp(ExprKind::LessEqual, in->sym, in->rsym);
        case ExprKind::Or: // !(A || B) -> !A && !B
            return transform(
                node(ExprKind::And, node(ExprKind::Not, in->left), node(ExprKind::Not, in->right)));
        case ExprKind::And: // !(A && B) -> !A || !B
            return transform(
                node(ExprKind::Or, node(ExprKind::Not, in->left), node(ExprKind::Not, in->right)));
        case ExprKind::Symbol:
            if (in->sym == yes) return node_sym(no);  // !y -> n
            if (in->sym == mod) return node_sym(mod); // !m -> m
            if (in->sym == no) return node_sym(yes);  // !n -> y
            break;
        default:
            break;
        }
        break;
    }
    default:
        break;
    }
    return e;
}

const Expr* ExprSimplifier::transform(const Expr* e) {
    // Most expressions have nothing to rewrite: keep them (and their
    // sharing) as they are.
    auto needs = [&](auto& self, const Expr* x) -> bool {
        if (!x) return false;
        switch (x->kind) {
        case ExprKind::And:
        case ExprKind::Or:
            return self(self, x->left) || self(self, x->right);
        case ExprKind::Not:
            return x->left->kind != ExprKind::Symbol || x->left->sym->is_const();
        case ExprKind::Equal:
        case ExprKind::Unequal:
            return x->sym->type == SymbolType::Bool &&
                   (x->rsym == &ctx_.sym_yes || x->rsym == &ctx_.sym_mod ||
                    x->rsym == &ctx_.sym_no);
        default:
            return false;
        }
    };
    if (!needs(needs, e)) return e;
    nodes_.clear();
    return to_expr(transform(from_expr(e)));
}

// ---------------------------------------------------------------------------
// expr_trans_compare: `e` compared with `sym` (A -> A!=n, A && B ->
// !(A=n || B=n), ...).

ExprSimplifier::Node* ExprSimplifier::trans_compare(Node* e, ExprKind type, Symbol* sym) {
    Symbol* const yes = &ctx_.sym_yes;
    Symbol* const mod = &ctx_.sym_mod;
    Symbol* const no = &ctx_.sym_no;
    if (!e) {
        Node* n = node_sym(sym);
        return type == ExprKind::Unequal ? node(ExprKind::Not, n) : n;
    }
    switch (e->kind) {
    case ExprKind::And:
    case ExprKind::Or: {
        Node* l = trans_compare(e->left, ExprKind::Equal, sym);
        Node* r = trans_compare(e->right, ExprKind::Equal, sym);
        ExprKind other = e->kind == ExprKind::And ? ExprKind::Or : ExprKind::And;
        if (sym == yes) e = node(e->kind, l, r);
        if (sym == no) e = node(other, l, r);
        return type == ExprKind::Unequal ? node(ExprKind::Not, e) : e;
    }
    case ExprKind::Not:
        return trans_compare(e->left, type == ExprKind::Equal ? ExprKind::Unequal : ExprKind::Equal,
                             sym);
    case ExprKind::Symbol:
        return node_cmp(type, e->sym, sym);
    default:
        if (!is_compare(e->kind)) return nullptr;
        if (type == ExprKind::Equal) {
            if (sym == yes) return e;
            if (sym == mod) return node_sym(no);
            if (sym == no) return node(ExprKind::Not, e);
        } else {
            if (sym == yes) return node(ExprKind::Not, e);
            if (sym == mod) return node_sym(yes);
            if (sym == no) return e;
        }
        return nullptr;
    }
}

// ---------------------------------------------------------------------------
// expr_eq and expr_eliminate_eq

bool ExprSimplifier::eq(Node* a, Node* b) {
    if (!a || !b) return is_yes(a) && is_yes(b);
    if (a->kind != b->kind) return false;
    switch (a->kind) {
    case ExprKind::Symbol:
        return a->sym == b->sym;
    case ExprKind::Not:
        return eq(a->left, b->left);
    case ExprKind::And:
    case ExprKind::Or: {
        // Before 6.12 on copies; from 6.12 on nothing is changed anyway.
        if (!shared_) {
            a = copy(a);
            b = copy(b);
        }
        int saved = trans_count_;
        eliminate_eq(a, b);
        bool res = a->kind == ExprKind::Symbol && b->kind == ExprKind::Symbol && a->sym == b->sym;
        trans_count_ = saved;
        return res;
    }
    default:
        return is_compare(a->kind) && a->sym == b->sym && a->rsym == b->rsym;
    }
}

// __expr_eliminate_eq: equal terms of the two chains both become y (AND)
// or n (OR). New nodes for the chains (6.12), or the same ones changed in
// place (before), come to the same.
void ExprSimplifier::eliminate_eq_terms(ExprKind type, Node*& a, Node*& b) {
    if (a->kind == type) {
        Node* l = a->left;
        Node* r = a->right;
        eliminate_eq_terms(type, l, b);
        eliminate_eq_terms(type, r, b);
        a = node(type, l, r);
        return;
    }
    if (b->kind == type) {
        Node* l = b->left;
        Node* r = b->right;
        eliminate_eq_terms(type, a, l);
        eliminate_eq_terms(type, a, r);
        b = node(type, l, r);
        return;
    }
    if (a->kind == ExprKind::Symbol && b->kind == ExprKind::Symbol && a->sym == b->sym &&
        (a->sym == &ctx_.sym_yes || a->sym == &ctx_.sym_no))
        return;
    if (!eq(a, b)) return;
    ++trans_count_;
    Symbol* c = type == ExprKind::Or ? &ctx_.sym_no : &ctx_.sym_yes;
    a = node_sym(c);
    b = node_sym(c);
}

void ExprSimplifier::eliminate_eq(Node*& a, Node*& b) {
    if (!a || !b) return;
    if (is_chain(a->kind)) eliminate_eq_terms(a->kind, a, b);
    if (a->kind != b->kind && is_chain(b->kind)) eliminate_eq_terms(b->kind, a, b);
    if (shared_) {
        a = eliminate_yn_shared(a);
        b = eliminate_yn_shared(b);
    } else {
        a = eliminate_yn_in_place(a);
        b = eliminate_yn_in_place(b);
    }
}

// ---------------------------------------------------------------------------
// expr_join_or / expr_join_and: one term for `a || b` (`a && b`), or null.

ExprSimplifier::Node* ExprSimplifier::join(ExprKind type, Node* a, Node* b) {
    if (eq(a, b)) return shared_ ? a : copy(a);
    auto simple_or_not = [](const Node* n) {
        return is_simple(n->kind) || n->kind == ExprKind::Not;
    };
    if (!simple_or_not(a) || !simple_or_not(b)) return nullptr;
    Symbol* s1;
    Symbol* s2;
    if (a->kind == ExprKind::Not) {
        if (!is_simple(a->left->kind)) return nullptr;
        s1 = a->left->sym;
    } else {
        s1 = a->sym;
    }
    if (b->kind == ExprKind::Not) {
        if (b->left->kind != ExprKind::Symbol) return nullptr;
        s2 = b->left->sym;
    } else {
        s2 = b->sym;
    }
    if (s1 != s2) return nullptr;
    if (s1->type != SymbolType::Bool && s1->type != SymbolType::Tristate) return nullptr;
    Symbol* const yes = &ctx_.sym_yes;
    Symbol* const mod = &ctx_.sym_mod;
    Symbol* const no = &ctx_.sym_no;
    const ExprKind EQ = ExprKind::Equal, NE = ExprKind::Unequal, SYM = ExprKind::Symbol;
    // Either order of the two terms.
    auto pair = [&](ExprKind k1, Symbol* v1, ExprKind k2, Symbol* v2) {
        return (a->kind == k1 && b->kind == k2 && a->rsym == v1 && b->rsym == v2) ||
               (a->kind == k2 && b->kind == k1 && a->rsym == v2 && b->rsym == v1);
    };
    // A symbol and a comparison, in either order.
    auto sym_and = [&](ExprKind k, Symbol* v) {
        return (a->kind == SYM && b->kind == k && b->rsym == v) ||
               (b->kind == SYM && a->kind == k && a->rsym == v);
    };
    if (type == ExprKind::Or) {
        if (s1->type == SymbolType::Tristate) {
            if (pair(EQ, yes, EQ, mod)) return node_cmp(NE, s1, no); // A=y || A=m -> A!=n
            if (pair(EQ, yes, EQ, no)) return node_cmp(NE, s1, mod); // A=y || A=n -> A!=m
            if (pair(EQ, mod, EQ, no)) return node_cmp(NE, s1, yes); // A=m || A=n -> A!=y
        }
        if (s1->type == SymbolType::Bool) { // A || !A -> y
            if ((a->kind == ExprKind::Not && a->left->kind == SYM && b->kind == SYM) ||
                (b->kind == ExprKind::Not && b->left->kind == SYM && a->kind == SYM))
                return node_sym(yes);
        }
        return nullptr;
    }
    if (sym_and(EQ, yes)) return node_cmp(EQ, s1, yes); // A && A=y -> A=y
    if (sym_and(NE, no)) return node_sym(s1);           // A && A!=n -> A
    if (sym_and(NE, mod)) return node_cmp(EQ, s1, yes); // A && A!=m -> A=y
    if (s1->type == SymbolType::Tristate) {
        // A=b && A!=c -> b=c ? n : A=b
        if (a->kind == EQ && b->kind == NE && b->rsym->is_const() && a->rsym->is_const())
            return a->rsym != b->rsym ? node_cmp(EQ, s1, a->rsym) : node_sym(no);
        if (a->kind == NE && b->kind == EQ && a->rsym->is_const() && b->rsym->is_const())
            return b->rsym != a->rsym ? node_cmp(EQ, s1, b->rsym) : node_sym(no);
        if (pair(NE, yes, NE, no)) return node_cmp(EQ, s1, mod); // A!=y && A!=n -> A=m
        if (pair(NE, yes, NE, mod)) return node_cmp(EQ, s1, no); // A!=y && A!=m -> A=n
        if (pair(NE, mod, NE, no)) return node_cmp(EQ, s1, yes); // A!=m && A!=n -> A=y
    }
    return nullptr;
}

// ---------------------------------------------------------------------------
// Before 6.12: expr_eliminate_yn and expr_eliminate_dups changing the tree
// in place. A node that becomes one of its operands takes the operand's
// contents, so that pointers to it (the slots dups_in_place walks) stay
// valid.

ExprSimplifier::Node* ExprSimplifier::eliminate_yn_in_place(Node* e) {
    if (!e || !is_chain(e->kind)) return e;
    e->left = eliminate_yn_in_place(e->left);
    e->right = eliminate_yn_in_place(e->right);
    // The absorbing constant (n for AND, y for OR) and the neutral one.
    Symbol* absorbing = e->kind == ExprKind::And ? &ctx_.sym_no : &ctx_.sym_yes;
    Symbol* neutral = e->kind == ExprKind::And ? &ctx_.sym_yes : &ctx_.sym_no;
    for (int side = 0; side < 2; ++side) {
        Node* mine = side == 0 ? e->left : e->right;
        Node* other = side == 0 ? e->right : e->left;
        if (mine->kind != ExprKind::Symbol) continue;
        if (mine->sym == absorbing) {
            *e = Node{};
            e->kind = ExprKind::Symbol;
            e->sym = absorbing;
            return e;
        }
        if (mine->sym == neutral) {
            *e = *other;
            return e;
        }
    }
    return e;
}

void ExprSimplifier::dups_in_place(ExprKind type, Node** ep1, Node** ep2) {
    Node*& e1 = *ep1;
    Node*& e2 = *ep2;
    if (e1->kind == type) {
        dups_in_place(type, &e1->left, ep2);
        dups_in_place(type, &e1->right, ep2);
        return;
    }
    if (e2->kind == type) {
        dups_in_place(type, ep1, &e2->left);
        dups_in_place(type, ep1, &e2->right);
        return;
    }
    if (e1 == e2) return;
    if (is_chain(e1->kind)) dups_in_place(e1->kind, ep1, ep1);
    if (!is_chain(type)) return;
    if (Node* joined = join(type, e1, e2)) {
        e1 = node_sym(type == ExprKind::Or ? &ctx_.sym_no : &ctx_.sym_yes);
        e2 = joined;
        ++trans_count_;
    }
}

ExprSimplifier::Node* ExprSimplifier::eliminate_dups_in_place(Node* e) {
    if (!e) return e;
    int saved = trans_count_;
    for (;;) {
        trans_count_ = 0;
        if (is_chain(e->kind)) dups_in_place(e->kind, &e, &e);
        if (!trans_count_) break;
        e = eliminate_yn_in_place(e);
    }
    trans_count_ = saved;
    return e;
}

// ---------------------------------------------------------------------------
// 6.12 and later: expressions are shared and never changed.

ExprSimplifier::Node* ExprSimplifier::eliminate_yn_shared(Node* e) {
    if (!e || !is_chain(e->kind)) return e;
    Node* l = eliminate_yn_shared(e->left);
    Node* r = eliminate_yn_shared(e->right);
    Symbol* absorbing = e->kind == ExprKind::And ? &ctx_.sym_no : &ctx_.sym_yes;
    Symbol* neutral = e->kind == ExprKind::And ? &ctx_.sym_yes : &ctx_.sym_no;
    if (l->kind == ExprKind::Symbol) {
        if (l->sym == absorbing) return l;
        if (l->sym == neutral) return r;
    }
    if (r->kind == ExprKind::Symbol) {
        if (r->sym == absorbing) return r;
        if (r->sym == neutral) return l;
    }
    // As 6.12's expr.c: the operands' own simplifications are not kept.
    return e;
}

void ExprSimplifier::dups_shared(ExprKind type, Node** ep1, Node** ep2) {
    if ((*ep1)->kind == type) {
        Node* l = (*ep1)->left;
        Node* r = (*ep1)->right;
        dups_shared(type, &l, ep2);
        dups_shared(type, &r, ep2);
        *ep1 = node(type, l, r);
        return;
    }
    if ((*ep2)->kind == type) {
        Node* l = (*ep2)->left;
        Node* r = (*ep2)->right;
        dups_shared(type, ep1, &l);
        dups_shared(type, ep1, &r);
        *ep2 = node(type, l, r);
        return;
    }
    if (Node* joined = join(type, *ep1, *ep2)) {
        *ep1 = node_sym(type == ExprKind::Or ? &ctx_.sym_no : &ctx_.sym_yes);
        *ep2 = joined;
        ++trans_count_;
    }
}

ExprSimplifier::Node* ExprSimplifier::eliminate_dups_shared(Node* e) {
    if (!e) return e;
    int saved = trans_count_;
    do {
        trans_count_ = 0;
        if (is_chain(e->kind)) {
            Node* l = eliminate_dups_shared(e->left);
            Node* r = eliminate_dups_shared(e->right);
            dups_shared(e->kind, &l, &r);
            e = node(e->kind, l, r);
        }
        e = eliminate_yn_shared(e);
    } while (trans_count_);
    trans_count_ = saved;
    return e;
}

ExprSimplifier::Node* ExprSimplifier::eliminate_dups(Node* e) {
    return shared_ ? eliminate_dups_shared(e) : eliminate_dups_in_place(e);
}

// ---------------------------------------------------------------------------
// The fast path. Two terms can only be joined if they are equal (expr_eq)
// or are simple terms about the same symbol. A key per term captures that:
// simple terms are keyed by their symbol, other terms by their kind and
// the set of symbols in them (equal terms have the same set when they hold
// no constant). Terms with different keys cannot be joined; equal keys
// send the expression down the exact path.

namespace {

void symbol_bloom(const Expr* e, uint64_t& bloom, bool& has_const) {
    if (!e) return;
    if (e->kind == ExprKind::Symbol) {
        if (e->sym->is_const())
            has_const = true;
        else
            bloom |= uint64_t(1) << (hash_mix(uintptr_t(e->sym)) >> 58);
        return;
    }
    if (e->sym) bloom |= uint64_t(1) << (hash_mix(uintptr_t(e->sym)) >> 58);
    if (e->rsym && !e->rsym->is_const())
        bloom |= uint64_t(1) << (hash_mix(uintptr_t(e->rsym)) >> 58);
    symbol_bloom(e->left, bloom, has_const);
    symbol_bloom(e->right, bloom, has_const);
}

} // namespace

bool ExprSimplifier::is_dup_free(const Expr* e) {
    if (!e || !is_chain(e->kind)) return true;
    if (dup_free_.count(e)) return true;
    // This call's scratch is terms_ and keys_ from their current ends: a
    // nested call (for a chain among the terms) works above that and gives
    // its space back, so nothing is allocated once they have grown.
    const size_t terms_start = terms_.size();
    const size_t keys_start = keys_.size();
    auto finish = [&](bool dup_free) {
        terms_.resize(terms_start);
        keys_.resize(keys_start);
        return dup_free;
    };
    size_t first_term = terms_start;
    // The longest known prefix of the chain (the enclosing menu's dependency).
    const Expr* prefix = nullptr;
    for (const Expr* p = e->left; p && p->kind == e->kind; p = p->left) {
        auto it = dup_free_.find(p);
        if (it == dup_free_.end()) continue;
        const auto [offset, count] = it->second;
        keys_.insert(keys_.end(), key_pool_.begin() + offset, key_pool_.begin() + offset + count);
        prefix = p;
        break;
    }
    if (prefix) {
        // The terms after the prefix: those of the right operands from the
        // prefix up to e, in chain order.
        for (const Expr* q = e; q != prefix; q = q->left)
            terms_.push_back(q->right);
        std::reverse(terms_.begin() + terms_start, terms_.end());
        first_term = terms_.size();
        for (size_t i = terms_start; i < first_term; ++i)
            expr_chain_terms(terms_[i], e->kind, terms_);
    } else {
        expr_chain_terms(e, e->kind, terms_);
    }
    const size_t end = terms_.size();
    for (size_t i = first_term; i < end; ++i) {
        const Expr* t = terms_[i];
        uint32_t key;
        const Expr* s = t->kind == ExprKind::Not ? t->left : t;
        if (is_simple(s->kind) && !(s->kind == ExprKind::Symbol && s->sym->is_const())) {
            key = uint32_t(hash_mix(uintptr_t(s->sym))) | 1;
        } else {
            if (t->kind == ExprKind::Symbol) return finish(false); // y, m or n
            if (is_chain(t->kind) && !is_dup_free(t)) return finish(false);
            uint64_t bloom = 0;
            bool has_const = false;
            symbol_bloom(t, bloom, has_const);
            if (has_const) return finish(false);
            key = uint32_t(hash_mix(bloom ^ uint64_t(t->kind))) & ~uint32_t(1);
        }
        for (size_t k = keys_start; k < keys_.size(); ++k)
            if (keys_[k] == key) return finish(false);
        keys_.push_back(key);
    }
    const uint32_t offset = uint32_t(key_pool_.size());
    key_pool_.insert(key_pool_.end(), keys_.begin() + keys_start, keys_.end());
    dup_free_.emplace(e, std::pair(offset, uint32_t(keys_.size() - keys_start)));
    return finish(true);
}

const Expr* ExprSimplifier::eliminate_dups(const Expr* e) {
    if (is_dup_free(e)) return e;
    nodes_.clear();
    const Expr* r = to_expr(eliminate_dups(from_expr(e)));
    return r;
}

bool ExprSimplifier::equal(const Expr* a, const Expr* b) {
    if (a == b) return true;
    nodes_.clear();
    return eq(from_expr(a), from_expr(b));
}

bool ExprSimplifier::covers(const Expr* dep, const Expr* base) {
    nodes_.clear();
    Node* b =
        eliminate_dups(transform(trans_compare(from_expr(base), ExprKind::Unequal, &ctx_.sym_no)));
    Node* d =
        eliminate_dups(transform(trans_compare(from_expr(dep), ExprKind::Unequal, &ctx_.sym_no)));
    eliminate_eq(d, b);
    return is_yes(b);
}

} // namespace kconfig
