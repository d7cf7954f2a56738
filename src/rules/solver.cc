// See solver.h. The SAT encoding is a boolean abstraction of Kconfig (a
// symbol is "on" when it is y or m); the engine verifies every answer.
#include "rules/solver.h"
#include "kconfig/menu.h"
#include "rules/kb.h"

#include "kconfig/confdata.h"
#include "kconfig/dotconfig.h"
#include "kconfig/eval.h"
#include "kconfig/targets.h"

#include <cryptominisat5/cryptominisat.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <functional>
#include <set>
#include <sstream>
#include <unordered_map>

namespace xenrules {

using kconfig::Context;
using kconfig::Expr;
using kconfig::ExprKind;
using kconfig::MenuNode;
using kconfig::Property;
using kconfig::PropertyKind;
using kconfig::Symbol;
using kconfig::SymbolType;
using kconfig::Tristate;

// ---------------------------------------------------------------------------
// Engine helpers

std::string engine_olddefconfig(Context& ctx, const std::string& config_text) {
    kconfig::conf_read_from_string(ctx, ".config", config_text);
    return kconfig::conf_write_string(ctx);
}

std::string engine_defconfig(Context& ctx, const std::string& defconfig_text) {
    kconfig::conf_read_from_string(ctx, "defconfig", defconfig_text);
    kconfig::conf_set_all_new_symbols(ctx, kconfig::NewSymbolMode::Default);
    return kconfig::conf_write_string(ctx);
}

std::string engine_allnoconfig(Context& ctx) {
    // allnoconfig reads nothing: clear every user value first.
    kconfig::conf_read_simple_from_string(ctx, "allnoconfig", "");
    kconfig::sym_clear_all_valid(ctx);
    kconfig::conf_set_all_new_symbols(ctx, kconfig::NewSymbolMode::No);
    return kconfig::conf_write_string(ctx);
}

std::string engine_allnoconfig_expert(Context& ctx) {
    // As `make tinyconfig` starts: allnoconfig with KCONFIG_ALLCONFIG setting
    // EXPERT (tiny-base.config, since 6.x), whose prompts then turn off what
    // plain allnoconfig leaves on (BLOCK, TTY, SYSFS, ...).
    kconfig::conf_read_simple_from_string(ctx, "allnoconfig", "CONFIG_EXPERT=y\n");
    kconfig::sym_clear_all_valid(ctx);
    kconfig::conf_set_all_new_symbols(ctx, kconfig::NewSymbolMode::No);
    return kconfig::conf_write_string(ctx);
}

namespace {

bool boolish(const Symbol* s) {
    return s && (s->type == SymbolType::Bool || s->type == SymbolType::Tristate);
}
bool defined_sym(const Symbol* s) {
    return s && !s->is_const() && s->is_defined() && s->type != SymbolType::Unknown;
}

std::string value_now(Context& ctx, Symbol* s) {
    std::string v = kconfig::sym_value(ctx, s);
    if (boolish(s) && v.empty()) return "n";
    return v;
}

} // namespace

std::string assignment_line(const Assignment& a) {
    return kconfig::config_line(a.symbol, a.type, a.value);
}

// ---------------------------------------------------------------------------
// Requests

std::optional<bool> request_holds(Context& ctx, const Request& r, std::string* actual) {
    std::string err;
    if (!r.when.empty()) {
        const Expr* w = kconfig::parse_expression(ctx, r.when, &err);
        if (!w || kconfig::expr_calc_value(ctx, w) == Tristate::No) return std::nullopt;
    }
    if (!r.require.empty()) {
        const Expr* e = kconfig::parse_expression(ctx, r.require, &err);
        if (!e) return std::nullopt;
        Tristate got = kconfig::expr_calc_value(ctx, e);
        if (actual) *actual = std::string(1, kconfig::tristate_char(got));
        Tristate need = r.accept.kind == AcceptKind::YesOrMod ? Tristate::Mod : Tristate::Yes;
        return got >= need;
    }
    Symbol* s = ctx.find_symbol(r.symbol);
    if (!defined_sym(s)) return std::nullopt;
    std::string v = value_now(ctx, s);
    if (actual) *actual = v;
    return r.accept.accepts(v);
}

std::vector<Request> requests_for(Context& ctx, const RuleSet& rules, Role role,
                                  const std::vector<Mode>& modes, Arch arch, const KVer& version,
                                  bool with_info, std::vector<std::string>* skipped) {
    std::vector<Request> out;
    std::set<std::string> seen;
    for (Mode m : modes)
        for (const Rule* r : applicable_rules(rules, role, m, arch, version)) {
            if (r->disabled || !seen.insert(r->id).second) continue;
            // It counts with its highest severity among the asked modes.
            Severity severity = r->severity_in(modes);
            if (severity == Severity::Info && !with_info) continue;
            Request q;
            q.rule_id = r->id;
            q.why = r->rationale;
            q.severity = severity;
            q.accept = r->accept;
            q.require = r->require;
            q.when = r->when;
            q.via = r->via;
            q.optional = severity != Severity::Error;
            if (r->require.empty()) {
                q.symbol = r->symbol_for(version);
                Symbol* s = ctx.find_symbol(q.symbol);
                if (!defined_sym(s)) {
                    if (skipped)
                        skipped->push_back(fmt::format("{}: CONFIG_{} does not exist in Linux {}",
                                                       r->id, q.symbol, ctx.kernel_version.str()));
                    continue;
                }
            } else {
                std::string err;
                if (!kconfig::parse_expression(ctx, r->require, &err)) continue;
            }
            out.push_back(std::move(q));
        }
    return out;
}

// ---------------------------------------------------------------------------
// The SAT model

namespace {

using CMSat::Lit;

struct Model {
    Context& ctx;
    CMSat::SATSolver sat;
    uint32_t nvars = 0;
    int clauses = 0;
    Lit T{0, false};
    std::unordered_map<Symbol*, Lit> var;
    std::vector<Symbol*> closure;
    std::unordered_map<const Expr*, Lit> cache;
    std::unordered_map<Symbol*, bool> base_on; // value before solving (cached)
    std::vector<CMSat::lbool> model;

