// conf's modes, mirroring main() and its helpers in scripts/kconfig/conf.c
// of the tree's kernel version. See targets.h.
//
// conf.c changed shape three times in the versions xencfg follows:
//  * 5.13 reworked the option parsing and the mode helpers (the
//    KCONFIG_SEED line moved to stdout, conf_set_all_new_symbols moved into
//    conf.c);
//  * 6.11 gave choices no value of their own (uses_new_choice_model): choice
//    prompts, randconfig's choice shuffling and listnewconfig changed;
//  * 6.12's conf_string stops at the end of input instead of asking again.
#include "kconfig/targets.h"

#include "kconfig/conf_random.h"
#include "kconfig/confdata.h"
#include "kconfig/eval.h"
#include "kconfig/menu.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

namespace kconfig {

namespace {

const std::string* env_get(const Context& ctx, const char* name) {
    auto it = ctx.env.find(name);
    return it == ctx.env.end() ? nullptr : &it->second;
}

bool is_unmet_warning(const Diagnostic& d) {
    return d.code == DiagCode::UnmetDependency;
}

// conf.c's behaviour per kernel version (see the top of this file).
struct ConfDialect {
    bool new_choices = false; // 6.11+: choices without a value of their own
    bool werror = false;      // 6.0+: KCONFIG_WERROR
    explicit ConfDialect(const Context& ctx)
        : new_choices(ctx.dialect.choice_is_bool_block()),
          werror(ctx.dialect.has_kconfig_werror()) {}
};

// conf's exit(status) from deep inside a mode.
struct ConfExit {
    int status; // the exit status
};

// menu_get_prompt: the prompt, else the symbol's name, else none.
const char* menu_get_prompt(const MenuNode* menu) {
    if (menu->prompt) return menu->prompt->text.c_str();
    if (menu->sym && !menu->sym->name.empty()) return menu->sym->name.c_str();
    return nullptr;
}

// printf("%s") of a prompt as glibc prints it (a missing one as "(null)").
std::string prompt_text(const MenuNode* menu) {
    const char* p = menu_get_prompt(menu);
    return p ? p : "(null)";
}

// menu_get_parent_menu: the nearest enclosing `menu` (or the root).
MenuNode* menu_get_parent_menu(Context& ctx, MenuNode* menu) {
    for (; menu != &ctx.root_menu; menu = menu->parent)
        if (menu->prompt && menu->prompt->kind == PropertyKind::Menu) break;
    return menu;
}

// isspace-trimming of both ends (conf.c's strip()).
void strip(std::string& s) {
    size_t b = 0;
    while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b])))
        ++b;
    size_t e = s.size();
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
        --e;
    s = s.substr(b, e - b);
}

std::string spaces(int n) {
    return n > 0 ? std::string(size_t(n), ' ') : std::string();
}

// printf("%*c", width, c).
std::string padded_char(int width, char c) {
    return spaces(width - 1) + c;
}

// One conf run: conf.c's file-level statics (input_mode, indent, conf_cnt,
// rootEntry, line) are this object's members.
class ConfRunner {
  public:
    ConfRunner(Context& ctx, const ConfRunOptions& options, ConfConsole& console)
        : ctx_(ctx), opt_(options), con_(console), dialect_(ctx), mode_(options.target),
          random_(options.seed) {}

    ConfRunResult run();
    // conf_set_all_new_symbols (random: randconfig's def_random).
    void set_all_new_symbols(NewSymbolMode mode, bool random);

  private:
    // ---- output ------------------------------------------------------------
    // Hands the diagnostics recorded since the last call to the console, so
    // that warnings appear where conf prints them.
    void sync_diagnostics() {
        const auto& items = ctx_.diags.items();
        for (; diags_seen_ < items.size(); ++diags_seen_) {
            if (is_unmet_warning(items[diags_seen_])) ++unmet_warnings_;
            con_.diagnostic(items[diags_seen_]);
        }
    }
    void out(const std::string& text) {
        sync_diagnostics();
        con_.out(text);
    }
    void err(const std::string& text) {
        sync_diagnostics();
        con_.err(text);
    }
    // conf_message through the default callback, unless -s or syncconfig.
    void message(const std::string& text) {
        if (!silent_ && !text.empty()) out("#\n# " + text + "\n#\n");
    }
    [[noreturn]] void exit_with(int status) { throw ConfExit{status}; }

    // ---- input -------------------------------------------------------------
    void xfgets() {
        sync_diagnostics();
        if (!con_.read_line(line_, PATH_MAX)) err("\nError in reading or end of file.\n");
        if (!opt_.tty) out(line_);
    }
    // conf_string/conf_sym/conf_choice ask again when an answer is not
    // accepted; conf does so forever at the end of input (before 6.12 for
    // every type, since for new choices and tristates still). xencfg stops
    // with 6.12's message instead of hanging.
    void stop_at_end_of_input(const Symbol* sym) {
        if (!con_.at_end()) return;
        err("\nerror: no value for new symbol '" + (sym ? sym->name : std::string()) +
            "' at end of input\n");
        exit_with(1);
    }

