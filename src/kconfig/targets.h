// The conf front end's modes (scripts/kconfig/conf.c) as a library API:
// olddefconfig, alldefconfig, allnoconfig, allyesconfig, allmodconfig,
// defconfig, savedefconfig and listnewconfig, with KCONFIG_ALLCONFIG.
#pragma once

#include "kconfig/context.h"

#include <optional>
#include <string>
#include <vector>

namespace kconfig {

enum class ConfTarget {
    OldDefconfig,
    AllDefconfig,
    AllNoConfig,
    AllYesConfig,
    AllModConfig,
    Defconfig,     // TargetOptions::defconfig_file is the input
    SaveDefconfig, // TargetOptions::defconfig_file is the output
    ListNewConfig,
};

// "olddefconfig" -> OldDefconfig etc.; nullopt for unknown names.
std::optional<ConfTarget> conf_target_from_name(const std::string& name);
const char* conf_target_name(ConfTarget t);

// conf_set_all_new_symbols' modes (def_random is not supported).
enum class NewSymbolMode { Default, Yes, Mod, No };

// Give every bool/tristate symbol without a user value the mode's value,
// exactly as conf does for all*config/defconfig (per kernel version).
void conf_set_all_new_symbols(Context& ctx, NewSymbolMode mode);

// listnewconfig's output ("CONFIG_X=value\n" lines) after a conf_read.
std::string list_new_config(Context& ctx);

struct TargetOptions {
    // The configuration file read and written (KCONFIG_CONFIG); empty means
    // ctx.env's KCONFIG_CONFIG, else ".config".
    std::string config_file;
    // Input of Defconfig, output of SaveDefconfig.
    std::string defconfig_file;
    // KCONFIG_ALLCONFIG for the all*config targets: empty = unset; "" can't
    // be expressed here, use "1" for the allno.config/all.config lookup.
    std::string allconfig;
    // Write the resulting .config (all targets but SaveDefconfig and
    // ListNewConfig). False: compute only (inspect the Context afterwards).
    bool write = true;
};

struct TargetResult {
    bool ok = false;
    int exit_code = 0;       // what conf would exit with
    std::string error;       // conf's error text when !ok
    std::string stdout_text; // what conf prints to stdout (listnewconfig, messages)
    std::string output_file; // file written, if any
    // Without options.write: the text conf would have written (the .config,
    // or the defconfig for savedefconfig; empty for listnewconfig). Rendered
    // once, here: writing records warnings, so a caller must not render again.
    std::string config_text;
    bool dep_warnings = false; // unmet-dependency warnings were recorded
};

// Run one conf mode end to end, as `conf --<target>` would (config files
// are read and written relative to the working directory; reads fall back
// to ctx.srctree as zconf_fopen does).
TargetResult run_conf_target(Context& ctx, ConfTarget target, const TargetOptions& options);

// The KCONFIG_DEFCONFIG_LIST scripts/kconfig/Makefile exports for a native
// build: /lib/modules/<release>/.config /etc/kernel-config
// /boot/config-<release> arch/<SRCARCH>/configs/<KBUILD_DEFCONFIG>
// (release empty: the `uname -r` part is skipped, as when cross compiling).
std::string default_defconfig_list(const std::string& kernel_release, const std::string& srcarch,
                                   const std::string& kbuild_defconfig);

// For old trees with `option defconfig_list` (ctx.defconfig_list_sym): the
// first visible default naming a file that exists, relative to the working
// directory or ctx.srctree; "" if none.
std::string resolve_defconfig_list(Context& ctx);

} // namespace kconfig
