// xencfg explain: what menuconfig's help shows for a symbol, and more: every
// definition, relations seen from both ends, defaults, ranges; with --config
// every expression carries the current values.
#include "cli/common.h"
#include "cli/config_io.h"
#include "cli/knowledge.h"
#include "cli/rules_info.h"
#include "emit/explain.h"
#include "emit/suggest.h"
#include "kconfig/eval.h"

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

namespace cli {
namespace {

struct Gatherer {
    kconfig::Context& ctx;
    bool values;

    std::string expr(const kconfig::Expr* e) {
        if (!e) return "";
        if (!values) return kconfig::expr_to_string(e);
        return kconfig::expr_to_string_with_values(
            e, [this](kconfig::Symbol* s) { return kconfig::sym_value(ctx, s); });
    }
    std::string sym_ref(kconfig::Symbol* s) {
        if (!s) return "";
        std::string name = s->name.empty() ? "<choice>" : s->name;
        if (values && !s->is_const()) name += " [=" + kconfig::sym_value(ctx, s) + "]";
        return name;
    }
    // A property's own `if` condition: the kernel stores it AND-ed after the
    // dependencies inherited from its entry, menus and ifs; those are
    // dropped when they print as that prefix (they are shown with the
    // definition).
    std::string cond(const kconfig::Property* p) {
        std::string full = expr(p->visible.expr);
        if (!p->menu || !p->menu->dep) return full;
        std::string dep = expr(p->menu->dep);
        if (full == dep) return "";
        if (full.size() > dep.size() + 4 && full.compare(0, dep.size() + 4, dep + " && ") == 0)
            return full.substr(dep.size() + 4);
        return full;
    }
    static emit::ExplainLocation at(const kconfig::Location& l) {
        if (!l.file) return {};
        return {*l.file, l.line};
    }
};

std::string strip_config_prefix(const std::string& name) {
    if (name.rfind("CONFIG_", 0) == 0 && name.size() > 7) return name.substr(7);
    return name;
}

} // namespace

emit::ExplainReport gather_explain(kconfig::Context& ctx, kconfig::Symbol* sym, bool values,
                                   const std::string& config_file, const std::string& user_value) {
    Gatherer g{ctx, values};
    emit::ExplainReport r;
    r.name = sym->name;
    r.type = kconfig::symbol_type_name(sym->type);
    r.with_values = values;
    if (values) {
        r.value = kconfig::sym_value(ctx, sym);
        r.config_file = config_file;
        r.user_value = user_value;
        kconfig::sym_calc_visibility(ctx, sym);
        r.visibility = std::string(1, kconfig::tristate_char(sym->visible));
    }
    for (kconfig::MenuNode* m : sym->menus) {
        emit::ExplainDefinition d;
        d.at = Gatherer::at(m->loc);
        d.kind = m->is_choice ? "choice" : m->is_menuconfig ? "menuconfig" : "config";
        if (m->prompt) {
            d.prompt = m->prompt->text;
            std::string vis = g.expr(m->prompt->visible.expr);
            std::string dep = g.expr(m->dep);
            if (vis != dep) d.visible_if = vis;
        }
        d.location = kconfig::menu_location(m);
        d.depends_on = g.expr(m->dep);
        d.help = m->help;
        while (!d.help.empty() && d.help.back() == '\n')
            d.help.pop_back();
        r.definitions.push_back(std::move(d));
        if (m->parent && m->parent->is_choice && r.choice.empty()) {
            std::string p = kconfig::menu_prompt(m->parent);
            r.choice = p.empty() ? "<choice>" : "\"" + p + "\"";
            if (m->parent->loc.file)
                r.choice +=
                    " at " + *m->parent->loc.file + ":" + std::to_string(m->parent->loc.line);
        }
        if (m->is_choice)
            for (kconfig::Symbol* member : m->choice_members)
                r.choice_members.push_back(g.sym_ref(member));
    }
    r.direct_dependencies = g.expr(sym->dir_dep.expr);
    r.reverse_dependencies = g.expr(sym->rev_dep.expr);
    for (kconfig::Property* p : sym->props) {
        switch (p->kind) {
        case kconfig::PropertyKind::Select:
        case kconfig::PropertyKind::Imply: {
            emit::ExplainRelation rel{g.sym_ref(p->expr ? p->expr->sym : nullptr), g.cond(p),
                                      Gatherer::at(p->loc)};
            (p->kind == kconfig::PropertyKind::Select ? r.selects : r.implies).push_back(rel);
            break;
        }
        case kconfig::PropertyKind::Default:
            r.defaults.push_back({g.expr(p->expr), g.cond(p), Gatherer::at(p->loc)});
            break;
        case kconfig::PropertyKind::Range:
            if (p->expr)
                r.ranges.push_back({g.sym_ref(p->expr->sym), g.sym_ref(p->expr->rsym), g.cond(p),
                                    Gatherer::at(p->loc)});
            break;
        default:
            break;
        }
    }
    // Relations seen from the other end.
    for (kconfig::Symbol* other : ctx.symbols()) {
        for (kconfig::Property* p : other->props) {
            if (p->kind != kconfig::PropertyKind::Select && p->kind != kconfig::PropertyKind::Imply)
                continue;
            if (!p->expr || p->expr->sym != sym) continue;
            emit::ExplainRelation rel{g.sym_ref(other), g.cond(p), Gatherer::at(p->loc)};
            (p->kind == kconfig::PropertyKind::Select ? r.selected_by : r.implied_by)
                .push_back(rel);
        }
    }
    return r;
}

int cmd_explain(const std::vector<std::string>& args) {
    std::string symbol, tree, arch, config, format = "text";
    po::options_description opts("Options");
    opts.add_options()("tree", po::value(&tree)->value_name("DIR"),
                       "kernel source tree (required for a SYMBOL)")(
        "arch", po::value(&arch)->value_name("ARCH"),
        "x86_64, i386, arm or arm64 (required for a SYMBOL)")(
        "config", po::value(&config)->value_name("FILE"),
        "show current values from this .config (after olddefconfig evaluation)")(
        "format", po::value(&format)->value_name("FMT"), "text (default) or json")(
        "offline",
        "run no $(shell,...) probe: probe-derived symbols keep the values the .config records")(
        "no-probe-cache", "neither read nor write the probe cache");
    po::options_description hidden;
    hidden.add_options()("symbol", po::value(&symbol));
    po::options_description all;
    all.add(opts).add(hidden);
    po::positional_options_description pos;
    pos.add("symbol", 1);
    po::variables_map vm;
    // Help shows only the visible options.
    std::vector<std::string> argv = args;
    if (std::find(argv.begin(), argv.end(), "--help") != argv.end() ||
        std::find(argv.begin(), argv.end(), "-h") != argv.end()) {
        parse_command_line(
            "explain", {"--help"}, opts, pos, vm,
            "SYMBOL --tree DIR --arch ARCH [--config FILE] [--format text|json]\n"
            "       xencfg explain RULE-ID [--format text|json]",
            "  xencfg explain XEN_DOM0 --tree /usr/src/linux-source-6.12 --arch x86_64\n"
            "  xencfg explain domU.blkfront\n"
            "  xencfg explain CONFIG_XEN_PVH --tree linux --arch x86_64 --config .config "
            "--format json\n");
        return kExitOk;
    }
    if (!parse_command_line("explain", args, all, pos, vm, "", "")) return kExitOk;
    if (symbol.empty()) throw UsageError("no SYMBOL or RULE-ID given");
    if (format != "text" && format != "json")
        throw UsageError("unknown format '" + format + "' (use text or json)");
    // Rule ids have a dot ("domU.blkfront"); Kconfig symbol names never do.
    if (symbol.find('.') != std::string::npos) {
        xenrules::RuleSet rules = load_shipped_rules();
        const xenrules::Rule* rule = rules.find(symbol);
        if (!rule) {
            std::vector<std::string> ids;
            for (const auto& r : rules.rules)
                ids.push_back(r.id);
            std::string msg = "unknown rule '" + symbol + "'";
            auto close = emit::closest_names(symbol, ids);
            if (!close.empty()) {
                msg += "; did you mean ";
                for (size_t i = 0; i < close.size(); ++i)
                    msg += (i == 0 ? "" : i + 1 == close.size() ? " or " : ", ") + close[i];
                msg += "?";
            }
            throw InputError(msg + " ('xencfg rules --ids' lists them)");
        }
        if (format == "json")
            std::cout << explain_rule_json(*rule).dump(2) << "\n";
        else
            std::cout << explain_rule_text(*rule);
        return kExitOk;
    }
    if (tree.empty()) throw UsageError("the option '--tree' is required but missing");
    if (arch.empty()) throw UsageError("the option '--arch' is required but missing");
    std::string name = strip_config_prefix(symbol);

    TreeOptions t{tree, normalise_arch(arch), vm.count("offline") > 0,
                  vm.count("no-probe-cache") > 0};
    t.keep_help = true; // the help screen is what explain shows
    bool ok = false;
    auto ctx = load_kernel_tree(t, ok);
    KeepUntilExit keep_ctx(ctx);
    if (!ok || ctx->diags.has_errors()) {
        print_diagnostics(*ctx);
        return kExitUsage;
    }
    kconfig::Symbol* sym = ctx->find_symbol(name);
    if (!sym || sym->menus.empty()) {
        std::vector<std::string> names;
        for (kconfig::Symbol* s : ctx->symbols())
            if (!s->name.empty() && !s->menus.empty()) names.push_back(s->name);
        std::string msg = "unknown symbol '" + name + "'";
        if (sym) msg = "symbol '" + name + "' is referenced but never defined";
        msg += " in " + tree + " (ARCH=" + t.arch + ")";
        auto close = emit::closest_names(name, names);
        if (!close.empty()) {
            msg += "; did you mean ";
            for (size_t i = 0; i < close.size(); ++i)
                msg += (i == 0 ? "" : i + 1 == close.size() ? " or " : ", ") + close[i];
            msg += "?";
        }
        throw InputError(msg);
    }
    std::string user_value;
    bool values = !config.empty();
    if (values) user_value = read_config_into(*ctx, config, name);
    emit::ExplainReport r = gather_explain(*ctx, sym, values, config, user_value);
    if (format == "json")
        std::cout << emit::explain_json(r).dump(2) << "\n";
    else
        std::cout << emit::explain_text(r);
    // Warnings from reading the config (conf prints them too).
    print_diagnostics(*ctx);
    return kExitOk;
}

} // namespace cli