    // ---- the interactive modes (conf.c's conf(), check_conf() and helpers)
    void print_help(MenuNode* menu) { out("\n" + menu_help_text(ctx_, menu) + "\n"); }
    bool conf_askvalue(Symbol* sym, const std::string& def);
    void conf_string(MenuNode* menu);
    void conf_sym(MenuNode* menu);
    void conf_choice_new(MenuNode* menu);
    void conf_choice_old(MenuNode* menu);
    // The choice prompt and answer; the chosen member, or nullptr to ask again.
    MenuNode* ask_choice_member(MenuNode* menu, int cnt, int def, bool is_new);
    // What print_choice_members listed.
    struct ChoiceList {
        int count = 0;         // visible members, numbered 1..count
        int default_index = 0; // the chosen member's number (0: none)
        bool any_new = false;  // a member has no value yet (NEW)
    };
    ChoiceList print_choice_members(MenuNode* menu, Symbol* chosen, bool name_always);
    void conf(MenuNode* menu);
    void check_conf(MenuNode* menu);

    // ---- the other modes ---------------------------------------------------
    bool read_phase();
    bool set_all_new_symbols_old(NewSymbolMode mode, bool random);
    void set_all_new_symbols_new(NewSymbolMode mode, bool random);
    void randomize_choice_new(MenuNode* choice);
    bool randomize_choice_old(Symbol* csym);
    void read_probabilities();
    void rewrite_tristates(Tristate old_val, Tristate new_val);
    void write_phase(ConfRunResult& res);

    Context& ctx_;
    const ConfRunOptions& opt_;
    ConfConsole& con_;
    ConfDialect dialect_;
    ConfTarget mode_;                    // conf's input_mode (oldaskconfig becomes oldconfig)
    bool silent_ = false;                // the message callback is off
    int indent_ = 1;                     // conf's prompt indentation
    int conf_cnt_ = 0;                   // questions asked in this check_conf pass
    MenuNode* root_entry_ = nullptr;     // conf's rootEntry
    std::string line_;                   // conf's line[]: the last answer read
    size_t diags_seen_ = 0;              // ctx.diags entries already passed on
    size_t unmet_warnings_ = 0;          // unmet-dependency warnings seen (sym_warnings)
    int read_warnings_ = 0;              // conf_warnings of the last read
    bool no_conf_write_ = false;         // KCONFIG_NOSILENTUPDATE: leave .config alone
    ConfRandom random_;                  // randconfig's rand()
    int pby_ = 50, pty_ = 33, ptm_ = 33; // randconfig's probabilities (bool y, tristate y, m)
};

bool ConfRunner::conf_askvalue(Symbol* sym, const std::string& def) {
    if (!sym_has_value(sym)) out("(NEW) ");
    line_ = "\n";
    if (!sym_is_changeable(ctx_, sym)) {
        out(def + "\n");
        return false;
    }
    if ((mode_ == ConfTarget::OldConfig || mode_ == ConfTarget::SyncConfig) && sym_has_value(sym)) {
        out(def + "\n");
        return false;
    }
    con_.flush();
    xfgets();
    return true;
}

void ConfRunner::conf_string(MenuNode* menu) {
    Symbol* sym = menu->sym;
    for (;;) {
        out(spaces(indent_ - 1) + menu->prompt->text.str() + " ");
        out("(" + sym->name + ") ");
        std::string def = sym_get_string_value(sym);
        out("[" + def + "] ");
        if (!conf_askvalue(sym, def)) return;
        bool have_value = true;
        std::string value = def;
        if (line_[0] == '\n') {
            // keep the default
        } else if (line_[0] == '?' && line_.size() > 1 && line_[1] == '\n') {
            print_help(menu);
            have_value = false;
        } else {
            value = line_.substr(0, line_.size() - 1);
        }
        if (have_value && sym_set_string_value(ctx_, sym, value)) return;
        stop_at_end_of_input(sym);
    }
}