    explicit Model(Context& c) : ctx(c) {
        sat.set_num_threads(1);
        T = fresh();
        add({T});
    }
    Lit fresh() {
        sat.new_var();
        return Lit(nvars++, false);
    }
    void add(const std::vector<Lit>& c) {
        sat.add_clause(c);
        ++clauses;
    }
    bool on_in_base(Symbol* s) {
        auto it = base_on.find(s);
        if (it != base_on.end()) return it->second;
        bool on = boolish(s) && defined_sym(s) && kconfig::sym_value(ctx, s) != "n" &&
                  !kconfig::sym_value(ctx, s).empty();
        base_on[s] = on;
        return on;
    }
    Lit sym(Symbol* s) {
        if (!s) return ~T;
        if (s->is_const()) return (s->name == "y" || s->name == "m") ? T : ~T;
        if (s->is_choice()) {
            // Before 6.11 members depend on their choice symbol: it is on
            // when the choice is visible (the members' rules do the rest).
            kconfig::sym_calc_value(ctx, s);
            return s->curr.tri != Tristate::No ? T : ~T;
        }
        auto it = var.find(s);
        if (it != var.end()) return it->second;
        return on_in_base(s) ? T : ~T;
    }
    Lit lor(Lit a, Lit b) {
        Lit t = fresh();
        add({~t, a, b});
        add({t, ~a});
        add({t, ~b});
        return t;
    }
    Lit land(Lit a, Lit b) {
        Lit t = fresh();
        add({~t, a});
        add({~t, b});
        add({t, ~a, ~b});
        return t;
    }
    Lit ite(Lit c, Lit a, Lit b) {
        Lit t = fresh();
        add({~c, ~a, t});
        add({~c, a, ~t});
        add({c, ~b, t});
        add({c, b, ~t});
        return t;
    }
    // `S = y`, `S != n` and friends on a bool/tristate symbol.
    std::optional<Lit> compare(const Expr* e) {
        Symbol* a = e->sym;
        Symbol* b = e->rsym;
        if (!a || !b) return std::nullopt;
        if (a->is_const() && !b->is_const()) std::swap(a, b);
        if (!b->is_const() || a->is_const() || !var.count(a)) return std::nullopt;
        const std::string& c = b->name;
        bool eq = e->kind == ExprKind::Equal;
        if (c == "y") return eq ? sym(a) : ~sym(a);
        if (c == "n") return eq ? ~sym(a) : sym(a);
        return std::nullopt;
    }
    Lit expr(const Expr* e) {
        if (!e) return T;
        auto it = cache.find(e);
        if (it != cache.end()) return it->second;
        Lit r = T;
        switch (e->kind) {
        case ExprKind::Or:
            r = lor(expr(e->left), expr(e->right));
            break;
        case ExprKind::And:
            r = land(expr(e->left), expr(e->right));
            break;
        case ExprKind::Not:
            r = ~expr(e->left);
            break;
        case ExprKind::Symbol:
            r = sym(e->sym);
            break;
        case ExprKind::Equal:
        case ExprKind::Unequal:
            if (auto c = compare(e)) {
                r = *c;
                break;
            }
            [[fallthrough]];
        default:
            r = kconfig::expr_calc_value(ctx, e) != Tristate::No ? T : ~T;
        }
        cache[e] = r;
        return r;
    }
    bool val(Lit l) const {
        // A variable made after the last solve is not in the model.
        if (l.var() >= model.size()) return false;
        CMSat::lbool v = model[l.var()];
        bool b = v == CMSat::l_True;
        return l.sign() ? !b : b;
    }
    // The value of a symbol in the model, by the rules of sym().
    bool msym(Symbol* s) {
        if (!s) return false;
        if (s->is_const()) return s->name == "y" || s->name == "m";
        if (s->is_choice()) {
            kconfig::sym_calc_value(ctx, s);
            return s->curr.tri != Tristate::No;
        }
        auto it = var.find(s);
        return it != var.end() ? val(it->second) : on_in_base(s);
    }
    // Evaluate an expression in the model by the rules of expr(), without
    // encoding it: encoding after the solve would make variables the model
    // does not cover (ASan found that read past the model's end).
    bool mval(const Expr* e) {
        if (!e) return true;
        switch (e->kind) {
        case ExprKind::Or:
            return mval(e->left) || mval(e->right);
        case ExprKind::And:
            return mval(e->left) && mval(e->right);
        case ExprKind::Not:
            return !mval(e->left);
        case ExprKind::Symbol:
            return msym(e->sym);
        case ExprKind::Equal:
        case ExprKind::Unequal: {
            Symbol* a = e->sym;
            Symbol* b = e->rsym;
            if (a && b) {
                if (a->is_const() && !b->is_const()) std::swap(a, b);
                if (b->is_const() && !a->is_const() && var.count(a) &&
                    (b->name == "y" || b->name == "n")) {
                    bool eq = e->kind == ExprKind::Equal;
                    bool on = msym(a);
                    return b->name == "y" ? (eq ? on : !on) : (eq ? !on : on);
                }
            }
            [[fallthrough]];
        }
        default:
            return kconfig::expr_calc_value(ctx, e) != Tristate::No;
        }
    }
};

const Expr* prompt_visibility(Context& ctx, Symbol* s) {
    const Expr* v = nullptr;
    bool any = false;
    for (Property* p : s->props)
        if (kconfig::is_prompt(p)) {
            v = any ? ctx.expr_or(v, p->visible.expr ? p->visible.expr
                                                     : ctx.new_symbol_expr(&ctx.sym_yes))
                    : (p->visible.expr ? p->visible.expr : ctx.new_symbol_expr(&ctx.sym_yes));
            any = true;
        }
    return v;
}

const Expr* choice_visibility(MenuNode* choice) {
    if (choice->prompt) return choice->prompt->visible.expr;
    return choice->dep;
}

constexpr size_t kClosureCap = 6000;

struct Solver {
    Context& ctx;
    const std::string& base_text;
    const std::vector<Request>& requests;
    const ResolveOptions& opt;
    Resolution& res;

