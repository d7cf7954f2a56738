// Shared helpers for the libFuzzer targets.
#pragma once

#include "kconfig/context.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace fuzz {

inline std::string as_string(const uint8_t* data, size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

// The environment a tree sees for `make ARCH=x86_64`, without a toolchain:
// no probe ever runs a shell (ctx.probe_options.offline is set by callers).
inline std::map<std::string, std::string> fuzz_env() {
    return {{"srctree", "."},
            {"ARCH", "x86_64"},
            {"SRCARCH", "x86"},
            {"KERNELVERSION", "6.12.0"},
            {"CC", "false"},
            {"LD", "false"},
            {"CC_VERSION_TEXT", "gcc (Debian 12.2.0-14) 12.2.0"}};
}

// A context that never runs a shell and never touches the probe cache.
inline void make_offline(kconfig::Context& ctx, int version = 6, int patchlevel = 12) {
    ctx.probe_options.offline = true;
    ctx.probe_options.use_cache = false;
    ctx.kernel_version.version = version;
    ctx.kernel_version.patchlevel = patchlevel;
}

} // namespace fuzz
