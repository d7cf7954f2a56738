// kconfig::Context owns one loaded Kconfig tree: source buffers, interned
// symbols, the menu tree, the environment seen by the macro language and the
// diagnostics. There are no globals: two Contexts can hold two trees side by
// side.
#pragma once

#include "kconfig/arena.h"
#include "kconfig/diagnostics.h"
#include "kconfig/model.h"
#include "kconfig/name_index.h"

#include <deque>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kconfig {

// The kernel version a tree declares in its top Makefile. Some Kconfig
// behaviours changed over time (choice evaluation in 6.11, for one); the
// engine follows the tree's own version.
struct KernelVersion {
    int version = 0, patchlevel = 0, sublevel = 0;
    std::string extraversion;
    int code() const {
        return version * 65536 + patchlevel * 256 + (sublevel > 255 ? 255 : sublevel);
    }
    bool at_least(int v, int p) const { return version > v || (version == v && patchlevel >= p); }
    std::string str() const; // "6.12.117" + extraversion
};

// The Kconfig language and behaviour of one kernel release. Decided once,
// when a tree is loaded (from its top Makefile's version, or given by a
// caller that loads from memory), stored in the Context and read everywhere
// the kernels differ: parser, menu finalizer, evaluator and writers.
//
// Each predicate names one behaviour and the release that introduced it.
// Only the releases the project has trees for (5.10, 6.1, 6.12, 7.2, 7.3)
// are verified; where a change falls between two of them the comment says
// which release the threshold assumes.
struct Dialect {
    int major = 0, minor = 0; // the release whose scripts/kconfig is followed

    static Dialect of(const KernelVersion& kv) { return Dialect{kv.version, kv.patchlevel}; }
    // The newest dialect the engine knows (standalone Kconfig files).
    static Dialect newest() { return Dialect{7, 3}; }
    bool at_least(int v, int p) const { return major > v || (major == v && minor >= p); }

    // 5.13: conf_write prints "# end of" for every visible menu, also an
    // empty one (5.10 prints it only when leaving a menu's children; 6.1
    // has the new walk).
    bool end_marker_for_empty_menu() const { return at_least(5, 13); }
    // 6.8: the symbol hash table has 1 << 14 buckets (9973 before).
    bool big_symbol_hash() const { return at_least(6, 8); }
    // 6.11: a choice is a plain bool block without a value symbol, checked
    // while parsing; the top file's last statement needs its end of line.
    bool choice_is_bool_block() const { return at_least(6, 11); }
    // 6.12: expressions are immutable and shared (expr.c's hash table), so
    // expr_eliminate_dups simplifies each operand on its own and always
    // drops y and n terms; before, it rewrote a whole chain in place and
    // dropped them only after joining two terms.
    bool immutable_expressions() const { return at_least(6, 12); }
    // 7.3: an entry that depends on a symbol being n (!A, A=n, A!=y)
    // ends that symbol's automatic submenu (expr_contains_symbol_negated).
    bool negated_dep_ends_submenu() const { return at_least(7, 3); }
    // 6.18: `transitional` symbols.
    bool has_transitional() const { return at_least(6, 18); }
    // Keywords and options that came and went (lexer.l, parser.y): 5.10
    // has `option modules|defconfig_list|allnoconfig_y`, 6.1 plain
    // `modules` and no `option`. Between, the thresholds are the releases
    // named (unverified: no such tree); before 5.10 likewise.
    // 5.13: `modules` is an attribute of its own; `option modules` is gone.
    bool has_modules_attribute() const { return at_least(5, 13); }
    // Before 5.15: the `option` keyword.
    bool has_option_keyword() const { return !at_least(5, 15); }
    // Before 4.18: `option env="VAR"`, and any other option name is warned
    // about and ignored (a syntax error from then on).
    bool has_option_env() const { return !at_least(4, 18); }
    // Before 5.8: `---help---`.
    bool has_dashed_help() const { return !at_least(5, 8); }
    // Before 6.9: yyerror says "syntax error" one line after the
    // statement's (zconf_lineno() + 1), and once the input has ended in
    // file "<none>" (5.10 and 6.1 do, 6.12 does not; the threshold is the
    // release of the lexer's cur_lineno rework, unverified).
    bool syntax_error_on_next_line() const { return !at_least(6, 9); }
    // Before 6.11: the top file's end is an end of line too, so a last line
    // without its newline is a whole statement (6.1 reads it, 6.12 does
    // not; the threshold follows the 6.11 grammar rework, unverified).
    bool top_file_end_is_eol() const { return !at_least(6, 11); }
    // Before 4.19: `boolean` for `bool`.
    bool has_boolean_keyword() const { return !at_least(4, 19); }
    // Present in 7.2 and absent in 6.12; the threshold assumes 7.0:
    // `depends on EXPR if COND`; sourcing a file twice is an error;
    // menuconfig without prompt, two help texts, blank help text, a choice
    // member's prompt in another entry and `bool "prompt"` in a choice
    // header are errors; KCONFIG_WARN_CHANGED_INPUT; every menu entry
    // written once per conf_write whether written out or not.
    bool is_7x() const { return at_least(7, 0); }

