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

// The first invalid UTF-8 sequence in `text`: its 1-based line and column,
// or line 0 when the text is valid. Reports are JSON, SARIF and XML, which
// are UTF-8; a configuration that is not cannot be quoted in them.
std::pair<int, int> first_invalid_utf8(const std::string& text) {
    int line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++line;
            line_start = ++i;
            continue;
        }
        size_t n = c < 0x80           ? 1
                   : (c >> 5) == 0x6  ? 2
                   : (c >> 4) == 0xE  ? 3
                   : (c >> 3) == 0x1E ? 4
                                      : 0;
        bool ok = n != 0 && i + n <= text.size() && c != 0xC0 && c != 0xC1 && c <= 0xF4;
        for (size_t k = 1; ok && k < n; ++k)
            ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        if (ok && n == 3) {
            unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
            ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0); // overlong, surrogate
        }
        if (ok && n == 4) {
            unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
            ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
        }
        if (!ok) return {line, int(i - line_start) + 1};
        i += n;
    }
    return {0, 0};
}

bool is_dir(const std::string& p) {
    struct stat st;
    return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
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
    if (show != "failures" && show != "all")
        throw UsageError("unknown --show '" + show + "' (use failures or all)");
    if (format != "text" && format != "json" && format != "sarif" && format != "junit")
        throw UsageError("unknown format '" + format + "' (use text, json, sarif or junit)");
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

} // namespace

