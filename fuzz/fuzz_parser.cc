// libFuzzer target: the Kconfig parser, menu finalisation (including the
// recursive-dependency check) and the evaluator.
//
// The input is split into files at lines "#@file NAME": the text before the
// first marker is the top file "Kconfig"; `source "NAME"` statements can then
// reach the others (and themselves, for the recursive-inclusion check).
// After a successful load every symbol is evaluated.
#include "common.h"
#include "kconfig/eval.h"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text = fuzz::as_string(data, size);
    std::map<std::string, std::string> files;
    std::string name = "Kconfig";
    std::string_view rest = text;
    std::string current;
    while (!rest.empty()) {
        size_t eol = rest.find('\n');
        std::string_view line =
            rest.substr(0, eol == std::string_view::npos ? rest.size() : eol + 1);
        rest.remove_prefix(line.size());
        if (line.substr(0, 7) == "#@file ") {
            files[name] += current;
            current.clear();
            name = std::string(line.substr(7));
            while (!name.empty() && (name.back() == '\n' || name.back() == '\r'))
                name.pop_back();
            if (name.empty()) name = "Kconfig";
            continue;
        }
        current += line;
    }
    files[name] += current;

    kconfig::Context ctx;
    fuzz::make_offline(ctx);
    bool ok = kconfig::load_tree_from_memory(ctx, files, "Kconfig", fuzz::fuzz_env(),
                                             kconfig::Dialect::of(ctx.kernel_version));
    if (!ok) return 0;
    kconfig::sym_clear_all_valid(ctx);
    for (kconfig::Symbol* sym : ctx.symbols())
        (void)kconfig::sym_value(ctx, sym);
    return 0;
}
