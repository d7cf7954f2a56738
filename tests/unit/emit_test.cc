// Unit tests of the emitters (src/emit) with inline data: each output is
// parsed back (JSON, SARIF) or searched (text, XML) for real content.
#include "emit/diagnostics.h"
#include "emit/explain.h"
#include "emit/files.h"
#include "emit/findings.h"
#include "emit/suggest.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using nlohmann::json;

namespace {

kconfig::Diagnostic make_diag(kconfig::Severity s, std::string file, int line, std::string msg) {
    kconfig::Diagnostic d;
    d.severity = s;
    d.file = std::move(file);
    d.line = line;
    d.message = std::move(msg);
    return d;
}

xenrules::CheckReport sample_report() {
    xenrules::CheckReport r;
    r.input = "configs/guest.config";
    r.role = xenrules::Role::DomU;
    r.arch = xenrules::Arch::X86_64;
    r.kernel_version = "6.12.57";
    r.knowledge = "tree /trees/linux-6.12";
    r.notes = {"architecture x86_64 from CONFIG_X86_64=y (line 3)"};

    xenrules::Finding blk;
    blk.rule_id = "domU.blkfront";
    blk.kind = xenrules::FindingKind::Rule;
    blk.severity = xenrules::Severity::Error;
    blk.role = xenrules::Role::DomU;
    blk.modes = {xenrules::Mode::PVH};
    blk.symbol = "XEN_BLKDEV_FRONTEND";
    blk.expected = "y or m";
    blk.actual = "n";
    blk.where = {"configs/guest.config", 42};
    blk.message = "CONFIG_XEN_BLKDEV_FRONTEND is n, expected y or m";
    blk.rationale = "a domU needs the block frontend for its disks";
    blk.source = "Documentation/admin-guide/xen";
    blk.explanation = {"XEN_BLKDEV_FRONTEND depends on: XEN [=y] && BLK_DEV [=n]"};
    blk.changes = {{"BLK_DEV", "n", "y", "-> Device Drivers", {"drivers/block/Kconfig", 6}}};
    blk.fix = {"CONFIG_BLK_DEV=y", "CONFIG_XEN_BLKDEV_FRONTEND=y"};

    xenrules::Finding fb;
    fb.rule_id = "domU.fbfront";
    fb.severity = xenrules::Severity::Warning;
    fb.role = xenrules::Role::DomU;
    fb.modes = {xenrules::Mode::PVH};
    fb.message = "no framebuffer frontend";
    fb.where = {"configs/guest.config", 0};
    fb.where_is_insertion = true;
    fb.suppressed = true;
    fb.suppressed_by = {"configs/guest.config", 7};

    xenrules::Finding dropped;
    dropped.rule_id = "xencfg.dropped";
    dropped.kind = xenrules::FindingKind::Dropped;
    dropped.severity = xenrules::Severity::Error;
    dropped.message = "CONFIG_FOO=y would be dropped by olddefconfig <&>";
    dropped.where = {"configs/guest.config", 12};

    r.findings = {dropped, blk, fb};
    using xenrules::Mode;
    using xenrules::Role;
    xenrules::ModeSummary pv{Role::DomU, Mode::PV, true, "", true, 0, 0, 0, 0};
    xenrules::ModeSummary pvh{Role::DomU, Mode::PVH, true, "", false, 1, 0, 0, 1};
    xenrules::ModeSummary hvm{Role::DomU, Mode::HVM, false, "HVM needs XEN_PVHVM", false, 0,
                              0,          0,         0};
    r.modes = {pv, pvh, hvm};
    r.pass = true;
    r.passing_modes = {xenrules::Mode::PV};
    return r;
}

emit::RuleCatalog sample_catalog() {
    emit::RuleCatalog c;
    c.rules = {{"domU.blkfront", "Block frontend", "a domU needs it", "error"},
               {"domU.netfront", "Network frontend", "a domU needs it", "error"}};
    c.applicable = [](const xenrules::CheckReport&, const xenrules::ModeSummary&) {
        return std::vector<std::string>{"domU.blkfront", "domU.netfront"};
    };
    return c;
}

} // namespace