    // The conf front end (targets.h). Where a change falls between 5.10 and
    // 6.1 the threshold assumes 5.13 (the 2021 rework of conf.c and
    // confdata.c), between 6.1 and 6.12 the release named.
    // 5.13: conf's option parsing and usage of the rework: -h/--help, an
    // unknown option is not fatal, KCONFIG_SEED printed to stdout (stderr
    // before), the help screen's location list starts at the entry itself.
    bool conf_reworked() const { return at_least(5, 13); }
    // 5.13: include/config/FOO_BAR dependency files (foo/bar.h before),
    // strings unquoted in auto.conf, headings without blank comment lines.
    bool autoconf_flat_deps() const { return at_least(5, 13); }
    // 5.17: --mod2noconfig.
    bool has_mod2noconfig() const { return at_least(5, 17); }
    // 6.0: KCONFIG_WERROR turns .config and dependency warnings into errors.
    bool has_kconfig_werror() const { return at_least(6, 0); }
    // 6.1: include/generated/rustc_cfg.
    bool writes_rustc_cfg() const { return at_least(6, 1); }
    // 6.7: auto.conf.cmd lists the Kconfig files in reading order and
    // refers to $(autoconfig); symbol values are computed before the
    // dependency files are touched.
    bool autoconf_cmd_in_read_order() const { return at_least(6, 7); }
    // 6.13: conf's usage names its argument kconfig_file.
    bool conf_usage_names_kconfig_file() const { return at_least(6, 13); }
};

// Environment variables by name. The engine never reads the process
// environment itself: whatever it may see is handed to it in one of these
// (the CLI builds them from its own environment; tests and fuzzers from
// nothing), so that a load has no hidden inputs.
using Environment = std::map<std::string, std::string>;

// How `$(shell,...)` results are obtained. The caller decides everything here
// (the CLI from --offline, --no-probe-cache, $XENCFG_NO_PROBE_CACHE and the
// cache directory variables); the engine looks at nothing else.
struct ProbeOptions {
    bool use_cache = true; // read and write the on-disk probe cache in cache_dir
    std::string cache_dir; // the probe cache directory; empty: no cache at all
    bool offline = false;  // run no process at all; probes read "0" and are recorded
    // How many probes may run at once. Above 1, a load whose probe cache is
    // cold first runs a throwaway pass over the tree that only collects the
    // probe commands and starts them, at most `jobs` child processes at a
    // time, while it goes on parsing; the real pass then reads their answers.
    // 1: one after another, as conf.
    int jobs = 1;
    // Where probes run. Empty: a private scratch directory under $TMPDIR, so
    // that probes which write scratch files never write into the tree (for a
    // caller whose srctree is absolute). conf runs them in make's current
    // directory, where a relative srctree ("." in an in-tree build) means
    // something: a caller acting as conf names that directory here.
    std::string working_dir;
};

struct LoadOptions {
    std::string srctree;             // kernel source tree root
    std::string kconfig = "Kconfig"; // top Kconfig file, relative to srctree
    // The variables the kernel's Makefile exports to conf (srctree, ARCH,
    // CC, CC_VERSION_TEXT, ...: default_environment). They win over
    // process_env, as make's exports win over the shell's.
    Environment env;
    // The caller's process environment. conf reads its own environment for
    // any variable the Makefile does not export, and `$(shell,...)` probes
    // inherit it; the engine reads this map instead (empty: nothing).
    Environment process_env;
    ProbeOptions probes;
    // Help texts are a fifth of a tree's memory and only a help screen shows
    // them; a caller that never does can drop them.
    bool keep_help = true;
    // Run conf_parse's last step, the dependency-loop check, on a thread of
    // its own and return before it ends: the caller may read a .config and
    // evaluate meanwhile (the check writes nothing they read), but must call
    // finish_dependency_check before it uses ctx.diags or any result: a
    // loop fails the load, as it fails conf before it reads a .config.
    bool background_dependency_check = false;
    // The Kconfig dialect; unset, it comes from srctree/Makefile's version
    // (and loading fails when there is none).
    std::optional<Dialect> dialect;
};

