// .config reading and writing, mirroring scripts/kconfig/confdata.c of the
// tree's kernel version. See confdata.h.
#include "kconfig/confdata.h"
#include "kconfig/dotconfig.h"

#include "kconfig/eval.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace kconfig {

namespace {

const std::string* env_get(const Context& ctx, const char* name) {
    auto it = ctx.env.find(name);
    return it == ctx.env.end() ? nullptr : &it->second;
}

bool modern(const Context& ctx) {
    return uses_new_choice_model(ctx);
}

// What opening a directory gives: conf's fopen succeeds on one and reads
// nothing, which only the defconfig candidates rely on (an empty
// KBUILD_DEFCONFIG names arch/x86/configs/).
enum class DirectoryIs { Unreadable, EmptyFile };

bool read_whole_file(const std::string& path, std::string* out,
                     DirectoryIs dir = DirectoryIs::Unreadable) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return false;
    if (S_ISDIR(st.st_mode)) {
        if (dir == DirectoryIs::Unreadable) return false;
        out->clear();
        return true;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    *out = ss.str();
    return true;
}

// zconf_fopen: the name as given, else relative to $srctree.
bool open_config(const Context& ctx, const std::string& name, std::string* text, std::string* path,
                 DirectoryIs dir = DirectoryIs::Unreadable) {
    if (read_whole_file(name, text, dir)) {
        *path = name;
        return true;
    }
    if (!name.empty() && name[0] != '/') {
        std::string srctree = ctx.srctree;
        if (const std::string* e = env_get(ctx, "srctree")) srctree = *e;
        if (!srctree.empty()) {
            std::string full = srctree + "/" + name;
            if (read_whole_file(full, text, dir)) {
                *path = full;
                return true;
            }
        }
    }
    return false;
}

struct Reader {
    Context& ctx;
    std::string name;
    int lineno = 0;
    int warnings = 0;

