// Rules loader, schema validation (with positions), merging, applicability.
#include "rules/rules.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include <fstream>
#include <set>
#include <sstream>

using namespace xenrules;

namespace {

std::vector<RulesError> parse_errors(const std::string& text,
                                     RulesFileKind kind = RulesFileKind::Full) {
    RuleSet set;
    std::vector<RulesError> errors;
    EXPECT_FALSE(parse_rules(text, "t.json", set, errors, kind));
    EXPECT_TRUE(set.rules.empty());
    return errors;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const char* kGood = R"({
  "schema": 1,
  "defaults": {"role": ["domU"]},
  "rules": [
    {"id": "domU.blkfront", "severity": "error", "symbol": "XEN_BLKDEV_FRONTEND",
     "value": "y/m", "mode": ["pv"], "rationale": "disks", "source": "test"},
    {"id": "domU.scrub", "severity": "info", "symbol": "XEN_SCRUB_PAGES_DEFAULT",
     "renames": [{"name": "XEN_SCRUB_PAGES", "until": "4.19"}], "since": "2.6.30",
     "rationale": "scrub"},
    {"id": "x86_32.pae", "severity": "error", "require": "X86_PAE", "when": "X86_32",
     "arch": ["x86_32"], "role": ["dom0", "domU"], "rationale": "pae"}
  ]
})";

} // namespace

TEST(Rules, ParsesGoodFile) {
    RuleSet set;
    std::vector<RulesError> errors;
    ASSERT_TRUE(parse_rules(kGood, "good.json", set, errors))
        << (errors.empty() ? "" : errors[0].str());
    ASSERT_EQ(set.rules.size(), 3u);
    const Rule& b = set.rules[0];
    EXPECT_EQ(b.id, "domU.blkfront");
    EXPECT_EQ(b.accept.kind, AcceptKind::YesOrMod);
    EXPECT_EQ(b.origin.line, 5);
    ASSERT_EQ(b.roles.size(), 1u);
    EXPECT_EQ(b.roles[0], Role::DomU);
    EXPECT_TRUE(b.applies_to(Role::DomU, Mode::PV, Arch::X86_64, {6, 1}));
    EXPECT_FALSE(b.applies_to(Role::DomU, Mode::HVM, Arch::X86_64, {6, 1}));
    EXPECT_FALSE(b.applies_to(Role::Dom0, Mode::PV, Arch::X86_64, {6, 1}));
    const Rule& s = set.rules[1];
    EXPECT_EQ(s.symbol_for({4, 18}), "XEN_SCRUB_PAGES");
    EXPECT_EQ(s.symbol_for({4, 19}), "XEN_SCRUB_PAGES_DEFAULT");
    EXPECT_FALSE(s.applies_to(Role::DomU, Mode::PV, Arch::X86_64, *KVer::parse("2.6.29")));
    EXPECT_TRUE(s.applies_to(Role::DomU, Mode::PV, Arch::X86_64, *KVer::parse("2.6.32")));
    EXPECT_EQ(set.rules[2].require, "X86_PAE");
    EXPECT_FALSE(set.rules[2].applies_to(Role::DomU, Mode::PV, Arch::X86_64, {6, 1}));
}

TEST(Rules, Versions) {
    EXPECT_LT(*KVer::parse("2.6.32"), *KVer::parse("3.0"));
    EXPECT_LT(*KVer::parse("2.6.9"), *KVer::parse("2.6.32"));
    EXPECT_EQ(KVer::parse("6.12.117")->str(), "6.12");
    EXPECT_LT(*KVer::parse("3.9"), *KVer::parse("3.10"));
    EXPECT_FALSE(KVer::parse("6"));
    VersionRange r{KVer{3, 10}, KVer{5, 3}};
    EXPECT_FALSE(r.contains({3, 9}));
    EXPECT_TRUE(r.contains({3, 10}));
    EXPECT_TRUE(r.contains({5, 2}));
    EXPECT_FALSE(r.contains({5, 3}));
}

