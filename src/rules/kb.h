// The knowledge base: what `check` needs from a kernel tree, extracted once
// per version/arch into a small Kconfig-syntax file (kb/<ver>/<arch>.kconfig)
// so that the same parser loads it back without the tree.
#pragma once

#include "kconfig/context.h"
#include "rules/check.h"
#include "rules/rules.h"

#include <optional>
#include <string>
#include <vector>

namespace xenrules {

// The prompt of a symbol the extract keeps only as a settable placeholder
// (beyond the closure's cut): its value is the .config's own.
inline constexpr const char* kKbBoundaryPrompt = "(outside the knowledge base)";
// The same for a symbol the tree defines without any prompt (def_bool and
// the like): settable in the extract so that a full .config's value stands,
// but no suggestion may name it (setting it in a .config does nothing).
inline constexpr const char* kKbBoundaryNoPrompt =
    "(outside the knowledge base, no prompt in the tree)";

// Whether `s`, loaded from an extract, lies at its cut: its dependencies,
// defaults and selectors are not in the extract, so its value is the
// .config's own, and unknown when the .config omits it.
bool kb_at_cut(const kconfig::Symbol* s);
// Whether `s` lies at the cut and has no prompt in the tree: not settable,
// whatever its placeholder prompt says.
bool kb_promptless_at_cut(const kconfig::Symbol* s);
// Whether a .config line can set `s`: it has a prompt (kconfig::has_prompt),
// other than the extract's placeholder for a symbol the tree defines
// without one. What explanations, fix lines, `fix` and `generate` may set.
bool has_settable_prompt(const kconfig::Symbol* s);
// The comment line that marks a toolchain-derived symbol in an extract: its
// default is the extracting machine's probe answer, so a checked .config's
// recorded value stands (the loader sets kSymProbeDerived).
inline constexpr const char* kKbToolchainMark =
    "# toolchain-derived: the checked .config's value stands";

struct KbExtractOptions {
    std::string producer; // free text for the header ("xencfg kb-extract --tree ... --arch ...")
};

// From a loaded tree: the rule symbols (all names of all rules, renames
// included, plus those in `when`/`require`) and their dependency closure
// (depends, selects, defaults, prompts), written as Kconfig text. Each
// entry's dependencies are flattened into `depends on`.
std::string kb_extract(kconfig::Context& ctx, const RuleSet& rules, Arch arch,
                       const KbExtractOptions& options);

// Library form of `xencfg kb-extract --tree DIR --arch A -o FILE`: loads the
// tree with the caller's environment and probe options (see
// kconfig::LoadOptions) and writes FILE. False and *error on failure.
bool kb_extract_tree(const std::string& tree, Arch arch, const RuleSet& rules,
                     const std::string& out_file, const kconfig::Environment& process_env,
                     const kconfig::ProbeOptions& probes, std::string* error);

// Pick the extract for (version, arch) in kb_dir: the exact major.minor, or
// the nearest older one (note says so), or nullopt.
struct KbChoice {
    std::string path;
    KVer version; // the extract's version
    bool exact = true;
    std::string note; // "no knowledge base for 6.6; using 6.1 plus the rules' version bounds"
};
std::optional<KbChoice> find_kb(const std::string& kb_dir, Arch arch, const KVer& version);

// Load an extract into ctx (via load_tree_from_memory). Sets
// ctx.kernel_version from the extract header. False and *error on failure.
bool load_kb(kconfig::Context& ctx, const std::string& path, std::string* error);

// The shipped knowledge base for (arch, version) in DATA_DIR/kb, as check,
// fix, generate and diff choose it. nullopt and *error ("no knowledge base
// for Linux 4.4 on arm in DIR; pass --tree ...") when there is none.
std::optional<KbChoice> choose_shipped_kb(const std::string& data_dir, Arch arch,
                                          const KVer& version, std::string* error);
// What a report says it judged with: "kb kb/6.12/x86_64.kconfig", named
// relative to DATA_DIR so that output does not depend on where xencfg is
// installed, plus the choice's note. `ctx` holds the loaded extract.
CheckKnowledge kb_knowledge(const KbChoice& choice, const std::string& data_dir,
                            kconfig::Context& ctx);
// The same for a loaded kernel tree: "tree DIR", its Makefile's version.
CheckKnowledge tree_knowledge(const std::string& tree_dir, kconfig::Context& ctx);

} // namespace xenrules