void ConfRunner::conf_sym(MenuNode* menu) {
    Symbol* sym = menu->sym;
    for (;;) {
        out(spaces(indent_ - 1) + menu->prompt->text.str() + " ");
        if (!sym->name.empty()) out("(" + sym->name + ") ");
        std::string choices = "[";
        Tristate oldval = sym_get_tristate_value(sym);
        choices += oldval == Tristate::No ? 'N' : oldval == Tristate::Mod ? 'M' : 'Y';
        if (oldval != Tristate::No && sym_tristate_within_range(ctx_, sym, Tristate::No))
            choices += "/n";
        if (oldval != Tristate::Mod && sym_tristate_within_range(ctx_, sym, Tristate::Mod))
            choices += "/m";
        if (oldval != Tristate::Yes && sym_tristate_within_range(ctx_, sym, Tristate::Yes))
            choices += "/y";
        choices += "/?] ";
        out(choices);
        if (!conf_askvalue(sym, sym_get_string_value(sym))) return;
        strip(line_);
        Tristate newval = oldval;
        bool help = false;
        const std::string rest = line_.empty() ? std::string() : line_.substr(1);
        switch (line_.empty() ? '\0' : line_[0]) {
        case 'n':
        case 'N':
            newval = Tristate::No;
            if (!rest.empty() && rest != "o") {
                stop_at_end_of_input(sym);
                continue;
            }
            break;
        case 'm':
        case 'M':
            newval = Tristate::Mod;
            if (!rest.empty()) {
                stop_at_end_of_input(sym);
                continue;
            }
            break;
        case 'y':
        case 'Y':
            newval = Tristate::Yes;
            if (!rest.empty() && rest != "es") {
                stop_at_end_of_input(sym);
                continue;
            }
            break;
        case '\0':
            newval = oldval;
            break;
        case '?':
            help = true;
            break;
        default:
            stop_at_end_of_input(sym);
            continue;
        }
        if (!help && sym_set_tristate_value(ctx_, sym, newval)) return;
        print_help(menu);
        stop_at_end_of_input(sym);
    }
}

// 6.11+: a choice is a list of members; one of them is y.
void ConfRunner::conf_choice_new(MenuNode* menu) {
    bool is_new = false;
    for (;;) {
        ChoiceList list = print_choice_members(menu, sym_calc_choice(ctx_, menu), true);
        is_new = is_new || list.any_new;
        MenuNode* child = ask_choice_member(menu, list.count, list.default_index, is_new);
        if (!child) continue;
        choice_set_value(ctx_, menu, child->sym);
        return;
    }
}

// conf.c's conf_choice up to its prompt: the choice's prompt and the list of
// its visible members ("> 2. Prompt (NAME) (NEW)", the chosen one marked),
// comments among them as "* text". The 6.11+ dialogue prints every member's
// name, the older one only a member that has one.
ConfRunner::ChoiceList ConfRunner::print_choice_members(MenuNode* menu, Symbol* chosen,
                                                        bool name_always) {
    ChoiceList list;
    out(spaces(indent_ - 1) + prompt_text(menu) + "\n");
    line_.clear();
    for (MenuNode* child = menu->list; child; child = child->next) {
        if (!menu_is_visible(ctx_, child)) continue;
        if (!child->sym) {
            out(padded_char(indent_, '*') + " " + prompt_text(child) + "\n");
            continue;
        }
        list.count++;
        std::string entry;
        if (child->sym == chosen) {
            list.default_index = list.count;
            entry = padded_char(indent_, '>');
        } else {
            entry = padded_char(indent_, ' ');
        }
        entry += " " + std::to_string(list.count) + ". " + prompt_text(child);
        if (name_always || !child->sym->name.empty()) entry += " (" + child->sym->name + ")";
        if (!sym_has_value(child->sym)) {
            list.any_new = true;
            entry += " (NEW)";
        }
        out(entry + "\n");
    }
    return list;
}

// conf.c's conf_choice after the member list: the "choice[1-N?]" prompt,
// the answer (the default when oldconfig knows the choice), and the member it
// names; nullptr when the answer was help or invalid and the list is shown
// again. Shared by the 6.11+ and the older choice dialogues.
MenuNode* ConfRunner::ask_choice_member(MenuNode* menu, int cnt, int def, bool is_new) {
    out(spaces(indent_ - 1) + "choice");
    if (cnt == 1) {
        out("[1]: 1\n");
    } else {
        out("[1-" + std::to_string(cnt) + "?]: ");
        bool ask = mode_ == ConfTarget::OldAskConfig;
        if (mode_ == ConfTarget::OldConfig || mode_ == ConfTarget::SyncConfig) {
            if (!is_new) {
                cnt = def;
                out(std::to_string(cnt) + "\n");
            } else {
                ask = true;
            }
        }
        if (ask) {
            con_.flush();
            xfgets();
            strip(line_);
            if (!line_.empty() && line_[0] == '?') {
                print_help(menu);
                stop_at_end_of_input(nullptr);
                return nullptr;
            }
            if (line_.empty())
                cnt = def;
            else if (std::isdigit(static_cast<unsigned char>(line_[0])))
                cnt = std::atoi(line_.c_str());
            else {
                stop_at_end_of_input(nullptr);
                return nullptr;
            }
        }
    }
    MenuNode* child = menu->list;
    for (; child; child = child->next) {
        if (!child->sym || !menu_is_visible(ctx_, child)) continue;
        if (!--cnt) break;
    }
    if (!child) {
        stop_at_end_of_input(nullptr);
        return nullptr;
    }
    if (!line_.empty() && line_.back() == '?') {
        print_help(child);
        stop_at_end_of_input(nullptr);
        return nullptr;
    }
    return child;
}

