// xencfg kb-extract: write the knowledge-base extract `check` uses without a
// tree (kb/<version>/<arch>.kconfig).
#include "cli/common.h"
#include "emit/files.h"
#include "rules/kb.h"
#include "rules/rules.h"

#include <iostream>

namespace cli {

int cmd_kb_extract(const std::vector<std::string>& args) {
    std::string tree, arch, out;
    po::options_description opts("Options");
    opts.add_options()("tree", po::value(&tree)->required()->value_name("DIR"),
                       "kernel source tree")(
        "arch", po::value(&arch)->required()->value_name("ARCH"), "x86_64, i386, arm or arm64")(
        "output,o", po::value(&out)->required()->value_name("FILE"), "extract to write");
    po::positional_options_description pos;
    po::variables_map vm;
    if (!parse_command_line("kb-extract", args, opts, nullptr, pos, vm,
                            "--tree DIR --arch ARCH -o FILE",
                            "  xencfg kb-extract --tree /usr/src/linux-source-6.12 --arch x86_64 "
                            "-o kb/6.12/x86_64.kconfig\n"))
        return kExitOk;
    xenrules::Arch a = arch_option(arch);
    emit::require_directory(tree);
    xenrules::RuleSet rules;
    std::vector<xenrules::RulesError> errors;
    if (!xenrules::load_default_rules(data_dir() + "/rules", rules, errors)) {
        for (const auto& e : errors)
            std::cerr << e.str() << "\n";
        return kExitUsage;
    }
    std::string error;
    kconfig::Environment env = process_environment();
    if (!xenrules::kb_extract_tree(tree, a, rules, out, env, probe_options(env, false, false),
                                   &error))
        throw InputError(error);
    return kExitOk;
}

} // namespace cli
