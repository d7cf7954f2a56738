#include "emit/term.h"

#include <unistd.h>

namespace emit {

bool should_colour(int fd, const std::map<std::string, std::string>& env) {
    if (auto it = env.find("NO_COLOR"); it != env.end() && !it->second.empty()) return false;
    if (auto it = env.find("TERM"); it != env.end() && it->second == "dumb") return false;
    return isatty(fd) == 1;
}

std::string paint(std::string_view text, Colour c, bool enabled) {
    if (!enabled) return std::string(text);
    const char* code = "";
    switch (c) {
    case Colour::Bold:
        code = "1";
        break;
    case Colour::Red:
        code = "1;31";
        break;
    case Colour::Yellow:
        code = "1;33";
        break;
    case Colour::Green:
        code = "32";
        break;
    case Colour::Cyan:
        code = "36";
        break;
    case Colour::Magenta:
        code = "35";
        break;
    case Colour::Dim:
        code = "2";
        break;
    }
    std::string out = "\x1b[";
    out += code;
    out += 'm';
    out += text;
    out += "\x1b[0m";
    return out;
}

} // namespace emit
