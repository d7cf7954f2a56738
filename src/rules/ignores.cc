#include "rules/ignores.h"

#include "kconfig/dotconfig.h"

#include <algorithm>
#include <map>
#include <sstream>

namespace xenrules {

// "# xencfg: ignore ID[, ID...] [-- reason]": the ids (commas or blanks
// between them) and the reason; nullopt for any other line.
std::optional<IgnoreComment> read_ignore_comment(std::string_view l) {
    if (l.empty() || l[0] != '#') return std::nullopt;
    size_t i = 1;
    while (i < l.size() && (l[i] == ' ' || l[i] == '\t'))
        ++i;
    if (l.substr(i, 7) != "xencfg:") return std::nullopt;
    i += 7;
    while (i < l.size() && (l[i] == ' ' || l[i] == '\t'))
        ++i;
    if (l.substr(i, 6) != "ignore" || i + 6 >= l.size() || (l[i + 6] != ' ' && l[i + 6] != '\t'))
        return std::nullopt;
    IgnoreComment c;
    std::string ids(l.substr(i + 7));
    if (auto p = ids.find(" -- "); p != std::string::npos) {
        c.reason = ids.substr(p + 4);
        ids = ids.substr(0, p);
    }
    std::replace(ids.begin(), ids.end(), ',', ' ');
    std::istringstream ss(ids);
    std::string id;
    while (ss >> id)
        c.ids.push_back(id);
    return c;
}

std::string keep_ignore_comments(std::string_view input, std::string_view output) {
    using kconfig::LineKind;
    // Every ignore comment holds "xencfg:": without it there is nothing to
    // keep, and a full .config need not be split into lines (a tenth of a
    // warm olddefconfig's instructions).
    if (input.find("xencfg:") == std::string_view::npos) return std::string(output);
    // symbol -> the ignore comments written above its line in `input`;
    // `pending`: those no setting line follows (yet).
    std::map<std::string, std::vector<std::string>> above;
    std::vector<std::string> pending;
    bool any = false;
    for (const kconfig::ConfigLine& l :
         kconfig::read_config_text(input, kconfig::LineSyntax::Xencfg)) {
        if (l.kind == LineKind::Set || l.kind == LineKind::Unset) {
            auto& list = above[l.name];
            list.insert(list.end(), pending.begin(), pending.end());
            pending.clear();
        } else if (read_ignore_comment(l.text)) {
            std::string text = l.text;
            if (!text.empty() && text.back() == '\r') text.pop_back();
            pending.push_back(std::move(text));
            any = true;
        }
    }
    if (!any) return std::string(output);
    std::string out;
    for (const kconfig::ConfigLine& l :
         kconfig::read_config_text(output, kconfig::LineSyntax::Xencfg)) {
        if (l.kind == LineKind::Set || l.kind == LineKind::Unset) {
            if (auto it = above.find(l.name); it != above.end()) {
                for (const std::string& c : it->second)
                    out += c + "\n";
                above.erase(it);
            }
        }
        out += l.text;
        out += '\n';
    }
    // Symbols the output does not write, in the input's order of comments.
    std::vector<std::string> rest;
    for (const kconfig::ConfigLine& l :
         kconfig::read_config_text(input, kconfig::LineSyntax::Xencfg))
        if ((l.kind == LineKind::Set || l.kind == LineKind::Unset) && above.count(l.name)) {
            for (const std::string& c : above[l.name])
                rest.push_back(c);
            above.erase(l.name);
        }
    rest.insert(rest.end(), pending.begin(), pending.end());
    for (const std::string& c : rest)
        out += c + "\n";
    return out;
}

} // namespace xenrules
