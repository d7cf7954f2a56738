// `xencfg check --repo`: every flavour of a kernel packaging repository.
#pragma once

#include "rules/rules.h"

#include <optional>
#include <string>
#include <vector>

namespace cli {

struct RepoCheckArgs {
    std::string root = ".";             // the repository (holds xencfg.toml)
    std::vector<std::string> changed;   // only flavours built from these files (empty: all)
    std::optional<xenrules::Mode> mode; // --mode (nullopt: any)
    std::string rules_file;             // --rules FILE
    std::vector<std::string> disabled;  // --disable IDs
    std::string format = "text";        // text, json, sarif, junit
    std::string output;                 // --output FILE ("" or "-": stdout)
    bool strict = false;                // warnings fail too
    bool show_suppressed = false;       // text: list suppressed findings
    bool show_all = false;              // text: every applicable rule, OK or FAIL (--show all)
};

// Judges the flavours; returns the exit status (0 pass, 1 findings).
// Manifest and file problems throw emit::FileError (exit 2).
int check_repo(const RepoCheckArgs& args);

} // namespace cli
