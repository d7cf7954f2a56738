#include "cli/config_io.h"

#include "emit/files.h"
#include "kconfig/confdata.h"
#include "kconfig/eval.h"

namespace cli {

std::string read_config_into(kconfig::Context& ctx, const std::string& path,
                             const std::string& symbol) {
    std::string text = emit::read_text_file(path);
    kconfig::conf_read_from_string(ctx, path, text);
    kconfig::Symbol* sym = ctx.find_symbol(symbol);
    if (!sym || !sym->has(kconfig::kSymDefUser)) return "";
    const kconfig::SymbolValue& v = sym->def[kconfig::kDefUser];
    if (sym->type == kconfig::SymbolType::Bool || sym->type == kconfig::SymbolType::Tristate)
        return std::string(1, kconfig::tristate_char(v.tri));
    return v.str;
}

} // namespace cli