    std::unique_ptr<Model> m;
    std::vector<Lit> req_lit; // per request: its assumption literal
    std::vector<bool> active; // request still asked for
    std::map<std::string, Assignment> pins;
    std::unordered_map<Symbol*, int> menu_order;

    void order_symbols() {
        int i = 0;
        for (MenuNode* n = ctx.root_menu.list; n; n = kconfig::menu_next(n, &ctx.root_menu))
            if (n->sym && !menu_order.count(n->sym)) menu_order[n->sym] = i++;
    }

    // ---- encoding --------------------------------------------------------
    void build_closure(const std::vector<Symbol*>& seeds, const std::set<Symbol*>& expand_rev) {
        std::deque<Symbol*> q(seeds.begin(), seeds.end());
        std::set<Symbol*> in;
        std::set<MenuNode*> choices;
        while (!q.empty() && in.size() < kClosureCap) {
            Symbol* s = q.front();
            q.pop_front();
            if (!defined_sym(s) || !boolish(s) || s->is_choice() || in.count(s)) continue;
            in.insert(s);
            m->closure.push_back(s);
            std::vector<Symbol*> next;
            kconfig::expr_symbols(s->dir_dep.expr, next);
            for (Property* p : s->props)
                if (kconfig::is_prompt(p)) kconfig::expr_symbols(p->visible.expr, next);
            bool prompt = kconfig::has_prompt(s);
            if (!prompt || expand_rev.count(s)) {
                kconfig::expr_symbols(s->rev_dep.expr, next);
                for (Property* p : s->props)
                    if (p->kind == PropertyKind::Default) {
                        kconfig::expr_symbols(p->expr, next);
                        kconfig::expr_symbols(p->visible.expr, next);
                    }
            }
            if (MenuNode* c = kconfig::choice_of(ctx, s)) {
                if (choices.insert(c).second) {
                    kconfig::expr_symbols(choice_visibility(c), next);
                    for (Symbol* mbr : kconfig::choice_members_in_menu_order(ctx, c))
                        next.push_back(mbr);
                }
            }
            for (Symbol* n : next)
                q.push_back(n);
        }
        if (!q.empty())
            res.notes.push_back(
                fmt::format("dependency closure capped at {} symbols", kClosureCap));
        for (Symbol* s : m->closure)
            m->var[s] = m->fresh();
        res.closure_symbols = int(m->closure.size());
    }

    Lit default_chain(Symbol* s) {
        std::vector<Property*> defs;
        for (Property* p : s->props)
            if (p->kind == PropertyKind::Default) defs.push_back(p);
        Lit acc = ~m->T;
        for (auto it = defs.rbegin(); it != defs.rend(); ++it)
            acc = m->ite(m->expr((*it)->visible.expr), m->expr((*it)->expr), acc);
        return acc;
    }

    void encode_symbols() {
        std::set<MenuNode*> done_choices;
        for (Symbol* s : m->closure) {
            Lit v = m->var[s];
            Lit D = m->expr(s->dir_dep.expr);
            Lit S = s->rev_dep.expr ? m->expr(s->rev_dep.expr) : ~m->T; // nothing selects it
            if (MenuNode* c = kconfig::choice_of(ctx, s)) {
                m->add({~v, D});
                if (done_choices.insert(c).second) {
                    std::vector<Lit> mem;
                    for (Symbol* x : kconfig::choice_members_in_menu_order(ctx, c))
                        if (m->var.count(x)) mem.push_back(m->var[x]);
                    for (size_t i = 0; i < mem.size(); ++i)
                        for (size_t j = i + 1; j < mem.size(); ++j)
                            m->add({~mem[i], ~mem[j]});
                    std::vector<Lit> some = mem;
                    some.push_back(~m->expr(choice_visibility(c)));
                    m->add(some);
                }
                continue;
            }
            m->add({~S, v}); // selected => on
            if (kb_promptless_at_cut(s)) {
                // No prompt in the tree, and its defaults lie past the
                // extract's cut: it keeps its value, or a select the
                // extract knows turns it on; nothing may set it.
                if (m->on_in_base(s))
                    m->add({v});
                else
                    m->add({~v, S});
                continue;
            }
            Lit natural = m->land(D, default_chain(s));
            if (kconfig::has_prompt(s)) {
                Lit P = m->expr(prompt_visibility(ctx, s));
                m->add({~v, P, S, natural});
                m->add({~v, D, S}); // never above the dependencies unless selected
                // Invisible: the default decides.
                m->add({P, S, ~natural, v});
            } else {
                m->add({~v, S, natural});
                m->add({~natural, v});
            }
        }
    }

