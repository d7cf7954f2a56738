// A rules engine over an inline Kconfig tree, as the check, fix and diff
// unit tests use it: the rules parsed, the tree loaded as Linux 6.12 (or
// the release given, whose Kconfig dialect then applies).
#pragma once

#include "kconfig/context.h"
#include "rules/check.h"
#include "rules/rules.h"

#include <gtest/gtest.h>

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
};

} // namespace testsupport
