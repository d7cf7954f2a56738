// Reading a user's .config into a loaded tree (for explain --config).
#pragma once

#include "kconfig/context.h"

#include <string>

namespace cli {

// Reads `path` (input checks: missing, directory, binary -> emit::FileError),
// loads it into ctx as the user's values and evaluates every symbol.
// Returns the value the file itself gives `symbol` ("" if it does not).
std::string read_config_into(kconfig::Context& ctx, const std::string& path,
                             const std::string& symbol);

} // namespace cli