// Before 6.11: the choice is a bool/tristate symbol of its own; at m its
// members are asked one by one (by conf() after this returns).
void ConfRunner::conf_choice_old(MenuNode* menu) {
    Symbol* sym = menu->sym;
    const bool is_new = !sym_has_value(sym);
    if (sym_is_changeable(ctx_, sym)) {
        conf_sym(menu);
        sym_calc_value(ctx_, sym);
        switch (sym_get_tristate_value(sym)) {
        case Tristate::No:
        case Tristate::Mod:
            return;
        case Tristate::Yes:
            break;
        }
    } else {
        switch (sym_get_tristate_value(sym)) {
        case Tristate::No:
            return;
        case Tristate::Mod:
            out(spaces(indent_ - 1) + prompt_text(menu) + "\n");
            return;
        case Tristate::Yes:
            break;
        }
    }
    for (;;) {
        ChoiceList list = print_choice_members(menu, sym_get_choice_value(ctx_, sym), false);
        MenuNode* child = ask_choice_member(menu, list.count, list.default_index, is_new);
        if (!child) continue;
        sym_set_tristate_value(ctx_, child->sym, Tristate::Yes);
        for (MenuNode* sub = child->list; sub; sub = sub->next) {
            indent_ += 2;
            conf(sub);
            indent_ -= 2;
        }
        return;
    }
}

void ConfRunner::conf(MenuNode* menu) {
    if (!menu_is_visible(ctx_, menu)) return;
    Symbol* sym = menu->sym;
    if (Property* prop = menu->prompt) {
        bool show = false;
        if (prop->kind == PropertyKind::Menu) {
            // Except in oldaskconfig mode, only menus with new symbols show.
            if (mode_ != ConfTarget::OldAskConfig && root_entry_ != menu) {
                check_conf(menu);
                return;
            }
            show = true;
        } else if (prop->kind == PropertyKind::Comment) {
            show = true;
        }
        if (show) {
            if (const char* p = menu_get_prompt(menu))
                out(padded_char(indent_, '*') + "\n" + padded_char(indent_, '*') + " " + p + "\n" +
                    padded_char(indent_, '*') + "\n");
        }
    }
    if (sym) {
        if (sym->is_choice()) {
            if (dialect_.new_choices) {
                conf_choice_new(menu);
                return;
            }
            conf_choice_old(menu);
            if (sym->curr.tri != Tristate::Mod) return;
        } else if (sym->type == SymbolType::Int || sym->type == SymbolType::Hex ||
                   sym->type == SymbolType::String) {
            conf_string(menu);
        } else {
            conf_sym(menu);
        }
        indent_ += 2;
    }
    for (MenuNode* child = menu->list; child; child = child->next)
        conf(child);
    if (sym) indent_ -= 2;
}

void ConfRunner::check_conf(MenuNode* menu) {
    if (!menu_is_visible(ctx_, menu)) return;
    Symbol* sym = menu->sym;
    if (sym && !sym_has_value(sym) &&
        (sym_is_changeable(ctx_, sym) || (!dialect_.new_choices && sym->is_choice() &&
                                          sym_get_tristate_value(sym) == Tristate::Yes))) {
        switch (mode_) {
        case ConfTarget::ListNewConfig:
            if (!sym->name.empty()) {
                std::string text = format_symbol_for_listconfig(ctx_, sym);
                if (!text.empty()) out(text + "\n");
            }
            break;
        case ConfTarget::HelpNewConfig:
            out("-----\n");
            print_help(menu);
            out("-----\n");
            break;
        default:
            if (!conf_cnt_++) out("*\n* Restart config...\n*\n");
            root_entry_ = menu_get_parent_menu(ctx_, menu);
            conf(root_entry_);
            break;
        }
    }
    for (MenuNode* child = menu->list; child; child = child->next)
        check_conf(child);
}

// ---- all*config and randconfig ------------------------------------------

// KCONFIG_PROBABILITY: "y", "y:m" or "bool-y:tristate-y:tristate-m".
void ConfRunner::read_probabilities() {
    const std::string* env = env_get(ctx_, "KCONFIG_PROBABILITY");
    int p[3] = {0, 0, 0};
    int n = 0;
    const char* s = env ? env->c_str() : nullptr;
    while (s && *s) {
        char* endp = nullptr;
        long tmp = std::strtol(s, &endp, 10);
        if (tmp >= 0 && tmp <= 100) {
            p[n++] = int(tmp);
        } else {
            err(std::string("KCONFIG_PROBABILITY: ") + std::strerror(ERANGE) + "\n");
            exit_with(1);
        }
        s = (*endp == ':') ? endp + 1 : endp;
        if (n >= 3) break;
    }
    switch (n) {
    case 1:
        pby_ = p[0];
        ptm_ = pby_ / 2;
        pty_ = pby_ - ptm_;
        break;
    case 2:
        pty_ = p[0];
        ptm_ = p[1];
        pby_ = pty_ + ptm_;
        break;
    case 3:
        pby_ = p[0];
        pty_ = p[1];
        ptm_ = p[2];
        break;
    }
    if (pty_ + ptm_ > 100) {
        err(std::string("KCONFIG_PROBABILITY: ") + std::strerror(ERANGE) + "\n");
        exit_with(1);
    }
}

