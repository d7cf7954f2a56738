// The conf front end (scripts/kconfig/conf.c) as a library API: every mode
// of conf's command line (oldaskconfig, oldconfig, syncconfig, olddefconfig,
// defconfig, savedefconfig, all*config, randconfig, listnewconfig,
// helpnewconfig, yes2modconfig, mod2yesconfig, mod2noconfig), run on a
// loaded tree exactly as the tree's own conf runs it after conf_parse():
// the same files, the same standard output and error, the same exit status.
// `xencfg conf` (the drop-in) and `xencfg kconfig` both run through
// run_conf().
//
// The environment variables conf consults come from ctx.env (the caller's
// explicit environment): KCONFIG_CONFIG, KCONFIG_ALLCONFIG,
// KCONFIG_PROBABILITY, KCONFIG_NOSILENTUPDATE, KCONFIG_AUTOCONFIG,
// KCONFIG_AUTOHEADER, KCONFIG_RUSTCCFG, KCONFIG_WERROR and those confdata.h
// lists. Terminal input and output go through a ConfConsole.
#pragma once

#include "kconfig/context.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kconfig {

// conf's input modes, in conf.c's order.
enum class ConfTarget {
    OldAskConfig, // ask every visible question (conf's default mode)
    SyncConfig,   // oldconfig, then write include/config and include/generated
    OldConfig,    // ask only the new questions
    AllNoConfig,
    AllYesConfig,
    AllModConfig,
    AllDefconfig,
    RandConfig,
    Defconfig,     // ConfRunOptions::defconfig_file is the input
    SaveDefconfig, // ConfRunOptions::defconfig_file is the output
    ListNewConfig,
    HelpNewConfig,
    OldDefconfig,
    Yes2ModConfig,
    Mod2YesConfig,
    Mod2NoConfig,
};

// "olddefconfig" -> OldDefconfig etc. (conf's long option names without
// the dashes); nullopt for unknown names.
std::optional<ConfTarget> conf_target_from_name(std::string_view name);
const char* conf_target_name(ConfTarget t);
// Does conf read the configuration (KCONFIG_CONFIG) in this mode? (The
// all*config modes and randconfig start from KCONFIG_ALLCONFIG at most,
// defconfig from its defconfig file.)
bool conf_target_reads_config(ConfTarget t);
// Does the tree's conf know this mode? (mod2noconfig came with 5.17.)
bool conf_target_supported(const Dialect& dialect, ConfTarget t);

// conf's standard input, output and error. The engine never prints: the
// caller decides where the text goes (a terminal, or strings in tests and
// in `xencfg kconfig`).
class ConfConsole {
  public:
    virtual ~ConfConsole() = default;
    virtual void out(std::string_view text) = 0; // standard output
    virtual void err(std::string_view text) = 0; // standard error
    // fflush(stdout) before conf waits for input.
    virtual void flush() {}
    // fgets(line, max, stdin): the next line with its newline, at most
    // max - 1 characters; false (line untouched) at end of input.
    virtual bool read_line(std::string& line, size_t max) = 0;
    // feof(stdin).
    virtual bool at_end() const = 0;
    // A diagnostic the engine recorded (a .config warning, an unmet
    // dependency, a $(warning-if,...)): conf prints these as they happen.
    // By default they stay in ctx.diags only.
    virtual void diagnostic(const Diagnostic&) {}
};

// A console on strings: input from a string, output collected.
class StringConsole : public ConfConsole {
  public:
    explicit StringConsole(std::string input = {}) : input_(std::move(input)) {}
    void out(std::string_view text) override { stdout_text.append(text); }
    void err(std::string_view text) override { stderr_text.append(text); }
    bool read_line(std::string& line, size_t max) override;
    bool at_end() const override { return eof_; }

    std::string stdout_text; // everything written to standard output
    std::string stderr_text; // everything written to standard error

  private:
    std::string input_; // standard input
    size_t pos_ = 0;    // next unread character of input_
    bool eof_ = false;  // a read hit the end of input_
};

