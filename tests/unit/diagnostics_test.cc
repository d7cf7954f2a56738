// Diagnostics are data: each kind of problem the engine reports has a stable
// code (and the symbol it is about), whatever its message says.
#include "kconfig/confdata.h"
#include "kconfig/context.h"
#include "kconfig/eval.h"

#include <gtest/gtest.h>
#include <set>

using namespace kconfig;

namespace {

// The codes of the diagnostics a tree's load records, in order.
std::vector<DiagCode> load_codes(const std::map<std::string, std::string>& files,
                                 Context* keep = nullptr) {
    Context local;
    Context& ctx = keep ? *keep : local;
    ctx.probe_options.offline = true;
    load_tree_from_memory(ctx, files, "Kconfig", {}, Dialect{6, 12});
    std::vector<DiagCode> codes;
    for (const auto& d : ctx.diags.items())
        codes.push_back(d.code);
    return codes;
}

using V = std::vector<DiagCode>;

} // namespace

TEST(DiagnosticCodes, MissingFiles) {
    EXPECT_EQ(load_codes({}), V{DiagCode::KconfigFileMissing});
    EXPECT_EQ(load_codes({{"Kconfig", "source \"nowhere/Kconfig\"\n"}}),
              V{DiagCode::KconfigFileMissing});
}

TEST(DiagnosticCodes, RecursiveSource) {
    EXPECT_EQ(load_codes({{"Kconfig", "source \"Kconfig\"\n"}}),
              V{DiagCode::KconfigRecursiveSource});
}

TEST(DiagnosticCodes, InvalidKconfigAndWarnings) {
    EXPECT_EQ(load_codes({{"Kconfig", "config A\n\tbool \"a\"\n\tdepends on (\n"}})[0],
              DiagCode::KconfigInvalid);
    // A character the lexer ignores.
    EXPECT_EQ(load_codes({{"Kconfig", "config A\n\tbool \"a\" ~\n"}}), V{DiagCode::KconfigWarning});
    // menu finalize: a symbol without a type.
    EXPECT_EQ(load_codes({{"Kconfig", "config A\n\tprompt \"a\"\n"}}), V{DiagCode::KconfigMenu});
}

TEST(DiagnosticCodes, MacroLanguage) {
    EXPECT_EQ(load_codes({{"Kconfig", "$(info,hello)\n$(warning-if,y,careful)\n"
                                      "$(error-if,y,stop)\n"}}),
              (V{DiagCode::MacroInfo, DiagCode::MacroWarning, DiagCode::MacroError}));
}

TEST(DiagnosticCodes, DependencyLoopNamesItsSymbol) {
    Context ctx;
    load_codes({{"Kconfig", "config A\n\tbool \"a\"\n\tdepends on B\n"
                            "config B\n\tbool \"b\"\n\tdepends on A\n"}},
               &ctx);
    ASSERT_EQ(ctx.diags.count(DiagCode::DependencyLoop), 1u);
    for (const auto& d : ctx.diags.items())
        if (d.code == DiagCode::DependencyLoop) {
            ASSERT_EQ(d.symbols.size(), 1u);
            EXPECT_TRUE(d.symbols[0] == "A" || d.symbols[0] == "B") << d.symbols[0];
        }
}

TEST(DiagnosticCodes, UnmetDependencyNamesTheSelectedSymbol) {
    Context ctx;
    ASSERT_EQ(load_codes({{"Kconfig", "config DEP\n\tbool \"dep\"\n"
                                      "config T\n\tbool\n\tdepends on DEP\n"
                                      "config S\n\tbool \"s\"\n\tdefault y\n\tselect T\n"}},
                         &ctx),
              V{});
    conf_read_from_string(ctx, ".config", "");
    conf_write_string(ctx);
    ASSERT_GE(ctx.diags.count(DiagCode::UnmetDependency), 1u);
    for (const auto& d : ctx.diags.items()) {
        if (d.code == DiagCode::UnmetDependency) {
            EXPECT_EQ(d.symbols, std::vector<std::string>{"T"});
        }
    }
}

TEST(DiagnosticCodes, EveryCodeHasADistinctName) {
    std::set<std::string> names;
    for (int c = int(DiagCode::KconfigFileMissing); c <= int(DiagCode::KconfigNoVersion); ++c) {
        std::string name = diag_code_name(DiagCode(c));
        EXPECT_NE(name, "unknown");
        EXPECT_TRUE(names.insert(name).second) << name;
    }
}