    void warn(DiagCode code, const std::string& msg, const std::string& symbol = "") {
        Diagnostic d;
        d.severity = Severity::Warning;
        d.code = code;
        if (!symbol.empty()) d.symbols = {symbol};
        d.file = name;
        d.line = lineno;
        d.message = msg;
        d.conf_text = name + ":" + std::to_string(lineno) + ":warning: " + msg;
        ctx.diags.add(std::move(d));
        ++warnings;
    }
    void note(DiagCode code, const std::string& msg, const std::string& symbol) {
        Diagnostic d;
        d.severity = Severity::Note;
        d.code = code;
        d.symbols = {symbol};
        d.file = name;
        d.line = lineno;
        d.message = msg;
        ctx.diags.add(std::move(d));
    }
};

uint32_t def_flag(DefSlot slot) {
    return slot == kDefUser ? kSymDefUser : kSymDefAuto;
}

// conf_set_sym_val: parse one value for the symbol's type. Returns false
// when the value was rejected (a warning is recorded for the user slot).
bool set_sym_val(Reader& r, Symbol* sym, DefSlot def, std::string p) {
    uint32_t def_flags = def_flag(def);
    switch (sym->type) {
    case SymbolType::Tristate:
        if (!p.empty() && p[0] == 'm') {
            sym->def[def].tri = Tristate::Mod;
            sym->flags |= def_flags;
            return true;
        }
        [[fallthrough]];
    case SymbolType::Bool:
        if (!p.empty() && p[0] == 'y') {
            sym->def[def].tri = Tristate::Yes;
            sym->flags |= def_flags;
            return true;
        }
        if (!p.empty() && p[0] == 'n') {
            sym->def[def].tri = Tristate::No;
            sym->flags |= def_flags;
            return true;
        }
        if (def != kDefAuto)
            r.warn(DiagCode::ConfigInvalidValue,
                   "symbol value '" + p + "' invalid for " + sym->name, sym->name);
        return false;
    case SymbolType::String:
        if (def != kDefAuto) {
            // A string must start with a quote; otherwise it is silently
            // ignored.
            std::string v;
            switch (unquote_string_value(p, &v)) {
            case Unquoted::NotQuoted:
                return true;
            case Unquoted::Unterminated:
                r.warn(DiagCode::ConfigInvalidString, "invalid string found");
                return false;
            case Unquoted::Ok:
                break;
            }
            p = v;
        }
        [[fallthrough]];
    case SymbolType::Int:
    case SymbolType::Hex:
        if (sym_string_valid(sym, p)) {
            sym->def[def].str = p;
            sym->flags |= def_flags;
        } else {
            if (def != kDefAuto)
                r.warn(DiagCode::ConfigInvalidValue,
                       "symbol value '" + p + "' invalid for " + sym->name, sym->name);
            return false;
        }
        return true;
    default:
        return true;
    }
}

// Every symbol the kernel's for_all_symbols would visit, in its order.
std::vector<Symbol*> all_symbols(const Context& ctx) {
    return kernel_symbol_order(ctx);
}

// `syms`: all_symbols(ctx), which conf_read computes once for both passes.
ConfReadResult read_text(Context& ctx, const std::string& name, const std::string& path,
                         const std::string& text, DefSlot def, const std::vector<Symbol*>& syms) {
    ConfReadResult res;
    res.found = true;
    res.name = name;
    res.path = path;
    const bool mod = modern(ctx);
    const std::string prefix = config_prefix(ctx);
    const bool warn_unknown = env_get(ctx, "KCONFIG_WARN_UNKNOWN_SYMBOLS") != nullptr;
    const uint32_t def_flags = def_flag(def);
    Reader r{ctx, name};

    for (Symbol* s : syms) {
        if (!mod) s->flags |= kSymChanged;
        s->flags &= ~def_flags;
        // Before 6.11 a choice always "has" a value after a read.
        if (!mod && s->is_choice()) s->flags |= def_flags;
        s->def[def].str.clear();
        s->def[def].tri = Tristate::No;
    }
    if (def == kDefUser || !mod) {
        ++ctx.generation; // every symbol loses its valid value
        if (ctx.generation == 0) ++ctx.generation;
    }

    // Line by line as read: the ConfigLine is reused, nothing is kept.
    auto assign = [&](const ConfigLine& line) {
        r.lineno = line.line;
        if (line.kind == LineKind::Malformed)
            r.warn(DiagCode::ConfigUnexpectedData, "unexpected data: " + line.text);
        if (line.kind != LineKind::Set && line.kind != LineKind::Unset) return;
        const std::string& sym_name = line.name;
        const std::string& val = line.value;

        Symbol* sym = nullptr;
        if (sym_name == "y")
            sym = &ctx.sym_yes;
        else if (sym_name == "m")
            sym = &ctx.sym_mod;
        else if (sym_name == "n")
            sym = &ctx.sym_no;
        else
            sym = ctx.find_symbol(sym_name);
        if (!sym) {
            if (def != kDefAuto) {
                if (warn_unknown)
                    r.warn(DiagCode::ConfigUnknownSymbol, "unknown symbol: " + sym_name, sym_name);
                else if (ctx.note_unknown_symbols)
                    r.note(DiagCode::ConfigUnknownSymbol, "unknown symbol: " + sym_name, sym_name);
                ctx.conf_changed = true;
            }
            return;
        }
        if (sym->has(def_flags))
            r.warn(DiagCode::ConfigReassigned, "override: reassigning to symbol " + sym->name,
                   sym->name);
        if (!set_sym_val(r, sym, def, val)) return;

        if (mod) {
            if (def != kDefUser) return;
            // The latest assignment to a choice member ranks it first.
            if (MenuNode* choice = sym_get_choice_menu(ctx, sym)) {
                auto& mem = choice->choice_members;
                auto it = std::find(mem.begin(), mem.end(), sym);
                if (it != mem.end()) {
                    mem.erase(it);
                    mem.insert(mem.begin(), sym);
                }
            }
        } else if (sym_is_choice_value(ctx, sym)) {
            MenuNode* cm = sym_get_choice_menu(ctx, sym);
            Symbol* cs = cm ? cm->sym : nullptr;
            if (!cs) return;
            switch (sym->def[def].tri) {
            case Tristate::No:
                break;
            case Tristate::Mod:
                if (cs->def[def].tri == Tristate::Yes) {
                    r.warn(DiagCode::ConfigChoiceState,
                           sym->name + " creates inconsistent choice state", sym->name);
                    cs->flags &= ~def_flags;
                }
                break;
            case Tristate::Yes:
                if (cs->def[def].tri != Tristate::No)
                    r.warn(DiagCode::ConfigChoiceState,
                           "override: " + sym->name + " changes choice state", sym->name);
                cs->def[def].str = sym->name;
                break;
            }
            cs->def[def].tri = tri_or(cs->def[def].tri, sym->def[def].tri);
        }
    };
    for_each_config_line(text, mod ? LineSyntax::Conf : LineSyntax::ConfLegacy, prefix, assign);
    res.warnings = r.warnings;
    return res;
}

ConfReadResult finish_conf_read(Context& ctx, ConfReadResult res,
                                const std::vector<Symbol*>& syms) {
    if (!res.found) {
        sym_calc_value(ctx, ctx.modules_sym);
        return res;
    }
    sym_calc_value(ctx, ctx.modules_sym);
    const bool mod = modern(ctx);
    int unsaved = 0;
    for (Symbol* sym : syms) {
        sym_calc_value(ctx, sym);
        if (sym->is_choice() || (!mod && sym->has(kSymNoWrite))) continue;
        if (sym_has_value(sym) && sym->has(kSymWrite)) {
            // Does the calculated value agree with the saved one?
            if (sym->type == SymbolType::Bool || sym->type == SymbolType::Tristate) {
                if (sym->def[kDefUser].tri == sym_get_tristate_value(sym)) continue;
            } else {
                if (sym->curr.str == sym->def[kDefUser].str) continue;
            }
        } else if (!sym_has_value(sym) && !sym->has(kSymWrite)) {
            continue;
        }
        if (mod)
            ctx.conf_changed = true;
        else
            ++unsaved;
    }
    if (!mod) {
        for (Symbol* sym : syms) {
            if (!sym_has_value(sym) || sym_is_choice_value(ctx, sym)) continue;
            // Values of invisible symbols become "new" again, unless the
            // configuration was saved inconsistently. (Not a toolchain
            // answer the caller keeps: it is the recorded value, or a whole
            // config's n by omission, that stands, consistent or not.)
            if (sym->visible == Tristate::No && !unsaved &&
                !(ctx.keep_recorded_toolchain && sym->has(kSymProbeDerived)))
                sym->flags &= ~uint32_t(kSymDefUser);
            switch (sym->type) {
            case SymbolType::String:
            case SymbolType::Int:
            case SymbolType::Hex:
                // An out-of-range text value is dropped.
                if (sym_string_within_range(ctx, sym, sym->def[kDefUser].str.str())) break;
                sym->flags &= ~uint32_t(kSymValid | kSymDefUser);
                ++unsaved;
                break;
            default:
                break;
            }
        }
    }
    if (res.warnings || unsaved) ctx.conf_changed = true;
    return res;
}

void append_heading(const Context& ctx, std::string& out) {
    std::string title = ctx.mainmenu_text;
    if (title.empty() && ctx.root_menu.prompt) title = ctx.root_menu.prompt->text;
    out += config_heading(title);
}

bool is_directory(const std::string& p) {
    struct stat st;
    return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

} // namespace

bool make_parent_dir(const std::string& path, std::string* error) {
    size_t slash = path.rfind('/');
    if (slash == std::string::npos) return true;
    std::string dir = path.substr(0, slash + 1);
    size_t i = 0;
    while (i < dir.size() && dir[i] == '/')
        ++i;
    while ((i = dir.find('/', i)) != std::string::npos) {
        std::string part = dir.substr(0, i);
        if (!is_directory(part) && ::mkdir(part.c_str(), 0755) != 0) {
            if (error) *error = part + ": " + std::strerror(errno);
            return false;
        }
        while (i < dir.size() && dir[i] == '/')
            ++i;
    }
    return true;
}

std::string config_prefix(const Context& ctx) {
    if (const std::string* e = env_get(ctx, "CONFIG_")) return *e;
    return "CONFIG_";
}

std::string config_file_name(const Context& ctx) {
    if (const std::string* e = env_get(ctx, "KCONFIG_CONFIG")) return *e;
    return ".config";
}

namespace {

// Old kernels' conf_read_simple without a .config: the visible defaults of
// the defconfig_list symbol that name a file, in order (the values are
// computed, so "$(shell,uname -r)" and $(SRCARCH) are expanded already).
std::vector<std::string> defconfig_list_candidates(Context& ctx) {
    std::vector<std::string> out;
    for (Property* p : ctx.defconfig_list_sym->props) {
        if (p->kind != PropertyKind::Default) continue;
        if (expr_calc_value(ctx, p->visible.expr) == Tristate::No) continue;
        Symbol* file = prop_get_symbol(p);
        if (!file) continue;
        sym_calc_value(ctx, file);
        out.push_back(sym_get_string_value(file));
    }
    return out;
}

// conf_read_simple with the symbols in the kernel's order given (`syms`).
ConfReadResult read_config_file(Context& ctx, const std::optional<std::string>& name, DefSlot slot,
                                const std::vector<Symbol*>& syms) {
    ConfReadResult res;
    std::string text, path;
    if (name) {
        if (!open_config(ctx, *name, &text, &path)) {
            res.name = *name;
            return res;
        }
        return read_text(ctx, *name, path, text, slot, syms);
    }
    std::string cfg = config_file_name(ctx);
    if (open_config(ctx, cfg, &text, &path)) return read_text(ctx, cfg, path, text, slot, syms);
    ctx.conf_changed = true;
    // The candidates: before 5.19, the defaults of the `option
    // defconfig_list` symbol (init/Kconfig's DEFCONFIG_LIST), else
    // KCONFIG_DEFCONFIG_LIST, whitespace-separated. The first that opens wins.
    std::vector<std::string> candidates;
    if (ctx.defconfig_list_sym) {
        candidates = defconfig_list_candidates(ctx);
    } else if (const std::string* list = env_get(ctx, "KCONFIG_DEFCONFIG_LIST")) {
        std::istringstream ss(*list);
        for (std::string cand; ss >> cand;)
            candidates.push_back(cand);
    }
    for (const std::string& cand : candidates)
        if (open_config(ctx, cand, &text, &path, DirectoryIs::EmptyFile)) {
            ConfReadResult r = read_text(ctx, cand, path, text, slot, syms);
            r.message = "using defaults found in " + cand;
            return r;
        }
    res.name = cfg;
    return res;
}

} // namespace

ConfReadResult conf_read_simple(Context& ctx, const std::optional<std::string>& name,
                                DefSlot slot) {
    return read_config_file(ctx, name, slot, all_symbols(ctx));
}

ConfReadResult conf_read_simple_from_string(Context& ctx, const std::string& name,
                                            const std::string& text, DefSlot slot) {
    return read_text(ctx, name, name, text, slot, all_symbols(ctx));
}

// conf_read and conf_read_from_string put the symbols in the kernel's order
// once for both passes over them (the reading and the recalculation).
ConfReadResult conf_read(Context& ctx, const std::optional<std::string>& name) {
    ctx.conf_changed = false;
    const std::vector<Symbol*> syms = all_symbols(ctx);
    return finish_conf_read(ctx, read_config_file(ctx, name, kDefUser, syms), syms);
}

ConfReadResult conf_read_from_string(Context& ctx, const std::string& name,
                                     const std::string& text) {
    ctx.conf_changed = false;
    const std::vector<Symbol*> syms = all_symbols(ctx);
    return finish_conf_read(ctx, read_text(ctx, name, name, text, kDefUser, syms), syms);
}

namespace {

// The symbol's line in conf's output; empty for a symbol of unknown type.
std::string format_symbol(const Context& ctx, const Symbol* sym, UnsetStyle unset) {
    if (sym->type == SymbolType::Unknown) return {};
    return config_line(sym->name, sym->type, sym_get_string_value(sym), unset, config_prefix(ctx));
}

} // namespace

std::string format_symbol_for_dotconfig(const Context& ctx, const Symbol* sym) {
    return format_symbol(ctx, sym, UnsetStyle::Comment);
}

std::string format_symbol_for_listconfig(const Context& ctx, const Symbol* sym) {
    return format_symbol(ctx, sym, UnsetStyle::Value);
}

namespace {

// 7.x KCONFIG_WARN_CHANGED_INPUT: the user values Kconfig changed, collected
// while conf_write and conf_write_defconfig walk the menus and reported once
// after writing, as one warning block.
class ChangedInput {
  public:
    explicit ChangedInput(const Context& ctx)
        : ctx_(ctx), enabled_(ctx.dialect.is_7x() && [&] {
              const std::string* e = env_get(ctx, "KCONFIG_WARN_CHANGED_INPUT");
              return e && !e->empty();
          }()) {}
    // sym_user_value_changed + conf_append_changed_input_warning.
    void note(const Symbol* sym) {
        if (!enabled_ || !sym->has(kSymDefUser) || sym->type == SymbolType::Unknown) return;
        std::string user, now = sym_get_string_value(sym);
        if (sym->type == SymbolType::Bool || sym->type == SymbolType::Tristate) {
            user = tristate_char(sym->def[kDefUser].tri);
            if (sym->def[kDefUser].tri == sym_get_tristate_value(sym)) return;
        } else {
            user = sym->def[kDefUser].str;
            if (user == now) return;
        }
        if (text_.empty()) text_ = "warning: user-provided values changed by Kconfig:\n";
        text_ += "  " + config_prefix(ctx_) + sym->name + ": " + user + " -> " + now + "\n";
        changed_.push_back(sym->name);
    }
    void report(Context& ctx) {
        if (text_.empty()) return;
        Diagnostic d;
        d.severity = Severity::Warning;
        d.code = DiagCode::ConfigValueChanged;
        d.symbols = changed_;
        d.message = text_.substr(9, text_.size() - 10);
        d.conf_text = text_.substr(0, text_.size() - 1);
        ctx.diags.add(std::move(d));
    }

