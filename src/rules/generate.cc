#include "rules/generate.h"
#include "rules/check.h"

#include <fmt/format.h>

namespace xenrules {

ModePlan plan_modes(Role role, std::optional<Mode> mode, Arch arch, const KVer& v) {
    ModePlan plan;
    std::vector<ModeInfo> all = modes_for(role, arch, v);
    std::vector<std::string> existing, notes;
    for (const ModeInfo& m : all) {
        if (m.exists)
            existing.push_back(mode_name(m.mode));
        else
            notes.push_back(m.note);
    }
    auto alternatives = [&](bool other_modes) {
        if (other_modes && !existing.empty()) {
            std::string l;
            for (const auto& e : existing)
                l += (l.empty() ? "" : " or ") + std::string("--mode ") + e;
            plan.instead.push_back(fmt::format("a {} {} kernel on {}: {}", role_name(role), v.str(),
                                               arch_name(arch), l));
        }
        if (arch == Arch::X86_32) {
            if (role == Role::Dom0)
                plan.instead.push_back("a 64-bit kernel: --arch x86_64 (dom0 as PV or PVH)");
            else
                plan.instead.push_back("a 64-bit kernel (--arch x86_64) for a PV guest, or a "
                                       "32-bit kernel older than 5.9");
        }
    };
    if (mode) {
        auto it = std::find_if(all.begin(), all.end(),
                               [&](const ModeInfo& m) { return m.mode == *mode; });
        if (it == all.end()) {
            plan.impossible = fmt::format("mode {} does not exist for {} on {}", mode_name(*mode),
                                          role_name(role), arch_name(arch));
            alternatives(true);
        } else if (!it->exists) {
            plan.impossible = fmt::format("{} {} on {} with Linux {}: {}", role_name(role),
                                          mode_name(*mode), arch_name(arch), v.str(), it->note);
            alternatives(true);
        } else {
            plan.modes = {*mode};
        }
        return plan;
    }
    for (const ModeInfo& m : all)
        if (m.exists) plan.modes.push_back(m.mode);
    if (plan.modes.empty()) {
        std::string why;
        for (const auto& n : notes)
            why += (why.empty() ? "" : "; ") + n;
        plan.impossible = fmt::format("{} on {} with Linux {} is not possible: {}", role_name(role),
                                      arch_name(arch), v.str(), why);
        alternatives(false);
    }
    return plan;
}

GenerateResult generate(kconfig::Context& ctx, const RuleSet& rules,
                        const GenerateOptions& options) {
    GenerateResult g;
    auto v = KVer::parse(ctx.kernel_version.str());
    g.version = options.version ? *options.version : v ? *v : KVer{};
    ModePlan plan = plan_modes(options.role, options.mode, options.arch, g.version);
    if (!plan.impossible.empty()) {
        g.impossible = true;
        g.reason = plan.impossible;
        g.instead = plan.instead;
        return g;
    }
    g.modes = plan.modes;
    std::vector<Request> requests = requests_for(ctx, rules, options.role, g.modes, options.arch,
                                                 g.version, options.with_info, &g.notes);
    ResolveOptions ro;
    ro.policy = PinPolicy::Support;
    ro.robust_on_allnoconfig = true;
    // A whole base config keeps its recorded toolchain, n answers included.
    ctx.recorded_config_is_complete =
        !options.base_text.empty() && detect_target(options.base_text).whole();
    g.stats = resolve(ctx, options.base_text, requests, ro);
    g.assignments = g.stats.assignments;
    g.blockers = g.stats.blockers;
    g.given_up = g.stats.given_up;
    g.result_text = g.stats.result_text;
    for (const auto& n : g.stats.notes)
        g.notes.push_back(n);
    g.ok = g.stats.ok;
    if (!g.ok) {
        g.reason =
            g.blockers.empty() ? "the requirements cannot be met" : g.blockers.front().message;
        // A blocked mode may work alone when several were asked for.
        if (!options.mode && g.modes.size() > 1)
            g.instead.push_back("ask for one mode (--mode) to see whether it can be met alone");
    }
    if (options.from_kb) {
        g.unverified.push_back(
            fmt::format("evaluated with the knowledge base ({}), which holds only the rule symbols "
                        "and their dependencies: "
                        "symbols outside it, and the arch's defconfig, were not evaluated",
                        options.knowledge));
        g.unverified.push_back("verify with --tree DIR (a kernel source tree of the same version)");
    }
    return g;
}

} // namespace xenrules