TEST(Rules, JsonSyntaxErrorHasLineAndColumn) {
    auto errors = parse_errors("{\n  \"schema\": 1,\n  \"rules\": [,]\n}\n");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].line, 3);
    EXPECT_EQ(errors[0].column, 13);
    EXPECT_NE(errors[0].str().find("t.json:3:13: JSON syntax error"), std::string::npos)
        << errors[0].str();
}

TEST(Rules, UnknownKeyIsLocatedAtTheKey) {
    auto errors = parse_errors(R"({"schema": 1, "rules": [
  {"id": "domU.x", "severity": "error", "symbol": "XEN",
      "rationale": "r", "sevrity": "warning"}
]})");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].line, 3);
    EXPECT_EQ(errors[0].column, 25);
    EXPECT_NE(errors[0].message.find("unknown key \"sevrity\""), std::string::npos)
        << errors[0].str();
    EXPECT_NE(errors[0].message.find("/rules/0/sevrity"), std::string::npos);
}

TEST(Rules, BadEnumValueIsLocatedAtTheValue) {
    auto errors = parse_errors(R"({"schema": 1, "rules": [
  {"id": "domU.x", "severity": "fatal", "symbol": "XEN", "rationale": "r"}
]})");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].line, 2);
    EXPECT_EQ(errors[0].column, 32);
    EXPECT_NE(errors[0].message.find("\"fatal\" is not one of \"error\", \"warning\", \"info\""),
              std::string::npos)
        << errors[0].str();
}

TEST(Rules, WrongTypeAndBadPattern) {
    auto errors = parse_errors(R"({"schema": 1, "rules": [
  {"id": "domU.x", "severity": "error", "symbol": "CONFIG XEN", "since": 3.10,
   "rationale": "r"}
]})");
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].line, 2);
    EXPECT_NE(errors[0].message.find("does not match"), std::string::npos) << errors[0].str();
    EXPECT_EQ(errors[1].line, 2);
    EXPECT_EQ(errors[0].column, 51);
    EXPECT_EQ(errors[1].column, 74);
    EXPECT_NE(errors[1].message.find("expected string, found number"), std::string::npos)
        << errors[1].str();
}

TEST(Rules, MissingKeysAreLocatedAtTheRule) {
    auto errors = parse_errors(
        "{\"schema\": 1, \"rules\": [\n  {\"id\": \"domU.x\", \"symbol\": \"XEN\"}\n]}");
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].line, 2);
    EXPECT_EQ(errors[0].column, 3);
    EXPECT_NE(errors[0].message.find("missing required key \"severity\""), std::string::npos);
    EXPECT_NE(errors[1].message.find("missing required key \"rationale\""), std::string::npos);
}

TEST(Rules, SemanticErrors) {
    auto errors = parse_errors(R"({"schema": 1, "rules": [
  {"id": "domU.x", "severity": "error", "symbol": "XEN", "require": "XEN", "rationale": "r"},
  {"id": "domU.y", "severity": "error", "symbol": "XEN", "since": "5.3", "until": "3.10", "rationale": "r"},
  {"id": "domU.y", "severity": "error", "symbol": "XEN", "rationale": "r"}
]})");
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors[0].line, 2);
    EXPECT_NE(errors[0].message.find("mutually exclusive"), std::string::npos);
    EXPECT_EQ(errors[1].line, 3);
    EXPECT_NE(errors[1].message.find("later than"), std::string::npos);
    EXPECT_EQ(errors[2].line, 4);
    EXPECT_NE(errors[2].message.find("duplicate rule id \"domU.y\" (first at line 3)"),
              std::string::npos)
        << errors[2].str();
}

