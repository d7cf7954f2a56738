#include "cli/input.h"

#include "cli/common.h"

#include <sys/utsname.h>
#include <unistd.h>

namespace cli {

std::string running_kernel_config() {
    const std::string proc = "/proc/config.gz";
    if (::access(proc.c_str(), R_OK) == 0) return proc;
    struct utsname u;
    std::string boot = "/boot/config-";
    if (::uname(&u) == 0) boot += u.release;
    if (::access(boot.c_str(), R_OK) == 0) return boot;
    throw InputError("no CONFIG given, and the running kernel's configuration is not readable (" +
                     proc + ": not present, the kernel lacks CONFIG_IKCONFIG_PROC; " + boot +
                     ": not present); name a CONFIG file, or - for standard input");
}

} // namespace cli