TEST(EmitDiagnostics, TextWithIncludeChain) {
    auto d = make_diag(kconfig::Severity::Warning, "arch/x86/Kconfig", 12, "config FOO redefined");
    d.include_chain = {"Kconfig:5", "arch/Kconfig:3"};
    EXPECT_EQ(emit::diagnostic_text(d), "arch/x86/Kconfig:12: warning: config FOO redefined\n"
                                        "  included from arch/Kconfig:3\n"
                                        "  included from Kconfig:5\n");
    auto nofile = make_diag(kconfig::Severity::Error, "", 0, "no tree");
    EXPECT_EQ(emit::diagnostic_text(nofile), "error: no tree\n");
    std::string coloured = emit::diagnostic_text(d, true);
    EXPECT_NE(coloured.find("\x1b["), std::string::npos);
    EXPECT_NE(coloured.find("config FOO redefined"), std::string::npos);
}

TEST(EmitDiagnostics, ConfTextOnlyWhenPresent) {
    auto a = make_diag(kconfig::Severity::Warning, "Kconfig", 3, "x");
    a.conf_text = "Kconfig:3:warning: x";
    auto b = make_diag(kconfig::Severity::Note, "Kconfig", 4, "internal only");
    EXPECT_EQ(emit::diagnostics_conf_text({a, b}), "Kconfig:3:warning: x\n");
}

TEST(EmitDiagnostics, Json) {
    auto d = make_diag(kconfig::Severity::Error, "Kconfig", 9, "syntax error");
    d.include_chain = {"Kconfig.top:1"};
    d.code = kconfig::DiagCode::DependencyLoop;
    d.symbols = {"FOO"};
    json j = json::parse(emit::diagnostics_json({d}).dump());
    ASSERT_EQ(j.size(), 1u);
    EXPECT_EQ(j[0]["severity"], "error");
    EXPECT_EQ(j[0]["code"], "kconfig.dependency-loop");
    EXPECT_EQ(j[0]["symbols"], json::array({"FOO"}));
    EXPECT_EQ(j[0]["file"], "Kconfig");
    EXPECT_EQ(j[0]["line"], 9);
    EXPECT_EQ(j[0]["include_chain"][0], "Kconfig.top:1");
    auto none = make_diag(kconfig::Severity::Note, "", 0, "n");
    EXPECT_TRUE(emit::diagnostic_json(none)["file"].is_null());
}

TEST(EmitFindings, TextReport) {
    std::string t = emit::findings_text({sample_report()}, {});
    EXPECT_NE(t.find("configs/guest.config: config checked as domU (mode any) on x86_64, Linux "
                     "6.12.57"),
              std::string::npos)
        << t;
    EXPECT_NE(
        t.find(
            "configs/guest.config:42: error: domU pvh: CONFIG_XEN_BLKDEV_FRONTEND is n, expected y "
            "or m [domU.blkfront, domU/pvh]"),
        std::string::npos)
        << t;
    EXPECT_NE(t.find("fix: CONFIG_BLK_DEV=y, CONFIG_XEN_BLKDEV_FRONTEND=y"), std::string::npos);
    EXPECT_NE(t.find("change BLK_DEV from n to y (-> Device Drivers) at drivers/block/Kconfig:6"),
              std::string::npos)
        << t;
    // Suppressed findings are counted, not listed, by default.
    EXPECT_EQ(t.find("no framebuffer frontend"), std::string::npos);
    EXPECT_NE(t.find("1 suppressed finding not shown"), std::string::npos);
    EXPECT_NE(t.find("domU/pv pass, domU/pvh FAIL (1 error), domU/hvm n/a"), std::string::npos)
        << t;
    EXPECT_NE(t.find("configs/guest.config: PASS (domU: pv)"), std::string::npos);
    EXPECT_EQ(t.find('\x1b'), std::string::npos); // no colour unless asked

    emit::TextOptions all;
    all.show_suppressed = true;
    t = emit::findings_text({sample_report()}, all);
    EXPECT_NE(t.find("no framebuffer frontend [domU.fbfront, domU/pvh] (suppressed)"),
              std::string::npos)
        << t;
    EXPECT_NE(t.find("suppressed by configs/guest.config:7"), std::string::npos);
}

