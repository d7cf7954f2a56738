// conf_write_autoconf from scripts/kconfig/confdata.c: the files the kernel's
// build reads (include/config/auto.conf and its .cmd, the include/config/
// dependency files, include/generated/autoconf.h and rustc_cfg), formatted
// as the tree's own conf formats them. See confdata.h.
//
// Three layouts exist among the kernels xencfg follows:
//  * before 5.13: the dependency files are include/config/foo/bar.h (one
//    directory level per '_'), the headers are printed by conf's "printer"
//    callbacks (a blank first comment line, strings quoted in auto.conf) and
//    auto.conf.cmd lists the Kconfig files newest first;
//  * 5.13 to 6.6: flat include/config/FOO_BAR files, strings unquoted in
//    auto.conf, rustc_cfg from 6.1;
//  * 6.7 on: auto.conf.cmd lists the files in the order they were read and
//    refers to $(autoconfig).
#include "kconfig/confdata.h"
#include "kconfig/dotconfig.h"
#include "kconfig/eval.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kconfig {

namespace {

const std::string* env_get(const Context& ctx, const char* name) {
    auto it = ctx.env.find(name);
    return it == ctx.env.end() ? nullptr : &it->second;
}

std::string env_or(const Context& ctx, const char* name, const char* fallback) {
    const std::string* v = env_get(ctx, name);
    return v ? *v : fallback;
}

// The layouts described at the top of this file.
struct AutoconfLayout {
    bool flat_deps;      // 5.13+: include/config/FOO_BAR, not foo/bar.h
    bool rustc_cfg;      // 6.1+: include/generated/rustc_cfg
    bool ordered_cmd;    // 6.7+: auto.conf.cmd in reading order, $(autoconfig)
    bool calc_then_deps; // 6.7+: values computed before the dependency files
    explicit AutoconfLayout(const Dialect& d)
        : flat_deps(d.autoconf_flat_deps()), rustc_cfg(d.writes_rustc_cfg()),
          ordered_cmd(d.autoconf_cmd_in_read_order()),
          calc_then_deps(d.autoconf_cmd_in_read_order()) {}
};

// The Kconfig files conf read, once each, in reading order.
std::vector<std::string> files_in_order(const Context& ctx) {
    std::vector<std::string> out;
    for (const std::string* f : ctx.files_read)
        if (std::find(out.begin(), out.end(), *f) == out.end()) out.push_back(*f);
    return out;
}

// auto.conf.cmd: make's dependencies of auto.conf.
std::string autoconf_cmd_text(const Context& ctx, const AutoconfLayout& layout,
                              const std::string& autoconf_name) {
    std::vector<std::string> files = files_in_order(ctx);
    std::string out;
    if (layout.ordered_cmd) {
        out += "autoconfig := " + autoconf_name + "\n";
        out += "\ndeps_config := \\\n";
        for (const std::string& f : files)
            out += "\t" + f + " \\\n";
        out += "\n$(autoconfig): $(deps_config)\n$(deps_config): ;\n";
        for (const auto& [name, value] : ctx.env_used)
            out += "\nifneq \"$(" + name + ")\" \"" + value + "\"\n$(autoconfig): FORCE\nendif\n";
        return out;
    }
    // The kernel kept its file list newest first.
    std::reverse(files.begin(), files.end());
    out += "deps_config := \\\n";
    const bool old = !layout.flat_deps;
    for (size_t i = 0; i < files.size(); ++i)
        out += "\t" + files[i] + (old && i + 1 == files.size() ? "\n" : " \\\n");
    if (old)
        out += "\n" + autoconf_name + ": \\\n\t$(deps_config)\n\n";
    else
        out += "\n" + autoconf_name + ": $(deps_config)\n\n";
    for (const auto& [name, value] : ctx.env_used)
        out += "ifneq \"$(" + name + ")\" \"" + value + "\"\n" + autoconf_name + ": FORCE\nendif\n";
    out += "\n$(deps_config): ;\n";
    return out;
}

// conf_touch_dep: create (empty) the file that tells make a symbol changed.
bool touch_dep(const std::string& prefix, const std::string& name, bool flat, std::string* error) {
    std::string path = prefix;
    if (flat) {
        path += name;
    } else {
        for (char c : name)
            path += c == '_' ? '/' : char(std::tolower(static_cast<unsigned char>(c)));
        path += ".h";
    }
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 && !flat && errno == ENOENT) {
        if (!make_parent_dir(path, error)) return false;
        fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    }
    if (fd < 0) {
        if (error) *error = path + ": " + std::strerror(errno) + "\n";
        return false;
    }
    ::close(fd);
    return true;
}

