// `xencfg explain SYMBOL`: kconfig::SymbolInfo rendered as text or JSON.
#pragma once

#include "kconfig/symbol_info.h"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace emit {

std::string explain_text(const kconfig::SymbolInfo& r);
nlohmann::json explain_json(const kconfig::SymbolInfo& r);

} // namespace emit
