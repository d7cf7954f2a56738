// xencfg check --repo [DIR] [CHANGED-FILE...]: judge every flavour of a
// kernel packaging repository (or those the changed files touch), each
// assembled from its files as the distribution's build merges them.
#include "cli/check_repo.h"

#include "cli/catalog.h"
#include "cli/common.h"
#include "cli/knowledge.h"
#include "cli/rule_table.h"
#include "emit/files.h"
#include "emit/findings.h"
#include "emit/term.h"
#include "rules/check.h"
#include "rules/repo.h"

#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unistd.h>

namespace cli {

namespace {

emit::FileError repo_error(const xenrules::RepoError& e) {
    return emit::FileError(e.file.empty() ? std::string(xenrules::kRepoManifest) : e.file, e.line,
                           e.message);
}

// `path` as the repository names it: relative to its root.
std::string repo_relative(const std::string& root, const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path abs_root = fs::weakly_canonical(fs::absolute(root, ec), ec);
    fs::path abs = fs::weakly_canonical(fs::absolute(path, ec), ec);
    fs::path rel = abs.lexically_relative(abs_root);
    if (rel.empty() || rel.native().rfind("..", 0) == 0) return path;
    return rel.generic_string();
}

// "debian layout: merged debian/config/config, ..." (in merge order, so a
// reader sees the precedence); kernel-ark's hundreds of one-option files
// are counted instead.
std::string merged_note(const xenrules::RepoManifest& manifest,
                        const xenrules::AssembledConfig& assembled) {
    const auto& files = assembled.files;
    std::string note = std::string(xenrules::repo_layout_name(manifest.layout)) +
                       " layout: merged " + std::to_string(files.size()) +
                       (files.size() == 1 ? " file" : " files");
    constexpr size_t kListed = 16; // more than any Debian or Yocto flavour merges
    if (files.size() > kListed) return note + ", the last " + files.back();
    for (size_t i = 0; i < files.size(); ++i)
        note += (i == 0 ? ": " : ", ") + files[i];
    return note;
}

} // namespace

int check_repo(const RepoCheckArgs& args) {
    xenrules::RepoManifest manifest;
    xenrules::RepoError error;
    if (!xenrules::load_repo_manifest(args.root, manifest, error)) throw repo_error(error);

    // Every flavour is assembled (a broken file is an error whichever
    // flavour it belongs to); the changed files pick the ones judged.
    std::vector<xenrules::AssembledConfig> assembled(manifest.flavours.size());
    for (size_t i = 0; i < manifest.flavours.size(); ++i)
        if (!xenrules::assemble_flavour(manifest, manifest.flavours[i], assembled[i], error))
            throw repo_error(error);
    std::vector<size_t> picked;
    for (size_t i = 0; i < manifest.flavours.size(); ++i) {
        bool touched = args.changed.empty();
        for (const auto& c : args.changed)
            touched = touched ||
                      xenrules::flavour_touched_by(assembled[i], repo_relative(manifest.root, c));
        if (touched) picked.push_back(i);
    }
    if (picked.empty()) {
        if (args.format == "text")
            std::cerr << "xencfg check: no flavour of " << manifest.path
                      << " is built from the changed files; nothing to judge\n";
    }

    xenrules::RuleSet rules;
    if (!load_rules_with_overrides(args.rules_file, args.disabled, rules)) return kExitUsage;

    // One knowledge base per (arch, version), shared by the flavours.
    std::map<std::pair<int, std::string>, LoadedKnowledge> knowledge;
    std::vector<xenrules::CheckReport> reports;
    std::map<std::string, std::vector<std::string>> affected; // finding key -> flavours
    auto key_of = [](const xenrules::Finding& f) {
        return f.rule_id + "|" + (f.role ? xenrules::role_name(*f.role) : "") + "|" +
               xenrules::modes_text(f.modes) + "|" + f.where.file + ":" +
               std::to_string(f.where.line) + "|" + f.message;
    };
    for (size_t i : picked) {
        const auto& flavour = manifest.flavours[i];
        auto k = std::make_pair(int(flavour.arch), flavour.version.str());
        if (!knowledge.count(k))
            knowledge.emplace(k, load_knowledge("", flavour.arch, flavour.version));
        const LoadedKnowledge& kn = knowledge.at(k);
        for (auto role : flavour.roles) {
            xenrules::CheckOptions options;
            options.role = role;
            options.mode = args.mode;
            options.arch = flavour.arch;
            options.version = flavour.version;
            options.fragment = true;
            options.disabled = args.disabled;
            xenrules::CheckReport report;
            std::string input = "flavour " + flavour.name;
            std::string err;
            if (!xenrules::run_check(kn.knowledge, rules, input, assembled[i].text, options, report,
                                     &err))
                throw std::runtime_error(input + ": " + err);
            xenrules::map_findings_to_repo(assembled[i], report);
            report.notes.insert(report.notes.begin(), merged_note(manifest, assembled[i]));
            for (const auto& f : report.findings) {
                auto& names = affected[key_of(f)];
                if (std::find(names.begin(), names.end(), flavour.name) == names.end())
                    names.push_back(flavour.name);
            }
            reports.push_back(std::move(report));
        }
    }
    // Provenance: each finding says which flavours the same line breaks.
    for (auto& r : reports)
        for (auto& f : r.findings) {
            const auto& names = affected[key_of(f)];
            std::string list;
            for (const auto& n : names)
                list += (list.empty() ? "" : ", ") + n;
            f.message += (names.size() == 1 ? " (flavour " : " (flavours ") + list + ")";
        }

    emit::ToolInfo tool;
    tool.version = XENCFG_VERSION;
    std::string rendered;
    bool to_terminal = args.output.empty() || args.output == "-";
    if (args.format == "text") {
        emit::TextOptions t;
        t.colour = to_terminal && emit::should_colour(STDOUT_FILENO, process_environment());
        t.show_suppressed = args.show_suppressed;
        rendered = emit::findings_text(reports, t);
        if (args.show_all) rendered = rule_table_text(reports, rules, t.colour) + rendered;
    } else if (args.format == "json") {
        rendered = emit::findings_json(reports, tool).dump(2) + "\n";
    } else {
        xenrules::KVer last{};
        for (const auto& r : reports)
            if (auto v = xenrules::KVer::parse(r.kernel_version)) last = *v;
        emit::RuleCatalog catalog = make_catalog(rules, last);
        rendered = args.format == "sarif"
                       ? emit::findings_sarif(reports, tool, catalog, args.strict).dump(2) + "\n"
                       : emit::findings_junit(reports, catalog, args.strict);
    }
    if (to_terminal)
        std::cout << rendered << std::flush;
    else
        emit::write_file_atomic(args.output, rendered);

    int status = kExitOk;
    for (const auto& r : reports) {
        status = std::max(status, xenrules::check_exit_status(r));
        if (args.strict)
            for (const auto& f : r.findings)
                if (!f.suppressed && f.severity == xenrules::Severity::Warning)
                    status = kExitFindings;
    }
    return status;
}

} // namespace cli