  private:
    const Context& ctx_;
    bool enabled_;
    std::string text_;
    std::vector<std::string> changed_; // the symbols named in text_, in order
};

} // namespace

std::string conf_write_string(Context& ctx) {
    std::string out;
    ChangedInput changed(ctx);
    append_heading(ctx, out);
    if (!ctx.conf_changed) sym_clear_all_valid(ctx);

    // conf_write's walk: comments/menus become "#\n# text\n#" blocks, each
    // visible menu ends with "# end of", after which a blank line precedes
    // the next symbol.
    bool need_newline = false;
    MenuNode* root = &ctx.root_menu;
    MenuNode* menu = root->list;
    while (menu) {
        Symbol* sym = menu->sym;
        if (!sym) {
            if (menu_is_visible(ctx, menu)) {
                out += "\n#\n# ";
                out += menu->prompt ? menu->prompt->text : std::string();
                out += "\n#\n";
                need_newline = false;
            }
        } else if (!sym->is_choice() && !sym->has(kSymWritten)) {
            sym_calc_value(ctx, sym);
            changed.note(sym);
            // 7.x: every entry's symbol is visited once, written or not.
            if (ctx.dialect.is_7x()) sym->flags |= kSymWritten;
            if (sym->has(kSymWrite)) {
                if (need_newline) {
                    out += "\n";
                    need_newline = false;
                }
                sym->flags |= kSymWritten;
                std::string line = format_symbol_for_dotconfig(ctx, sym);
                if (!line.empty()) out += line + "\n";
            }
        }
        if (menu->list) {
            menu = menu->list;
            continue;
        }
        // Before 5.13 the marker is printed only on the way up from a
        // menu's children, so an empty menu has none.
        bool leaving = ctx.dialect.end_marker_for_empty_menu();
        for (;;) {
            if (leaving && !menu->sym && menu != root && menu_is_visible(ctx, menu) &&
                menu->prompt && menu->prompt->kind == PropertyKind::Menu) {
                out += "# end of ";
                out += menu->prompt->text;
                out += "\n";
                need_newline = true;
            }
            if (menu->next) {
                menu = menu->next;
                break;
            }
            menu = menu->parent;
            if (!menu) break;
            leaving = true;
        }
    }
    for (Symbol* s : ctx.symbols())
        s->flags &= ~uint32_t(kSymWritten);
    for (MenuNode* m = root->list; m; m = menu_next(m, root))
        if (m->sym) m->sym->flags &= ~uint32_t(kSymWritten);
    changed.report(ctx);
    return out;
}

bool write_file_atomically(const std::string& path, const std::string& content,
                           std::string* error) {
    std::string tmp = path + "." + std::to_string(::getpid()) + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        if (error) *error = tmp + ": " + std::strerror(errno);
        return false;
    }
    size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (error) *error = tmp + ": " + std::strerror(errno);
            ::close(fd);
            ::unlink(tmp.c_str());
            return false;
        }
        done += size_t(n);
    }
    if (::close(fd) != 0) {
        if (error) *error = tmp + ": " + std::strerror(errno);
        ::unlink(tmp.c_str());
        return false;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        if (error) *error = path + ": " + std::strerror(errno);
        ::unlink(tmp.c_str());
        return false;
    }
    return true;
}

