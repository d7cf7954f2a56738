#include "kconfig/dotconfig.h"

#include <set>

namespace kconfig {

namespace {

bool is_symbol_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

bool starts_with(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}

// Blank or tab at either end removed.
std::string_view trim_blanks(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

// Fills `l` (assigning, so that a ConfigLine reused line after line keeps
// its strings' room and reading a .config allocates almost nothing).
void set(ConfigLine& l, LineKind kind, std::string_view text, std::string_view name = {},
         std::string_view value = {}) {
    l.kind = kind;
    l.text.assign(text);
    l.name.assign(name);
    l.value.assign(value);
}

// conf_read_simple from 6.11: line = "# PREFIXNAME is not set" or
// "PREFIXNAME=VALUE", after getline_stripped.
void read_conf(ConfigLine& l, std::string_view line, std::string_view prefix, bool had_newline) {
    if (had_newline && !line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) return set(l, LineKind::Blank, line);
    if (line[0] == '#') {
        if (line.size() < 2 || line[1] != ' ' || !starts_with(line.substr(2), prefix))
            return set(l, LineKind::Comment, line);
        std::string_view rest = line.substr(2 + prefix.size());
        size_t sp = rest.find(' ');
        if (sp == std::string_view::npos || rest.substr(sp + 1) != "is not set")
            return set(l, LineKind::Comment, line);
        return set(l, LineKind::Unset, line, rest.substr(0, sp), "n");
    }
    size_t eq = line.find('=', prefix.size());
    if (!starts_with(line, prefix) || eq == std::string_view::npos)
        return set(l, LineKind::Malformed, line);
    return set(l, LineKind::Set, line, line.substr(prefix.size(), eq - prefix.size()),
               line.substr(eq + 1));
}

// conf_read_simple before 6.11, which examines the line with its '\n'.
void read_conf_legacy(ConfigLine& l, std::string_view line, std::string_view prefix,
                      bool had_newline) {
    if (!line.empty() && line[0] == '#') {
        if (line.size() < 2 || line[1] != ' ' || !starts_with(line.substr(2), prefix))
            return set(l, LineKind::Comment, line);
        std::string rest(line.substr(2 + prefix.size()));
        if (had_newline) rest += '\n';
        size_t sp = rest.find(' ');
        if (sp == std::string::npos || rest.compare(sp + 1, 10, "is not set") != 0)
            return set(l, LineKind::Comment, line);
        return set(l, LineKind::Unset, line, rest.substr(0, sp), "n");
    }
    if (starts_with(line, prefix)) {
        size_t eq = line.find('=', prefix.size());
        if (eq == std::string_view::npos) return set(l, LineKind::Ignored, line);
        std::string_view value = line.substr(eq + 1);
        if (had_newline && !value.empty() && value.back() == '\r') value.remove_suffix(1);
        return set(l, LineKind::Set, line, line.substr(prefix.size(), eq - prefix.size()), value);
    }
    if (line.empty() || line[0] == '\r') return set(l, LineKind::Blank, line);
    return set(l, LineKind::Malformed, line.substr(0, line.find_first_of("\r\n")));
}

// merge_config.sh: sed -n "s/^\(PREFIX[a-zA-Z0-9_]*\)=.*/\1/p" and
// "s/^# \(PREFIX[a-zA-Z0-9_]*\) is not set$/\1/p". An empty name is not a
// setting (sed would match it, and merge_config.sh then misbehaves).
void read_merge_config(ConfigLine& l, std::string_view line, std::string_view prefix) {
    bool comment = starts_with(line, "# ");
    size_t start = (comment ? 2 : 0) + prefix.size();
    if (!starts_with(line.substr(comment ? 2 : 0), prefix))
        return set(l, line.empty() ? LineKind::Blank : LineKind::Comment, line);
    size_t i = start;
    while (i < line.size() && is_symbol_char(line[i]))
        ++i;
    std::string_view name = line.substr(start, i - start);
    if (name.empty()) return set(l, LineKind::Comment, line);
    if (!comment && i < line.size() && line[i] == '=')
        return set(l, LineKind::Set, line, name, line.substr(i + 1));
    if (comment && line.substr(i) == " is not set") return set(l, LineKind::Unset, line, name, "n");
    return set(l, LineKind::Comment, line);
}

// scripts/diffconfig's readconfig().
void read_diffconfig(ConfigLine& l, std::string_view line) {
    if (starts_with(line, "CONFIG_")) {
        size_t eq = line.find('=');
        if (eq != std::string_view::npos)
            return set(l, LineKind::Set, line, line.substr(7, eq - 7), line.substr(eq + 1));
    }
    constexpr std::string_view unset = " is not set";
    if (line.size() >= 20 && line.substr(line.size() - unset.size()) == unset)
        return set(l, LineKind::Unset, line, line.substr(9, line.size() - 20), "n");
    return set(l, line.empty() ? LineKind::Blank : LineKind::Comment, line);
}

// xencfg's inputs: "CONFIG_X=v" or "# CONFIG_X is not set", X made of
// symbol characters.
void read_xencfg(ConfigLine& l, std::string_view line, std::string_view prefix, bool had_newline) {
    if (had_newline && !line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) return set(l, LineKind::Blank, line);
    bool comment = starts_with(line, "# ");
    std::string_view body = line.substr(comment ? 2 : 0);
    if (!starts_with(body, prefix))
        return set(l, comment || line[0] == '#' ? LineKind::Comment : LineKind::Malformed, line);
    size_t i = prefix.size();
    while (i < body.size() && is_symbol_char(body[i]))
        ++i;
    std::string_view name = body.substr(prefix.size(), i - prefix.size());
    if (!comment) {
        if (name.empty() || i >= body.size() || body[i] != '=')
            return set(l, LineKind::Malformed, line);
        return set(l, LineKind::Set, line, name, trim_blanks(body.substr(i + 1)));
    }
    std::string_view rest = body.substr(i);
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t'))
        rest.remove_suffix(1);
    if (name.empty() || rest != " is not set") return set(l, LineKind::Comment, line);
    return set(l, LineKind::Unset, line, name, "n");
}

} // namespace

namespace {

void read_line_into(ConfigLine& l, std::string_view line, LineSyntax syntax,
                    std::string_view prefix, bool had_newline) {
    switch (syntax) {
    case LineSyntax::Conf:
        return read_conf(l, line, prefix, had_newline);
    case LineSyntax::ConfLegacy:
        return read_conf_legacy(l, line, prefix, had_newline);
    case LineSyntax::MergeConfig:
        return read_merge_config(l, line, prefix);
    case LineSyntax::Diffconfig:
        return read_diffconfig(l, line);
    case LineSyntax::Xencfg:
        break;
    }
    return read_xencfg(l, line, prefix, had_newline);
}

} // namespace

ConfigLine read_config_line(std::string_view line, LineSyntax syntax, std::string_view prefix,
                            bool had_newline) {
    ConfigLine l;
    read_line_into(l, line, syntax, prefix, had_newline);
    return l;
}

void for_each_config_line(std::string_view text, LineSyntax syntax, std::string_view prefix,
                          const std::function<void(const ConfigLine&)>& visit) {
    std::string universal; // Diffconfig: "\r\n" and a lone "\r" end lines too
    if (syntax == LineSyntax::Diffconfig) {
        universal.reserve(text.size());
        for (size_t i = 0; i < text.size(); ++i) {
            if (text[i] != '\r')
                universal += text[i];
            else if (i + 1 >= text.size() || text[i + 1] != '\n')
                universal += '\n';
        }
        text = universal;
    }
    const bool c_strings = syntax == LineSyntax::Conf || syntax == LineSyntax::ConfLegacy;
    ConfigLine l; // one for every line, so that its strings keep their room
    int lineno = 0;
    for (size_t pos = 0; pos < text.size();) {
        size_t nl = text.find('\n', pos);
        bool had_newline = nl != std::string_view::npos;
        std::string_view line = text.substr(pos, had_newline ? nl - pos : std::string_view::npos);
        pos = had_newline ? nl + 1 : text.size();
        ++lineno;
        if (c_strings) {
            if (size_t z = line.find('\0'); z != std::string_view::npos) line = line.substr(0, z);
            // fgets saw the NUL as the end of the text.
            if (syntax == LineSyntax::ConfLegacy && line.empty() && !had_newline) break;
        }
        read_line_into(l, line, syntax, prefix, had_newline);
        l.line = lineno;
        visit(l);
    }
}

std::vector<ConfigLine> read_config_text(std::string_view text, LineSyntax syntax,
                                         std::string_view prefix) {
    std::vector<ConfigLine> out;
    for_each_config_line(text, syntax, prefix, [&](const ConfigLine& l) { out.push_back(l); });
    return out;
}

std::vector<ConfigLine> read_config_settings(std::string_view text, LineSyntax syntax,
                                             std::string_view prefix) {
    std::vector<ConfigLine> out;
    for (ConfigLine& l : read_config_text(text, syntax, prefix))
        if (l.kind == LineKind::Set || l.kind == LineKind::Unset) out.push_back(std::move(l));
    return out;
}

std::map<std::string, std::string> config_values(std::string_view text, LineSyntax syntax,
                                                 std::string_view prefix) {
    std::map<std::string, std::string> out;
    for (ConfigLine& l : read_config_settings(text, syntax, prefix))
        out[l.name] = std::move(l.value);
    return out;
}

std::vector<Diagnostic> config_text_problems(std::string_view text, LineSyntax syntax,
                                             const std::string& file, std::string_view prefix) {
    std::vector<Diagnostic> out;
    for (const ConfigLine& l : read_config_text(text, syntax, prefix)) {
        if (l.kind != LineKind::Malformed) continue;
        Diagnostic d;
        d.severity = Severity::Warning;
        d.code = DiagCode::ConfigUnexpectedData;
        d.file = file;
        d.line = l.line;
        d.message = "unexpected data: " + l.text;
        d.conf_text = file + ":" + std::to_string(l.line) + ":warning: " + d.message;
        out.push_back(std::move(d));
    }
    return out;
}

std::string quote_string_value(std::string_view value) {
    std::string out = "\"";
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

Unquoted unquote_string_value(std::string_view raw, std::string* out) {
    if (raw.empty() || raw[0] != '"') return Unquoted::NotQuoted;
    std::string v;
    for (size_t i = 1; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '"') {
            if (out) *out = std::move(v);
            return Unquoted::Ok;
        }
        if (c == '\\' && ++i >= raw.size()) break;
        v += raw[i];
    }
    return Unquoted::Unterminated;
}

std::string config_value_text(std::string_view raw) {
    std::string v;
    if (unquote_string_value(raw, &v) == Unquoted::Ok) return v;
    return std::string(raw);
}

std::string config_line(std::string_view name, SymbolType type, std::string_view value,
                        UnsetStyle unset, std::string_view prefix) {
    std::string out(prefix);
    out += name;
    const bool boolish = type == SymbolType::Bool || type == SymbolType::Tristate;
    if (unset == UnsetStyle::Comment && ((boolish && !value.empty() && value[0] == 'n') ||
                                         (type == SymbolType::Unknown && value == "n")))
        return "# " + out + " is not set";
    out += '=';
    if (type == SymbolType::String)
        out += quote_string_value(value);
    else
        out += value;
    return out;
}

std::string config_heading(std::string_view title) {
    std::string out = "#\n# Automatically generated file; DO NOT EDIT.\n# ";
    out += title;
    out += "\n#\n";
    return out;
}

std::string merge_config_fragment(std::string_view base, std::string_view fragment) {
    std::set<std::string> in_fragment;
    for (const ConfigLine& l : read_config_settings(fragment, LineSyntax::MergeConfig))
        in_fragment.insert(l.name);
    std::string out;
    for (const ConfigLine& l : read_config_text(base, LineSyntax::MergeConfig)) {
        if ((l.kind == LineKind::Set || l.kind == LineKind::Unset) && in_fragment.count(l.name))
            continue;
        out += l.text;
        out += '\n';
    }
    out += fragment;
    if (!out.empty() && out.back() != '\n') out += '\n';
    return out;
}

} // namespace kconfig
