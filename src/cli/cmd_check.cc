// xencfg check: judge .config files (or fragments) against the dom0/domU
// rules, through a kernel tree or the shipped knowledge base.
#include "cli/catalog.h"
#include "cli/check_repo.h"
#include "cli/common.h"
#include "cli/input.h"
#include "cli/knowledge.h"
#include "cli/rule_table.h"
#include "emit/files.h"
#include "emit/findings.h"
#include "emit/term.h"
#include "rules/check.h"
#include "rules/kb.h"
#include "rules/rules.h"

#include <exception>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <utility>

namespace cli {
namespace {

bool is_dir(const std::string& p) {
    struct stat st;
    return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// --show and --format, for one input and for a repository alike.
void require_known_show_and_format(const std::string& show, const std::string& format) {
    if (show != "failures" && show != "all")
        throw UsageError("unknown --show '" + show + "' (use failures or all)");
    if (format != "text" && format != "json" && format != "sarif" && format != "junit")
        throw UsageError("unknown format '" + format + "' (use text, json, sarif or junit)");
}

// --repo: the options that make sense for a whole repository, handed to
// check_repo (the manifest gives each flavour's role, arch and version).
int check_repo_command(const po::variables_map& vm, const std::vector<std::string>& files,
                       const std::string& mode, const std::string& format,
                       const std::string& output, const std::string& rules_file,
                       const std::vector<std::string>& disabled, const std::string& show) {
    for (const char* o : {"role", "arch", "kernel-version", "tree", "fragment", "savedefconfig"})
        if (vm.count(o) && !vm[o].defaulted())
            throw UsageError(std::string("--") + o +
                             " does not go with --repo: xencfg.toml gives each flavour's");
    require_known_show_and_format(show, format);
    RepoCheckArgs a;
    a.root = ".";
    a.changed = files;
    // `--repo DIR`: a directory given as the first argument is the root.
    if (!files.empty() && is_dir(files.front())) {
        a.root = files.front();
        a.changed.erase(a.changed.begin());
    }
    a.mode = parse_mode_option(mode);
    a.rules_file = rules_file;
    a.disabled = disabled;
    a.format = format;
    a.output = output;
    a.strict = vm.count("strict") > 0;
    a.show_suppressed = vm.count("show-suppressed") > 0;
    a.show_all = show == "all";
    return check_repo(a);
}

// `xencfg check`'s command line, parsed: what the library is asked
// (options) and what the CLI itself does (inputs, tree, rendering).
struct CheckCommand {
    std::vector<std::string> configs;  // the inputs, in the order given
    xenrules::CheckOptions options;    // role, mode, arch, version, fragment, strict...
    std::string tree;                  // --tree DIR; "" judges with the knowledge base
    bool offline = false;              // --offline: run no $(shell,...) probe
    bool no_probe_cache = false;       // --no-probe-cache
    std::string base;                  // --base FILE: each input is merged onto it
    std::string format = "text";       // text, json, sarif or junit
    std::string output;                // --output FILE; "" or "-" is stdout
    std::string show = "failures";     // failures, or all (the rule table first)
    std::string rules_file;            // --rules FILE
    std::vector<std::string> disabled; // --disable IDs
    bool show_suppressed = false;      // --show-suppressed
    std::string data_dir;              // where the shipped rules/ and kb/ are
};

// The inputs once read: their texts, and each one's input error (the
// others still get their reports).
struct CheckInputs {
    std::vector<std::string> texts;  // each input's text (--base: merged onto the base)
    std::vector<std::string> errors; // "file:line: error: ..." or "" (per input)
    std::vector<int> merged_offset;  // --base: the fragment's first line in the text; -1 if none
    std::vector<xenrules::ConfigTarget> targets; // what each usable text says of arch and version
    // Record input i's first error only (a later one would hide the cause).
    void fail(size_t i, const std::string& message) {
        if (errors[i].empty()) errors[i] = message;
    }
    bool usable(size_t i) const { return errors[i].empty(); }
};

bool blank(const std::string& text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

const char* const kNoArchLine = "cannot tell the architecture (no CONFIG_X86_64, CONFIG_X86_32, "
                                "CONFIG_ARM or CONFIG_ARM64 line); pass --arch";

// Reads every input. A missing, binary, empty or non-UTF-8 input, or one
// made for another architecture than --arch, gets its error and is left out.
CheckInputs read_check_inputs(const CheckCommand& cmd) {
    size_t n = cmd.configs.size();
    CheckInputs in{std::vector<std::string>(n), std::vector<std::string>(n),
                   std::vector<int>(n, -1), std::vector<xenrules::ConfigTarget>(n)};
    for (size_t i = 0; i < n; ++i)
        try {
            in.texts[i] = emit::read_text_file(cmd.configs[i]);
        } catch (const emit::FileError& e) {
            in.fail(i, e.text());
        }
    // --base: each input is a fragment merged onto the base, judged whole.
    if (!cmd.base.empty()) {
        std::string base_text = emit::read_text_file(cmd.base);
        emit::require_utf8(cmd.base, base_text);
        for (size_t i = 0; i < n; ++i) {
            if (!in.usable(i) || blank(in.texts[i])) continue;
            xenrules::MergedConfig m = xenrules::merge_onto_base(base_text, in.texts[i]);
            in.texts[i] = std::move(m.text);
            in.merged_offset[i] = m.offset;
        }
    }
    for (size_t i = 0; i < n; ++i)
        try {
            if (!in.usable(i)) continue;
            if (blank(in.texts[i]))
                throw emit::FileError(cmd.configs[i], 0, "empty file: no configuration to check");
            emit::require_utf8(cmd.configs[i], in.texts[i]);
            in.targets[i] = xenrules::detect_target(in.texts[i]);
            const xenrules::ConfigTarget& target = in.targets[i];
            // A configuration made for another architecture than --arch is an
            // input error, not a finding: nothing it says can be judged.
            // (An architecture without Xen is never --arch's.)
            std::string made_for =
                target.arch ? xenrules::arch_name(*target.arch) : target.other_arch;
            if (cmd.options.arch && !made_for.empty() &&
                !(target.arch && *target.arch == *cmd.options.arch))
                throw emit::FileError(cmd.configs[i], target.arch_line,
                                      "the configuration is for " + made_for + ", not --arch " +
                                          xenrules::arch_name(*cmd.options.arch));
        } catch (const emit::FileError& e) {
            in.fail(i, e.text());
        }
    return in;
}

// The ARCH to load --tree for. One tree is loaded for one ARCH: every input
// must say the same one, detected as without a tree; where none can be
// told, the refusal names the flag.
std::string tree_arch_for(const CheckCommand& cmd, const CheckInputs& in) {
    if (cmd.options.arch) return xenrules::kernel_arch_name(*cmd.options.arch);
    std::string tree_arch;
    for (size_t i = 0; i < cmd.configs.size(); ++i) {
        if (!in.usable(i)) continue;
        const xenrules::ConfigTarget& target = in.targets[i];
        if (!target.other_arch.empty()) continue; // judged without the tree
        if (!target.arch) throw emit::FileError(cmd.configs[i], 0, kNoArchLine);
        std::string a = xenrules::kernel_arch_name(*target.arch);
        if (!tree_arch.empty() && a != tree_arch)
            throw emit::FileError(cmd.configs[i], target.arch_line,
                                  "the configuration is for " + a + ", an earlier input for " +
                                      tree_arch +
                                      ": one --tree check takes one architecture (pass --arch, "
                                      "or check them apart)");
        tree_arch = a;
    }
    return tree_arch;
}

// Knowledge-base contexts, one per extract, kept by each worker (conf_read
// clears every user value first, so a context serves one input after
// another, as the tree context does).
using KbCache = std::map<std::string, std::unique_ptr<kconfig::Context>>;

// What input i is judged with: the tree, else the shipped knowledge base
// for the arch and version it was made for (or --arch/--kernel-version).
xenrules::CheckKnowledge knowledge_for(const CheckCommand& cmd, const CheckInputs& in, size_t i,
                                       kconfig::Context* tree_ctx, KbCache& kb_cache) {
    const xenrules::ConfigTarget& target = in.targets[i];
    // An architecture without Xen: run_check judges it without knowledge.
    if (!cmd.options.arch && !target.other_arch.empty()) return {};
    if (tree_ctx) return xenrules::tree_knowledge(cmd.tree, *tree_ctx);
    auto a = cmd.options.arch ? cmd.options.arch : target.arch;
    auto v = cmd.options.version ? cmd.options.version : target.version;
    if (!a) throw emit::FileError(cmd.configs[i], 0, kNoArchLine);
    if (!v)
        throw emit::FileError(cmd.configs[i], 0,
                              "cannot tell the kernel version (no \"# Linux/... Kernel "
                              "Configuration\" header); pass --kernel-version or --tree");
    std::string error;
    auto choice = xenrules::choose_shipped_kb(cmd.data_dir, *a, *v, &error);
    if (!choice) throw InputError(error);
    std::unique_ptr<kconfig::Context>& kb_ctx = kb_cache[choice->path];
    if (!kb_ctx) {
        kb_ctx = std::make_unique<kconfig::Context>();
        if (!xenrules::load_kb(*kb_ctx, choice->path, &error))
            throw InputError("cannot load " + choice->path + ": " + error);
    }
    return xenrules::kb_knowledge(*choice, cmd.data_dir, *kb_ctx);
}

// One input's report.
xenrules::CheckReport check_one(const CheckCommand& cmd, const CheckInputs& in,
                                const xenrules::RuleSet& rules, size_t i,
                                kconfig::Context* tree_ctx, KbCache& kb_cache) {
    xenrules::CheckKnowledge knowledge = knowledge_for(cmd, in, i, tree_ctx, kb_cache);
    xenrules::CheckOptions options = cmd.options;
    if (!cmd.base.empty()) options.fragment = false; // the merged text is a full config
    xenrules::CheckReport report;
    std::string error;
    if (!xenrules::run_check(knowledge, rules, cmd.configs[i], in.texts[i], options, report,
                             &error))
        throw std::runtime_error(cmd.configs[i] + ": " + error);
    if (in.merged_offset[i] >= 0) {
        xenrules::attribute_merged_lines(report, cmd.base, cmd.configs[i], in.merged_offset[i]);
        report.notes.push_back("merged onto " + cmd.base + " (--base) and judged as a full config");
    }
    return report;
}

// Every usable input's report, in input order; an input that fails records
// its error in `in` and has no report. Inputs are independent: without a
// tree (whose one context they would share) they are checked on every core.
// Other failures are raised in input order, as a sequential run would.
std::vector<xenrules::CheckReport> check_all(const CheckCommand& cmd, CheckInputs& in,
                                             const xenrules::RuleSet& rules,
                                             kconfig::Context* tree_ctx) {
    size_t n = cmd.configs.size();
    std::vector<xenrules::CheckReport> reports(n);
    std::vector<std::exception_ptr> failures(n);
    size_t workers =
        tree_ctx ? 1 : std::min<size_t>(n, std::max(1u, std::thread::hardware_concurrency()));
    auto work = [&](size_t first) {
        KbCache kb_cache;
        for (size_t i = first; i < n; i += workers) {
            if (!in.usable(i)) continue;
            try {
                reports[i] = check_one(cmd, in, rules, i, tree_ctx, kb_cache);
            } catch (const emit::FileError& e) {
                in.errors[i] = e.text(); // this input only: the others go on
            } catch (const InputError& e) {
                in.errors[i] = cmd.configs[i] + ":0: error: " + e.what();
            } catch (...) {
                failures[i] = std::current_exception();
                return; // later inputs of this worker are not needed: the run fails here
            }
        }
    };
    if (workers <= 1) {
        work(0);
    } else {
        std::vector<std::thread> threads;
        for (size_t w = 0; w < workers; ++w)
            threads.emplace_back(work, w);
        for (auto& t : threads)
            t.join();
    }
    for (size_t i = 0; i < n; ++i)
        if (failures[i]) std::rethrow_exception(failures[i]);
    std::vector<xenrules::CheckReport> checked;
    for (size_t i = 0; i < n; ++i)
        if (in.usable(i)) checked.push_back(std::move(reports[i]));
    return checked;
}

// The reports in the asked format.
std::string render_check_reports(const CheckCommand& cmd,
                                 const std::vector<xenrules::CheckReport>& reports,
                                 const xenrules::RuleSet& rules, bool to_terminal) {
    // The rule catalog (SARIF, JUnit) is for the version of the last report.
    xenrules::KVer last_version{};
    for (const auto& r : reports)
        if (auto v = xenrules::KVer::parse(r.kernel_version)) last_version = *v;
    emit::ToolInfo tool;
    tool.version = XENCFG_VERSION;
    if (cmd.format == "text") {
        emit::TextOptions t;
        t.colour = to_terminal && emit::should_colour(STDOUT_FILENO, process_environment());
        t.show_suppressed = cmd.show_suppressed;
        std::string rendered = emit::findings_text(reports, t);
        if (cmd.show == "all") rendered = rule_table_text(reports, rules, t.colour) + rendered;
        return rendered;
    }
    if (cmd.format == "json") return emit::findings_json(reports, tool).dump(2) + "\n";
    if (cmd.format == "sarif")
        return emit::findings_sarif(reports, tool, make_catalog(rules, last_version),
                                    cmd.options.strict)
                   .dump(2) +
               "\n";
    return emit::findings_junit(reports, make_catalog(rules, last_version), cmd.options.strict);
}

// The parsed options' meaning, checked: role, mode, arch, version, input
// kind and the flags, into cmd.
void apply_check_settings(const po::variables_map& vm, const std::string& role,
                          const std::string& mode, const std::string& arch,
                          const std::string& version, CheckCommand& cmd) {
    xenrules::CheckOptions& options = cmd.options;
    auto parsed_role = xenrules::parse_role(role);
    if (!parsed_role) throw UsageError("unknown role '" + role + "' (use dom0 or domU)");
    options.role = *parsed_role;
    if (mode != "any") {
        auto m = xenrules::parse_mode(mode);
        if (!m || *m == xenrules::Mode::Default)
            throw UsageError("unknown mode '" + mode + "' (use any, pv, pvh or hvm)");
        options.mode = *m;
    }
    if (!arch.empty()) options.arch = arch_option(arch);
    if (!version.empty()) {
        options.version = xenrules::KVer::parse(version);
        if (!options.version) throw UsageError("invalid kernel version '" + version + "'");
    }
    if (vm.count("fragment")) options.fragment = true; // else detected
    if (vm.count("savedefconfig")) {
        if (options.fragment) throw UsageError("--fragment and --savedefconfig exclude each other");
        options.fragment = false;
        options.minimal = true;
    }
    options.disabled = cmd.disabled;
    options.strict = vm.count("strict") > 0;
    options.host_toolchain = vm.count("host-toolchain") > 0;
    cmd.offline = vm.count("offline") > 0;
    cmd.no_probe_cache = vm.count("no-probe-cache") > 0;
    cmd.show_suppressed = vm.count("show-suppressed") > 0;
    cmd.data_dir = data_dir();
}

// The check itself, once the command line is understood: inputs, rules,
// tree, reports, rendering and the exit status.
int run_check_command(CheckCommand& cmd) {
    bool to_terminal = cmd.output.empty() || cmd.output == "-";
    if (!to_terminal)
        for (const auto& c : cmd.configs)
            if (emit::same_file(c, cmd.output))
                throw UsageError("--output " + cmd.output +
                                 " is an input file; refusing to overwrite it");

    // Inputs first: a missing or binary file is reported before any long
    // work. A bad input gets its message (and exit status 2) while the
    // others still get their reports.
    CheckInputs in = read_check_inputs(cmd);
    xenrules::RuleSet rules;
    if (!load_rules_with_overrides(cmd.rules_file, cmd.disabled, rules)) return kExitUsage;

    // A tree, when given, is loaded once and reused for every input.
    std::unique_ptr<kconfig::Context> tree_ctx;
    KeepUntilExit keep_tree_ctx(tree_ctx);
    // (Not when every input is for an architecture without Xen.)
    std::string tree_arch = cmd.tree.empty() ? "" : tree_arch_for(cmd, in);
    if (!tree_arch.empty()) {
        TreeOptions t{cmd.tree, tree_arch, cmd.offline, cmd.no_probe_cache};
        bool ok = false;
        tree_ctx = load_kernel_tree(t, ok);
        if (!ok || tree_ctx->diags.has_errors()) {
            print_diagnostics(*tree_ctx);
            return kExitUsage;
        }
    }

    std::vector<xenrules::CheckReport> reports = check_all(cmd, in, rules, tree_ctx.get());
    // The inputs that could not be checked: their messages, in input order.
    bool any_input_error = false;
    for (const std::string& e : in.errors)
        if (!e.empty()) {
            std::cerr << e << "\n";
            any_input_error = true;
        }
    if (reports.empty()) return kExitUsage;

    std::string rendered = render_check_reports(cmd, reports, rules, to_terminal);
    if (to_terminal)
        std::cout << rendered << std::flush;
    else
        emit::write_file_atomic(cmd.output, rendered);

    // The verdict (strict included) is the report's: every format and the
    // exit status say the same.
    int status = any_input_error ? kExitUsage : kExitOk;
    for (const auto& r : reports)
        status = std::max(status, xenrules::check_exit_status(r));
    return status;
}

} // namespace

int cmd_check(const std::vector<std::string>& args) {
    CheckCommand cmd;
    std::string role = "domU", mode = "any", arch, version;
    po::options_description opts("Options");
    opts.add_options()("role", po::value(&role)->value_name("ROLE"), "dom0 or domU (default domU)")(
        "mode", po::value(&mode)->value_name("MODE"),
        "any (default: pass if one mode passes), pv, pvh or hvm")(
        "arch", po::value(&arch)->value_name("ARCH"),
        "x86_64, i386/x86_32, arm or arm64 (default: detected from the config)")(
        "kernel-version", po::value(&version)->value_name("V"),
        "kernel version, e.g. 6.12 (default: from the config header or the tree)")(
        "tree", po::value(&cmd.tree)->value_name("DIR"),
        "evaluate with this kernel tree instead of the knowledge base")(
        "fragment", "judge the input as a fragment (a few lines merged onto defaults)")(
        "savedefconfig",
        "judge the input as a savedefconfig: what it omits takes its default, as `make "
        "defconfig` gives it (detected when the file has no header and no menu comments)")(
        "base", po::value(&cmd.base)->value_name("FILE"),
        "merge each input (a fragment) onto this .config as merge_config.sh does and judge the "
        "result as a full config")("format", po::value(&cmd.format)->value_name("FMT"),
                                   "text (default), json, sarif or junit")(
        "output,o", po::value(&cmd.output)->value_name("FILE"),
        "write the report to FILE (atomically) instead of stdout")(
        "rules", po::value(&cmd.rules_file)->value_name("FILE"),
        "extra rules file: same id replaces, new id adds, {\"id\":..,\"disabled\":true} removes")(
        "disable", po::value(&cmd.disabled)->composing()->value_name("ID"),
        "suppress a rule (repeatable; 'domU.fb*' patterns allowed)")(
        "strict", "warnings fail the check too (exit 1)")(
        "host-toolchain",
        "re-evaluate toolchain-derived symbols ($(shell,...) probes, CC_VERSION_TEXT, ...) with "
        "this machine's toolchain instead of keeping the config's values")(
        "show-suppressed", "list suppressed findings in the text report")(
        "show", po::value(&cmd.show)->value_name("WHAT"),
        "failures (default) or all: every applicable rule with OK or FAIL first (text)")(
        "repo",
        "judge every flavour xencfg.toml names in a packaging repository: the first CONFIG "
        "argument when it is a directory, else '.'; further arguments: changed files, only the "
        "flavours built from them")("offline", "with --tree: run no $(shell,...) probe")(
        "no-probe-cache", "with --tree: neither read nor write the probe cache");
    po::options_description hidden;
    hidden.add_options()("config", po::value(&cmd.configs));
    po::positional_options_description pos;
    pos.add("config", -1);
    po::variables_map vm;
    if (!parse_command_line(
            "check", args, opts, &hidden, pos, vm,
            "[CONFIG...] [OPTIONS]\n\nCONFIG may be gzip- or xz-compressed, or - for standard "
            "input; none:\nthe running kernel's (/proc/config.gz, else /boot/config-$(uname "
            "-r)).",
            "  xencfg check examples/debian-6.12-cloud-amd64.config --role domU --mode pvh\n"
            "  xencfg check /boot/config-$(uname -r) --role dom0 --format sarif -o xen.sarif\n"
            "  xencfg check my.fragment --fragment --tree /usr/src/linux-source-6.12\n"))
        return kExitOk;
    if (vm.count("repo"))
        return check_repo_command(vm, cmd.configs, mode, cmd.format, cmd.output, cmd.rules_file,
                                  cmd.disabled, cmd.show);
    if (cmd.configs.empty()) cmd.configs.push_back(running_kernel_config());
    require_known_show_and_format(cmd.show, cmd.format);

    apply_check_settings(vm, role, mode, arch, version, cmd);
    return run_check_command(cmd);
}

} // namespace cli