TEST(Rules, BadExpressionsAreLoadErrors) {
    auto errors = parse_errors(R"({"schema": 1, "rules": [
  {"id": "domU.x", "severity": "error", "require": "XEN &&", "rationale": "r"},
  {"id": "domU.y", "severity": "error", "symbol": "XEN", "when": "(SMP || X86", "rationale": "r"},
  {"id": "domU.z", "severity": "error", "symbol": "XEN", "when": "SMP X86", "rationale": "r"},
  {"id": "domU.w", "severity": "error", "require": "XEN_PV && !X86_32 || A = \"x\"", "rationale": "r"}
]})");
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors[0].line, 2);
    EXPECT_EQ(errors[0].column, 52); // the value's opening quote
    EXPECT_NE(errors[0].message.find("/rules/0/require: \"require\" is not a Kconfig expression"),
              std::string::npos)
        << errors[0].str();
    EXPECT_EQ(errors[1].line, 3);
    EXPECT_NE(
        errors[1].message.find("/rules/1/when: \"when\" is not a Kconfig expression: missing ')'"),
        std::string::npos)
        << errors[1].str();
    EXPECT_EQ(errors[2].line, 4);
    EXPECT_NE(errors[2].message.find("after the expression"), std::string::npos) << errors[2].str();
}

TEST(Rules, TopLevelProblems) {
    auto errors = parse_errors("[]");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].str(), "t.json:1:1: top level: expected object, found array");
    errors = parse_errors("{\"rules\": []}");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].str(), "t.json:1:1: top level: missing required key \"schema\"");
}

TEST(Rules, OverridesMergeKeysAndDisable) {
    RuleSet base, over;
    std::vector<RulesError> errors;
    ASSERT_TRUE(parse_rules(kGood, "good.json", base, errors));
    ASSERT_TRUE(parse_rules(R"({"schema": 1, "rules": [
      {"id": "domU.blkfront", "severity": "warning"},
      {"id": "domU.scrub", "disabled": true},
      {"id": "site.custom", "severity": "info", "symbol": "XEN_WDT", "rationale": "watchdog", "role": ["domU"]}
    ]})",
                            "over.json", over, errors, RulesFileKind::Override));
    ASSERT_TRUE(merge_rules(base, over, errors));
    EXPECT_EQ(base.find("domU.blkfront")->severity, Severity::Warning);
    EXPECT_EQ(base.find("domU.blkfront")->symbol, "XEN_BLKDEV_FRONTEND"); // kept
    EXPECT_EQ(base.find("domU.blkfront")->origin.file, "over.json");
    EXPECT_TRUE(base.find("domU.scrub")->disabled);
    ASSERT_NE(base.find("site.custom"), nullptr);

    RuleSet bad;
    ASSERT_TRUE(parse_rules(R"({"schema": 1, "rules": [{"id": "site.new", "severity": "info"}]})",
                            "o2.json", bad, errors, RulesFileKind::Override));
    EXPECT_FALSE(merge_rules(base, bad, errors));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].line, 1);
}

