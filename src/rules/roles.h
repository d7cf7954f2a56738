// Roles, arches and modes: what a rule, a finding and a report are about.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xenrules {

enum class Role { Dom0, DomU };
enum class Arch { X86_32, X86_64, Arm, Arm64 };
// Default: the single guest/dom0 type of arm and arm64.
enum class Mode { PV, PVH, HVM, Default };

const char* role_name(Role r);                      // "dom0", "domU"
const char* arch_name(Arch a);                      // "x86_32", "x86_64", "arm", "arm64"
const char* mode_name(Mode m);                      // "pv", "pvh", "hvm", "default"
std::optional<Role> parse_role(std::string_view s); // "dom0", "domU" (also "domu")
// The one arch parser. Accepts the kernel's ARCH names (x86_64, i386, x86,
// arm, arm64), xencfg's x86_32, Debian's (amd64, armhf, armel) and the
// GNU/RPM ones (i686, aarch64, armv7hl).
std::optional<Arch> parse_arch(std::string_view s);
std::optional<Mode> parse_mode(std::string_view s); // "pv", "pvh", "hvm", "default"
// The kernel ARCH= value for an arch ("x86_64", "i386", "arm", "arm64").
const char* kernel_arch_name(Arch a);
bool is_x86(Arch a);

// A list of modes as reports write it: "pv, pvh".
std::string modes_text(const std::vector<Mode>& modes);

} // namespace xenrules
