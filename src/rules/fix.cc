#include "rules/fix.h"
#include "kconfig/dotconfig.h"
#include "rules/ignores.h"

#include "kconfig/eval.h"
#include "kconfig/menu.h"
#include "rules/generate.h"

#include <fmt/format.h>

#include <map>
#include <set>

namespace xenrules {

namespace {

std::string norm(const std::map<std::string, std::string>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? "n" : it->second;
}

// Why olddefconfig gave `name` its value in the Context's current state
// (the result): the selects that force it, the dependencies that hide it,
// or the default that applies. "" when nothing specific can be said.
std::string derived_reason(kconfig::Context& ctx, const std::string& name,
                           const std::string& new_value) {
    kconfig::Symbol* s = ctx.find_symbol(name);
    if (!s) return "";
    kconfig::sym_value(ctx, s);
    auto with_values = [&](const kconfig::Expr* e) {
        return kconfig::expr_to_string_with_values(
            e, [&](kconfig::Symbol* x) { return kconfig::sym_value(ctx, x); });
    };
    bool on = new_value == "y" || new_value == "m";
    if (kconfig::MenuNode* choice = kconfig::sym_get_choice_menu(ctx, s)) {
        for (kconfig::Symbol* m : kconfig::choice_members_in_menu_order(ctx, choice))
            if (m != s && kconfig::sym_value(ctx, m) == "y") return "the choice is now " + m->name;
        if (on) return "chosen in its choice";
    }
    if (on && s->rev_dep.expr &&
        kconfig::expr_calc_value(ctx, s->rev_dep.expr) != kconfig::Tristate::No) {
        // A rev_dep is "A && cond || B || ...": one term per selector.
        std::vector<const kconfig::Expr*> terms;
        kconfig::expr_chain_terms(s->rev_dep.expr, kconfig::ExprKind::Or, terms);
        std::string by;
        for (const kconfig::Expr* t : terms)
            if (kconfig::expr_calc_value(ctx, t) != kconfig::Tristate::No)
                by += (by.empty() ? "" : ", ") + with_values(t);
        if (!by.empty()) return "selected by " + by;
    }
    if (s->dir_dep.expr && kconfig::expr_calc_value(ctx, s->dir_dep.expr) == kconfig::Tristate::No)
        return "depends on " + with_values(s->dir_dep.expr);
    if (!on && s->rev_dep.expr) return "not selected: " + with_values(s->rev_dep.expr);
    if (kconfig::Property* p = kconfig::sym_get_default_prop(ctx, s)) {
        bool constant = p->expr && p->expr->kind == kconfig::ExprKind::Symbol && p->expr->sym &&
                        p->expr->sym->is_const();
        std::string r =
            "default " + (constant ? kconfig::expr_to_string(p->expr) : with_values(p->expr));
        if (s->dir_dep.expr &&
            kconfig::expr_calc_value(ctx, s->dir_dep.expr) != kconfig::Tristate::No)
            r += ", depends on " + with_values(s->dir_dep.expr);
        return r;
    }
    if (!on && s->type != kconfig::SymbolType::Int && s->type != kconfig::SymbolType::Hex &&
        s->type != kconfig::SymbolType::String)
        return "no default and no select sets it";
    return "";
}

// The answer of the mode that needs the fewest changes (one resolution per
// mode; an answer that works beats one that does not).
std::pair<Resolution, Mode> best_resolution(kconfig::Context& ctx, const RuleSet& rules,
                                            const FixOptions& options, const ModePlan& plan,
                                            Arch arch, const KVer& ver,
                                            const std::string& input_text) {
    std::optional<Resolution> best;
    Mode best_mode = plan.modes.front();
    for (Mode m : plan.modes) {
        std::vector<Request> reqs =
            requests_for(ctx, rules, options.role, {m}, arch, ver, false, nullptr);
        std::vector<Request> kept;
        for (Request& r : reqs) {
            if (r.severity == Severity::Warning && !options.with_warnings) continue;
            r.optional = r.severity != Severity::Error;
            kept.push_back(std::move(r));
        }
        ResolveOptions ro;
        ro.policy = PinPolicy::Changes;
        Resolution r = resolve(ctx, input_text, kept, ro);
        bool better = !best || (r.ok && !best->ok) ||
                      (r.ok == best->ok && r.assignments.size() < best->assignments.size());
        if (better) {
            best = std::move(r);
            best_mode = m;
        }
    }
    return {std::move(*best), best_mode};
}

// Without a tree: the knowledge base knows only its own symbols, so the
// output is the fragment of the pins, and the changes are the pins.
void fragment_output(FixResult& fx, const CheckKnowledge& knowledge,
                     const std::map<std::string, std::string>& in, const std::string& fragment) {
    for (const Assignment& a : fx.assignments) {
        FixChange c{a.symbol, norm(in, a.symbol), a.value,
                    a.requested ? a.reason : (a.reason.empty() ? a.rule_id : a.reason), true};
        if (c.old_value != c.new_value) fx.changes.push_back(c);
    }
    fx.output_text = fragment;
    fx.output_is_fragment = true;
    fx.notes.push_back(
        "no kernel tree: the output is the fragment of needed changes, evaluated with " +
        knowledge.description + " only; apply it with merge_config.sh and run olddefconfig");
}

// With a tree: the whole config after olddefconfig, and every value that
// differs from the input, each with why: pinned by the fix, changed by
// olddefconfig alone (`plain`: the input through olddefconfig), or a
// consequence of the pins. The Context holds the result's values.
void full_config_output(FixResult& fx, kconfig::Context& ctx, const std::string& input_text,
                        const std::string& plain, const std::string& result) {
    auto in = kconfig::config_values(input_text);
    auto mid = kconfig::config_values(plain);
    auto out = kconfig::config_values(result);
    std::map<std::string, const Assignment*> pinned;
    for (const Assignment& a : fx.assignments)
        pinned[a.symbol] = &a;
    std::set<std::string> names;
    for (auto* m : {&in, &out})
        for (auto& [k, v] : *m)
            names.insert(k);
    for (const std::string& k : names) {
        std::string o = norm(in, k), n = norm(out, k);
        if (o == n) continue;
        FixChange c{k, o, n, "", false};
        if (auto it = pinned.find(k); it != pinned.end()) {
            c.requested = true;
            c.reason = it->second->reason.empty() ? it->second->rule_id : it->second->reason;
        } else {
            std::string why = derived_reason(ctx, k, n);
            if (norm(mid, k) == n)
                c.reason = "olddefconfig: the input's value does not hold in this kernel" +
                           (why.empty() ? "" : ": " + why);
            else
                c.reason = "follows from the changes: " +
                           (why.empty() ? "olddefconfig (default or select)" : why);
        }
        fx.changes.push_back(std::move(c));
    }
    // Requested changes first, then consequences; each in name order.
    std::stable_sort(
        fx.changes.begin(), fx.changes.end(),
        [](const FixChange& a, const FixChange& b) { return a.requested > b.requested; });
    // conf drops comments; the input's ignore comments stay.
    fx.output_text = keep_ignore_comments(input_text, result);
}

// The output must pass check: fx.check is its report, and fx.ok the verdict.
void verify_output(FixResult& fx, const CheckKnowledge& knowledge, const RuleSet& rules,
                   const std::string& input_name, const std::string& input_text,
                   const std::string& fragment, const FixOptions& options, Arch arch,
                   const KVer& ver, bool resolved) {
    CheckOptions co;
    co.role = options.role;
    co.mode = options.mode ? options.mode : std::optional<Mode>(fx.mode);
    co.arch = arch;
    co.version = ver;
    if (fx.output_is_fragment) co.fragment = true;
    // The knowledge's context carries the caller's toolchain choice.
    co.host_toolchain = knowledge.ctx && !knowledge.ctx->keep_recorded_toolchain;
    std::string err;
    std::string checked = fx.output_is_fragment
                              ? kconfig::merge_config_fragment(input_text, fragment)
                              : fx.output_text;
    if (!run_check(knowledge, rules, input_name, checked, co, fx.check, &err)) {
        fx.reason = err;
        return;
    }
    fx.ok = resolved && fx.check.pass;
    if (!fx.ok) {
        if (!fx.blockers.empty())
            fx.reason = fx.blockers.front().message;
        else if (!fx.check.pass)
            fx.reason = "the result still fails check";
    }
}

} // namespace

FixResult fix_config(const CheckKnowledge& knowledge, const RuleSet& rules,
                     const std::string& input_name, const std::string& input_text,
                     const FixOptions& options) {
    FixResult fx;
    kconfig::Context& ctx = *knowledge.ctx;
    ConfigTarget tgt = detect_target(input_text);
    Arch arch = options.arch ? *options.arch : tgt.arch ? *tgt.arch : Arch::X86_64;
    auto kv = KVer::parse(ctx.kernel_version.str());
    KVer ver = kv ? *kv : knowledge.version.value_or(KVer{});
    if (!knowledge.is_kb && tgt.version &&
        (tgt.version->major != ver.major || tgt.version->minor != ver.minor))
        fx.notes.push_back(
            fmt::format("the config is for Linux {}, the tree is {}: fixing for the tree",
                        tgt.version_text, ver.str()));
    ModePlan plan = plan_modes(options.role, options.mode, arch, ver);
    if (!plan.impossible.empty()) {
        fx.impossible = true;
        fx.reason = plan.impossible;
        fx.instead = plan.instead;
        return fx;
    }

    // Every olddefconfig of the input below (the solver's, the output's)
    // keeps a whole config's recorded toolchain, n answers included.
    ctx.recorded_config_is_complete = tgt.whole();
    auto [best, best_mode] = best_resolution(ctx, rules, options, plan, arch, ver, input_text);
    fx.mode = best_mode;
    fx.stats = best;
    fx.assignments = best.assignments;
    fx.blockers = best.blockers;
    for (const auto& n : best.notes)
        fx.notes.push_back(n);
    for (const auto& b : best.given_up)
        fx.notes.push_back("left out: " + b.rule_id + ": " + b.message);

    // Re-evaluate the chosen answer (the Context holds the last mode's).
    std::string fragment;
    for (const Assignment& a : fx.assignments)
        fragment += assignment_line(a) + "\n";
    std::string plain = engine_olddefconfig(ctx, input_text);
    std::string result =
        engine_olddefconfig(ctx, kconfig::merge_config_fragment(input_text, fragment));
    if (knowledge.is_kb)
        fragment_output(fx, knowledge, kconfig::config_values(input_text), fragment);
    else
        full_config_output(fx, ctx, input_text, plain, result);
    verify_output(fx, knowledge, rules, input_name, input_text, fragment, options, arch, ver,
                  best.ok);
    return fx;
}

} // namespace xenrules
