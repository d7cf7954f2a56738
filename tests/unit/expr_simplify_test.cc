// menu_finalize's expression rewriting (expr_transform and
// expr_eliminate_dups) per kernel release. The expected dependencies are
// those the kernel's own conf of each release prints in its unmet-dependency
// warnings for the same Kconfig text (conf-6.1, conf-6.12 and conf-7.3
// built from Debian's trees, run with --olddefconfig on A=y B=m).
#include "kconfig/context.h"
#include "kconfig/menu.h"

#include <gtest/gtest.h>

using namespace kconfig;

namespace {

const char kKconfig[] = "config MODULES\n\tbool \"modules\"\n\tmodules\n"
                        "config A\n\tbool \"a\"\n"
                        "config B\n\ttristate \"b\"\n"
                        "config C\n\tbool \"c\"\n\tdepends on A=n && B!=n && y\n"
                        "config D\n\tbool \"d\"\n\tdepends on !(A || B=y)\n"
                        "config E\n\tbool \"e\"\n\tdepends on A && (A || B) && A=y && B=y && B\n"
                        "config F\n\tbool \"f\"\n\tdepends on A=m || (B && y)\n"
                        "config G\n\tbool \"g\"\n\tdepends on (B=y || B=m) && !!A && !(B<A)\n";

std::string dep_of(Context& ctx, const char* name) {
    Symbol* s = ctx.find_symbol(name);
    return s ? expr_to_string(s->dir_dep.expr) : "<missing>";
}

void load(Context& ctx, Dialect dialect) {
    ctx.probe_options.offline = true;
    ASSERT_TRUE(load_tree_from_memory(ctx, {{"Kconfig", kKconfig}}, "Kconfig", {}, dialect));
}

} // namespace

TEST(ExprSimplify, Before612ConstantsStayUnlessSomethingJoins) {
    Context ctx;
    load(ctx, Dialect{6, 1});
    EXPECT_EQ(dep_of(ctx, "C"), "!A && B!=n && y");
    EXPECT_EQ(dep_of(ctx, "D"), "!A && B!=y");
    EXPECT_EQ(dep_of(ctx, "E"), "(A || B) && A && B=y");
    EXPECT_EQ(dep_of(ctx, "G"), "B!=n && A && B>=A");
}

TEST(ExprSimplify, From612ConstantsAreDropped) {
    for (Dialect d : {Dialect{6, 12}, Dialect{7, 3}}) {
        Context ctx;
        load(ctx, d);
        EXPECT_EQ(dep_of(ctx, "C"), "!A && B!=n");
        EXPECT_EQ(dep_of(ctx, "D"), "!A && B!=y");
        EXPECT_EQ(dep_of(ctx, "E"), "(A || B) && A && B=y");
        EXPECT_EQ(dep_of(ctx, "G"), "B!=n && A && B>=A");
    }
}

TEST(ExprSimplify, BoolTestedForModIsReportedOnce) {
    Context ctx;
    load(ctx, Dialect{6, 12});
    EXPECT_EQ(ctx.diags.count(DiagCode::KconfigBoolTestedForMod), 1u);
    const Diagnostic* d = nullptr;
    for (const auto& x : ctx.diags.items())
        if (x.code == DiagCode::KconfigBoolTestedForMod) d = &x;
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->symbols, std::vector<std::string>{"A"});
    EXPECT_EQ(d->conf_text, "boolean symbol A tested for 'm'? test forced to 'n'");
}