// One rule, a severity per mode: parsed, applied per mode, and replaced by
// an override's plain "severity" unless it gives severity_by_mode again.
TEST(Rules, SeverityByMode) {
    RuleSet set;
    std::vector<RulesError> errors;
    ASSERT_TRUE(parse_rules(R"({"schema": 1, "defaults": {"role": ["domU"]}, "rules": [
      {"id": "domU.netfront", "severity": "error", "severity_by_mode": {"hvm": "warning"},
       "symbol": "XEN_NETDEV_FRONTEND", "value": "y/m", "rationale": "nics"}]})",
                            "t.json", set, errors))
        << (errors.empty() ? "" : errors[0].str());
    const Rule& r = *set.find("domU.netfront");
    EXPECT_EQ(r.severity_in(Mode::PV), Severity::Error);
    EXPECT_EQ(r.severity_in(Mode::HVM), Severity::Warning);
    EXPECT_EQ(r.severity_in(std::vector<Mode>{Mode::HVM}), Severity::Warning);
    EXPECT_EQ(r.severity_in(std::vector<Mode>{Mode::HVM, Mode::PVH}), Severity::Error);
    // Asked modes a rule is not for do not count (generate asks for every
    // mode at once): a pv/hvm rule asked for pvh and hvm weighs as in hvm.
    Rule limited = r;
    limited.modes = {Mode::PV, Mode::HVM};
    EXPECT_EQ(limited.severity_in(std::vector<Mode>{Mode::PVH, Mode::HVM}), Severity::Warning);
    EXPECT_EQ(limited.severity_in(std::vector<Mode>{Mode::PVH}), Severity::Error);

    RuleSet over;
    ASSERT_TRUE(
        parse_rules(R"({"schema": 1, "rules": [{"id": "domU.netfront", "severity": "info"}]})",
                    "o.json", over, errors, RulesFileKind::Override));
    RuleSet plain = set;
    ASSERT_TRUE(merge_rules(plain, over, errors));
    EXPECT_EQ(plain.find("domU.netfront")->severity_in(Mode::HVM), Severity::Info);
    EXPECT_EQ(plain.find("domU.netfront")->severity_in(Mode::PV), Severity::Info);

    RuleSet per_mode;
    ASSERT_TRUE(parse_rules(
        R"({"schema": 1, "rules": [{"id": "domU.netfront", "severity_by_mode": {"pvh": "warning"}}]})",
        "o.json", per_mode, errors, RulesFileKind::Override));
    ASSERT_TRUE(merge_rules(set, per_mode, errors));
    EXPECT_EQ(set.find("domU.netfront")->severity_in(Mode::PVH), Severity::Warning);
    EXPECT_EQ(set.find("domU.netfront")->severity_in(Mode::HVM), Severity::Error);

    // A mode the schema does not know, and a severity it does not know.
    auto bad = parse_errors(R"({"schema": 1, "rules": [{"id": "domU.x", "severity": "error",
      "severity_by_mode": {"hvm": "fatal", "pvhvm": "info"}, "symbol": "X", "rationale": "r"}]})");
    ASSERT_EQ(bad.size(), 2u);
    EXPECT_NE(bad[0].message.find("\"fatal\" is not one of"), std::string::npos) << bad[0].str();
    EXPECT_NE(bad[1].message.find("unknown key \"pvhvm\""), std::string::npos) << bad[1].str();
}

TEST(Rules, DisableWithPattern) {
    RuleSet set;
    std::vector<RulesError> errors;
    ASSERT_TRUE(parse_rules(kGood, "good.json", set, errors));
    auto unknown = disable_rules(set, {"domU.*", "nope.x"});
    EXPECT_TRUE(set.find("domU.blkfront")->disabled);
    EXPECT_TRUE(set.find("domU.scrub")->disabled);
    EXPECT_FALSE(set.find("x86_32.pae")->disabled);
    ASSERT_EQ(unknown.size(), 1u);
    EXPECT_EQ(unknown[0], "nope.x");
}

TEST(Rules, Modes) {
    auto m = modes_for(Role::DomU, Arch::X86_32, {5, 10});
    ASSERT_EQ(m.size(), 3u);
    EXPECT_EQ(m[0].mode, Mode::PV);
    EXPECT_FALSE(m[0].exists);
    EXPECT_NE(m[0].note.find("5.9"), std::string::npos);
    EXPECT_TRUE(modes_for(Role::DomU, Arch::X86_32, {5, 8})[0].exists);
    auto d = modes_for(Role::Dom0, Arch::X86_64, {6, 12});
    ASSERT_EQ(d.size(), 2u);
    EXPECT_TRUE(d[1].exists);
    auto a = modes_for(Role::Dom0, Arch::Arm64, {6, 1});
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].mode, Mode::Default);
}

