// libFuzzer target: the .config reader (confdata: conf_read and the
// line-by-line parser), the writers that follow it in every command
// (conf_write, savedefconfig) and check's target detection.
//
// The Kconfig side is the fixtures' mini tree (tests/fixtures/trees/mini),
// read once at start-up and parsed from memory for every input so that runs
// do not depend on each other. Inputs of odd length are read with the
// pre-6.11 behaviour (old choice dialect), even ones with 6.12's.
#include "common.h"
#include "kconfig/confdata.h"
#include "rules/check.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

std::map<std::string, std::string>& mini_tree() {
    static std::map<std::string, std::string> files;
    return files;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    namespace fs = std::filesystem;
    const fs::path root = XENCFG_FUZZ_MINI_TREE;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        if (!e.is_regular_file() || e.path().filename().string().rfind("Kconfig", 0) != 0) continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        mini_tree()[fs::relative(e.path(), root).string()] = s.str();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text = fuzz::as_string(data, size);
    (void)xenrules::detect_target(text);

    kconfig::Context ctx;
    if (size % 2)
        fuzz::make_offline(ctx, 6, 1);
    else
        fuzz::make_offline(ctx, 6, 12);
    if (!kconfig::load_tree_from_memory(ctx, mini_tree(), "Kconfig", fuzz::fuzz_env(),
                                        kconfig::Dialect::of(ctx.kernel_version)))
        __builtin_trap(); // the mini tree itself must always load
    kconfig::conf_read_from_string(ctx, ".config", text);
    (void)kconfig::conf_write_string(ctx);
    (void)kconfig::conf_write_defconfig_string(ctx);
    return 0;
}