    void encode_requests() {
        for (const Request& r : requests) {
            Lit a = m->fresh();
            req_lit.push_back(a);
            active.push_back(true);
            std::string err;
            // `when` describes the base (SMP, XEN_TMEM): judged there, never
            // changed to get out of a requirement.
            Lit W = m->T;
            if (!r.when.empty())
                if (const Expr* w = kconfig::parse_expression(ctx, r.when, &err))
                    W = kconfig::expr_calc_value(ctx, w) != Tristate::No ? m->T : ~m->T;
            if (!r.require.empty()) {
                const Expr* e = kconfig::parse_expression(ctx, r.require, &err);
                if (e) m->add({~a, ~W, m->expr(e)});
                continue;
            }
            Symbol* s = ctx.find_symbol(r.symbol);
            if (!m->var.count(s)) continue;
            Lit v = m->var[s];
            switch (r.accept.kind) {
            case AcceptKind::No:
                m->add({~a, ~W, ~v});
                break;
            case AcceptKind::Literal:
                m->add({~a, ~W, m->expr(s->dir_dep.expr)});
                break;
            default:
                m->add({~a, ~W, v});
            }
        }
    }

    // ---- solving ------------------------------------------------------------
    std::vector<Lit> assumptions() {
        std::vector<Lit> as;
        for (size_t i = 0; i < requests.size(); ++i)
            if (active[i]) as.push_back(req_lit[i]);
        return as;
    }
    CMSat::lbool solve(std::vector<Lit> as) {
        ++res.sat_calls;
        return m->sat.solve(&as);
    }

    // Satisfiable with the active requests? Drops optional requests that
    // conflict (noted in given_up); returns false when mandatory ones
    // conflict (blockers filled).
    bool satisfiable() {
        for (;;) {
            if (solve(assumptions()) == CMSat::l_True) {
                m->model = m->sat.get_model();
                return true;
            }
            std::set<uint32_t> conflict_vars;
            for (Lit l : m->sat.get_conflict())
                conflict_vars.insert(l.var());
            std::vector<size_t> involved;
            for (size_t i = 0; i < requests.size(); ++i)
                if (active[i] && conflict_vars.count(req_lit[i].var())) involved.push_back(i);
            // Give up the last optional request involved, if any.
            auto opt_it = std::find_if(involved.rbegin(), involved.rend(),
                                       [&](size_t i) { return requests[i].optional; });
            if (opt_it != involved.rend()) {
                active[*opt_it] = false;
                const Request& r = requests[*opt_it];
                res.given_up.push_back(
                    {r.rule_id, r.symbol.empty() ? r.require : r.symbol,
                     fmt::format(
                         "{} cannot be met together with the other requirements here; left out",
                         r.symbol.empty() ? r.require : "CONFIG_" + r.symbol),
                     explain_unmet(r)});
                continue;
            }
            for (size_t i : involved) {
                const Request& r = requests[i];
                res.blockers.push_back(
                    {r.rule_id, r.symbol.empty() ? r.require : r.symbol,
                     involved.size() == 1
                         ? fmt::format("{} cannot be met in this kernel",
                                       r.symbol.empty() ? r.require : "CONFIG_" + r.symbol)
                         : fmt::format("{} cannot be met together with {}",
                                       r.symbol.empty() ? r.require : "CONFIG_" + r.symbol,
                                       others(involved, i)),
                     explain_unmet(r)});
            }
            if (involved.empty())
                res.blockers.push_back({"", "", "the dependencies cannot be satisfied at all", {}});
            return false;
        }
    }
    std::string others(const std::vector<size_t>& involved, size_t self) {
        std::string s;
        for (size_t i : involved)
            if (i != self) s += (s.empty() ? "" : ", ") + requests[i].rule_id;
        return s;
    }
    // The dependencies of a request's symbol with the base values.
    std::vector<std::string> explain_unmet(const Request& r) {
        std::vector<std::string> out;
        auto with_values = [&](const Expr* e) {
            return kconfig::expr_to_string_with_values(e, [&](Symbol* s) {
                if (s->is_const()) return s->name;
                if (!defined_sym(s)) return std::string("undefined");
                return m->on_in_base(s) ? std::string("y") : std::string("n");
            });
        };
        std::string err;
        if (!r.require.empty()) {
            if (const Expr* e = kconfig::parse_expression(ctx, r.require, &err))
                out.push_back("requires " + with_values(e));
            return out;
        }
        Symbol* s = ctx.find_symbol(r.symbol);
        if (s && s->dir_dep.expr)
            out.push_back(r.symbol + " depends on " + with_values(s->dir_dep.expr));
        if (s && s->rev_dep.expr)
            out.push_back(r.symbol + " is selected by " + with_values(s->rev_dep.expr));
        return out;
    }

    int cost_of_model(const std::vector<Lit>& cost) {
        int c = 0;
        for (Lit l : cost)
            c += m->val(l) ? 1 : 0;
        return c;
    }

    void minimise() {
        std::vector<Lit> cost;
        for (Symbol* s : m->closure) {
            if (!has_settable_prompt(s) && !kconfig::choice_of(ctx, s)) continue;
            Lit v = m->var[s];
            cost.push_back(m->on_in_base(s) ? ~v : v);
        }
        int best = cost_of_model(cost);
        if (best == 0 || cost.empty()) {
            res.cost = best;
            return;
        }
        // Sequential counter: r[i][j] <=> at least j+1 of cost[0..i] (one direction suffices).
        size_t K = size_t(best);
        std::vector<Lit> prev(K, ~m->T), cur(K);
        for (size_t i = 0; i < cost.size(); ++i) {
            for (size_t j = 0; j < K; ++j) {
                cur[j] = m->fresh();
                m->add({~prev[j], cur[j]});
                if (j == 0)
                    m->add({~cost[i], cur[0]});
                else
                    m->add({~cost[i], ~prev[j - 1], cur[j]});
            }
            prev = cur;
        }
        // prev[j] true when at least j+1 are true. Bound <= k: assume ~prev[k].
        auto saved = m->model;
        int lo = 0, hi = best;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            auto as = assumptions();
            as.push_back(~prev[size_t(mid)]);
            if (solve(as) == CMSat::l_True) {
                m->model = m->sat.get_model();
                saved = m->model;
                hi = cost_of_model(cost);
            } else {
                lo = mid + 1;
            }
        }
        m->model = saved;
        res.cost = hi;
    }

