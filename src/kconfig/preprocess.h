// The Kconfig macro language (Documentation/kbuild/kconfig-macro-language.rst):
// variables (`=`, `:=`, `+=`), user functions with $(1)..., built-in functions
// (shell, info, warning-if, error-if, filename, lineno) and environment
// variables. One Preprocessor lives for one load of a tree.
#pragma once

#include "kconfig/context.h"

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace kconfig {

class ProbeCache;

enum class VariableFlavor { Recursive, Simple, Append };

class Preprocessor {
  public:
    // `where` supplies the current file and line for $(filename), $(lineno)
    // and diagnostics.
    Preprocessor(Context& ctx, std::function<Location()> where);
    ~Preprocessor();

    // variable_add: `name op value`.
    void add_variable(const std::string& name, std::string_view value, VariableFlavor flavor);

    // Expand every `$(...)` in a whole string.
    std::string expand_string(std::string_view in);
    // Expand one token starting at `in[pos]`: stops at the first character
    // that cannot be part of a symbol name, outside of `$(...)`. Advances pos.
    std::string expand_token(std::string_view in, size_t& pos);
    // Expand the `$...` reference at in[pos] (pos points after the '$').
    std::string expand_dollar(std::string_view in, size_t& pos);

    // Set when an expansion failed fatally (conf exits there); the parser
    // stops the current file at that point.
    bool fatal() const { return fatal_; }
    // Counts uses of a value that comes from the build machine: every
    // `$(shell,...)` result (run, cached or, offline, not known), the
    // Makefile's CC_VERSION_TEXT/RUSTC_VERSION_TEXT, and every simple
    // variable built from one. A symbol whose entry used one is
    // toolchain-derived (kSymProbeDerived).
    int probe_uses() const { return probe_uses_; }

    // Write new probe results to the cache (called once after parsing).
    void flush_cache();
    // Whether the on-disk probe cache holds answers for this probe
    // environment (then a load has nothing to run ahead).
    bool cache_has_answers() const;

  private:
    struct Variable {
        std::string value;
        VariableFlavor flavor = VariableFlavor::Recursive;
        int expanding = 0;
        bool tainted = false; // a simple variable built from a probe result
        // The speculative pass: a simple variable whose value was built from a
        // guessed probe answer; `raw` (its right-hand side) is expanded again,
        // waiting for the probes, when something needs the value.
        bool deferred = false;
        std::string raw; // the right-hand side of a deferred variable
    };
    std::string resolve_deferred(const std::string& name);
    std::string expand_with_args(std::string_view in, const std::vector<std::string>& args);
    std::string expand_dollar_with_args(std::string_view in, size_t& pos,
                                        const std::vector<std::string>& args);
    std::string eval_clause(std::string_view clause, const std::vector<std::string>& args);
    bool call_function(const std::string& name, const std::vector<std::string>& args,
                       std::string& out);
    std::string env_lookup(const std::string& name, bool& found);
    std::string run_shell(const std::string& command);
    std::string pooled_answer(const std::string& command);
    void error(const std::string& message);

    Context& ctx_;
    std::function<Location()> where_;
    std::unordered_map<std::string, Variable> variables_;
    std::unique_ptr<ProbeCache> cache_;
    bool fatal_ = false;
    int probe_uses_ = 0;
    int depth_ = 0;
    // The speculative pass: inside the right-hand side of a `:=` assignment
    // (a guessed probe answer there defers the variable).
    int simple_assignment_depth_ = 0;
    // The speculative pass: re-expanding a deferred variable, whose value is
    // needed now (probes are waited for).
    int resolving_ = 0;
    // The speculative pass: probe answers guessed so far.
    int guesses_ = 0;
    std::string scratch_dir_; // created on the first shell run
};

// The on-disk cache of `$(shell,...)` results. A cache file belongs to one
// "probe environment": its name is a hash of the kernel tree path, the whole
// environment given to the shell and the identity (path, size, mtime) of the
// tools it names ($CC, $LD, $HOSTCC, ...). Any change there selects another
// file, so a stale answer is never reused.
class ProbeCache {
  public:
    ProbeCache(const Context& ctx, const ProbeOptions& options);
    bool lookup(const std::string& command, std::string& output) const;
    bool empty() const { return entries_.empty(); } // no answer stored for this environment
    void store(const std::string& command, const std::string& output);
    void flush(); // write atomically if anything was stored
    const std::string& path() const { return path_; }

  private:
    std::string path_;
    std::unordered_map<std::string, std::string> entries_;
    bool dirty_ = false;
    bool enabled_ = false;
};

// Run `sh -c command` with `env` laid over `process_env` as its whole
// environment, in directory `cwd`; returns stdout processed as conf does
// (at most 4095 bytes, trailing newlines removed, inner newlines -> spaces).
std::string run_shell_command(const std::string& command, const Environment& process_env,
                              const Environment& env, const std::string& cwd);

// Runs `$(shell,...)` commands as child processes, at most `jobs` at once.
// Single-threaded: the children run while the caller goes on parsing, and
// every call collects the ones that finished (poll) and starts queued ones.
// A command is run once; its answer is processed as run_shell_command's.
class ProbePool {
  public:
    // The children's environment is `env` laid over `process_env`; they run
    // in `working_dir`, or when it is empty in a private scratch directory
    // under $TMPDIR (from process_env), which the destructor removes.
    ProbePool(const Environment& process_env, const Environment& env, int jobs,
              const std::string& working_dir);
    ~ProbePool(); // waits for the children still running
    ProbePool(const ProbePool&) = delete;
    ProbePool& operator=(const ProbePool&) = delete;

    // Queue `command` unless it was queued before.
    void submit(const std::string& command);
    // The answer if the command has finished, else null.
    const std::string* answer(const std::string& command);
    // The answer, waiting for it (the command is submitted if it was not).
    std::string wait_for(const std::string& command);
    int started() const { return started_; } // children started so far

  private:
    struct Child {
        int pid = -1;        // the `sh -c` process
        int fd = -1;         // read end of its stdout pipe
        std::string command; // what it runs (the answer's key)
        std::string output;  // stdout read so far (at most 4095 bytes kept)
    };
    void start_queued();
    void pump(int timeout_ms); // read output, reap finished children, start queued ones
    void finish(Child& child);

    std::vector<std::string> env_strings_;                 // the children's environment, NAME=value
    std::string scratch_dir_;                              // private scratch dir ("" if none made)
    std::string cwd_;                                      // the children's working directory
    size_t jobs_;                                          // at most this many children at once
    std::deque<std::string> queue_;                        // submitted, not started yet
    std::vector<Child> running_;                           // started, not reaped yet
    std::unordered_map<std::string, std::string> answers_; // finished: command -> output
    std::unordered_set<std::string> submitted_;            // every command ever submitted
    int started_ = 0;                                      // children started
};

// `sh -c command` output (as run_shell_command), cached on disk next to the
// probe cache under a key made of the command, PATH and the identity (path,
// size, mtime, inode) of `tool` as PATH resolves it: a different or updated
// tool is a different key. Used for CC_VERSION_TEXT and friends. The cache is
// probes.cache_dir, used only if probes.use_cache; with probes.offline
// nothing runs and the output is "".
std::string cached_tool_output(const std::string& command, const std::string& tool,
                               const Environment& env, const Environment& process_env,
                               const ProbeOptions& probes);

} // namespace kconfig