bool conf_write(Context& ctx, const std::optional<std::string>& name_opt, std::string* error,
                std::string* message) {
    std::string name = name_opt ? *name_opt : config_file_name(ctx);
    if (name.empty()) {
        if (error) *error = "config name is empty";
        return false;
    }
    if (is_directory(name)) {
        if (error) *error = name + ": Is a directory";
        return false;
    }
    if (!make_parent_dir(name, error)) return false;
    std::string content = conf_write_string(ctx);

    std::string old;
    if (read_whole_file(name, &old) && old == content) {
        if (message) *message = "No change to " + name;
        ctx.conf_changed = false;
        return true;
    }
    // Keep the previous file as name.old, as conf does.
    struct stat st;
    if (::stat(name.c_str(), &st) == 0) {
        std::string oldname = name + ".old";
        if (::rename(name.c_str(), oldname.c_str()) != 0) {
            // conf ignores this failure too.
        }
    }
    if (!write_file_atomically(name, content, error)) return false;
    if (message) *message = "configuration written to " + name;
    ctx.conf_changed = false;
    return true;
}

std::string conf_write_defconfig_string(Context& ctx) {
    const bool mod = modern(ctx);
    const bool once = ctx.dialect.is_7x(); // 7.x: each symbol visited once
    ChangedInput changed(ctx);
    std::string out;
    sym_clear_all_valid(ctx);
    MenuNode* root = &ctx.root_menu;
    for (MenuNode* menu = root->list; menu; menu = menu_next(menu, root)) {
        Symbol* sym = menu->sym;
        if (!sym) {
            if (!mod) (void)menu_is_visible(ctx, menu); // same side effects as conf
            continue;
        }
        if (sym->is_choice() || (once && sym->has(kSymWritten))) continue;
        sym_calc_value(ctx, sym);
        changed.note(sym);
        if (once) sym->flags |= kSymWritten;
        if (!sym->has(kSymWrite)) continue;
        sym->flags &= ~uint32_t(kSymWrite);
        // Unchangeable symbols and values equal to the default are implied.
        if (!sym_is_changeable(ctx, sym)) continue;
        if (sym_get_string_value(sym) == sym_get_string_default(ctx, sym)) continue;
        if (MenuNode* choice = sym_get_choice_menu(ctx, sym)) {
            if (mod) {
                Symbol* ds = sym_choice_default(ctx, choice);
                if (sym == ds && sym_get_tristate_value(sym) == Tristate::Yes) continue;
            } else if (sym_is_choice_value(ctx, sym) && choice->sym) {
                Symbol* ds = sym_choice_default(ctx, choice);
                if (!choice->sym->has(kSymOptional) && sym == ds && sym->type == SymbolType::Bool &&
                    sym_get_tristate_value(sym) == Tristate::Yes)
                    continue;
            }
        }
        std::string line = format_symbol_for_dotconfig(ctx, sym);
        if (!line.empty()) out += line + "\n";
    }
    if (once)
        for (Symbol* s : ctx.symbols())
            s->flags &= ~uint32_t(kSymWritten);
    changed.report(ctx);
    return out;
}

bool conf_write_defconfig(Context& ctx, const std::string& filename, std::string* error) {
    std::string content = conf_write_defconfig_string(ctx);
    std::string err;
    if (!make_parent_dir(filename, &err)) {
        if (error) *error = err;
        return false;
    }
    return write_file_atomically(filename, content, error);
}

} // namespace kconfig