// A recorded `$(shell,...)` evaluation (for diagnostics and --offline).
struct ProbeRecord {
    std::string command;
    std::string output;
    bool from_cache = false;
    bool skipped_offline = false;
    Location loc;
};

class ProbePool;

class Context {
  public:
    Context();
    // Waits for a dependency check still running (it reads this context).
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    // ---- symbols -------------------------------------------------------
    // The constant symbols y, m, n and "" (the kernel's symbol_yes etc.).
    Symbol sym_yes, sym_mod, sym_no, sym_empty;
    Symbol* modules_sym = nullptr; // the symbol marked `modules`, or null

    // The named, non-constant symbol; null if never mentioned.
    Symbol* find_symbol(std::string_view name) const;
    // The named symbol, created (undefined, type Unknown) if needed.
    Symbol* intern_symbol(std::string_view name);
    // A constant symbol for a literal value ("y", "0x10", "foo").
    Symbol* const_symbol(std::string_view value);
    // A new unnamed choice symbol.
    Symbol* new_choice_symbol();
    // Every non-constant symbol, in the order first mentioned.
    const std::vector<Symbol*>& symbols() const { return symbol_order_; }

    // ---- graph allocation -------------------------------------------------
    const Expr* new_expr(ExprKind kind, const Expr* left = nullptr, const Expr* right = nullptr);
    const Expr* new_symbol_expr(Symbol* sym);
    const Expr* new_compare_expr(ExprKind kind, Symbol* left, Symbol* right);
    // AND/OR that drop a missing (null) side, as the kernel's expr_alloc_and/or.
    const Expr* expr_and(const Expr* a, const Expr* b);
    const Expr* expr_or(const Expr* a, const Expr* b);
    Property* new_property(PropertyKind kind, Symbol* sym, MenuNode* menu, Location loc);
    MenuNode* new_menu_node();
    const std::string* intern_file_name(std::string_view name);

    MenuNode root_menu;

    // ---- tree facts ----------------------------------------------------------
    std::string srctree;
    KernelVersion kernel_version;
    Dialect dialect = Dialect::newest();  // set by load_tree/load_tree_from_memory
    std::string mainmenu_text;            // expanded `mainmenu` prompt
    Symbol* defconfig_list_sym = nullptr; // `option defconfig_list` (kernels before 5.15)
    Environment env;                      // the Makefile's exports (LoadOptions::env)
    Environment process_env;              // the caller's environment (LoadOptions::process_env)
    // Environment variables the tree actually read (name -> value), in the
    // order of first use.
    std::vector<std::pair<std::string, std::string>> env_used;
    std::vector<ProbeRecord> probes;
    ProbeOptions probe_options;
    // During load_tree with probe_options.jobs > 1 and a cold cache: the
    // pool that runs probes ahead of the parser (owned by load_tree); null
    // otherwise.
    ProbePool* probe_pool = nullptr;
    // This load is the throwaway pass that only collects and starts probe
    // commands: an answer not known yet reads as a guess, and nothing the
    // pass builds is kept.
    bool speculative_pass = false;
    bool keep_help = true;
    // Every file read, in order (for dependency tracking and --explain).
    std::vector<const std::string*> files_read;

    Diagnostics diags;
    // A dependency-loop check running beside the caller
    // (LoadOptions::background_dependency_check), and the place in diags
    // where its reports belong (after the parse's, before anything later);
    // finish_dependency_check (eval.h) puts them there.
    std::future<Diagnostics> dependency_check;
    size_t dependency_check_at = 0;

