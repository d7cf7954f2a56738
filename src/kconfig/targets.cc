// conf's modes, mirroring main() and its helpers in scripts/kconfig/conf.c
// of the tree's kernel version. See targets.h.
#include "kconfig/targets.h"

#include "kconfig/confdata.h"
#include "kconfig/eval.h"

#include <sys/stat.h>

namespace kconfig {

namespace {

const std::string* env_get(const Context& ctx, const char* name) {
    auto it = ctx.env.find(name);
    return it == ctx.env.end() ? nullptr : &it->second;
}

bool file_exists(const std::string& p) {
    struct stat st;
    return ::stat(p.c_str(), &st) == 0;
}

size_t count_unmet_warnings(const Context& ctx) {
    return ctx.diags.count(DiagCode::UnmetDependency);
}

// 6.11+: walk the menu tree; only prompted bool/tristate entries that are
// not choice members get the mode's value.
void set_all_new_symbols_new(Context& ctx, NewSymbolMode mode) {
    MenuNode* root = &ctx.root_menu;
    for (MenuNode* menu = root->list; menu; menu = menu_next(menu, root)) {
        Symbol* sym = menu->sym;
        if (!sym || !menu->prompt || sym_has_value(sym) ||
            (sym->type != SymbolType::Bool && sym->type != SymbolType::Tristate) ||
            sym_is_choice_value(ctx, sym))
            continue;
        if (sym->is_choice()) continue;
        Tristate val;
        switch (mode) {
        case NewSymbolMode::Yes:
            val = Tristate::Yes;
            break;
        case NewSymbolMode::Mod:
            val = Tristate::Mod;
            break;
        case NewSymbolMode::No:
            val = Tristate::No;
            break;
        default:
            continue;
        }
        sym->def[kDefUser].tri = val;
        sym->flags |= kSymDefUser;
    }
    sym_clear_all_valid(ctx);
}

// Before 6.11: every symbol in hash order, choices included; then choices
// without a value get their members' values settled.
void set_all_new_symbols_old(Context& ctx, NewSymbolMode mode) {
    std::vector<Symbol*> syms = kernel_symbol_order(ctx);
    for (Symbol* sym : syms) {
        if (sym_has_value(sym) || sym_is_valid(ctx, sym)) continue;
        SymbolType t = sym_get_type(ctx, sym);
        if (t != SymbolType::Bool && t != SymbolType::Tristate) continue;
        switch (mode) {
        case NewSymbolMode::Yes:
            sym->def[kDefUser].tri = Tristate::Yes;
            break;
        case NewSymbolMode::Mod:
            sym->def[kDefUser].tri = Tristate::Mod;
            break;
        case NewSymbolMode::No:
            // `option allnoconfig_y` (kernels before 5.15): y even here.
            sym->def[kDefUser].tri = sym->has(kSymAllNoConfigY) ? Tristate::Yes : Tristate::No;
            break;
        default:
            continue;
        }
        sym->flags |= kSymDefUser;
    }
    sym_clear_all_valid(ctx);
    for (Symbol* cs : syms)
        if ((cs->is_choice() && !sym_has_value(cs)) || sym_is_choice_value(ctx, cs))
            cs->flags |= kSymNeedSetChoiceValues;
    for (Symbol* cs : syms) {
        if (sym_has_value(cs) || !cs->is_choice()) continue;
        sym_calc_value(ctx, cs);
        set_all_choice_values(ctx, cs);
    }
}

void check_conf_list(Context& ctx, MenuNode* menu, std::string& out) {
    if (!menu_is_visible(ctx, menu)) return;
    Symbol* sym = menu->sym;
    const bool modern = uses_new_choice_model(ctx);
    if (sym && !sym_has_value(sym)) {
        bool want = sym_is_changeable(ctx, sym) ||
                    (!modern && sym->is_choice() && sym_get_tristate_value(sym) == Tristate::Yes);
        if (want && !sym->name.empty()) {
            std::string line = format_symbol_for_listconfig(ctx, sym);
            if (!line.empty()) out += line + "\n";
        }
    }
    for (MenuNode* child = menu->list; child; child = child->next)
        check_conf_list(ctx, child, out);
}

std::string conf_message(const std::string& s) {
    return "#\n# " + s + "\n#\n";
}

} // namespace

std::optional<ConfTarget> conf_target_from_name(const std::string& n) {
    if (n == "olddefconfig") return ConfTarget::OldDefconfig;
    if (n == "alldefconfig") return ConfTarget::AllDefconfig;
    if (n == "allnoconfig") return ConfTarget::AllNoConfig;
    if (n == "allyesconfig") return ConfTarget::AllYesConfig;
    if (n == "allmodconfig") return ConfTarget::AllModConfig;
    if (n == "defconfig") return ConfTarget::Defconfig;
    if (n == "savedefconfig") return ConfTarget::SaveDefconfig;
    if (n == "listnewconfig") return ConfTarget::ListNewConfig;
    return std::nullopt;
}

const char* conf_target_name(ConfTarget t) {
    switch (t) {
    case ConfTarget::OldDefconfig:
        return "olddefconfig";
    case ConfTarget::AllDefconfig:
        return "alldefconfig";
    case ConfTarget::AllNoConfig:
        return "allnoconfig";
    case ConfTarget::AllYesConfig:
        return "allyesconfig";
    case ConfTarget::AllModConfig:
        return "allmodconfig";
    case ConfTarget::Defconfig:
        return "defconfig";
    case ConfTarget::SaveDefconfig:
        return "savedefconfig";
    case ConfTarget::ListNewConfig:
        return "listnewconfig";
    }
    return "?";
}

void conf_set_all_new_symbols(Context& ctx, NewSymbolMode mode) {
    if (uses_new_choice_model(ctx))
        set_all_new_symbols_new(ctx, mode);
    else
        set_all_new_symbols_old(ctx, mode);
}

std::string list_new_config(Context& ctx) {
    std::string out;
    MenuNode* root = &ctx.root_menu;
    if (root->prompt) {
        check_conf_list(ctx, root, out);
    } else {
        for (MenuNode* child = root->list; child; child = child->next)
            check_conf_list(ctx, child, out);
    }
    return out;
}

TargetResult run_conf_target(Context& ctx, ConfTarget target, const TargetOptions& opt) {
    TargetResult res;
    // conf_parse leaves the configuration marked as changed.
    ctx.conf_changed = true;
    const size_t unmet_before = count_unmet_warnings(ctx);
    std::optional<std::string> config_name;
    if (!opt.config_file.empty()) config_name = opt.config_file;
    int last_read_warnings = 0;

    auto fail = [&](const std::string& msg, int code) {
        res.ok = false;
        res.error = msg;
        res.exit_code = code;
        return res;
    };

    // Reading phase.
    switch (target) {
    case ConfTarget::Defconfig: {
        ConfReadResult r = conf_read(ctx, opt.defconfig_file);
        if (!r.found)
            return fail("***\n*** Can't find default configuration \"" + opt.defconfig_file +
                            "\"!\n***\n",
                        1);
        last_read_warnings = r.warnings;
        break;
    }
    case ConfTarget::SaveDefconfig:
    case ConfTarget::ListNewConfig:
    case ConfTarget::OldDefconfig: {
        ConfReadResult r = conf_read(ctx, config_name);
        if (!r.message.empty()) res.stdout_text += conf_message(r.message);
        last_read_warnings = r.warnings;
        break;
    }
    case ConfTarget::AllNoConfig:
    case ConfTarget::AllYesConfig:
    case ConfTarget::AllModConfig:
    case ConfTarget::AllDefconfig: {
        std::string name = opt.allconfig;
        if (name.empty()) {
            if (const std::string* e = env_get(ctx, "KCONFIG_ALLCONFIG"))
                name = e->empty() ? "1" : *e;
        }
        if (name.empty()) break;
        if (name != "1") {
            ConfReadResult r = conf_read_simple(ctx, name, kDefUser);
            if (!r.found) return fail("*** Can't read seed configuration \"" + name + "\"!\n", 1);
            last_read_warnings = r.warnings;
            break;
        }
        const char* def = target == ConfTarget::AllNoConfig    ? "allno.config"
                          : target == ConfTarget::AllYesConfig ? "allyes.config"
                          : target == ConfTarget::AllModConfig ? "allmod.config"
                                                               : "alldef.config";
        ConfReadResult r = conf_read_simple(ctx, std::string(def), kDefUser);
        if (!r.found) r = conf_read_simple(ctx, std::string("all.config"), kDefUser);
        if (!r.found)
            return fail(std::string("*** KCONFIG_ALLCONFIG set, but no \"") + def +
                            "\" or \"all.config\" file found\n",
                        1);
        last_read_warnings = r.warnings;
        break;
    }
    }
    const bool werror = env_get(ctx, "KCONFIG_WERROR") != nullptr;
    if (last_read_warnings && werror) return fail("", 1);

    // Value-setting phase.
    switch (target) {
    case ConfTarget::AllNoConfig:
        conf_set_all_new_symbols(ctx, NewSymbolMode::No);
        break;
    case ConfTarget::AllYesConfig:
        conf_set_all_new_symbols(ctx, NewSymbolMode::Yes);
        break;
    case ConfTarget::AllModConfig:
        conf_set_all_new_symbols(ctx, NewSymbolMode::Mod);
        break;
    case ConfTarget::AllDefconfig:
    case ConfTarget::Defconfig:
        conf_set_all_new_symbols(ctx, NewSymbolMode::Default);
        break;
    case ConfTarget::ListNewConfig:
        res.stdout_text += list_new_config(ctx);
        break;
    default:
        break;
    }

    res.dep_warnings = count_unmet_warnings(ctx) > unmet_before;
    if (res.dep_warnings && werror) return fail("", 1);

    // Output phase.
    if (target == ConfTarget::SaveDefconfig) {
        if (!opt.write) {
            res.config_text = conf_write_defconfig_string(ctx);
        } else {
            std::string err;
            if (!conf_write_defconfig(ctx, opt.defconfig_file, &err))
                return fail("n*** Error while saving defconfig to: " + opt.defconfig_file + "\n\n",
                            1);
            res.output_file = opt.defconfig_file;
        }
    } else if (target != ConfTarget::ListNewConfig) {
        if (!opt.write) {
            res.config_text = conf_write_string(ctx);
        } else {
            std::string err, msg;
            if (!conf_write(ctx, config_name, &err, &msg))
                return fail("\n*** Error during writing of the configuration.\n\n" + err, 1);
            res.stdout_text += conf_message(msg);
            res.output_file = config_name ? *config_name : config_file_name(ctx);
        }
    }
    res.dep_warnings = count_unmet_warnings(ctx) > unmet_before;
    res.ok = true;
    return res;
}

std::string default_defconfig_list(const std::string& kernel_release, const std::string& srcarch,
                                   const std::string& kbuild_defconfig) {
    std::string out;
    if (!kernel_release.empty())
        out += "/lib/modules/" + kernel_release + "/.config /etc/kernel-config /boot/config-" +
               kernel_release + " ";
    out += "arch/" + srcarch + "/configs/" + kbuild_defconfig;
    return out;
}

std::string resolve_defconfig_list(Context& ctx) {
    // Old kernels' conf_get_default_confname: the first visible default of
    // the defconfig_list symbol whose file exists.
    Symbol* sym = ctx.defconfig_list_sym;
    if (!sym) return {};
    for (Property* p : sym->props) {
        if (p->kind != PropertyKind::Default) continue;
        if (expr_calc_value(ctx, p->visible.expr) == Tristate::No) continue;
        Symbol* ds = prop_get_symbol(p);
        if (!ds) continue;
        sym_calc_value(ctx, ds);
        const std::string cand = ds->curr.str.empty() ? ds->name : ds->curr.str;
        if (file_exists(cand)) return cand;
        if (!cand.empty() && cand[0] != '/' && !ctx.srctree.empty() &&
            file_exists(ctx.srctree + "/" + cand))
            return cand;
    }
    return {};
}

} // namespace kconfig
