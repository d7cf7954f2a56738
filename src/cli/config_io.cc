#include "cli/config_io.h"

#include "emit/files.h"
#include "kconfig/eval.h"

#include <sstream>

namespace cli {

std::string read_config_into(kconfig::Context& ctx, const std::string& path,
                             const std::string& symbol) {
    std::string text = emit::read_text_file(path);
    std::string user_value;
    std::istringstream in(text);
    std::string line;
    int lineno = 0;
    while (std::getline(in, line)) {
        ++lineno;
        std::string name, value;
        if (line.rfind("# CONFIG_", 0) == 0) {
            auto end = line.find(" is not set");
            if (end == std::string::npos) continue;
            name = line.substr(9, end - 9);
            value = "n";
        } else if (line.rfind("CONFIG_", 0) == 0) {
            auto eq = line.find('=');
            if (eq == std::string::npos) continue;
            name = line.substr(7, eq - 7);
            value = line.substr(eq + 1);
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                std::string raw = value.substr(1, value.size() - 2), unq;
                for (size_t i = 0; i < raw.size(); ++i) {
                    if (raw[i] == '\\' && i + 1 < raw.size()) ++i;
                    unq += raw[i];
                }
                value = unq;
            }
        } else {
            continue;
        }
        if (name == symbol) user_value = value;
        kconfig::Symbol* sym = ctx.find_symbol(name);
        if (!sym || sym->type == kconfig::SymbolType::Unknown) {
            ctx.diags.warning(path, lineno, "unknown symbol: " + name);
            continue;
        }
        if (!kconfig::sym_set_string_value(ctx, sym, value))
            ctx.diags.warning(path, lineno,
                              "symbol value '" + value + "' invalid for " + name);
    }
    kconfig::sym_clear_all_valid(ctx);
    for (kconfig::Symbol* sym : ctx.symbols()) kconfig::sym_calc_value(ctx, sym);
    return user_value;
}

} // namespace cli