    // ---- pins ------------------------------------------------------------------
    void pin(Symbol* s, const std::string& value, const std::string& rule,
             const std::string& reason, bool requested) {
        auto it = pins.find(s->name);
        if (it != pins.end()) {
            if (requested && !it->second.requested) {
                it->second.requested = true;
                it->second.rule_id = rule;
                it->second.reason = reason;
            }
            if (it->second.value == "m" && value == "y") it->second.value = "y";
            return;
        }
        Assignment a;
        a.symbol = s->name;
        a.value = value;
        a.rule_id = rule;
        a.reason = reason;
        a.requested = requested;
        a.type = s->type;
        a.order = menu_order.count(s) ? menu_order[s] : 1 << 30;
        pins[s->name] = a;
    }

    std::set<std::pair<Symbol*, bool>> visited;

    void need(Symbol* s, bool on, const std::string& rule, const std::string& reason) {
        if (!s || s->is_const() || !m->var.count(s)) return;
        if (m->val(m->var[s]) != on) return; // the model does not have it
        if (!visited.insert({s, on}).second) return;
        MenuNode* choice = kconfig::choice_of(ctx, s);
        bool settable = has_settable_prompt(s) || choice;
        // A prompt that is hidden (`bool "..." if EXPERT`) is not set by the
        // user: its default gives the value; follow that instead.
        if (settable && !choice && on && !m->mval(prompt_visibility(ctx, s))) settable = false;
        if (settable && !(choice && !on)) pin(s, on ? "y" : "n", rule, reason, false);
        if (choice && !on) {
            // A member is off when another is chosen: pin the one the model chose.
            for (Symbol* o : kconfig::choice_members_in_menu_order(ctx, choice))
                if (o != s && m->var.count(o) && m->val(m->var[o]))
                    need(o, true, rule, fmt::format("{} must be off (choice)", s->name));
            return;
        }
        if (on) {
            if (choice) {
                need_expr(choice_visibility(choice), true, rule, s->name);
                need_expr(s->dir_dep.expr, true, rule, s->name);
            } else if (settable) {
                need_expr(s->dir_dep.expr, true, rule, s->name);
                need_expr(prompt_visibility(ctx, s), true, rule, s->name);
            } else if (m->mval(s->rev_dep.expr) && s->rev_dep.expr) {
                // Selected: support the first selecting term that holds.
                need_expr(pick_selector(s->rev_dep.expr), true, rule, s->name + " (selected)");
            } else {
                need_expr(s->dir_dep.expr, true, rule, s->name);
                for (Property* p : s->props)
                    if (p->kind == PropertyKind::Default && m->mval(p->visible.expr)) {
                        need_expr(p->visible.expr, true, rule, s->name);
                        need_expr(p->expr, true, rule, s->name);
                        break;
                    }
            }
        } else if (s->rev_dep.expr) {
            need_expr(s->rev_dep.expr, false, rule, s->name);
        }
    }
    // The select term to rely on: one whose selector is already pinned on,
    // else one that held in the base, else the first that holds.
    const Expr* pick_selector(const Expr* rev) {
        std::vector<const Expr*> terms;
        kconfig::expr_chain_terms(rev, ExprKind::Or, terms);
        auto head = [](const Expr* t) {
            while (t->kind == ExprKind::And)
                t = t->left;
            return t->kind == ExprKind::Symbol ? t->sym : nullptr;
        };
        for (const Expr* t : terms)
            if (m->mval(t) && head(t) && pins.count(head(t)->name) &&
                pins[head(t)->name].value != "n")
                return t;
        for (const Expr* t : terms)
            if (m->mval(t) && base_value(t)) return t;
        for (const Expr* t : terms)
            if (m->mval(t)) return t;
        return nullptr;
    }
    bool all_outside(const Expr* e) {
        std::vector<Symbol*> syms;
        kconfig::expr_symbols(e, syms);
        return std::none_of(syms.begin(), syms.end(),
                            [&](Symbol* s) { return m->var.count(s) > 0; });
    }
    void need_expr(const Expr* e, bool want, const std::string& rule, const std::string& who) {
        if (!e || m->mval(e) != want) return;
        auto reason_for = [&](Symbol* s) { return fmt::format("{} depends on {}", who, s->name); };
        switch (e->kind) {
        case ExprKind::And:
        case ExprKind::Or: {
            bool conj = (e->kind == ExprKind::And) == want; // every part must hold
            std::vector<const Expr*> parts;
            kconfig::expr_chain_terms(e, e->kind, parts);
            if (conj) {
                for (const Expr* p : parts)
                    need_expr(p, want, rule, who);
                return;
            }
            // One part suffices: prefer one that needs no symbol of the
            // closure, then one that held in the base, then the first.
            const Expr* pick = nullptr;
            for (const Expr* p : parts)
                if (m->mval(p) == want && all_outside(p)) return; // holds by constants
            for (const Expr* p : parts)
                if (!pick && m->mval(p) == want && base_value(p) == want) pick = p;
            for (const Expr* p : parts)
                if (!pick && m->mval(p) == want) pick = p;
            if (pick) need_expr(pick, want, rule, who);
            return;
        }
        case ExprKind::Not:
            need_expr(e->left, !want, rule, who);
            return;
        case ExprKind::Symbol:
            if (e->sym && !e->sym->is_const()) need(e->sym, want, rule, reason_for(e->sym));
            return;
        case ExprKind::Equal:
        case ExprKind::Unequal: {
            Symbol* a = e->sym;
            Symbol* b = e->rsym;
            if (a && b && a->is_const()) std::swap(a, b);
            if (a && b && b->is_const() && m->var.count(a)) {
                bool on = (b->name == "y") == (e->kind == ExprKind::Equal);
                if (b->name == "n") on = e->kind == ExprKind::Unequal;
                need(a, want ? on : !on, rule, reason_for(a));
            }
            return;
        }
        default:
            return;
        }
    }
    bool base_value(const Expr* e) {
        if (!e) return true;
        switch (e->kind) {
        case ExprKind::Or:
            return base_value(e->left) || base_value(e->right);
        case ExprKind::And:
            return base_value(e->left) && base_value(e->right);
        case ExprKind::Not:
            return !base_value(e->left);
        case ExprKind::Symbol:
            return e->sym && (e->sym->is_const() ? (e->sym->name == "y" || e->sym->name == "m")
                                                 : m->on_in_base(e->sym));
        default:
            return m->mval(e);
        }
    }

