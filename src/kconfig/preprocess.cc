#include "kconfig/preprocess.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <ftw.h>
#include <poll.h>
#include <spawn.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace kconfig {

namespace {

constexpr int kMaxFunctionArgs = 16; // conf's FUNCTION_MAX_ARGS
constexpr int kMaxExpansionDepth = 1000;

bool is_token_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

uint64_t fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

std::string hex64(uint64_t v) {
    char buf[17];
    snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

// Escape for the one-entry-per-line cache format.
std::string escape_field(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\t')
            out += "\\t";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string unescape_field(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            char n = s[++i];
            out += n == 't' ? '\t' : n == 'n' ? '\n' : n;
        } else {
            out += s[i];
        }
    }
    return out;
}

// Resolve a command name through PATH, as the shell would.
std::string which(const std::string& name, const std::string& path) {
    if (name.empty()) return {};
    if (name.find('/') != std::string::npos) return name;
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find(':', start);
        if (end == std::string::npos) end = path.size();
        std::string dir = path.substr(start, end - start);
        if (dir.empty()) dir = ".";
        std::string full = dir + "/" + name;
        if (access(full.c_str(), X_OK) == 0) return full;
        start = end + 1;
    }
    return {};
}

std::string file_identity(const std::string& path) {
    struct stat st;
    if (path.empty() || stat(path.c_str(), &st) != 0) return path + ":missing";
    return path + ":" + std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
           std::to_string(st.st_mtim.tv_nsec) + ":" + std::to_string(st.st_ino);
}

// conf's processing of a probe's output: trailing newlines removed, inner
// ones become spaces (the 4095-byte limit is applied while reading).
void finish_output(std::string& out) {
    while (!out.empty() && out.back() == '\n')
        out.pop_back();
    std::replace(out.begin(), out.end(), '\n', ' ');
}

} // namespace

// ---------------------------------------------------------------------------
// Shell

