// A rules engine over an inline Kconfig tree, as the check, fix and diff
// unit tests use it: the rules parsed, the tree loaded as Linux 6.12 (or
// the release given, whose Kconfig dialect then applies).
#pragma once

#include "kconfig/context.h"
#include "rules/check.h"
#include "rules/rules.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace testsupport {

struct RulesFixture {
    kconfig::Context ctx;
    xenrules::RuleSet rules;
    xenrules::CheckKnowledge kn;
    RulesFixture(const char* tree, const char* rules_json, int version = 6, int patchlevel = 12) {
        std::vector<xenrules::RulesError> errors;
        EXPECT_TRUE(xenrules::parse_rules(rules_json, "r.json", rules, errors));
        ctx.kernel_version = {version, patchlevel, 1, ""};
        EXPECT_TRUE(kconfig::load_tree_from_memory(ctx, {{"Kconfig", tree}}, "Kconfig", {},
                                                   kconfig::Dialect::of(ctx.kernel_version)));
        kn.ctx = &ctx;
        kn.description = "test tree";
        kn.version = xenrules::KVer{version, patchlevel};
    }
    // `text` (named `name` in findings) checked with `options`; run_check
    // failing fails the test.
    xenrules::CheckReport check_with(const xenrules::CheckOptions& options, const std::string& text,
                                     const std::string& name = ".config") {
        xenrules::CheckReport r;
        std::string err;
        EXPECT_TRUE(xenrules::run_check(kn, rules, name, text, options, r, &err)) << err;
        return r;
    }
};

// Toolchain-derived symbols as a gcc 14 machine's probes answer them
// (CC_IS_GCC y, CC_IS_CLANG n, GCC_VERSION 140200), and a symbol that
// follows them as init/Kconfig's CC_HAS_WORKING_NOSANITIZE_ADDRESS does: y
// on clang, and on gcc from 8.3.
inline const char* const kGccMachineKconfig =
    "config CC_IS_GCC\n\tdef_bool $(shell,echo y)\n"
    "config CC_IS_CLANG\n\tdef_bool $(shell,echo n)\n"
    "config GCC_VERSION\n\tint\n\tdefault $(shell,echo 140200) if CC_IS_GCC\n\tdefault 0\n"
    "config NOSANITIZE_WORKS\n\tdef_bool !CC_IS_GCC || GCC_VERSION >= 80300\n";

// The header conf writes at the top of a whole .config ("Linux/x86",
// "6.12.1").
inline std::string conf_header(const std::string& family, const std::string& release) {
    return "#\n# Automatically generated file; DO NOT EDIT.\n# Linux/" + family + " " + release +
           " Kernel Configuration\n#\n";
}

// Check options for a role, a mode (none: any) and a fragment verdict
// (none: detected).
inline xenrules::CheckOptions check_options(xenrules::Role role,
                                            std::optional<xenrules::Mode> mode = std::nullopt,
                                            std::optional<bool> fragment = std::nullopt) {
    xenrules::CheckOptions o;
    o.role = role;
    o.mode = mode;
    o.fragment = fragment;
    return o;
}

} // namespace testsupport
