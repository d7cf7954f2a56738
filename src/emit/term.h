// Terminal facts the text emitters need: whether to colour, and the escapes.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace emit {

// True when output on `fd` should be coloured: fd is a terminal, TERM is not
// "dumb" and NO_COLOR (https://no-color.org) is unset or empty in `env` (the
// process environment, as the CLI read it).
bool should_colour(int fd, const std::map<std::string, std::string>& env);

enum class Colour { Bold, Red, Yellow, Green, Cyan, Magenta, Dim };

// `text` wrapped in the ANSI escapes for `c` when `enabled`, else unchanged.
std::string paint(std::string_view text, Colour c, bool enabled);

} // namespace emit