    std::string pin_reason(const Request& r) {
        return r.why.empty() ? r.rule_id : r.rule_id + ": " + r.why;
    }

    void compute_pins() {
        // The requested symbols (and `via` symbols) first, so that the walk
        // below relies on them rather than on other selectors.
        std::vector<size_t> by_severity(requests.size());
        for (size_t i = 0; i < requests.size(); ++i)
            by_severity[i] = i;
        std::stable_sort(by_severity.begin(), by_severity.end(), [&](size_t a, size_t b) {
            return requests[a].severity > requests[b].severity;
        });
        if (opt.policy == PinPolicy::Support)
            for (size_t i : by_severity) {
                if (!active[i] || requests[i].symbol.empty()) continue;
                const Request& r = requests[i];
                for (const std::string& n : {r.symbol, r.via}) {
                    Symbol* s = n.empty() ? nullptr : ctx.find_symbol(n);
                    if (!defined_sym(s) || !boolish(s) || !m->var.count(s) ||
                        !has_settable_prompt(s))
                        continue;
                    bool on = m->val(m->var[s]);
                    if (on != (r.accept.kind != AcceptKind::No) ||
                        (on && !m->mval(prompt_visibility(ctx, s))))
                        continue;
                    pin(s, on ? "y" : "n", r.rule_id, pin_reason(r), n == r.symbol);
                }
            }
        for (size_t i = 0; i < requests.size(); ++i) {
            if (!active[i]) continue;
            const Request& r = requests[i];
            std::string err;
            // `when` describes the base (SMP for dom0.paravirt-spinlocks): the
            // rule applies or not, its condition is never set "for" the rule.
            if (!r.when.empty()) {
                const Expr* w = kconfig::parse_expression(ctx, r.when, &err);
                if (w && !m->mval(w)) continue;
            }
            if (!r.require.empty()) {
                const Expr* e = kconfig::parse_expression(ctx, r.require, &err);
                if (e && opt.policy == PinPolicy::Support)
                    need_expr(e, true, r.rule_id, "rule " + r.rule_id);
                continue;
            }
            Symbol* s = ctx.find_symbol(r.symbol);
            if (!defined_sym(s)) continue;
            bool settable = has_settable_prompt(s) || kconfig::choice_of(ctx, s);
            std::string value;
            switch (r.accept.kind) {
            case AcceptKind::No:
                value = "n";
                break;
            case AcceptKind::Literal:
                value = r.accept.literal;
                break;
            default:
                value = "y";
            }
            if (opt.policy == PinPolicy::Changes) {
                std::string now = value_now(ctx, s); // ctx holds the base
                if (r.accept.accepts(now)) continue;
                if (r.accept.kind == AcceptKind::YesOrMod && now == "n" &&
                    s->type == SymbolType::Tristate &&
                    kconfig::sym_get_type(ctx, s) == SymbolType::Tristate)
                    value = "m";
            }
            if (settable) pin(s, value, r.rule_id, pin_reason(r), true);
            if (opt.policy == PinPolicy::Support && boolish(s)) {
                visited.erase({s, value != "n"});
                need(s, value != "n", r.rule_id, pin_reason(r));
                if (settable)
                    pins[s->name].requested = true, pins[s->name].reason = pin_reason(r),
                    pins[s->name].rule_id = r.rule_id;
            }
        }
        if (opt.policy == PinPolicy::Changes) {
            // Every settable symbol of the closure the model changes.
            std::set<MenuNode*> chosen;
            for (Symbol* s : m->closure)
                if (kconfig::choice_of(ctx, s) && m->val(m->var[s]) && !m->on_in_base(s))
                    chosen.insert(kconfig::choice_of(ctx, s));
            for (Symbol* s : m->closure) {
                bool now = m->val(m->var[s]);
                if (now == m->on_in_base(s)) continue;
                MenuNode* c = kconfig::choice_of(ctx, s);
                if (!has_settable_prompt(s) && !c) continue;
                if (c && !now) continue; // the chosen member carries the choice
                if (pins.count(s->name)) continue;
                pin(s, now ? "y" : "n", "", "needed: " + why_needed(s, now), false);
            }
        }
    }
    std::string why_needed(Symbol* s, bool now) {
        // Name a pinned or requested symbol that depends on s.
        for (auto& [name, a] : pins) {
            Symbol* t = ctx.find_symbol(name);
            if (!t) continue;
            std::vector<Symbol*> deps;
            kconfig::expr_symbols(t->dir_dep.expr, deps);
            if (std::find(deps.begin(), deps.end(), s) != deps.end())
                return fmt::format("{} depends on {}{}", name, now ? "" : "!", s->name);
        }
        return now ? "a dependency of the requirements" : "conflicts with the requirements";
    }

