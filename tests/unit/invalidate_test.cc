// Targeted invalidation (sym_invalidate) must give exactly the values a full
// recompute gives, while leaving unrelated symbols cached.
#include "kconfig/confdata.h"
#include "kconfig/context.h"
#include "kconfig/eval.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

using namespace kconfig;

namespace {

std::map<std::string, std::string> all_values(Context& ctx) {
    std::map<std::string, std::string> out;
    for (Symbol* s : ctx.symbols())
        if (!s->name.empty() && s->is_defined()) out[s->name] = sym_value(ctx, s);
    return out;
}

} // namespace

TEST(Invalidate, OnlyDependentsAreRecomputed) {
    Context ctx;
    ctx.targeted_invalidation = true;
    ASSERT_TRUE(
        load_tree_from_memory(ctx,
                              {{"Kconfig", "config A\n\tbool \"a\"\n"
                                           "config B\n\tbool\n\tdefault A\n"
                                           "config C\n\tbool \"c\"\n\tdepends on B\n\tdefault y\n"
                                           "config S\n\tbool \"s\"\n\tselect T\n"
                                           "config T\n\tbool\n"
                                           "config D\n\tbool \"d\"\n\tdefault y\n"}},
                              "Kconfig", {}, Dialect{6, 12}));
    auto before = all_values(ctx);
    EXPECT_EQ(before["C"], "n");
    EXPECT_EQ(before["D"], "y");
    ASSERT_TRUE(sym_set_tristate_value(ctx, ctx.find_symbol("A"), Tristate::Yes));
    // A's dependents lost their cached values; D and the S/T pair kept theirs.
    EXPECT_FALSE(sym_is_valid(ctx, ctx.find_symbol("B")));
    EXPECT_FALSE(sym_is_valid(ctx, ctx.find_symbol("C")));
    EXPECT_TRUE(sym_is_valid(ctx, ctx.find_symbol("D")));
    EXPECT_TRUE(sym_is_valid(ctx, ctx.find_symbol("T")));
    EXPECT_EQ(sym_value(ctx, ctx.find_symbol("C")), "y");
    ASSERT_TRUE(sym_set_tristate_value(ctx, ctx.find_symbol("S"), Tristate::Yes));
    EXPECT_EQ(sym_value(ctx, ctx.find_symbol("T")), "y");

    // Off (the default, as conf): a change invalidates everything.
    Context conf_like;
    ASSERT_TRUE(load_tree_from_memory(
        conf_like, {{"Kconfig", "config A\n\tbool \"a\"\nconfig D\n\tbool \"d\"\n"}}, "Kconfig", {},
        Dialect{6, 12}));
    sym_value(conf_like, conf_like.find_symbol("D"));
    sym_value(conf_like, conf_like.find_symbol("A"));
    ASSERT_TRUE(sym_set_tristate_value(conf_like, conf_like.find_symbol("A"), Tristate::Yes));
    EXPECT_FALSE(sym_is_valid(conf_like, conf_like.find_symbol("D")));
}

// Random changes on the in-repo mini kernel tree: after each, the values
// reached through targeted invalidation equal those of a full recompute.
TEST(Invalidate, RandomChangesMatchFullRecompute) {
    for (const char* arch : {"x86_64", "arm64"}) {
        Context ctx;
        ctx.targeted_invalidation = true;
        LoadOptions o;
        o.srctree = std::string(XENCFG_SOURCE_DIR) + "/tests/fixtures/trees/mini";
        auto kv = read_kernel_version(o.srctree, nullptr);
        ASSERT_TRUE(kv);
        o.env = {{"ARCH", arch},
                 {"SRCARCH", srcarch_for_arch(arch)},
                 {"srctree", o.srctree},
                 {"KERNELVERSION", kv->str()}};
        o.probes.use_cache = false;
        ASSERT_TRUE(load_tree(ctx, o));
        std::vector<Symbol*> settable;
        for (Symbol* s : ctx.symbols())
            if (s->is_defined() && (s->type == SymbolType::Bool || s->type == SymbolType::Tristate))
                settable.push_back(s);
        ASSERT_GT(settable.size(), 5u);
        std::mt19937 rng(12345);
        int applied = 0;
        for (int step = 0; step < 300; ++step) {
            all_values(ctx); // compute (and cache) everything
            Symbol* s = settable[rng() % settable.size()];
            Tristate v = Tristate(rng() % 3);
            if (sym_set_tristate_value(ctx, s, v)) ++applied;
            auto targeted = all_values(ctx);
            sym_clear_all_valid(ctx);
            auto full = all_values(ctx);
            ASSERT_EQ(targeted, full) << arch << " step " << step << " set " << s->name;
        }
        EXPECT_GT(applied, 20) << arch;
    }
}
