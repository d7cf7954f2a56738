// Reading and writing .config files: the kernel's scripts/kconfig/confdata.c
// (conf_read_simple, conf_read, conf_write, conf_write_defconfig) for the
// tree's kernel version. Output is byte-identical to conf's; warnings are
// recorded in ctx.diags with conf's exact stderr text in conf_text.
//
// Environment variables conf consults are taken from ctx.env: CONFIG_ (the
// symbol prefix, default "CONFIG_"), KCONFIG_CONFIG, KCONFIG_DEFCONFIG_LIST,
// KCONFIG_WARN_UNKNOWN_SYMBOLS and KCONFIG_OVERWRITECONFIG.
#pragma once

#include "kconfig/context.h"

#include <optional>
#include <string>

namespace kconfig {

// The CONFIG_ prefix in effect (ctx.env["CONFIG_"] or "CONFIG_").
std::string config_prefix(const Context& ctx);
// KCONFIG_CONFIG or ".config".
std::string config_file_name(const Context& ctx);

struct ConfReadResult {
    bool found = false; // a file was opened and read
    std::string name;   // the file name as conf reports it
    std::string path;   // the path actually opened
    int warnings = 0;   // conf_warnings of this read
    // "using defaults found in X" when conf_read fell back to a defconfig
    // candidate (conf prints it to stdout as "#\n# ...\n#").
    std::string message;
};

// conf_read_simple(name, def): load values into def[slot]. The file is
// opened as given, else relative to ctx.srctree (zconf_fopen). With no name,
// KCONFIG_CONFIG is read, falling back to the first defconfig candidate
// that opens: before 5.19 the defaults of the `option defconfig_list`
// symbol, since then the KCONFIG_DEFCONFIG_LIST entries (nothing when that
// variable is unset), as conf.
ConfReadResult conf_read_simple(Context& ctx, const std::optional<std::string>& name,
                                DefSlot slot = kDefUser);
// Read from a string instead of a file (tests, stdin); `name` is used in
// the warnings.
ConfReadResult conf_read_simple_from_string(Context& ctx, const std::string& name,
                                            const std::string& text, DefSlot slot = kDefUser);

// conf_read: conf_read_simple into the user slot, then recalculate every
// symbol and work out whether the configuration changed (ctx.conf_changed).
ConfReadResult conf_read(Context& ctx, const std::optional<std::string>& name);
ConfReadResult conf_read_from_string(Context& ctx, const std::string& name,
                                     const std::string& text);

// The text conf_write would produce (also updates flags and conf_changed
// exactly as conf_write does).
std::string conf_write_string(Context& ctx);
// conf_write(name): write the configuration atomically (temporary file in
// the same directory, then rename). As conf does, an unchanged file is left
// alone and the previous file is kept as name.old. Returns false and sets
// *error on failure. `message` receives conf's stdout message
// ("configuration written to X" or "No change to X").
bool conf_write(Context& ctx, const std::optional<std::string>& name, std::string* error,
                std::string* message = nullptr);

// The minimal configuration (savedefconfig) as text / written atomically.
std::string conf_write_defconfig_string(Context& ctx);
bool conf_write_defconfig(Context& ctx, const std::string& filename, std::string* error);

// One symbol as in .config ("CONFIG_X=y", "# CONFIG_X is not set", strings
// quoted and escaped), without a newline; empty for symbols of unknown type.
std::string format_symbol_for_dotconfig(const Context& ctx, const Symbol* sym);
// As listnewconfig prints it (n as "CONFIG_X=n").
std::string format_symbol_for_listconfig(const Context& ctx, const Symbol* sym);

// conf_write_autoconf(overwrite): what the kernel's build reads instead of
// .config. Unless `overwrite` (syncconfig), nothing happens when auto.conf
// exists already. Otherwise, in conf's order: auto.conf.cmd (the Kconfig
// files and environment variables auto.conf depends on), one empty file in
// include/config/ per symbol whose value changed since the previous
// auto.conf, include/generated/autoconf.h, include/generated/rustc_cfg (from
// 6.1) and include/config/auto.conf, each as the tree's conf formats it.
// KCONFIG_AUTOCONFIG, KCONFIG_AUTOHEADER and KCONFIG_RUSTCCFG rename them.
// False on failure, with conf's perror-style text in *error (may be empty).
bool conf_write_autoconf(Context& ctx, bool overwrite, std::string* error);

// make_parent_dir: create the directories leading to `path` (as conf).
bool make_parent_dir(const std::string& path, std::string* error);

// Write `content` to `path` atomically: a temporary file in the same
// directory, then rename(). Never leaves a partial file behind.
bool write_file_atomically(const std::string& path, const std::string& content, std::string* error);

} // namespace kconfig