    // Evaluation generation: bumped to invalidate every cached value.
    uint32_t generation = 1;
    // Evaluator/confdata state that the kernel keeps in file-level statics
    // (symbol.c's modules_val, confdata.c's conf_changed).
    Tristate modules_val = Tristate::No;
    bool conf_changed = false;
    // Record a note for each unknown symbol a .config names (conf is silent
    // unless KCONFIG_WARN_UNKNOWN_SYMBOLS). A caller that expects most
    // symbols to be unknown (a knowledge-base extract) turns this off.
    bool note_unknown_symbols = true;
    // Toolchain-derived symbols (kSymProbeDerived) keep the value the input
    // .config records instead of this machine's probe answers, as offline:
    // for judging a configuration made on another build machine. Off (the
    // default) for the kconfig targets, which must match conf.
    bool keep_recorded_toolchain = false;
    // With keep_recorded_toolchain: the input is a whole .config as conf
    // writes it, so a toolchain-derived bool or tristate it has no line for
    // was n on the machine that wrote it (conf writes no line for an
    // invisible symbol whose value is n), not this machine's answer. Off for
    // fragments, savedefconfigs and source-format configs, whose missing
    // lines say nothing.
    bool recorded_config_is_complete = false;

  private:
    ObjectArena<Symbol> symbol_arena_;
    ObjectArena<Expr> expr_arena_;
    ObjectArena<Property> property_arena_;
    ObjectArena<MenuNode> menu_arena_;
    std::deque<std::string> file_names_;
    // Keyed by the symbols' own names (stable: arena objects never move).
    static std::string_view symbol_name(const Symbol* s) { return s->name; }
    static std::string_view file_name(const std::string* s) { return *s; }
    NameIndex<Symbol, symbol_name> symbols_;
    NameIndex<Symbol, symbol_name> const_symbols_;
    NameIndex<std::string, file_name> file_name_index_;
    std::vector<Symbol*> symbol_order_;
};

// Parse the whole tree (lexer, preprocessor, parser, menu finalize).
// Returns false when errors were recorded in ctx.diags.
bool load_tree(Context& ctx, const LoadOptions& options);

// Parse a tree from in-memory files (tests, fuzzing): path -> contents.
// Any file not in the map is "missing".
// `dialect`: the Kconfig language of the files (there is no Makefile to
// read a version from).
bool load_tree_from_memory(Context& ctx, const std::map<std::string, std::string>& files,
                           const std::string& top, const std::map<std::string, std::string>& env,
                           Dialect dialect);

// Parse a standalone Kconfig expression ("XEN_PV && !X86_32") against the
// loaded symbols (undefined names are interned). Null and an error message on
// a syntax error.
const Expr* parse_expression(Context& ctx, std::string_view text, std::string* error);

// Print an expression the way the kernel's expr_fprint/expr_gstr_print do.
std::string expr_to_string(const Expr* e);
// The same, with each typed symbol followed by its value: "XEN [=y]"
// (menuconfig's help screen). `value_of` gives a symbol's current value.
std::string expr_to_string_with_values(const Expr* e,
                                       const std::function<std::string(Symbol*)>& value_of);

// Prompt of a node, "" if none.
std::string menu_prompt(const MenuNode* node);
// "-> Device Drivers -> Xen driver support" style path to a node's parent.
std::string menu_location(const MenuNode* node);

// The kernel's ARCH -> SRCARCH mapping ("x86_64" -> "x86", "i386" -> "x86",
// "arm64" -> "arm64"), and the environment conf sees for that ARCH
// (srctree, ARCH, SRCARCH, KERNELVERSION, CC, LD, CC_VERSION_TEXT, ...).
std::string srcarch_for_arch(std::string_view arch);
// The KBUILD_DEFCONFIG the arch Makefile sets for ARCH ("x86_64_defconfig",
// "i386_defconfig", "multi_v7_defconfig"), or "" where it sets none (arm64).
std::string arch_makefile_defconfig(std::string_view arch);
// The defconfig `make ARCH=... defconfig` applies (the arch Makefile's
// KBUILD_DEFCONFIG, else "defconfig"), relative to srctree: "arch/x86/configs/x86_64_defconfig",
// "arch/arm/configs/multi_v7_defconfig", "arch/arm64/configs/defconfig".
std::string arch_default_defconfig(std::string_view arch);
// Variables already set in `process_env` win (CC=clang, a CROSS_COMPILE
// prefix, a PATH with cross tools), as they do with make. CC_VERSION_TEXT and
// RUSTC_VERSION_TEXT run the compilers (through the probe cache) unless
// process_env sets them; with probes.offline nothing runs and they are empty
// (offline they count as unknown probes anyway).
Environment default_environment(const std::string& srctree, const std::string& arch,
                                const KernelVersion& kv, const Environment& process_env,
                                const ProbeOptions& probes);
// Read VERSION/PATCHLEVEL/SUBLEVEL/EXTRAVERSION from srctree/Makefile.
std::optional<KernelVersion> read_kernel_version(const std::string& srctree, std::string* error);

} // namespace kconfig
