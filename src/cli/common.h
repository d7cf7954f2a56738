// Shared pieces of the xencfg subcommands: error types mapped to exit
// statuses, option parsing helpers, tree loading.
#pragma once

#include "kconfig/context.h"
#include "rules/rules.h"

#include <boost/program_options.hpp>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace cli {

namespace po = boost::program_options;

// Exit statuses (documented in README.md).
constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2; // bad usage, unreadable or invalid input

// Bad command-line usage: "xencfg CMD: error: MESSAGE" + a hint, exit 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// A problem with an input that is not tied to a file line (message printed
// as is after "xencfg: error: "), exit 2.
struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const std::vector<std::string>& args);
};
const std::vector<Command>& commands();

int cmd_explain(const std::vector<std::string>& args);
int cmd_kconfig(const std::vector<std::string>& args);
int cmd_load(const std::vector<std::string>& args);
int cmd_check(const std::vector<std::string>& args);
int cmd_kb_extract(const std::vector<std::string>& args);
int cmd_generate(const std::vector<std::string>& args);
int cmd_fix(const std::vector<std::string>& args);
int cmd_diff(const std::vector<std::string>& args);
int cmd_rules(const std::vector<std::string>& args);
int cmd_conf(const std::vector<std::string>& args);
// conf's command line with `progname` as conf's argv[0] (main() calls it
// directly when xencfg runs under the name `conf`).
int run_conf_command(const std::string& progname, const std::vector<std::string>& args);

// Parses `args` with `visible` (shown in --help), `hidden` (the options
// behind the positional arguments; may be null) and `positional`; throws
// UsageError (Boost's messages) for unknown options and the like. --help or
// -h anywhere prints "Usage: xencfg COMMAND USAGE", the visible options and
// the examples before anything else is parsed (a request for help never
// fails on another argument), and then it returns false.
bool parse_command_line(const std::string& command, const std::vector<std::string>& args,
                        po::options_description& visible, const po::options_description* hidden,
                        const po::positional_options_description& positional, po::variables_map& vm,
                        const std::string& usage, const std::string& examples);

// An --arch value, in any spelling xenrules::parse_arch (the one arch
// parser) accepts: x86_64/amd64, i386/x86_32/i686, arm/armhf/armel,
// arm64/aarch64. Throws UsageError for anything else.
xenrules::Arch arch_option(const std::string& arch);
// The same, as ARCH for the kernel's make: x86_64, i386, arm or arm64.
std::string normalise_arch(const std::string& arch);

// The process environment: the only place xencfg reads it (the libraries are
// handed what they need).
kconfig::Environment process_environment();
// The process's current directory (absolute; "." if it cannot be read).
std::string current_directory();
// The probe options for a tree load: --offline, --no-probe-cache, and from
// `env`: XENCFG_NO_PROBE_CACHE (non-empty and not 0: no cache) and the cache
// directory ($XENCFG_CACHE_DIR/probes, $XDG_CACHE_HOME/xencfg/probes,
// $HOME/.cache/xencfg/probes, else none).
kconfig::ProbeOptions probe_options(const kconfig::Environment& env, bool offline,
                                    bool no_probe_cache);
// --mode as every command takes it: "any" (or nothing: the command's
// default, every mode or the best one) gives nullopt; pv, pvh, hvm. Throws
// UsageError for anything else.
std::optional<xenrules::Mode> parse_mode_option(const std::string& mode);

struct TreeOptions {
    std::string tree;
    std::string arch; // normalised ARCH
    bool offline = false;
    bool no_probe_cache = false;
    bool keep_help = false; // only commands that show help texts need them
    // kconfig::LoadOptions::background_dependency_check: the caller must then
    // call kconfig::finish_dependency_check before it reports anything.
    bool background_dependency_check = false;
};

// Loads a kernel tree into a fresh Context. Input problems (missing
// directory, unreadable Makefile) throw emit::FileError; Kconfig errors are
// left in ctx->diags and reported through `ok`.
std::unique_ptr<kconfig::Context> load_kernel_tree(const TreeOptions& options, bool& ok);

// A command's tree context is only freed when the process exits. Freeing a
// whole tree's objects one by one costs a tenth of a load (~8 ms for 6.12),
// so this hands the memory to the operating system with the process instead,
// as compilers do. Sanitizer builds free it, so that destructors stay
// checked. Declare it right after the context it guards.
class KeepUntilExit {
  public:
    explicit KeepUntilExit(std::unique_ptr<kconfig::Context>& ctx) : ctx_(ctx) {}
    KeepUntilExit(const KeepUntilExit&) = delete;
    KeepUntilExit& operator=(const KeepUntilExit&) = delete;
    ~KeepUntilExit();

  private:
    std::unique_ptr<kconfig::Context>& ctx_;
};

// The data directory holding rules/ and kb/: $XENCFG_DATADIR, else the source
// tree the binary was built from, else the install prefix's share/xencfg.
std::string data_dir();

// Prints diagnostics to stderr in xencfg's own format.
void print_diagnostics(const kconfig::Context& ctx);
// Prints diagnostics to stderr as conf does (conf_text), and those conf has
// no text for in xencfg's format.
void print_diagnostics_conf_style(const std::vector<kconfig::Diagnostic>& diags);

} // namespace cli