TEST(Rules, SchemaFileMatchesCompiledSchema) {
    auto file = nlohmann::json::parse(read_file(XENCFG_SOURCE_DIR "/rules/schema.json"));
    auto compiled = nlohmann::json::parse(rules_schema_text());
    EXPECT_EQ(file, compiled) << "the build embeds rules/schema.json (cmake/embed-schema.cmake)";
}

TEST(Rules, ShippedRulesLoadAndAreComplete) {
    RuleSet set;
    std::vector<RulesError> errors;
    ASSERT_TRUE(load_default_rules(XENCFG_SOURCE_DIR "/rules", set, errors))
        << (errors.empty() ? "" : errors[0].str());
    EXPECT_GT(set.rules.size(), 50u);
    std::set<std::string> ids;
    for (const Rule& r : set.rules) {
        EXPECT_TRUE(ids.insert(r.id).second) << r.id;
        EXPECT_FALSE(r.source.empty()) << r.id;
        EXPECT_FALSE(r.rationale.empty()) << r.id;
        EXPECT_FALSE(r.roles.empty()) << r.id;
    }
    // Every option the seed guides name has a rule (symbol or rename).
    const char* seed_symbols[] = {"ACPI",
                                  "ACPI_PROCFS",
                                  "CLEANCACHE",
                                  "FRONTSWAP",
                                  "HIGHMEM64G",
                                  "HVC_DRIVER",
                                  "HVC_XEN",
                                  "HYPERVISOR_GUEST",
                                  "INPUT_XEN_KBDDEV_FRONTEND",
                                  "PARAVIRT",
                                  "PARAVIRT_GUEST",
                                  "PARAVIRT_SPINLOCKS",
                                  "PCI_XEN",
                                  "SYSFS_DEPRECATED",
                                  "SYSFS_DEPRECATED_V2",
                                  "X86_IO_APIC",
                                  "X86_PAE",
                                  "XEN",
                                  "XENFS",
                                  "XEN_BACKEND",
                                  "XEN_BALLOON",
                                  "XEN_BLKDEV_BACKEND",
                                  "XEN_BLKDEV_FRONTEND",
                                  "XEN_COMPAT_XENFS",
                                  "XEN_DEV_EVTCHN",
                                  "XEN_DOM0",
                                  "XEN_FBDEV_FRONTEND",
                                  "XEN_GNTDEV",
                                  "XEN_GRANT_DEV_ALLOC",
                                  "XEN_NETDEV_BACKEND",
                                  "XEN_NETDEV_FRONTEND",
                                  "XEN_PCIDEV_BACKEND",
                                  "XEN_PCIDEV_FRONTEND",
                                  "XEN_SAVE_RESTORE",
                                  "XEN_SCRUB_PAGES",
                                  "XEN_SELFBALLOONING",
                                  "XEN_SYS_HYPERVISOR",
                                  "XEN_TMEM",
                                  "XEN_XENBUS_FRONTEND"};
    for (const char* s : seed_symbols) {
        bool found = false;
        for (const Rule& r : set.rules) {
            if (r.symbol == s) found = true;
            for (const Rename& rn : r.renames)
                if (rn.name == s) found = true;
        }
        EXPECT_TRUE(found) << s;
    }
    // Version bounds for symbols that come and go.
    EXPECT_FALSE(
        set.find("domU.paravirt-guest")->applies_to(Role::DomU, Mode::PV, Arch::X86_64, {3, 10}));
    EXPECT_TRUE(
        set.find("domU.paravirt-guest")->applies_to(Role::DomU, Mode::PV, Arch::X86_64, {3, 9}));
    EXPECT_FALSE(
        set.find("domU.hypervisor-guest")->applies_to(Role::DomU, Mode::PV, Arch::X86_64, {3, 9}));
    EXPECT_FALSE(set.find("domU.tmem")->applies_to(Role::DomU, Mode::PV, Arch::X86_64, {5, 3}));
    EXPECT_FALSE(
        set.find("dom0.sysfs-deprecated")->applies_to(Role::Dom0, Mode::PV, Arch::X86_64, {6, 4}));
    EXPECT_FALSE(set.find("domU.pvhvm")->applies_to(Role::DomU, Mode::HVM, Arch::X86_64, {5, 9}));
    EXPECT_TRUE(
        set.find("domU.pvhvm-old")->applies_to(Role::DomU, Mode::HVM, Arch::X86_64, {5, 9}));
}

