// libFuzzer target: the rules loader (JSON parsing, schema validation with
// line:column errors) for complete rules files and for --rules overrides,
// and the merge of an override onto a complete set.
#include "common.h"
#include "rules/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text = fuzz::as_string(data, size);
    std::vector<xenrules::RulesError> errors;
    xenrules::RuleSet full;
    bool ok = xenrules::parse_rules(text, "fuzz.json", full, errors, xenrules::RulesFileKind::Full);
    for (const auto& e : errors)
        (void)e.str();

    errors.clear();
    xenrules::RuleSet overrides;
    if (xenrules::parse_rules(text, "fuzz.json", overrides, errors,
                              xenrules::RulesFileKind::Override) &&
        ok) {
        xenrules::RuleSet base = full;
        errors.clear();
        (void)xenrules::merge_rules(base, overrides, errors);
        (void)xenrules::disable_rules(base, {"dom*", "domU.x"});
    }
    for (const auto& e : errors)
        (void)e.str();
    return 0;
}