    // ---- applying and verifying ---------------------------------------------------
    std::string fragment_text() {
        std::vector<const Assignment*> v;
        for (auto& [n, a] : pins)
            v.push_back(&a);
        std::sort(v.begin(), v.end(), [](auto* a, auto* b) { return a->order < b->order; });
        std::string out;
        for (const Assignment* a : v)
            out += assignment_line(*a) + "\n";
        return out;
    }

    // Greedy repair with the engine's values: make `s` reach `want`.
    bool repair(Symbol* s, Tristate want, const std::string& rule, int depth,
                std::set<Symbol*>& seen) {
        if (!defined_sym(s) || depth > 12 || !seen.insert(s).second) return false;
        bool changed = false;
        Tristate dep = kconfig::expr_calc_value(ctx, s->dir_dep.expr);
        if (dep < want)
            changed |= repair_expr(s->dir_dep.expr, want, rule, s->name, depth + 1, seen);
        if (has_settable_prompt(s)) {
            const Expr* pv = prompt_visibility(ctx, s);
            if (kconfig::expr_calc_value(ctx, pv) < want)
                changed |= repair_expr(pv, want, rule, s->name, depth + 1, seen);
            std::string v = want == Tristate::Yes ? "y" : want == Tristate::Mod ? "m" : "n";
            auto it = pins.find(s->name);
            if (it == pins.end()) {
                pin(s, v, rule, "needed: " + s->name, false);
                changed = true;
            } else if (it->second.value != v && want == Tristate::Yes) {
                it->second.value = "y";
                changed = true;
            }
        } else if (want > Tristate::No && s->rev_dep.expr) {
            std::vector<const Expr*> terms;
            kconfig::expr_chain_terms(s->rev_dep.expr, ExprKind::Or, terms);
            // A selector the answer already sets (HVC_XEN for HVC_DRIVER) before
            // any other one with a prompt (VIRTIO_CONSOLE would pull in virtio).
            auto settable_head = [&](const Expr* t) -> Symbol* {
                while (t->kind == ExprKind::And)
                    t = t->left;
                return t->kind == ExprKind::Symbol && t->sym && defined_sym(t->sym) &&
                               has_settable_prompt(t->sym)
                           ? t->sym
                           : nullptr;
            };
            const Expr* chosen = nullptr;
            for (const Expr* t : terms)
                if (Symbol* h = settable_head(t); h && pins.count(h->name)) {
                    chosen = t;
                    break;
                }
            for (const Expr* t : terms)
                if (!chosen && settable_head(t)) chosen = t;
            if (chosen) changed |= repair_expr(chosen, want, rule, s->name, depth + 1, seen);
        }
        return changed;
    }
    bool repair_expr(const Expr* e, Tristate want, const std::string& rule, const std::string& who,
                     int depth, std::set<Symbol*>& seen) {
        if (!e || kconfig::expr_calc_value(ctx, e) >= want) return false;
        switch (e->kind) {
        case ExprKind::And: {
            bool a = repair_expr(e->left, want, rule, who, depth, seen);
            bool b = repair_expr(e->right, want, rule, who, depth, seen);
            return a || b;
        }
        case ExprKind::Or: {
            std::vector<const Expr*> alts;
            kconfig::expr_chain_terms(e, ExprKind::Or, alts);
            // Prefer what the model chose, then a plain settable symbol.
            for (const Expr* a : alts)
                if (m && m->model.size() && m->mval(a))
                    return repair_expr(a, want, rule, who, depth, seen);
            for (const Expr* a : alts)
                if (a->kind == ExprKind::Symbol && defined_sym(a->sym))
                    return repair_expr(a, want, rule, who, depth, seen);
            return repair_expr(alts.front(), want, rule, who, depth, seen);
        }
        case ExprKind::Symbol:
            return repair(e->sym, want, rule, depth, seen);
        case ExprKind::Not:
            if (e->left && e->left->kind == ExprKind::Symbol && defined_sym(e->left->sym) &&
                has_settable_prompt(e->left->sym) && !pins.count(e->left->sym->name)) {
                pin(e->left->sym, "n", rule, who + " depends on !" + e->left->sym->name, false);
                return true;
            }
            return false;
        default:
            return false;
        }
    }

    // Check pins and requests with the engine on one base; repair what
    // failed. Returns the failures left (empty: good).
    struct Failure {
        size_t request = SIZE_MAX;
        std::string symbol, wanted, actual;
    };
    std::vector<Failure> verify(const std::string& base) {
        std::vector<Failure> fails;
        std::string merged = kconfig::merge_config_fragment(base, fragment_text());
        last_result = engine_olddefconfig(ctx, merged);
        auto written = kconfig::config_values(last_result);
        for (auto& [name, a] : pins) {
            Symbol* s = ctx.find_symbol(name);
            if (!s) continue;
            // An "is not set" line for a symbol olddefconfig does not write
            // (invisible, so n anyway) would read as dropped: leave it out.
            if (a.value == "n" && !written.count(name)) {
                unwritten.insert(name);
                continue;
            }
            std::string v = value_now(ctx, s);
            bool ok = v == a.value;
            if (!ok && s->type == SymbolType::Hex) ok = v == "0x" + a.value || "0x" + v == a.value;
            if (!ok) fails.push_back({SIZE_MAX, name, a.value, v});
        }
        for (size_t i = 0; i < requests.size(); ++i) {
            if (!active[i]) continue;
            std::string actual;
            auto h = request_holds(ctx, requests[i], &actual);
            if (h && !*h)
                fails.push_back(
                    {i, requests[i].symbol.empty() ? requests[i].require : requests[i].symbol,
                     requests[i].accept.str(), actual});
        }
        return fails;
    }
    std::string last_result;
    std::set<std::string> unwritten;
    bool drop_unwritten() {
        bool changed = false;
        for (const std::string& n : unwritten)
            changed |= pins.erase(n) > 0;
        unwritten.clear();
        return changed;
    }

