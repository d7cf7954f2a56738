// Every shipped rule cites a public source a user of the installed tool can
// read (a Xen wiki page, Xen's or the kernel's source), never a file of this
// project's working notes (seeds/NNN, *.md) that is not installed.
#include "rules/rules.h"

#include <gtest/gtest.h>

#include <regex>

TEST(RuleSources, EveryShippedRuleCitesAPublicSource) {
    xenrules::RuleSet rules;
    std::vector<xenrules::RulesError> errors;
    ASSERT_TRUE(
        xenrules::load_default_rules(std::string(XENCFG_SOURCE_DIR) + "/rules", rules, errors));
    ASSERT_GT(rules.rules.size(), 20u);
    const std::regex internal(R"(seeds/|tests/|\.md\b|\.py\b)");
    const std::regex public_source(
        R"(https://(wiki\.xenproject\.org/wiki|xenbits\.xen\.org)/\S+|Linux [0-9][^;]* (arch|drivers|kernel|net|init|fs)/\S+)");
    for (const auto& r : rules.rules) {
        SCOPED_TRACE(r.id);
        EXPECT_FALSE(r.source.empty());
        EXPECT_FALSE(std::regex_search(r.source, internal)) << r.source;
        EXPECT_TRUE(std::regex_search(r.source, public_source)) << r.source;
    }
}
