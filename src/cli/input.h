// Where a command's configuration comes from when none is named.
#pragma once

#include <string>

namespace cli {

// The running kernel's configuration, as lxc-checkconfig and moby's
// check-config.sh find it: /proc/config.gz (CONFIG_IKCONFIG_PROC), else
// /boot/config-$(uname -r). Throws InputError naming both when neither is
// readable. (emit::read_text_file decompresses the first.)
std::string running_kernel_config();

} // namespace cli