std::string run_shell_command(const std::string& command, const Environment& process_env,
                              const Environment& env, const std::string& cwd) {
    // The child's environment: the caller's environment with the Kconfig
    // environment laid over it.
    Environment merged = process_env;
    for (const auto& [k, v] : env)
        merged[k] = v;
    std::vector<std::string> env_strings;
    env_strings.reserve(merged.size());
    for (const auto& [k, v] : merged)
        env_strings.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& s : env_strings)
        envp.push_back(s.data());
    envp.push_back(nullptr);

    int pipefd[2];
    if (pipe(pipefd) != 0) return {};
    pid_t pid = fork();
    if (pid < 0) {
        close(pipefd[0]);
        close(pipefd[1]);
        return {};
    }
    if (pid == 0) {
        dup2(pipefd[1], 1);
        close(pipefd[0]);
        close(pipefd[1]);
        int devnull = open("/dev/null", O_RDWR);
        if (devnull >= 0) {
            dup2(devnull, 0);
            dup2(devnull, 2); // probes are quiet; the library never prints
        }
        if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(127);
        const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
        execve("/bin/sh", const_cast<char* const*>(argv), envp.data());
        _exit(127);
    }
    close(pipefd[1]);
    std::string out;
    char buf[4096];
    for (;;) {
        ssize_t n = read(pipefd[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        // conf reads at most 4095 bytes; keep reading to let the child finish.
        if (out.size() < 4095) out.append(buf, std::min<size_t>(size_t(n), 4095 - out.size()));
    }
    close(pipefd[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    finish_output(out);
    return out;
}

namespace {

// Remove a scratch directory and whatever probes left in it.
void remove_tree(const std::string& dir) {
    nftw(
        dir.c_str(),
        [](const char* path, const struct stat*, int, struct FTW*) { return remove(path); }, 16,
        FTW_DEPTH | FTW_PHYS);
}

// A private working directory under $TMPDIR, so that probes which create
// scratch files never write into the kernel tree; "" if none can be made.
std::string make_scratch_dir(const Environment& process_env) {
    auto tmp = process_env.find("TMPDIR");
    std::string tmpl = (tmp != process_env.end() && !tmp->second.empty() ? tmp->second : "/tmp") +
                       "/xencfg-probe-XXXXXX";
    return mkdtemp(tmpl.data()) ? tmpl : std::string();
}

} // namespace

// ---------------------------------------------------------------------------
// Probe pool

ProbePool::ProbePool(const Environment& process_env, const Environment& env, int jobs,
                     const std::string& working_dir)
    : scratch_dir_(working_dir.empty() ? make_scratch_dir(process_env) : std::string()),
      cwd_(working_dir.empty() ? scratch_dir_ : working_dir), jobs_(size_t(std::max(jobs, 1))) {
    Environment merged = process_env;
    for (const auto& [k, v] : env)
        merged[k] = v;
    for (const auto& [k, v] : merged)
        env_strings_.push_back(k + "=" + v);
}

ProbePool::~ProbePool() {
    queue_.clear();
    while (!running_.empty())
        pump(-1);
    if (!scratch_dir_.empty()) remove_tree(scratch_dir_);
}

void ProbePool::submit(const std::string& command) {
    if (!submitted_.insert(command).second) return;
    queue_.push_back(command);
    pump(0);
}

const std::string* ProbePool::answer(const std::string& command) {
    pump(0);
    auto it = answers_.find(command);
    return it != answers_.end() ? &it->second : nullptr;
}

std::string ProbePool::wait_for(const std::string& command) {
    submit(command);
    for (;;) {
        if (auto it = answers_.find(command); it != answers_.end()) return it->second;
        // Submitted, so it is queued or running: the wait ends.
        pump(-1);
    }
}

void ProbePool::start_queued() {
    while (running_.size() < jobs_ && !queue_.empty()) {
        Child child;
        child.command = std::move(queue_.front());
        queue_.pop_front();
        int pipefd[2];
        posix_spawn_file_actions_t actions;
        bool spawned = false;
        if (pipe2(pipefd, O_CLOEXEC) == 0) {
            posix_spawn_file_actions_init(&actions);
            posix_spawn_file_actions_adddup2(&actions, pipefd[1], 1);
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
            if (!cwd_.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd_.c_str());
            std::vector<char*> envp;
            for (auto& s : env_strings_)
                envp.push_back(s.data());
            envp.push_back(nullptr);
            const char* argv[] = {"/bin/sh", "-c", child.command.c_str(), nullptr};
            pid_t pid;
            spawned = posix_spawn(&pid, "/bin/sh", &actions, nullptr,
                                  const_cast<char* const*>(argv), envp.data()) == 0;
            posix_spawn_file_actions_destroy(&actions);
            close(pipefd[1]);
            if (spawned) {
                child.pid = pid;
                child.fd = pipefd[0];
            } else {
                close(pipefd[0]);
            }
        }
        if (!spawned) {
            // As run_shell_command: a probe that cannot run prints nothing.
            answers_[child.command] = {};
            continue;
        }
        ++started_;
        running_.push_back(std::move(child));
    }
}

void ProbePool::finish(Child& child) {
    close(child.fd);
    int status;
    while (waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
    }
    finish_output(child.output);
    answers_[child.command] = std::move(child.output);
}

void ProbePool::pump(int timeout_ms) {
    start_queued();
    if (running_.empty()) return;
    std::vector<pollfd> fds;
    for (const Child& c : running_)
        fds.push_back(pollfd{c.fd, POLLIN, 0});
    int n = poll(fds.data(), fds.size(), timeout_ms);
    if (n <= 0) return;
    std::vector<Child> still;
    for (size_t i = 0; i < running_.size(); ++i) {
        Child& c = running_[i];
        bool done = false;
        if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
            char buf[4096];
            ssize_t got = read(c.fd, buf, sizeof buf);
            if (got < 0 && errno == EINTR) {
                // try again at the next pump
            } else if (got <= 0) {
                done = true;
            } else if (c.output.size() < 4095) {
                // conf reads at most 4095 bytes; the rest is read and dropped.
                c.output.append(buf, std::min<size_t>(size_t(got), 4095 - c.output.size()));
            }
        }
        if (done)
            finish(c);
        else
            still.push_back(std::move(c));
    }
    running_ = std::move(still);
    start_queued();
}

// ---------------------------------------------------------------------------
// Probe cache

ProbeCache::ProbeCache(const Context& ctx, const ProbeOptions& options) {
    if (!options.use_cache || options.offline || options.cache_dir.empty()) return;
    const std::string& dir = options.cache_dir;

    // The key: tree, whole environment, PATH, and the identity of every tool
    // the Kconfig environment names.
    std::string key = "xencfg-probes-v1\n";
    char real[PATH_MAX];
    key += realpath(ctx.srctree.c_str(), real) ? real : ctx.srctree;
    key += "\n";
    key += file_identity(ctx.srctree + "/Makefile") + "\n";
    Environment merged;
    // Only variables that can change what a probe prints; the rest of a
    // user's environment (terminal, session ids) would defeat the cache.
    static const char* const relevant[] = {
        "PATH",          "LANG",         "LC_ALL", "LC_MESSAGES", "GCC_EXEC_PREFIX",
        "COMPILER_PATH", "LIBRARY_PATH", "CPATH",  "TMPDIR"};
    for (const char* r : relevant)
        if (auto it = ctx.process_env.find(r); it != ctx.process_env.end()) merged[r] = it->second;
    for (const auto& [k, v] : ctx.env)
        merged[k] = v;
    for (const auto& [k, v] : merged)
        key += k + "=" + v + "\n";
    std::string path_var = merged.count("PATH") ? merged["PATH"] : "";
    static const char* const tools[] = {"CC",    "LD",      "HOSTCC", "HOSTCXX",
                                        "RUSTC", "BINDGEN", "PAHOLE", "OBJCOPY",
                                        "NM",    "AR",      "CPP"};
    for (const char* t : tools) {
        auto it = merged.find(t);
        if (it == merged.end()) continue;
        std::string first = it->second.substr(0, it->second.find(' '));
        key += std::string(t) + "->" + file_identity(which(first, path_var)) + "\n";
    }
    path_ = dir + "/" + hex64(fnv1a(key)) + ".probes";
    enabled_ = true;

    std::ifstream in(path_);
    std::string line;
    while (std::getline(in, line)) {
        size_t tab = line.find('\t');
        if (tab == std::string::npos) continue;
        entries_[unescape_field(line.substr(0, tab))] = unescape_field(line.substr(tab + 1));
    }
}

bool ProbeCache::lookup(const std::string& command, std::string& output) const {
    if (!enabled_) return false;
    auto it = entries_.find(command);
    if (it == entries_.end()) return false;
    output = it->second;
    return true;
}

void ProbeCache::store(const std::string& command, const std::string& output) {
    if (!enabled_) return;
    entries_[command] = output;
    dirty_ = true;
}

void ProbeCache::flush() {
    if (!enabled_ || !dirty_) return;
    // mkdir -p of the cache directory.
    std::string dir = path_.substr(0, path_.rfind('/'));
    for (size_t i = 1; i <= dir.size(); ++i)
        if (i == dir.size() || dir[i] == '/') mkdir(dir.substr(0, i).c_str(), 0755);
    std::string tmp = path_ + ".tmp." + std::to_string(getpid());
    {
        std::ofstream out(tmp, std::ios::trunc);
        if (!out) return; // an unwritable cache is not an error: it is only slower
        std::vector<std::pair<std::string, std::string>> sorted(entries_.begin(), entries_.end());
        std::sort(sorted.begin(), sorted.end());
        for (const auto& [cmd, output] : sorted)
            out << escape_field(cmd) << '\t' << escape_field(output) << '\n';
        if (!out.good()) {
            unlink(tmp.c_str());
            return;
        }
    }
    if (rename(tmp.c_str(), path_.c_str()) != 0) unlink(tmp.c_str());
    dirty_ = false;
}

std::string cached_tool_output(const std::string& command, const std::string& tool,
                               const Environment& env, const Environment& process_env,
                               const ProbeOptions& probes) {
    if (probes.offline) return {};
    std::string path_var;
    if (auto it = env.find("PATH"); it != env.end())
        path_var = it->second;
    else if (auto pit = process_env.find("PATH"); pit != process_env.end())
        path_var = pit->second;
    std::string first = tool.substr(0, tool.find(' '));
    std::string key = command + "\n" + path_var + "\n" + file_identity(which(first, path_var));
    const std::string& dir = probes.cache_dir;
    bool use_cache = probes.use_cache && !dir.empty();
    std::string file = dir + "/tool-" + hex64(fnv1a(key)) + ".out";
    if (use_cache) {
        std::ifstream in(file);
        std::string stored_key, value;
        if (std::getline(in, stored_key) && unescape_field(stored_key) == key) {
            std::getline(in, value);
            return unescape_field(value);
        }
    }
    std::string out = run_shell_command(command, process_env, env, "");
    if (use_cache) {
        for (size_t i = 1; i <= dir.size(); ++i)
            if (i == dir.size() || dir[i] == '/') mkdir(dir.substr(0, i).c_str(), 0755);
        std::string tmp = file + ".tmp." + std::to_string(getpid());
        {
            std::ofstream o(tmp, std::ios::trunc);
            o << escape_field(key) << '\n' << escape_field(out) << '\n';
        }
        if (rename(tmp.c_str(), file.c_str()) != 0) unlink(tmp.c_str());
    }
    return out;
}

// ---------------------------------------------------------------------------
// Preprocessor

Preprocessor::Preprocessor(Context& ctx, std::function<Location()> where)
    : ctx_(ctx), where_(std::move(where)),
      cache_(std::make_unique<ProbeCache>(ctx, ctx.probe_options)) {}

Preprocessor::~Preprocessor() {
    // Probes clean up after themselves; remove whatever they left.
    if (!scratch_dir_.empty()) remove_tree(scratch_dir_);
}

void Preprocessor::flush_cache() {
    cache_->flush();
}

bool Preprocessor::cache_has_answers() const {
    return !cache_->empty();
}

void Preprocessor::error(const std::string& message) {
    Location loc = where_();
    ctx_.diags.add(conf_diagnostic(Severity::Error, DiagCode::MacroError, loc.file ? *loc.file : "",
                                   loc.line, message, ": "));
    fatal_ = true;
}

void Preprocessor::add_variable(const std::string& name, std::string_view value,
                                VariableFlavor flavor) {
    auto it = variables_.find(name);
    bool append = false;
    if (it != variables_.end()) {
        if (flavor == VariableFlavor::Append) {
            flavor = it->second.flavor;
            append = true;
        }
    } else {
        if (flavor == VariableFlavor::Append) flavor = VariableFlavor::Recursive;
        it = variables_.emplace(name, Variable{}).first;
    }
    // A simple variable is expanded once, here; a recursive one at each use.
    // A simple variable computed from a probe carries the build machine
    // into every later use (offline: an unknown).
    if (append && it->second.deferred) resolve_deferred(name);
    int uses_before = probe_uses_;
    int guesses_before = guesses_;
    std::string new_value;
    if (flavor == VariableFlavor::Simple) {
        ++simple_assignment_depth_;
        new_value = expand_string(value);
        --simple_assignment_depth_;
    } else {
        new_value = std::string(value);
    }
    it = variables_.find(name); // expansion may not insert, but stay safe
    // The speculative pass does not wait for the probes of a `:=`: it goes
    // on, so that independent chains (cc-info, as-info, ld-info, ...) start
    // together, and waits when the value is used.
    if (!append) {
        it->second.deferred = guesses_ != guesses_before;
        it->second.raw = it->second.deferred ? std::string(value) : std::string();
    }
    if (probe_uses_ != uses_before)
        it->second.tainted = true;
    else if (!append)
        it->second.tainted = false;
    it->second.flavor = flavor;
    if (append)
        it->second.value += " " + new_value;
    else
        it->second.value = std::move(new_value);
}

std::string Preprocessor::env_lookup(const std::string& name, bool& found) {
    found = false;
    if (name.empty()) return {};
    // Every variable the Makefile hands Kconfig but the target's identity
    // (ARCH, SRCARCH, srctree, KERNELVERSION) names the build machine's
    // toolchain: CC, LD, CROSS_COMPILE_COMPAT, and CC_VERSION_TEXT or
    // RUSTC_VERSION_TEXT, which it computes by running the tools. A value
    // read from one is as much the build machine's as a probe's (offline,
    // as unknown).
    if (name != "ARCH" && name != "SRCARCH" && name != "srctree" && name != "KERNELVERSION")
        ++probe_uses_;
    for (const auto& [k, v] : ctx_.env_used)
        if (k == name) {
            found = true;
            return v;
        }
    std::string value;
    auto it = ctx_.env.find(name);
    if (it != ctx_.env.end()) {
        value = it->second;
    } else if (auto pit = ctx_.process_env.find(name); pit != ctx_.process_env.end()) {
        // conf reads its process environment for variables the Makefile
        // does not export; we read the caller's.
        value = pit->second;
    } else {
        return {};
    }
    found = true;
    ctx_.env_used.emplace_back(name, value);
    return value;
}

std::string Preprocessor::run_shell(const std::string& command) {
    ProbeRecord rec;
    rec.command = command;
    rec.loc = where_();
    std::string out;
    // Offline comes first: this machine's cached answers say nothing about
    // the machine (or architecture) the .config was made for.
    if (ctx_.probe_options.offline) {
        // No shell offline. "0" keeps every probe-shaped expression
        // well-formed and is both n (as a bool) and a valid number (as an int
        // default); symbols built on it are marked probe-derived so that
        // their values come from the input .config instead.
        out = "0";
        rec.skipped_offline = true;
    } else if (cache_->lookup(command, out)) {
        rec.from_cache = true;
    } else {
        if (ctx_.probe_pool) {
            out = pooled_answer(command);
            if (ctx_.speculative_pass) return out; // a throwaway pass records nothing
        } else {
            const std::string& working_dir = ctx_.probe_options.working_dir;
            if (working_dir.empty() && scratch_dir_.empty())
                scratch_dir_ = make_scratch_dir(ctx_.process_env);
            out = run_shell_command(command, ctx_.process_env, ctx_.env,
                                    !working_dir.empty()   ? working_dir
                                    : scratch_dir_.empty() ? ctx_.srctree
                                                           : scratch_dir_);
        }
        cache_->store(command, out);
    }
    ++probe_uses_;
    rec.output = out;
    ctx_.probes.push_back(std::move(rec));
    return out;
}

// A probe's answer from the pool. The real pass waits for it (most were
// started by the speculative pass and have finished). The speculative pass
// waits only when it resolves a deferred `:=` variable, whose value later
// commands are built from; elsewhere it starts the probe and reads "n" for
// now (the commonest answer; a wrong guess can only cost probes that were
// not needed, never a wrong answer: the real pass reads only real ones).
std::string Preprocessor::pooled_answer(const std::string& command) {
    ProbePool& pool = *ctx_.probe_pool;
    if (!ctx_.speculative_pass || resolving_ > 0) return pool.wait_for(command);
    if (const std::string* known = pool.answer(command)) return *known;
    pool.submit(command);
    ++guesses_;
    return "n";
}

// The value of a deferred variable (speculative pass), its probes waited for.
std::string Preprocessor::resolve_deferred(const std::string& name) {
    std::string raw = variables_[name].raw;
    ++resolving_;
    std::string value = expand_string(raw);
    --resolving_;
    Variable& v = variables_[name];
    v.deferred = false;
    v.value = value;
    return value;
}

// The built-in function table, as conf's: name, min args, max args.
bool Preprocessor::call_function(const std::string& name, const std::vector<std::string>& args,
                                 std::string& out) {
    struct Builtin {
        const char* name;
        size_t min_args, max_args;
    };
    static const Builtin table[] = {{"error-if", 2, 2}, {"filename", 0, 0}, {"info", 1, 1},
                                    {"lineno", 0, 0},   {"shell", 1, 1},    {"warning-if", 2, 2}};
    const Builtin* f = nullptr;
    for (const auto& b : table)
        if (name == b.name) f = &b;
    if (!f) return false;
    if (args.size() < f->min_args) {
        error("too few function arguments passed to '" + name + "'");
        return true;
    }
    if (args.size() > f->max_args) {
        error("too many function arguments passed to '" + name + "'");
        return true;
    }
    Location loc = where_();
    std::string file = loc.file ? *loc.file : "";
    out.clear();
    if (name == "error-if") {
        // Offline, a probe that was not run cannot justify a fatal error.
        if (args[0] == "y" && !(ctx_.probe_options.offline && probe_uses_ > 0)) error(args[1]);
    } else if (name == "filename") {
        out = file;
    } else if (name == "info") {
        Diagnostic d;
        d.severity = Severity::Note;
        d.code = DiagCode::MacroInfo;
        d.file = file;
        d.line = loc.line;
        d.message = args[0];
        d.conf_text = args[0]; // conf prints $(info) text on stdout, bare
        ctx_.diags.add(std::move(d));
    } else if (name == "lineno") {
        out = std::to_string(loc.line);
    } else if (name == "shell") {
        out = run_shell(args[0]);
    } else if (name == "warning-if") {
        if (args[0] == "y") {
            Diagnostic d;
            d.severity = Severity::Warning;
            d.code = DiagCode::MacroWarning;
            d.file = file;
            d.line = loc.line;
            d.message = args[1];
            d.conf_text = file + ":" + std::to_string(loc.line) + ": " + args[1];
            ctx_.diags.add(std::move(d));
        }
    }
    return true;
}

// clause := number | name [',' arg]*   (inside "$(" ... ")")
std::string Preprocessor::eval_clause(std::string_view clause,
                                      const std::vector<std::string>& args) {
    // $(1), $(2)...: a positional argument of the enclosing user function.
    if (!clause.empty() &&
        std::all_of(clause.begin(), clause.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        unsigned long n = strtoul(std::string(clause).c_str(), nullptr, 10);
        if (n > 0 && n <= args.size()) return args[n - 1];
    }
    // Split at top-level commas.
    std::vector<std::string_view> parts;
    int nest = 0;
    size_t prev = 0;
    for (size_t i = 0; i < clause.size(); ++i) {
        char c = clause[i];
        if (nest == 0 && c == ',') {
            if (int(parts.size()) >= kMaxFunctionArgs) {
                error("too many function arguments");
                return {};
            }
            parts.push_back(clause.substr(prev, i - prev));
            prev = i + 1;
        } else if (c == '(') {
            ++nest;
        } else if (c == ')') {
            --nest;
        }
    }
    if (int(parts.size()) >= kMaxFunctionArgs) {
        error("too many function arguments");
        return {};
    }
    parts.push_back(clause.substr(prev));

    int guesses_before = guesses_;
    std::string name = expand_with_args(parts[0], args);
    // The speculative pass keeps no diagnostics: it skips what only makes
    // them, and so does not wait for the probes in their conditions.
    if (ctx_.speculative_pass && (name == "error-if" || name == "warning-if" || name == "info") &&
        !variables_.count(name))
        return {};
    std::vector<std::string> new_args;
    for (size_t i = 1; i < parts.size() && !fatal_; ++i)
        new_args.push_back(expand_with_args(parts[i], args));
    if (fatal_) return {};
    // A command built from a guess is not worth running: the guess is
    // passed on instead.
    if (ctx_.speculative_pass && guesses_ != guesses_before && name == "shell" &&
        !variables_.count(name))
        return "n";

    // Variables first, then built-in functions, then the environment.
    if (auto it = variables_.find(name); it != variables_.end()) {
        Variable& v = it->second;
        if (new_args.empty() && v.expanding) {
            error("Recursive variable '" + name + "' references itself (eventually)");
            return {};
        }
        if (v.expanding > kMaxExpansionDepth) {
            error("Too deep recursive expansion");
            return {};
        }
        if (v.tainted) ++probe_uses_;
        if (v.deferred) {
            // Inside another `:=` the guess spreads (that one is deferred too).
            if (simple_assignment_depth_ > 0 && resolving_ == 0) {
                ++guesses_;
                return {};
            }
            return resolve_deferred(name);
        }
        if (v.flavor != VariableFlavor::Recursive) return v.value;
        ++v.expanding;
        std::string value = v.value; // the map may grow during expansion
        std::string res = expand_with_args(value, new_args);
        --variables_[name].expanding;
        return res;
    }
    std::string out;
    if (call_function(name, new_args, out)) return out;
    if (new_args.empty()) {
        bool found;
        std::string v = env_lookup(name, found);
        if (found) return v;
    }
    return {};
}

// reference := '$' '(' clause ')' | '$' <anything else, kept literally>
std::string Preprocessor::expand_dollar_with_args(std::string_view in, size_t& pos,
                                                  const std::vector<std::string>& args) {
    if (pos >= in.size() || in[pos] != '(') return "$";
    size_t start = ++pos;
    int nest = 0;
    size_t q = start;
    for (; q < in.size(); ++q) {
        if (in[q] == '(')
            ++nest;
        else if (in[q] == ')' && nest-- == 0)
            break;
    }
    if (q >= in.size()) {
        error("unterminated reference to '" + std::string(in.substr(start)) + "': missing ')'");
        pos = in.size();
        return {};
    }
    pos = q + 1;
    if (++depth_ > kMaxExpansionDepth * 4) {
        --depth_;
        error("Too deep recursive expansion");
        return {};
    }
    std::string res = eval_clause(in.substr(start, q - start), args);
    --depth_;
    return res;
}

std::string Preprocessor::expand_dollar(std::string_view in, size_t& pos) {
    return expand_dollar_with_args(in, pos, {});
}

std::string Preprocessor::expand_with_args(std::string_view in,
                                           const std::vector<std::string>& args) {
    std::string out;
    size_t p = 0, lit = 0;
    while (p < in.size() && !fatal_) {
        if (in[p] == '$') {
            out.append(in.substr(lit, p - lit));
            ++p;
            out += expand_dollar_with_args(in, p, args);
            lit = p;
            continue;
        }
        ++p;
    }
    if (lit < in.size() && !fatal_) out.append(in.substr(lit));
    return out;
}

std::string Preprocessor::expand_string(std::string_view in) {
    return expand_with_args(in, {});
}

std::string Preprocessor::expand_token(std::string_view in, size_t& pos) {
    std::string out;
    size_t lit = pos;
    while (pos < in.size() && !fatal_) {
        if (in[pos] == '$') {
            out.append(in.substr(lit, pos - lit));
            ++pos;
            out += expand_dollar_with_args(in, pos, {});
            lit = pos;
            continue;
        }
        if (!is_token_char(in[pos])) break;
        ++pos;
    }
    if (lit < pos) out.append(in.substr(lit, pos - lit));
    return out;
}

} // namespace kconfig