int cmd_check(const std::vector<std::string>& args) {
    std::vector<std::string> configs, disabled;
    std::string role = "domU", mode = "any", arch, version, tree, format = "text", output,
                rules_file, base, show = "failures";
    po::options_description opts("Options");
    opts.add_options()("role", po::value(&role)->value_name("ROLE"), "dom0 or domU (default domU)")(
        "mode", po::value(&mode)->value_name("MODE"),
        "any (default: pass if one mode passes), pv, pvh or hvm")(
        "arch", po::value(&arch)->value_name("ARCH"),
        "x86_64, i386/x86_32, arm or arm64 (default: detected from the config)")(
        "kernel-version", po::value(&version)->value_name("V"),
        "kernel version, e.g. 6.12 (default: from the config header or the tree)")(
        "tree", po::value(&tree)->value_name("DIR"),
        "evaluate with this kernel tree instead of the knowledge base")(
        "fragment", "judge the input as a fragment (a few lines merged onto defaults)")(
        "savedefconfig",
        "judge the input as a savedefconfig: what it omits takes its default, as `make "
        "defconfig` gives it (detected when the file has no header and no menu comments)")(
        "base", po::value(&base)->value_name("FILE"),
        "merge each input (a fragment) onto this .config as merge_config.sh does and judge the "
        "result as a full config")("format", po::value(&format)->value_name("FMT"),
                                   "text (default), json, sarif or junit")(
        "output,o", po::value(&output)->value_name("FILE"),
        "write the report to FILE (atomically) instead of stdout")(
        "rules", po::value(&rules_file)->value_name("FILE"),
        "extra rules file: same id replaces, new id adds, {\"id\":..,\"disabled\":true} removes")(
        "disable", po::value(&disabled)->composing()->value_name("ID"),
        "suppress a rule (repeatable; 'domU.fb*' patterns allowed)")(
        "strict", "warnings fail the check too (exit 1)")(
        "host-toolchain",
        "re-evaluate toolchain-derived symbols ($(shell,...) probes, CC_VERSION_TEXT, ...) with "
        "this machine's toolchain instead of keeping the config's values")(
        "show-suppressed", "list suppressed findings in the text report")(
        "show", po::value(&show)->value_name("WHAT"),
        "failures (default) or all: every applicable rule with OK or FAIL first (text)")(
        "repo",
        "judge every flavour xencfg.toml names in a packaging repository: the first CONFIG "
        "argument when it is a directory, else '.'; further arguments: changed files, only the "
        "flavours built from them")("offline", "with --tree: run no $(shell,...) probe")(
        "no-probe-cache", "with --tree: neither read nor write the probe cache");
    po::options_description hidden;
    hidden.add_options()("config", po::value(&configs));
    po::options_description all;
    all.add(opts).add(hidden);
    po::positional_options_description pos;
    pos.add("config", -1);
    po::variables_map vm;
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            parse_command_line(
                "check", {"--help"}, opts, pos, vm,
                "[CONFIG...] [OPTIONS]\n\nCONFIG may be gzip- or xz-compressed, or - for standard "
                "input; none:\nthe running kernel's (/proc/config.gz, else /boot/config-$(uname "
                "-r)).",
                "  xencfg check examples/debian-6.12-cloud-amd64.config --role domU --mode pvh\n"
                "  xencfg check /boot/config-$(uname -r) --role dom0 --format sarif -o xen.sarif\n"
                "  xencfg check my.fragment --fragment --tree /usr/src/linux-source-6.12\n");
            return kExitOk;
        }
    if (!parse_command_line("check", args, all, pos, vm, "", "")) return kExitOk;
    if (vm.count("repo"))
        return check_repo_command(vm, configs, mode, format, output, rules_file, disabled, show);
    if (configs.empty()) configs.push_back(running_kernel_config());
    if (show != "failures" && show != "all")
        throw UsageError("unknown --show '" + show + "' (use failures or all)");
    if (format != "text" && format != "json" && format != "sarif" && format != "junit")
        throw UsageError("unknown format '" + format + "' (use text, json, sarif or junit)");

    xenrules::CheckOptions options;
    auto parsed_role = xenrules::parse_role(role);
    if (!parsed_role) throw UsageError("unknown role '" + role + "' (use dom0 or domU)");
    options.role = *parsed_role;
    if (mode != "any") {
        auto m = xenrules::parse_mode(mode);
        if (!m || *m == xenrules::Mode::Default)
            throw UsageError("unknown mode '" + mode + "' (use any, pv, pvh or hvm)");
        options.mode = *m;
    }
    if (!arch.empty()) {
        options.arch = arch_option(arch);
    }
    if (!version.empty()) {
        options.version = xenrules::KVer::parse(version);
        if (!options.version) throw UsageError("invalid kernel version '" + version + "'");
    }
    if (vm.count("fragment")) options.fragment = true;
    if (vm.count("savedefconfig")) {
        if (options.fragment) throw UsageError("--fragment and --savedefconfig exclude each other");
        options.fragment = false;
        options.minimal = true;
    }
    options.disabled = disabled;
    bool strict = vm.count("strict") > 0;
    options.strict = strict;
    options.host_toolchain = vm.count("host-toolchain") > 0;

    if (!output.empty() && output != "-")
        for (const auto& c : configs)
            if (emit::same_file(c, output))
                throw UsageError("--output " + output +
                                 " is an input file; refusing to overwrite it");

    // Inputs first: a missing or binary file is reported before any long
    // work. A bad input gets its message (and exit status 2) while the
    // others still get their reports.
    std::vector<std::string> texts(configs.size());
    std::vector<std::string> input_errors(configs.size()); // "file:line: error: ..." or ""
    auto input_error = [&](size_t i, const emit::FileError& e) {
        if (input_errors[i].empty()) input_errors[i] = e.text();
    };
    for (size_t i = 0; i < configs.size(); ++i)
        try {
            texts[i] = emit::read_text_file(configs[i]);
        } catch (const emit::FileError& e) {
            input_error(i, e);
        }
    // --base: each input is a fragment merged onto the base, judged whole.
    std::vector<int> merged_offset(configs.size(), -1);
    if (!base.empty()) {
        std::string base_text = emit::read_text_file(base);
        if (auto [line, column] = first_invalid_utf8(base_text); line)
            throw emit::FileError(base, line,
                                  "invalid UTF-8 at column " + std::to_string(column) +
                                      " (not a text configuration file?)");
        for (size_t i = 0; i < configs.size(); ++i) {
            if (!input_errors[i].empty() ||
                texts[i].find_first_not_of(" \t\r\n") == std::string::npos)
                continue;
            xenrules::MergedConfig m = xenrules::merge_onto_base(base_text, texts[i]);
            texts[i] = std::move(m.text);
            merged_offset[i] = m.offset;
        }
        options.fragment = false;
    }
    for (size_t i = 0; i < configs.size(); ++i)
        try {
            if (!input_errors[i].empty()) continue;
            if (texts[i].find_first_not_of(" \t\r\n") == std::string::npos)
                throw emit::FileError(configs[i], 0, "empty file: no configuration to check");
            if (auto [line, column] = first_invalid_utf8(texts[i]); line)
                throw emit::FileError(configs[i], line,
                                      "invalid UTF-8 at column " + std::to_string(column) +
                                          " (not a text configuration file?)");
            // A configuration made for another architecture than --arch is an
            // input error, not a finding: nothing it says can be judged.
            if (options.arch) {
                auto target = xenrules::detect_target(texts[i]);
                if (target.arch && *target.arch != *options.arch)
                    throw emit::FileError(configs[i], target.arch_line,
                                          std::string("the configuration is for ") +
                                              xenrules::arch_name(*target.arch) + ", not --arch " +
                                              xenrules::arch_name(*options.arch));
            }
        } catch (const emit::FileError& e) {
            input_error(i, e);
        }

    // Rules.
    std::string data = data_dir();
    xenrules::RuleSet rules;
    if (!load_rules_with_overrides(rules_file, disabled, rules)) return kExitUsage;

    // A tree, when given, is loaded once and reused for every input.
    std::unique_ptr<kconfig::Context> tree_ctx;
    KeepUntilExit keep_tree_ctx(tree_ctx);
    if (!tree.empty()) {
        // One tree is loaded for one ARCH: every input must say the same
        // one, detected as without a tree; where none can be told, the
        // refusal names the flag.
        std::string tree_arch;
        if (options.arch)
            tree_arch = xenrules::kernel_arch_name(*options.arch);
        else
            for (size_t i = 0; i < configs.size(); ++i) {
                if (!input_errors[i].empty()) continue;
                auto target = xenrules::detect_target(texts[i]);
                if (!target.arch)
                    throw emit::FileError(configs[i], 0,
                                          "cannot tell the architecture (no CONFIG_X86_64, "
                                          "CONFIG_X86_32, CONFIG_ARM or CONFIG_ARM64 line); "
                                          "pass --arch");
                std::string a = xenrules::kernel_arch_name(*target.arch);
                if (!tree_arch.empty() && a != tree_arch)
                    throw emit::FileError(configs[i], target.arch_line,
                                          "the configuration is for " + a +
                                              ", an earlier input "
                                              "for " +
                                              tree_arch +
                                              ": one --tree check takes one "
                                              "architecture (pass --arch, or check them apart)");
                tree_arch = a;
            }
        TreeOptions t{tree, tree_arch, vm.count("offline") > 0, vm.count("no-probe-cache") > 0};
        bool ok = false;
        tree_ctx = load_kernel_tree(t, ok);
        if (!ok || tree_ctx->diags.has_errors()) {
            print_diagnostics(*tree_ctx);
            return kExitUsage;
        }
    }

    // One input's check. KB contexts are cached per worker (conf_read clears
    // every user value first, so a context serves one input after another,
    // as the tree context does).
    using KbCache = std::map<std::string, std::unique_ptr<kconfig::Context>>;
    auto check_one = [&](size_t i, KbCache& kb_cache) {
        const std::string& config = configs[i];
        const std::string& text = texts[i];
        xenrules::CheckKnowledge knowledge;
        if (tree_ctx) {
            knowledge.ctx = tree_ctx.get();
            knowledge.description = "tree " + tree;
            knowledge.version = xenrules::KVer::parse(tree_ctx->kernel_version.str());
        } else {
            auto target = xenrules::detect_target(text);
            auto a = options.arch ? options.arch : target.arch;
            auto v = options.version ? options.version : target.version;
            if (!a)
                throw emit::FileError(config, 0,
                                      "cannot tell the architecture (no CONFIG_X86_64, "
                                      "CONFIG_X86_32, CONFIG_ARM or CONFIG_ARM64 line); "
                                      "pass --arch");
            if (!v)
                throw emit::FileError(config, 0,
                                      "cannot tell the kernel version (no \"# Linux/... "
                                      "Kernel Configuration\" header); pass --kernel-version "
                                      "or --tree");
            std::string kb_dir = data + "/kb";
            auto choice = is_dir(kb_dir) ? xenrules::find_kb(kb_dir, *a, *v) : std::nullopt;
            if (!choice)
                throw InputError("no knowledge base for Linux " + v->str() + " on " +
                                 xenrules::arch_name(*a) + " in " + kb_dir +
                                 "; pass --tree with a kernel source tree");
            std::unique_ptr<kconfig::Context>& kb_ctx = kb_cache[choice->path];
            if (!kb_ctx) {
                kb_ctx = std::make_unique<kconfig::Context>();
                std::string error;
                if (!xenrules::load_kb(*kb_ctx, choice->path, &error))
                    throw InputError("cannot load " + choice->path + ": " + error);
            }
            knowledge.ctx = kb_ctx.get();
            knowledge.is_kb = true;
            knowledge.version = choice->version;
            // Named relative to the data dir ("kb/6.12/x86_64.kconfig"), so
            // reports do not depend on where xencfg is installed.
            std::string shown = choice->path;
            if (shown.rfind(data + "/", 0) == 0) shown = shown.substr(data.size() + 1);
            knowledge.description = "kb " + shown;
            if (!choice->note.empty()) knowledge.description += " (" + choice->note + ")";
        }
        xenrules::CheckReport report;
        std::string error;
        if (!xenrules::run_check(knowledge, rules, config, text, options, report, &error))
            throw std::runtime_error(config + ": " + error);
        if (merged_offset[i] >= 0) {
            xenrules::attribute_merged_lines(report, base, config, merged_offset[i]);
            report.notes.push_back("merged onto " + base + " (--base) and judged as a full config");
        }
        return report;
    };

    // Inputs are independent: without a tree (whose one context they would
    // share) they are checked on every core. Errors are raised in input
    // order, as a sequential run would.
    std::vector<xenrules::CheckReport> reports(configs.size());
    std::vector<std::exception_ptr> failures(configs.size());
    size_t workers = tree_ctx ? 1
                              : std::min<size_t>(configs.size(),
                                                 std::max(1u, std::thread::hardware_concurrency()));
    auto work = [&](size_t first) {
        KbCache kb_cache;
        for (size_t i = first; i < configs.size(); i += workers) {
            if (!input_errors[i].empty()) continue;
            try {
                reports[i] = check_one(i, kb_cache);
            } catch (const emit::FileError& e) {
                input_errors[i] = e.text(); // this input only: the others go on
            } catch (const InputError& e) {
                input_errors[i] = configs[i] + ":0: error: " + e.what();
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
    xenrules::KVer last_version{};
    for (size_t i = 0; i < configs.size(); ++i)
        if (failures[i]) std::rethrow_exception(failures[i]);
    // Only the inputs that could be checked have a report; the others'
    // messages go to stderr in input order.
    std::vector<xenrules::CheckReport> checked;
    bool any_input_error = false;
    for (size_t i = 0; i < configs.size(); ++i) {
        if (!input_errors[i].empty()) {
            std::cerr << input_errors[i] << "\n";
            any_input_error = true;
            continue;
        }
        if (auto v = xenrules::KVer::parse(reports[i].kernel_version)) last_version = *v;
        checked.push_back(std::move(reports[i]));
    }
    reports = std::move(checked);
    if (reports.empty()) return kExitUsage;

    // Render.
    emit::ToolInfo tool;
    tool.version = XENCFG_VERSION;
    std::string rendered;
    bool to_terminal = output.empty() || output == "-";
    if (format == "text") {
        emit::TextOptions t;
        t.colour = to_terminal && emit::should_colour(STDOUT_FILENO, process_environment());
        t.show_suppressed = vm.count("show-suppressed") > 0;
        rendered = emit::findings_text(reports, t);
        if (show == "all") rendered = rule_table_text(reports, rules, t.colour) + rendered;
    } else if (format == "json") {
        rendered = emit::findings_json(reports, tool).dump(2) + "\n";
    } else if (format == "sarif") {
        rendered =
            emit::findings_sarif(reports, tool, make_catalog(rules, last_version), strict).dump(2) +
            "\n";
    } else {
        rendered = emit::findings_junit(reports, make_catalog(rules, last_version), strict);
    }
    if (to_terminal)
        std::cout << rendered << std::flush;
    else
        emit::write_file_atomic(output, rendered);

    // The verdict (strict included) is the report's: every format and the
    // exit status say the same.
    int status = any_input_error ? kExitUsage : kExitOk;
    for (const auto& r : reports)
        status = std::max(status, xenrules::check_exit_status(r));
    return status;
}

} // namespace cli