// 6.11+ randomize_choice_values: pick members without a value at random
// and rank each picked one last (below KCONFIG_ALLCONFIG's choices).
void ConfRunner::randomize_choice_new(MenuNode* choice) {
    int cnt = 0;
    for (MenuNode* m = menu_next(choice, choice); m; m = menu_next(m, choice))
        if (m->sym && !sym_has_value(m->sym)) cnt++;
    while (cnt > 0) {
        int x = random_.next() % cnt;
        for (MenuNode* m = menu_next(choice, choice); m; m = menu_next(m, choice)) {
            Symbol* sym = m->sym;
            if (sym && !sym_has_value(sym)) x--;
            if (x < 0) {
                sym->def[kDefUser].tri = Tristate::Yes;
                sym->flags |= kSymDefUser;
                auto& members = choice->choice_members;
                auto it = std::find(members.begin(), members.end(), sym);
                if (it != members.end()) {
                    members.erase(it);
                    members.push_back(sym);
                }
                break;
            }
        }
        cnt--;
    }
}

// Before 6.11: a choice that is y gets one member at random.
bool ConfRunner::randomize_choice_old(Symbol* csym) {
    if (csym->curr.tri != Tristate::Yes) return false;
    MenuNode* choice = choice_node_of_choice(csym);
    std::vector<Symbol*> members = choice_members_in_menu_order(ctx_, choice);
    if (members.empty()) return false;
    int def = random_.next() % int(members.size());
    int cnt = 0;
    for (Symbol* sym : members) {
        if (def == cnt++) {
            sym->def[kDefUser].tri = Tristate::Yes;
            csym->def[kDefUser].str = sym->name;
        } else {
            sym->def[kDefUser].tri = Tristate::No;
        }
        sym->flags |= kSymDefUser;
        sym->flags &= ~uint32_t(kSymValid);
    }
    csym->flags |= kSymDefUser;
    csym->flags &= ~uint32_t(kSymValid);
    return true;
}

// 6.11+: walk the menu tree; only prompted bool/tristate entries that are
// not choice members get the mode's value; choices are shuffled by
// randconfig only.
void ConfRunner::set_all_new_symbols_new(NewSymbolMode mode, bool random) {
    MenuNode* root = &ctx_.root_menu;
    for (MenuNode* menu = root->list; menu; menu = menu_next(menu, root)) {
        Symbol* sym = menu->sym;
        if (!sym || !menu->prompt || sym_has_value(sym) ||
            (sym->type != SymbolType::Bool && sym->type != SymbolType::Tristate) ||
            sym_is_choice_value(ctx_, sym))
            continue;
        if (sym->is_choice()) {
            if (random) randomize_choice_new(menu);
            continue;
        }
        Tristate val = Tristate::No;
        if (random) {
            int cnt = random_.next() % 100;
            if (sym->type == SymbolType::Tristate) {
                if (cnt < pty_)
                    val = Tristate::Yes;
                else if (cnt < pty_ + ptm_)
                    val = Tristate::Mod;
            } else if (cnt < pby_) {
                val = Tristate::Yes;
            }
        } else if (mode == NewSymbolMode::Yes) {
            val = Tristate::Yes;
        } else if (mode == NewSymbolMode::Mod) {
            val = Tristate::Mod;
        } else if (mode == NewSymbolMode::No) {
            val = Tristate::No;
        } else {
            continue;
        }
        sym->def[kDefUser].tri = val;
        sym->flags |= kSymDefUser;
    }
    sym_clear_all_valid(ctx_);
}