// The schema's patterns are matched by hand for speed: they must agree with
// std::regex on every case, valid or not.
TEST(Rules, SchemaPatternsAgreeWithRegex) {
    const std::vector<std::string> patterns = {"^[A-Za-z0-9_]+$", "^[0-9]+\\.[0-9]+(\\.[0-9]+)?$",
                                               "^[A-Za-z0-9_]+(\\.[A-Za-z0-9_-]+)+$"};
    const std::vector<std::string> values = {"",
                                             "XEN",
                                             "XEN_PV",
                                             "xen-pv",
                                             "6",
                                             "6.",
                                             "6.1",
                                             "6.12.117",
                                             "6.1.2.3",
                                             ".6.1",
                                             "6..1",
                                             "a.b",
                                             "domU.blkfront",
                                             "domU.fb-front",
                                             "domU.",
                                             ".x",
                                             "a.b.c-d",
                                             "a b",
                                             "A_1.2",
                                             "6.1a",
                                             "x",
                                             "x12",
                                             "y1",
                                             "domU..x",
                                             "dom0.pv_dom0"};
    int checked = 0;
    for (const auto& p : patterns)
        for (const auto& v : values) {
            EXPECT_EQ(xenrules::schema_pattern_matches(p, v),
                      std::optional<bool>(std::regex_search(v, std::regex(p))))
                << p << " / " << v;
            ++checked;
        }
    EXPECT_EQ(checked, 75);
    // The shipped schema uses only hand-matched patterns (and all of them).
    std::set<std::string> used;
    auto collect = [&](auto&& self, const nlohmann::json& j) -> void {
        if (j.is_object()) {
            if (auto it = j.find("pattern"); it != j.end() && it->is_string()) used.insert(*it);
            for (const auto& [k, v] : j.items())
                self(self, v);
        } else if (j.is_array()) {
            for (const auto& v : j)
                self(self, v);
        }
    };
    collect(collect, nlohmann::json::parse(xenrules::rules_schema_text()));
    EXPECT_EQ(used, std::set<std::string>(patterns.begin(), patterns.end()));
    for (const auto& p : used)
        EXPECT_TRUE(xenrules::schema_pattern_matches(p, "x").has_value()) << p;
    EXPECT_FALSE(xenrules::schema_pattern_matches("^x[0-9]*$", "x1").has_value());
}

// One arch parser for every spelling xencfg meets: the kernel's ARCH,
// Debian's architectures and the GNU/RPM triplets' first part.
TEST(Arch, EverySpellingParsesOnce) {
    const std::pair<const char*, Arch> cases[] = {
        {"x86_64", Arch::X86_64},
        {"amd64", Arch::X86_64},
        {"i386", Arch::X86_32},
        {"x86_32", Arch::X86_32},
        {"i686", Arch::X86_32},
        {"arm64", Arch::Arm64},
        {"aarch64", Arch::Arm64},
        {"arm", Arch::Arm},
        {"armhf", Arch::Arm},
        {"armel", Arch::Arm},
        {"armv7hl", Arch::Arm},
        // ARCH=x86: 64BIT defaults to y (arch/x86/Kconfig)
        {"x86", Arch::X86_64},
    };
    for (const auto& [name, arch] : cases) {
        auto a = parse_arch(name);
        ASSERT_TRUE(a) << name;
        EXPECT_EQ(*a, arch) << name;
    }
    EXPECT_FALSE(parse_arch("riscv64"));
    EXPECT_FALSE(parse_arch(""));
    EXPECT_FALSE(parse_arch("AMD64"));
}