TEST(EmitFindings, JsonRoundTrip) {
    emit::ToolInfo tool;
    tool.version = "9.9.9";
    json j = json::parse(emit::findings_json({sample_report()}, tool).dump(2));
    EXPECT_EQ(j["schema_version"], 1);
    EXPECT_EQ(j["tool"]["version"], "9.9.9");
    EXPECT_EQ(j["pass"], true);
    const json& r = j["reports"][0];
    EXPECT_EQ(r["input"], "configs/guest.config");
    EXPECT_EQ(r["arch"], "x86_64");
    EXPECT_EQ(r["passing_modes"], json::array({"pv"}));
    ASSERT_EQ(r["modes"].size(), 3u);
    EXPECT_EQ(r["modes"][2]["applicable"], false);
    EXPECT_EQ(r["modes"][2]["note"], "HVM needs XEN_PVHVM");
    ASSERT_EQ(r["findings"].size(), 3u);
    const json& f = r["findings"][1];
    EXPECT_EQ(f["rule_id"], "domU.blkfront");
    EXPECT_EQ(f["kind"], "rule");
    EXPECT_EQ(f["severity"], "error");
    EXPECT_EQ(f["location"]["line"], 42);
    EXPECT_EQ(f["location"]["insertion"], false);
    EXPECT_EQ(f["changes"][0]["symbol"], "BLK_DEV");
    EXPECT_EQ(f["changes"][0]["kconfig"]["file"], "drivers/block/Kconfig");
    EXPECT_EQ(f["fix"][1], "CONFIG_XEN_BLKDEV_FRONTEND=y");
    EXPECT_TRUE(f["suppressed_by"].is_null());
    EXPECT_EQ(r["findings"][0]["kind"], "dropped");
    EXPECT_TRUE(r["findings"][0]["role"].is_null());
    EXPECT_EQ(r["findings"][2]["suppressed_by"]["line"], 7);
}

TEST(EmitFindings, SarifStructure) {
    emit::ToolInfo tool;
    tool.version = "1.2.3";
    json s = json::parse(emit::findings_sarif({sample_report()}, tool, sample_catalog()).dump());
    EXPECT_EQ(s["version"], "2.1.0");
    EXPECT_NE(s["$schema"].get<std::string>().find("sarif-schema-2.1.0.json"), std::string::npos);
    ASSERT_EQ(s["runs"].size(), 1u);
    const json& run = s["runs"][0];
    const json& driver = run["tool"]["driver"];
    EXPECT_EQ(driver["name"], "xencfg");
    EXPECT_EQ(driver["version"], "1.2.3");
    EXPECT_TRUE(driver["informationUri"].is_string());
    // Catalog rules first, then ids only seen in findings.
    std::vector<std::string> ids;
    for (const auto& r : driver["rules"]) {
        ids.push_back(r["id"]);
        EXPECT_TRUE(r["shortDescription"]["text"].is_string());
        EXPECT_FALSE(r["help"]["text"].get<std::string>().empty());
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"domU.blkfront", "domU.netfront", "xencfg.dropped",
                                             "domU.fbfront"}));
    const json& results = run["results"];
    ASSERT_EQ(results.size(), 3u);
    for (const auto& res : results) {
        // ruleIndex points at the rule with the same id.
        EXPECT_EQ(driver["rules"][res["ruleIndex"].get<size_t>()]["id"], res["ruleId"]);
        EXPECT_TRUE(res["message"]["text"].is_string());
        EXPECT_EQ(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                  "configs/guest.config");
    }
    EXPECT_EQ(results[1]["level"], "error");
    EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["region"]["startLine"], 42);
    EXPECT_NE(results[1]["message"]["text"].get<std::string>().find("Fix: CONFIG_BLK_DEV=y"),
              std::string::npos);
    // Line 0 means no region at all (SARIF lines start at 1).
    EXPECT_FALSE(results[2]["locations"][0]["physicalLocation"].contains("region"));
    EXPECT_EQ(results[2]["level"], "warning");
    ASSERT_TRUE(results[2].contains("suppressions"));
    EXPECT_EQ(results[2]["suppressions"][0]["kind"], "inSource");
    EXPECT_EQ(results[2]["suppressions"][0]["location"]["physicalLocation"]["region"]["startLine"],
              7);
    EXPECT_FALSE(results[1].contains("suppressions"));
}