// Before 6.11: every symbol in hash order, choices included; then choices
// without a value get their members' values settled (or, for randconfig,
// one member at random). Returns whether anything changed (randconfig
// repeats until nothing does).
bool ConfRunner::set_all_new_symbols_old(NewSymbolMode mode, bool random) {
    std::vector<Symbol*> syms = kernel_symbol_order(ctx_);
    bool has_changed = false;
    for (Symbol* sym : syms) {
        if (sym_has_value(sym) || sym_is_valid(ctx_, sym)) continue;
        SymbolType t = sym_get_type(ctx_, sym);
        if (t != SymbolType::Bool && t != SymbolType::Tristate) continue;
        has_changed = true;
        if (random) {
            sym->def[kDefUser].tri = Tristate::No;
            int cnt = random_.next() % 100;
            if (sym->type == SymbolType::Tristate) {
                if (cnt < pty_)
                    sym->def[kDefUser].tri = Tristate::Yes;
                else if (cnt < pty_ + ptm_)
                    sym->def[kDefUser].tri = Tristate::Mod;
            } else if (cnt < pby_) {
                sym->def[kDefUser].tri = Tristate::Yes;
            }
        } else {
            switch (mode) {
            case NewSymbolMode::Yes:
                sym->def[kDefUser].tri = Tristate::Yes;
                break;
            case NewSymbolMode::Mod:
                sym->def[kDefUser].tri = Tristate::Mod;
                break;
            case NewSymbolMode::No:
                // `option allnoconfig_y` (the parser marks it where the
                // tree's dialect has it): y even here.
                sym->def[kDefUser].tri = sym->has(kSymAllNoConfigY) ? Tristate::Yes : Tristate::No;
                break;
            default:
                continue;
            }
        }
        if (!(sym->is_choice() && random)) sym->flags |= kSymDefUser;
    }
    sym_clear_all_valid(ctx_);
    if (!random) {
        for (Symbol* cs : syms)
            if ((cs->is_choice() && !sym_has_value(cs)) || sym_is_choice_value(ctx_, cs))
                cs->flags |= kSymNeedSetChoiceValues;
    }
    for (Symbol* cs : syms) {
        if (sym_has_value(cs) || !cs->is_choice()) continue;
        sym_calc_value(ctx_, cs);
        if (random) {
            has_changed |= randomize_choice_old(cs);
        } else {
            set_all_choice_values(ctx_, cs);
            has_changed = true;
        }
    }
    return has_changed;
}

void ConfRunner::set_all_new_symbols(NewSymbolMode mode, bool random) {
    if (random) read_probabilities();
    if (dialect_.new_choices) {
        set_all_new_symbols_new(mode, random);
    } else if (random) {
        // Nothing to do in the loop: the call itself does the work.
        while (set_all_new_symbols_old(mode, random)) {
        }
    } else {
        set_all_new_symbols_old(mode, random);
    }
}

void ConfRunner::rewrite_tristates(Tristate old_val, Tristate new_val) {
    for (Symbol* sym : kernel_symbol_order(ctx_))
        if (sym_get_type(ctx_, sym) == SymbolType::Tristate && sym->def[kDefUser].tri == old_val)
            sym->def[kDefUser].tri = new_val;
    sym_clear_all_valid(ctx_);
}

// ---- main() ---------------------------------------------------------------

// conf's reading phase; false when conf exits (the message is printed).
bool ConfRunner::read_phase() {
    std::optional<std::string> config_name = opt_.config_file;
    switch (mode_) {
    case ConfTarget::Defconfig: {
        ConfReadResult r = opt_.input_text
                               ? conf_read_from_string(ctx_, opt_.defconfig_file, *opt_.input_text)
                               : conf_read(ctx_, opt_.defconfig_file);
        if (!r.found) {
            err("***\n*** Can't find default configuration \"" + opt_.defconfig_file +
                "\"!\n***\n");
            exit_with(1);
        }
        read_warnings_ = r.warnings;
        if (!r.message.empty()) message(r.message);
        break;
    }
    default: {
        // The modes that start from the configuration.
        if (!conf_target_reads_config(mode_)) break;
        ConfReadResult r = opt_.input_text && config_name
                               ? conf_read_from_string(ctx_, *config_name, *opt_.input_text)
                               : conf_read(ctx_, config_name);
        read_warnings_ = r.warnings;
        if (!r.message.empty()) message(r.message);
        break;
    }
    case ConfTarget::AllNoConfig:
    case ConfTarget::AllYesConfig:
    case ConfTarget::AllModConfig:
    case ConfTarget::AllDefconfig:
    case ConfTarget::RandConfig: {
        std::optional<std::string> name = opt_.allconfig;
        if (!name)
            if (const std::string* e = env_get(ctx_, "KCONFIG_ALLCONFIG")) name = *e;
        if (!name) break;
        if (!name->empty() && *name != "1") {
            ConfReadResult r = conf_read_simple(ctx_, *name, kDefUser);
            if (!r.found) {
                err("*** Can't read seed configuration \"" + *name + "\"!\n");
                exit_with(1);
            }
            read_warnings_ = r.warnings;
            break;
        }
        const char* def = mode_ == ConfTarget::AllNoConfig    ? "allno.config"
                          : mode_ == ConfTarget::AllYesConfig ? "allyes.config"
                          : mode_ == ConfTarget::AllModConfig ? "allmod.config"
                          : mode_ == ConfTarget::AllDefconfig ? "alldef.config"
                                                              : "allrandom.config";
        ConfReadResult r = conf_read_simple(ctx_, std::string(def), kDefUser);
        if (!r.found) r = conf_read_simple(ctx_, std::string("all.config"), kDefUser);
        if (!r.found) {
            err(std::string("*** KCONFIG_ALLCONFIG set, but no \"") + def +
                "\" or \"all.config\" file found\n");
            exit_with(1);
        }
        read_warnings_ = r.warnings;
        break;
    }
    }
    return true;
}