    bool repair_failures(const std::vector<Failure>& fails) {
        bool changed = false;
        for (const Failure& f : fails) {
            std::set<Symbol*> seen;
            std::string rule = f.request != SIZE_MAX  ? requests[f.request].rule_id
                               : pins.count(f.symbol) ? pins[f.symbol].rule_id
                                                      : "";
            if (f.request != SIZE_MAX && !requests[f.request].require.empty()) {
                std::string err;
                const Expr* e = kconfig::parse_expression(ctx, requests[f.request].require, &err);
                changed |= repair_expr(e, Tristate::Yes, rule, "rule " + rule, 0, seen);
                continue;
            }
            Symbol* s = ctx.find_symbol(f.symbol);
            if (!s) continue;
            Tristate want = f.wanted == "n"                           ? Tristate::No
                            : f.wanted == "m" || f.wanted == "y or m" ? Tristate::Mod
                                                                      : Tristate::Yes;
            if (want == Tristate::No) continue;
            // m where y is wanted: the dependencies at m must become y.
            changed |= repair(s, want, rule, 0, seen);
        }
        return changed;
    }

    void run() {
        order_symbols();
        std::string base_result = engine_olddefconfig(ctx, base_text);
        m = std::make_unique<Model>(ctx);
        std::vector<Symbol*> seeds;
        std::set<Symbol*> expand_rev;
        std::string err;
        for (const Request& r : requests) {
            std::vector<Symbol*> syms;
            if (!r.symbol.empty()) {
                Symbol* s = ctx.find_symbol(r.symbol);
                syms.push_back(s);
                if (r.accept.kind == AcceptKind::No) expand_rev.insert(s);
            }
            if (!r.via.empty()) syms.push_back(ctx.find_symbol(r.via));
            for (const std::string* t : {&r.require, &r.when})
                if (!t->empty())
                    if (const Expr* e = kconfig::parse_expression(ctx, *t, &err))
                        kconfig::expr_symbols(e, syms);
            for (Symbol* s : syms)
                if (s) seeds.push_back(s);
        }
        for (Symbol* s : seeds)
            m->on_in_base(s);
        build_closure(seeds, expand_rev);
        for (Symbol* s : m->closure)
            m->on_in_base(s);
        encode_symbols();
        encode_requests();
        res.sat_vars = int(m->nvars);
        res.sat_clauses = m->clauses;
        if (!satisfiable()) {
            res.ok = false;
            res.result_text = base_result;
            return;
        }
        minimise();
        compute_pins();

        // Apply with the engine; repair what the abstraction missed.
        std::string allno, allno_expert;
        if (opt.robust_on_allnoconfig) {
            allno = engine_allnoconfig(ctx);
            allno_expert = engine_allnoconfig_expert(ctx);
        }
        std::vector<Failure> fails;
        for (res.rounds = 1; res.rounds <= 8; ++res.rounds) {
            bool changed = false;
            if (opt.robust_on_allnoconfig) {
                for (const std::string* other : {&allno, &allno_expert}) {
                    auto f2 = verify(*other);
                    if (!f2.empty()) changed |= repair_failures(f2);
                }
            }
            fails = verify(base_text);
            if (!fails.empty()) changed |= repair_failures(fails);
            changed |= drop_unwritten();
            if (fails.empty() && !changed) break;
            if (!changed) break;
        }
        // Final state: the result on the base.
        fails = verify(base_text);
        res.result_text = last_result;
        for (const Failure& f : fails) {
            if (f.request != SIZE_MAX) {
                const Request& r = requests[f.request];
                Blocker b{r.rule_id, f.symbol,
                          fmt::format("{} needs {}, but olddefconfig gives {}",
                                      r.symbol.empty() ? r.require : "CONFIG_" + r.symbol, f.wanted,
                                      f.actual),
                          explain_unmet(r)};
                (r.optional ? res.given_up : res.blockers).push_back(std::move(b));
            } else {
                res.blockers.push_back(
                    {pins.count(f.symbol) ? pins[f.symbol].rule_id : "",
                     f.symbol,
                     fmt::format("CONFIG_{}={} does not hold after olddefconfig (it is {})",
                                 f.symbol, f.wanted, f.actual),
                     {}});
            }
        }
        // Pins that fail only for optional requests are dropped with them.
        res.ok = res.blockers.empty();
        for (auto& [n, a] : pins)
            res.assignments.push_back(a);
        std::sort(res.assignments.begin(), res.assignments.end(),
                  [](const Assignment& a, const Assignment& b) { return a.order < b.order; });
    }
};

} // namespace

Resolution resolve(Context& ctx, const std::string& base_text, const std::vector<Request>& requests,
                   const ResolveOptions& options) {
    Resolution res;
    Solver s{ctx, base_text, requests, options, res, nullptr, {}, {}, {}, {}, {}, {}, {}};
    s.run();
    return res;
}

} // namespace xenrules