// conf_touch_deps: compare with the previous auto.conf (read into the auto
// slot) and touch the file of every symbol whose value changed.
bool touch_deps(Context& ctx, const AutoconfLayout& layout, const std::string& autoconf_name,
                std::string* error) {
    size_t slash = autoconf_name.rfind('/');
    std::string prefix = slash == std::string::npos ? "" : autoconf_name.substr(0, slash + 1);
    conf_read_simple(ctx, autoconf_name, kDefAuto);
    sym_calc_value(ctx, ctx.modules_sym);
    for (Symbol* sym : kernel_symbol_order(ctx)) {
        if (layout.flat_deps) {
            if (sym->is_choice()) continue;
        } else {
            sym_calc_value(ctx, sym);
            if (sym->has(kSymNoWrite) || sym->name.empty()) continue;
        }
        if (sym->has(kSymWrite)) {
            if (sym->has(kSymDefAuto)) {
                // An old and a new value: compare them.
                switch (sym->type) {
                case SymbolType::Bool:
                case SymbolType::Tristate:
                    if (sym_get_tristate_value(sym) == sym->def[kDefAuto].tri) continue;
                    break;
                case SymbolType::String:
                case SymbolType::Hex:
                case SymbolType::Int:
                    if (sym_get_string_value(sym) == sym->def[kDefAuto].str) continue;
                    break;
                default:
                    break;
                }
            } else {
                // No old value: only n (unset) counts as unchanged.
                if ((sym->type == SymbolType::Bool || sym->type == SymbolType::Tristate) &&
                    sym_get_tristate_value(sym) == Tristate::No)
                    continue;
            }
        } else if (!sym->has(kSymDefAuto)) {
            continue; // neither an old nor a new value
        }
        if (!touch_dep(prefix, sym->name, layout.flat_deps, error)) return false;
    }
    return true;
}

std::string hex_prefixed(const std::string& val) {
    if (val.size() >= 2 && val[0] == '0' && (val[1] == 'x' || val[1] == 'X')) return val;
    return "0x" + val;
}

// print_symbol_for_c (header_print_symbol before 5.13).
std::string symbol_for_c(const std::string& prefix, const Symbol* sym) {
    std::string val = sym_get_string_value(sym);
    std::string suffix;
    switch (sym->type) {
    case SymbolType::Bool:
    case SymbolType::Tristate:
        if (!val.empty() && val[0] == 'n') return {};
        if (!val.empty() && val[0] == 'm') suffix = "_MODULE";
        val = "1";
        break;
    case SymbolType::Hex:
        val = hex_prefixed(val);
        break;
    case SymbolType::String:
        val = quote_string_value(val);
        break;
    case SymbolType::Int:
        break;
    default:
        return {};
    }
    return "#define " + prefix + sym->name + suffix + " " + val + "\n";
}

// print_symbol_for_autoconf: no n lines; strings quoted before 5.13 only.
std::string symbol_for_autoconf(const std::string& prefix, const Symbol* sym, bool quote) {
    if (sym->type == SymbolType::Unknown) return {};
    std::string val = sym_get_string_value(sym);
    if ((sym->type == SymbolType::Bool || sym->type == SymbolType::Tristate) && !val.empty() &&
        val[0] == 'n')
        return {};
    if (sym->type == SymbolType::String && quote) val = quote_string_value(val);
    return prefix + sym->name + "=" + val + "\n";
}