void ConfRunner::write_phase(ConfRunResult& res) {
    const bool sync = mode_ == ConfTarget::SyncConfig;
    if (mode_ == ConfTarget::SaveDefconfig) {
        if (!opt_.write_files) {
            res.rendered = conf_write_defconfig_string(ctx_);
            return;
        }
        std::string error;
        if (!conf_write_defconfig(ctx_, opt_.defconfig_file, &error)) {
            err("n*** Error while saving defconfig to: " + opt_.defconfig_file + "\n\n");
            exit_with(1);
        }
        return;
    }
    if (mode_ == ConfTarget::ListNewConfig || mode_ == ConfTarget::HelpNewConfig) return;
    if (!opt_.write_files) {
        res.rendered = conf_write_string(ctx_);
        return;
    }
    if (!no_conf_write_) {
        std::string error, msg;
        if (!conf_write(ctx_, opt_.config_file, &error, &msg)) {
            err("\n*** Error during writing of the configuration.\n\n");
            exit_with(1);
        }
        message(msg);
    }
    if (!opt_.autoconf) return;
    // Create auto.conf if it does not exist (syncconfig always rewrites it).
    std::string error;
    bool ok = conf_write_autoconf(ctx_, sync, &error);
    if (!error.empty()) err(error);
    if (!ok && sync) {
        err("\n*** Error during sync of the configuration.\n\n");
        exit_with(1);
    }
}

ConfRunResult ConfRunner::run() {
    ConfRunResult res;
    silent_ = opt_.silent || mode_ == ConfTarget::SyncConfig;
    // conf_parse leaves the configuration marked as changed.
    ctx_.conf_changed = true;
    diags_seen_ = ctx_.diags.items().size();
    try {
        read_phase();
        if (dialect_.werror && read_warnings_ && env_get(ctx_, "KCONFIG_WERROR")) exit_with(1);

        if (mode_ == ConfTarget::SyncConfig) {
            const std::string* e = env_get(ctx_, "KCONFIG_NOSILENTUPDATE");
            if (e && !e->empty()) {
                if (ctx_.conf_changed) {
                    err("\n*** The configuration requires explicit update.\n\n");
                    exit_with(1);
                }
                no_conf_write_ = true;
            }
        }

        switch (mode_) {
        case ConfTarget::AllNoConfig:
            set_all_new_symbols(NewSymbolMode::No, false);
            break;
        case ConfTarget::AllYesConfig:
            set_all_new_symbols(NewSymbolMode::Yes, false);
            break;
        case ConfTarget::AllModConfig:
            set_all_new_symbols(NewSymbolMode::Mod, false);
            break;
        case ConfTarget::AllDefconfig:
        case ConfTarget::Defconfig:
            set_all_new_symbols(NewSymbolMode::Default, false);
            break;
        case ConfTarget::RandConfig:
            set_all_new_symbols(NewSymbolMode::Default, true);
            break;
        case ConfTarget::Yes2ModConfig:
            rewrite_tristates(Tristate::Yes, Tristate::Mod);
            break;
        case ConfTarget::Mod2YesConfig:
            rewrite_tristates(Tristate::Mod, Tristate::Yes);
            break;
        case ConfTarget::Mod2NoConfig:
            rewrite_tristates(Tristate::Mod, Tristate::No);
            break;
        case ConfTarget::OldAskConfig:
            root_entry_ = &ctx_.root_menu;
            conf(&ctx_.root_menu);
            mode_ = ConfTarget::OldConfig;
            [[fallthrough]];
        case ConfTarget::OldConfig:
        case ConfTarget::ListNewConfig:
        case ConfTarget::HelpNewConfig:
        case ConfTarget::SyncConfig:
            // Update until a pass asks no more questions.
            do {
                conf_cnt_ = 0;
                check_conf(&ctx_.root_menu);
            } while (conf_cnt_);
            break;
        default:
            break;
        }
        sync_diagnostics();
        res.dep_warnings = unmet_warnings_ > 0;
        if (dialect_.werror && unmet_warnings_ && env_get(ctx_, "KCONFIG_WERROR")) exit_with(1);
        write_phase(res);
        sync_diagnostics();
        res.dep_warnings = unmet_warnings_ > 0;
        res.exit_status = 0;
    } catch (const ConfExit& e) {
        sync_diagnostics();
        res.dep_warnings = unmet_warnings_ > 0;
        res.exit_status = e.status;
    }
    return res;
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

} // namespace

bool StringConsole::read_line(std::string& line, size_t max) {
    if (pos_ >= input_.size() || max < 2) {
        eof_ = pos_ >= input_.size();
        return false;
    }
    size_t end = input_.find('\n', pos_);
    size_t len = end == std::string::npos ? input_.size() - pos_ : end - pos_ + 1;
    len = std::min(len, max - 1);
    line = input_.substr(pos_, len);
    pos_ += len;
    if (pos_ >= input_.size() && line.back() != '\n') eof_ = true;
    return true;
}