TEST(EmitFindings, SarifUriEncoding) {
    EXPECT_EQ(emit::path_to_uri("my configs/a#b.config"), "my%20configs/a%23b.config");
    EXPECT_EQ(emit::path_to_uri("/abs/x.config"), "/abs/x.config");
}

TEST(EmitFindings, SarifExternalSuppression) {
    auto r = sample_report();
    r.findings[2].suppressed_by = {};
    json s = emit::findings_sarif({r}, {}, {});
    EXPECT_EQ(s["runs"][0]["results"][2]["suppressions"][0]["kind"], "external");
}

TEST(EmitFindings, JUnit) {
    std::string x = emit::findings_junit({sample_report()}, sample_catalog(), false);
    EXPECT_EQ(x.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites ", 0), 0u);
    // No general suite: the dropped value (no mode named) counts against
    // every applicable mode, so it is in the pv and the pvh suite, each of
    // which fails as its mode does; hvm is skipped.
    EXPECT_EQ(x.find("<testsuite name=\"configs/guest.config [domU]\""), std::string::npos) << x;
    EXPECT_NE(
        x.find("<testsuite name=\"configs/guest.config [domU/pv]\" tests=\"3\" failures=\"1\""),
        std::string::npos)
        << x;
    EXPECT_NE(
        x.find("<testsuite name=\"configs/guest.config [domU/pvh]\" tests=\"4\" failures=\"2\" "
               "errors=\"0\" skipped=\"1\""),
        std::string::npos)
        << x;
    EXPECT_NE(
        x.find("<testsuite name=\"configs/guest.config [domU/hvm]\" tests=\"1\" failures=\"0\" "
               "errors=\"0\" skipped=\"1\""),
        std::string::npos)
        << x;
    EXPECT_NE(x.find("<skipped message=\"HVM needs XEN_PVHVM\"/>"), std::string::npos);
    EXPECT_NE(
        x.find("<failure message=\"domU pvh: CONFIG_XEN_BLKDEV_FRONTEND is n, expected y or m\" "
               "type=\"error\">"),
        std::string::npos);
    // Escaping of the message with XML specials.
    EXPECT_NE(x.find("dropped by olddefconfig &lt;&amp;&gt;"), std::string::npos);
    EXPECT_NE(x.find("<testsuites name=\"xencfg check\" tests=\"8\" failures=\"3\" errors=\"0\" "
                     "skipped=\"2\">"),
              std::string::npos)
        << x;
}

TEST(EmitFindings, JUnitStrictWarnings) {
    auto r = sample_report();
    r.findings[2].suppressed = false;
    std::string lax = emit::findings_junit({r}, {}, false);
    std::string strict = emit::findings_junit({r}, {}, true);
    EXPECT_EQ(lax.find("type=\"warning\""), std::string::npos);
    EXPECT_NE(lax.find("<system-out>"), std::string::npos);
    EXPECT_NE(
        strict.find("<failure message=\"domU pvh: no framebuffer frontend\" type=\"warning\">"),
        std::string::npos);
}

TEST(EmitFindings, XmlEscape) {
    EXPECT_EQ(emit::xml_escape("a<b>&\"'\x01z"), "a&lt;b&gt;&amp;&quot;&apos;z");
}

TEST(EmitExplain, TextAndJson) {
    kconfig::SymbolInfo r;
    r.name = "XEN_PV";
    r.type = "bool";
    r.with_values = true;
    r.value = "y";
    r.config_file = ".config";
    r.user_value = "y";
    r.visibility = "y";
    kconfig::SymbolDefinition d;
    d.at = {"arch/x86/xen/Kconfig", 23};
    d.kind = "config";
    d.prompt = "Xen PV guest support";
    d.location = "-> Processor type and features -> Linux guest support";
    d.depends_on = "XEN [=y] && X86_64 [=y]";
    d.help = "Support running as a Xen PV guest.\n\nSecond paragraph.";
    r.definitions = {d};
    r.selects = {{"XEN_HAVE_VPMU [=y]", "", {"arch/x86/xen/Kconfig", 27}}};
    r.selected_by = {{"XEN_PV_DOM0 [=n]", "ACPI [=n]", {"arch/x86/xen/Kconfig", 40}}};
    r.defaults = {{"y", "", {"arch/x86/xen/Kconfig", 25}}};
    std::string t = emit::explain_text(r);
    EXPECT_EQ(t.rfind("Symbol: XEN_PV [=y]\nType: bool\n", 0), 0u) << t;
    EXPECT_NE(t.find("Defined at arch/x86/xen/Kconfig:23 (config)\n  Prompt: Xen PV guest support\n"
                     "  Location: -> Processor type and features -> Linux guest support\n"
                     "  Depends on: XEN [=y] && X86_64 [=y]\n  Help:\n"
                     "    Support running as a Xen PV guest.\n\n    Second paragraph.\n"),
              std::string::npos)
        << t;
    EXPECT_NE(t.find("Selects:\n  - XEN_HAVE_VPMU [=y]   (arch/x86/xen/Kconfig:27)\n"),
              std::string::npos);
    EXPECT_NE(
        t.find("Selected by:\n  - XEN_PV_DOM0 [=n] if ACPI [=n]   (arch/x86/xen/Kconfig:40)\n"),
        std::string::npos);
    EXPECT_NE(t.find("Defaults:\n  - y   (arch/x86/xen/Kconfig:25)\n"), std::string::npos);

    json j = json::parse(emit::explain_json(r).dump());
    EXPECT_EQ(j["symbol"], "XEN_PV");
    EXPECT_EQ(j["value"], "y");
    EXPECT_EQ(j["definitions"][0]["at"]["line"], 23);
    EXPECT_EQ(j["definitions"][0]["depends_on"], "XEN [=y] && X86_64 [=y]");
    EXPECT_EQ(j["selected_by"][0]["condition"], "ACPI [=n]");
    EXPECT_TRUE(j["implies"].empty());
    EXPECT_TRUE(j["choice"].is_null());
}

TEST(EmitSuggest, ClosestNames) {
    EXPECT_EQ(emit::edit_distance("kitten", "sitting"), 3u);
    EXPECT_EQ(emit::edit_distance("XEN", "xen"), 0u);
    std::vector<std::string> names = {"XEN", "XEN_PV", "XEN_PVH", "XEN_DOM0", "ACPI", "XEN_PVHVM"};
    auto s = emit::closest_names("XEN_PHV", names);
    ASSERT_FALSE(s.empty());
    EXPECT_EQ(s[0], "XEN_PV");
    EXPECT_TRUE(emit::closest_names("COMPLETELY_UNRELATED", names).empty());
}

// --strict makes warnings fail the check: SARIF must then say "error" for
// them, as the exit status and JUnit do, and stay "warning" otherwise.
TEST(EmitFindings, SarifStrictWarningsAreErrors) {
    xenrules::CheckReport r = sample_report();
    auto level_of = [&](bool strict, const std::string& rule) {
        json s = json::parse(emit::findings_sarif({r}, {}, {}, strict).dump());
        for (const json& res : s["runs"][0]["results"])
            if (res["ruleId"] == rule) return res["level"].get<std::string>();
        return std::string("missing");
    };
    EXPECT_EQ(level_of(false, "domU.fbfront"), "warning");
    EXPECT_EQ(level_of(true, "domU.fbfront"), "error");
    EXPECT_EQ(level_of(true, "xencfg.dropped"), "error");
}

TEST(EmitSuggest, DidYouMean) {
    std::vector<std::string> names = {"XEN", "XEN_PV", "XEN_PVH", "ACPI"};
    EXPECT_EQ(emit::did_you_mean("XEN_PHV", names), "; did you mean XEN_PV or XEN_PVH?");
    EXPECT_EQ(emit::did_you_mean("COMPLETELY_UNRELATED", names), "");
}

// Reports are UTF-8: the first invalid sequence is found with its line and
// column (overlong forms, surrogates and code points past U+10FFFF too).
TEST(EmitFiles, FirstInvalidUtf8) {
    EXPECT_EQ(emit::first_invalid_utf8("CONFIG_A=\"caf\xc3\xa9 \xf0\x9f\x90\xa7\"\n").line, 0);
    auto at = [](std::string_view t) {
        emit::TextPosition p = emit::first_invalid_utf8(t);
        return std::to_string(p.line) + ":" + std::to_string(p.column);
    };
    EXPECT_EQ(at("A\nBC\xff\n"), "2:3");        // not a lead byte
    EXPECT_EQ(at("\xc0\xaf"), "1:1");           // overlong '/'
    EXPECT_EQ(at("x\xe0\x80\xaf"), "1:2");      // overlong, 3 bytes
    EXPECT_EQ(at("\n\n\xed\xa0\x80"), "3:1");   // a UTF-16 surrogate
    EXPECT_EQ(at("ab\xf4\x90\x80\x80"), "1:3"); // past U+10FFFF
    EXPECT_EQ(at("abc\xe2\x82"), "1:4");        // cut short at the end
    EXPECT_EQ(at("\xc3\xa9\xc3("), "1:3");      // a continuation byte missing
    try {
        emit::require_utf8("x.config", "ok\n\xfe");
        FAIL() << "no error";
    } catch (const emit::FileError& e) {
        EXPECT_EQ(e.text(), "x.config:2: error: invalid UTF-8 at column 1 (not a text "
                            "configuration file?)");
    }
}

// Why a report is undecided is data in JSON and SARIF, and the text verdict
// line says the same: without a tree, or with another release's tree.
TEST(EmitFindings, UndecidedBecauseAgreesInEveryFormat) {
    for (bool by_release : {false, true}) {
        xenrules::CheckReport r = sample_report();
        r.pass = false;
        r.passing_modes.clear();
        r.undecided = true;
        r.undecided_by_release = by_release;
        ASSERT_FALSE(r.modes.empty());
        r.modes[0].pass = false;
        r.modes[0].undecided = true;
        xenrules::Finding u;
        u.rule_id = "xencfg.undecided";
        u.kind = xenrules::FindingKind::Contradiction;
        u.severity = xenrules::Severity::Error;
        u.where = {r.input, 0};
        u.message = "cannot decide";
        r.findings.insert(r.findings.begin(), u);
        const char* because = by_release ? "another-release" : "no-tree";
        emit::ToolInfo tool;
        json j = json::parse(emit::findings_json({r}, tool).dump());
        EXPECT_EQ(j["reports"][0]["undecided_because"], because);
        EXPECT_EQ(j["reports"][0]["modes"][0]["undecided"], true);
        EXPECT_EQ(j["reports"][0]["modes"][0]["pass"], false);
        json s = json::parse(emit::findings_sarif({r}, tool, sample_catalog()).dump());
        EXPECT_EQ(s["runs"][0]["results"][0]["ruleId"], "xencfg.undecided");
        EXPECT_EQ(s["runs"][0]["results"][0]["properties"]["undecided_because"], because);
        std::string text = emit::findings_text({r}, {});
        EXPECT_NE(text.find(by_release ? "cannot decide with another release's tree"
                                       : "cannot decide without --tree"),
                  std::string::npos)
            << text;
        // The mode line says the mode is undecided, not failed.
        EXPECT_NE(text.find(std::string(xenrules::role_name(r.modes[0].role)) + "/" +
                            xenrules::mode_name(r.modes[0].mode) + " UNDECIDED"),
                  std::string::npos)
            << text;
        // JUnit: every suite of the report carries it as a property, first
        // in the suite as the Ant schema puts <properties>.
        std::string junit = emit::findings_junit({r}, sample_catalog(), false);
        size_t suites = 0, with_property = 0;
        for (size_t at = junit.find("<testsuite "); at != std::string::npos;
             at = junit.find("<testsuite ", at + 1)) {
            ++suites;
            size_t open_end = junit.find(">\n", at);
            ASSERT_NE(open_end, std::string::npos) << junit;
            std::string expected =
                ">\n    <properties>\n      <property name=\"undecided_because\" "
                "value=\"" +
                std::string(because) + "\"/>\n    </properties>\n";
            if (junit.compare(open_end, expected.size(), expected) == 0) ++with_property;
        }
        EXPECT_GT(suites, 0u) << junit;
        EXPECT_EQ(with_property, suites) << junit;
    }
    // Decided: null, and no JUnit property.
    json j = json::parse(emit::findings_json({sample_report()}, emit::ToolInfo{}).dump());
    EXPECT_TRUE(j["reports"][0]["undecided_because"].is_null());
    std::string junit = emit::findings_junit({sample_report()}, sample_catalog(), false);
    EXPECT_EQ(junit.find("undecided_because"), std::string::npos) << junit;
}