// print_symbol_for_rustccfg.
std::string symbol_for_rustccfg(const std::string& prefix, const Symbol* sym) {
    if (sym->type == SymbolType::Unknown) return {};
    std::string val = sym_get_string_value(sym);
    std::string out;
    switch (sym->type) {
    case SymbolType::Bool:
    case SymbolType::Tristate:
        if (!val.empty() && val[0] == 'n') return {};
        out += "--cfg=" + prefix + sym->name + "\n";
        break;
    case SymbolType::Hex:
        val = hex_prefixed(val);
        break;
    default:
        break;
    }
    // All values are quoted: --cfg takes only strings.
    out += "--cfg=" + prefix + sym->name + "=" + quote_string_value(val) + "\n";
    return out;
}

std::string main_menu_title(const Context& ctx) {
    if (!ctx.mainmenu_text.empty()) return ctx.mainmenu_text;
    return ctx.root_menu.prompt ? ctx.root_menu.prompt->text : std::string();
}

// The heading of auto.conf ('#') or autoconf.h ('c').
std::string heading(const Context& ctx, const AutoconfLayout& layout, char style) {
    const std::string title = main_menu_title(ctx);
    if (style == '#')
        return "#\n# Automatically generated file; DO NOT EDIT.\n# " + title + "\n#\n";
    if (layout.flat_deps)
        return "/*\n * Automatically generated file; DO NOT EDIT.\n * " + title + "\n */\n";
    return "/*\n *\n * Automatically generated file; DO NOT EDIT.\n * " + title + "\n *\n */\n";
}

bool write_file(const std::string& path, const std::string& content, std::string* error) {
    if (!make_parent_dir(path, error)) return false;
    std::string err;
    if (!write_file_atomically(path, content, &err)) {
        if (error) *error = err + "\n";
        return false;
    }
    return true;
}

} // namespace

bool conf_write_autoconf(Context& ctx, bool overwrite, std::string* error) {
    const AutoconfLayout layout(ctx.dialect);
    const std::string autoconf_name = env_or(ctx, "KCONFIG_AUTOCONFIG", "include/config/auto.conf");
    struct stat st;
    if (!overwrite && ::stat(autoconf_name.c_str(), &st) == 0) return true;

    const std::string cmd_name =
        layout.flat_deps ? autoconf_name + ".cmd" : std::string("include/config/auto.conf.cmd");
    if (!write_file(cmd_name, autoconf_cmd_text(ctx, layout, autoconf_name), error)) return false;

    std::vector<Symbol*> syms = kernel_symbol_order(ctx);
    if (layout.calc_then_deps)
        for (Symbol* sym : syms)
            sym_calc_value(ctx, sym);
    if (!touch_deps(ctx, layout, autoconf_name, error)) return false;
    if (!layout.calc_then_deps)
        for (Symbol* sym : syms)
            sym_calc_value(ctx, sym);

    const std::string prefix = config_prefix(ctx);
    std::string header = heading(ctx, layout, 'c');
    std::string rustc;
    std::string autoconf = heading(ctx, layout, '#');
    for (Symbol* sym : syms) {
        if (!sym->has(kSymWrite) || sym->name.empty()) continue;
        header += symbol_for_c(prefix, sym);
        if (layout.rustc_cfg) rustc += symbol_for_rustccfg(prefix, sym);
        autoconf += symbol_for_autoconf(prefix, sym, !layout.flat_deps);
    }
    if (!write_file(env_or(ctx, "KCONFIG_AUTOHEADER", "include/generated/autoconf.h"), header,
                    error))
        return false;
    if (layout.rustc_cfg &&
        !write_file(env_or(ctx, "KCONFIG_RUSTCCFG", "include/generated/rustc_cfg"), rustc, error))
        return false;
    // auto.conf last: the build depends on it, so it marks success.
    return write_file(autoconf_name, autoconf, error);
}

} // namespace kconfig