namespace {
// conf's long option names of its targets ("--olddefconfig").
constexpr std::pair<const char*, ConfTarget> kConfTargetNames[] = {
    {"oldaskconfig", ConfTarget::OldAskConfig},   {"syncconfig", ConfTarget::SyncConfig},
    {"oldconfig", ConfTarget::OldConfig},         {"allnoconfig", ConfTarget::AllNoConfig},
    {"allyesconfig", ConfTarget::AllYesConfig},   {"allmodconfig", ConfTarget::AllModConfig},
    {"alldefconfig", ConfTarget::AllDefconfig},   {"randconfig", ConfTarget::RandConfig},
    {"defconfig", ConfTarget::Defconfig},         {"savedefconfig", ConfTarget::SaveDefconfig},
    {"listnewconfig", ConfTarget::ListNewConfig}, {"helpnewconfig", ConfTarget::HelpNewConfig},
    {"olddefconfig", ConfTarget::OldDefconfig},   {"yes2modconfig", ConfTarget::Yes2ModConfig},
    {"mod2yesconfig", ConfTarget::Mod2YesConfig}, {"mod2noconfig", ConfTarget::Mod2NoConfig},
};
} // namespace

std::optional<ConfTarget> conf_target_from_name(std::string_view n) {
    for (const auto& [name, target] : kConfTargetNames)
        if (n == name) return target;
    return std::nullopt;
}

const char* conf_target_name(ConfTarget t) {
    for (const auto& [name, target] : kConfTargetNames)
        if (t == target) return name;
    return "";
}

bool conf_target_reads_config(ConfTarget t) {
    switch (t) {
    case ConfTarget::SaveDefconfig:
    case ConfTarget::SyncConfig:
    case ConfTarget::OldAskConfig:
    case ConfTarget::OldConfig:
    case ConfTarget::ListNewConfig:
    case ConfTarget::HelpNewConfig:
    case ConfTarget::OldDefconfig:
    case ConfTarget::Yes2ModConfig:
    case ConfTarget::Mod2YesConfig:
    case ConfTarget::Mod2NoConfig:
        return true;
    case ConfTarget::AllNoConfig:
    case ConfTarget::AllYesConfig:
    case ConfTarget::AllModConfig:
    case ConfTarget::AllDefconfig:
    case ConfTarget::RandConfig:
    case ConfTarget::Defconfig:
        return false;
    }
    return false;
}

bool conf_target_supported(const Dialect& dialect, ConfTarget t) {
    if (t == ConfTarget::Mod2NoConfig) return dialect.has_mod2noconfig();
    return true;
}

ConfRunResult run_conf(Context& ctx, const ConfRunOptions& options, ConfConsole& console) {
    ConfRunner runner(ctx, options, console);
    return runner.run();
}

RandconfigSeed randconfig_seed(const Environment& env, const Dialect& dialect, long now_sec,
                               long now_usec) {
    RandconfigSeed out;
    // Microseconds derived, compensating for systems where they may be 0.
    out.seed = static_cast<unsigned int>((now_sec + 1) * (now_usec + 1));
    auto it = env.find("KCONFIG_SEED");
    if (it != env.end() && !it->second.empty()) {
        char* endp = nullptr;
        long v = std::strtol(it->second.c_str(), &endp, 0);
        if (*endp == '\0') out.seed = static_cast<unsigned int>(v);
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "KCONFIG_SEED=0x%X\n", out.seed);
    out.message = buf;
    out.to_stderr = !dialect.conf_reworked();
    return out;
}

void conf_set_all_new_symbols(Context& ctx, NewSymbolMode mode) {
    ConfRunOptions opt;
    StringConsole console;
    ConfRunner runner(ctx, opt, console);
    runner.set_all_new_symbols(mode, false);
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
    ConfRunOptions options;
    options.target = target;
    options.defconfig_file = opt.defconfig_file;
    if (!opt.config_file.empty()) options.config_file = opt.config_file;
    options.input_text = opt.input_text;
    if (!opt.allconfig.empty()) options.allconfig = opt.allconfig == "1" ? "" : opt.allconfig;
    options.write_files = opt.write;
    options.autoconf = false;
    options.seed = opt.seed;
    StringConsole console;
    ConfRunResult r = run_conf(ctx, options, console);
    TargetResult res;
    res.exit_code = r.exit_status;
    res.ok = r.exit_status == 0;
    res.error = console.stderr_text;
    res.stdout_text = console.stdout_text;
    res.dep_warnings = r.dep_warnings;
    res.config_text = std::move(r.rendered);
    if (res.ok && opt.write) {
        if (target == ConfTarget::SaveDefconfig)
            res.output_file = opt.defconfig_file;
        else if (target != ConfTarget::ListNewConfig && target != ConfTarget::HelpNewConfig)
            res.output_file = options.config_file ? *options.config_file : config_file_name(ctx);
    }
    return res;
}

} // namespace kconfig
