// `xencfg generate`: a fragment in the kernel's .config format that makes a
// kernel serve a Xen role, with the dependency closure that makes every
// requested value visible and settable, verified with the engine.
#pragma once

#include "kconfig/context.h"
#include "rules/rules.h"
#include "rules/solver.h"

#include <optional>
#include <string>
#include <vector>

namespace xenrules {

struct GenerateOptions {
    Role role = Role::DomU;
    std::optional<Mode> mode; // nullopt: every mode that exists
    Arch arch = Arch::X86_64;
    bool with_info = false; // also request the info-level rules
    // The base the fragment is applied to: a .config or defconfig text that
    // olddefconfig accepts (a tree: the arch's defconfig after `make
    // defconfig`; a knowledge base: "" for its defaults).
    std::string base_text;
    std::string base_name; // for messages ("arch/x86/configs/x86_64_defconfig")
    bool from_kb = false;  // the Context holds a knowledge-base extract
    std::string knowledge; // "tree DIR" / "kb FILE"
    // The kernel version the fragment is for, when it is not the knowledge's
    // own (a knowledge base of the nearest older version): the rules' version
    // bounds and the fragment's header use it. nullopt: the knowledge's.
    std::optional<KVer> version;
};

struct GenerateResult {
    bool ok = false;
    bool impossible = false;          // the role/mode does not exist here
    std::string reason;               // why not (impossible or blocked)
    std::vector<std::string> instead; // what would work instead
    KVer version;
    std::vector<Mode> modes;             // the modes served
    std::vector<Assignment> assignments; // the fragment, in menu order
    std::vector<Blocker> blockers, given_up;
    std::vector<std::string> notes;      // skipped rules, solver notes
    std::vector<std::string> unverified; // what a kb run could not check
    std::string result_text;             // olddefconfig(base + fragment)
    Resolution stats;
};

GenerateResult generate(kconfig::Context& ctx, const RuleSet& rules,
                        const GenerateOptions& options);

// The modes generate serves for a role/arch/version (an explicit mode or
// every mode that exists), and the reason and alternatives when none can be.
struct ModePlan {
    std::vector<Mode> modes;
    std::string impossible; // non-empty: why nothing can be generated
    std::vector<std::string> instead;
};
ModePlan plan_modes(Role role, std::optional<Mode> mode, Arch arch, const KVer& v);

} // namespace xenrules