struct ConfRunOptions {
    ConfTarget target = ConfTarget::OldAskConfig;
    // --defconfig=FILE (input) or --savedefconfig=FILE (output).
    std::string defconfig_file;
    // The configuration read and written instead of KCONFIG_CONFIG.
    std::optional<std::string> config_file;
    // The content of the file the target reads (config_file, or
    // defconfig_file for Defconfig) when the caller has read it already (a
    // gzip or xz input it decompressed): read from here, named as the file.
    std::optional<std::string> input_text;
    // KCONFIG_ALLCONFIG instead of the environment's.
    std::optional<std::string> allconfig;
    // -s: no "configuration written to" messages (syncconfig implies it).
    bool silent = false;
    // isatty(0) && isatty(1): conf echoes what it reads when false.
    bool tty = false;
    // randconfig's srand() seed (randconfig_seed() computes conf's).
    unsigned int seed = 0;
    // Write the files conf writes: the configuration (or the savedefconfig
    // output) and, unless `autoconf` is false, include/config/auto.conf and
    // its companions. False: write nothing; the configuration's text is
    // returned in ConfRunResult::rendered.
    bool write_files = true;
    bool autoconf = true;
};

struct ConfRunResult {
    int exit_status = 0;       // what conf exits with
    std::string rendered;      // the .config or savedefconfig text (write_files false)
    bool dep_warnings = false; // unmet-dependency warnings were recorded
};

// Run one conf mode on a loaded tree, as conf's main() does after
// conf_parse(). Files are relative to the working directory (reads fall back
// to $srctree, as zconf_fopen does).
ConfRunResult run_conf(Context& ctx, const ConfRunOptions& options, ConfConsole& console);

// randconfig's seed, as conf's option parsing computes it: KCONFIG_SEED
// when it is a complete number (strtol base 0), else from the time of day
// the caller passes. `message` is conf's "KCONFIG_SEED=0x..." line and
// `to_stderr` where it goes (standard error before 5.13).
struct RandconfigSeed {
    unsigned int seed = 0;
    std::string message;
    bool to_stderr = false;
};
RandconfigSeed randconfig_seed(const Environment& env, const Dialect& dialect, long now_sec,
                               long now_usec);

// conf_set_all_new_symbols' modes for the all*config targets (randconfig
// goes through run_conf).
enum class NewSymbolMode { Default, Yes, Mod, No };

// Give every bool/tristate symbol without a user value the mode's value,
// exactly as conf does for all*config/defconfig (per kernel version).
void conf_set_all_new_symbols(Context& ctx, NewSymbolMode mode);

// listnewconfig's output ("CONFIG_X=value\n" lines) after a conf_read.
std::string list_new_config(Context& ctx);

// menu_get_ext_help: the help screen conf prints for '?' and helpnewconfig
// (help text, then symbol, type, definitions, prompts, locations, selects).
std::string menu_help_text(Context& ctx, MenuNode* menu);

// ---- the former single-target API, kept for its callers --------------------
struct TargetOptions {
    // The configuration file read and written (KCONFIG_CONFIG); empty means
    // ctx.env's KCONFIG_CONFIG, else ".config".
    std::string config_file;
    // Input of Defconfig, output of SaveDefconfig.
    std::string defconfig_file;
    // ConfRunOptions::input_text: the read input's content, if read already.
    std::optional<std::string> input_text;
    // KCONFIG_ALLCONFIG for the all*config targets: empty = unset; "" can't
    // be expressed here, use "1" for the allno.config/all.config lookup.
    std::string allconfig;
    // Write the resulting .config (all targets but SaveDefconfig and
    // ListNewConfig). False: compute only (inspect the Context afterwards).
    bool write = true;
    // randconfig's srand() seed (randconfig_seed() computes conf's).
    unsigned int seed = 0;
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

// run_conf without interaction or include/ files: a non-interactive target
// with its standard output and error returned as strings.
TargetResult run_conf_target(Context& ctx, ConfTarget target, const TargetOptions& options);

} // namespace kconfig
