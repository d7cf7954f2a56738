// The text of a .config, read and written in one place. Every part of
// xencfg that reads `CONFIG_X=v` / `# CONFIG_X is not set` lines or writes
// them goes through here: conf's reader and writer (confdata.cc), the
// fragment merge and value maps of generate/fix, diff, check and the emitters.
//
// Each tool the kernel ships reads these lines its own way, and xencfg must
// agree with the one it stands in for, so the reader has named syntaxes
// (LineSyntax) instead of one lenient parser. The writer is type-aware as
// conf's is: bool/tristate n is a `# ... is not set` comment, strings are
// quoted with `"` and `\` escaped, int/hex/y/m are written bare.
//
// No Context: this is plain text in, plain text out, so the rules engine
// and the emitters use it without loading a tree.
#pragma once

#include "kconfig/diagnostics.h"
#include "kconfig/model.h"

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kconfig {

// Whose reading of a line. They differ on blanks, '\r', which characters a
// name may hold and what is an error.
enum class LineSyntax {
    // conf_read_simple from 6.11 (getline_stripped): one trailing "\r" is
    // dropped; "# PREFIXNAME is not set" exactly; PREFIXNAME=VALUE with NAME
    // running to the first '='; any other line not starting with '#' is
    // "unexpected data".
    Conf,
    // conf_read_simple before 6.11 (fgets): "is not set" is only a prefix
    // of the rest, PREFIX without '=' is skipped silently, one "\r" before
    // the newline is dropped from values, lines of only "\r" are blank.
    ConfLegacy,
    // merge_config.sh's sed patterns: ^PREFIX[a-zA-Z0-9_]*= and
    // ^# PREFIX[a-zA-Z0-9_]* is not set$ (no "\r" handling, as sed).
    MergeConfig,
    // scripts/diffconfig: a line starting with "CONFIG_" with a '=' sets
    // NAME to the rest; otherwise a line ending in " is not set" (at least
    // 20 characters) unsets the name from column 9.
    Diffconfig,
    // xencfg's own inputs (check, packaging repositories): NAME is symbol
    // characters only, the value is trimmed, blanks may follow "is not
    // set", one trailing "\r" is dropped.
    Xencfg,
};

// What one line is.
enum class LineKind {
    Blank,     // empty (or, before 6.11, a lone "\r")
    Set,       // PREFIXNAME=VALUE
    Unset,     // # PREFIXNAME is not set
    Comment,   // any other line starting with '#' (or not a setting, for
               // the syntaxes that have no errors)
    Ignored,   // ConfLegacy: PREFIX... without '=', which conf skips silently
    Malformed, // conf would warn "unexpected data"
};

// One line as read.
struct ConfigLine {
    LineKind kind = LineKind::Blank; // what the line is
    std::string name;                // Set/Unset: the symbol without the prefix
    // Set: the value as written after '=' (quotes and escapes kept; trimmed
    // for LineSyntax::Xencfg); Unset: "n".
    std::string value;
    // The text after the line break was removed (Malformed: as conf quotes it
    // in "unexpected data: ...", up to the first "\r" or "\n").
    std::string text;
    int line = 0; // 1-based line number in the text it was read from
};

// Read one line (without its '\n'). `had_newline` is false for a last line
// the file does not end; it matters to conf, which drops "\r" only before a
// newline.
ConfigLine read_config_line(std::string_view line, LineSyntax syntax,
                            std::string_view prefix = "CONFIG_", bool had_newline = true);

// Every line of `text`, split as the tool that `syntax` names splits it
// (Diffconfig: Python's universal newlines; the others at '\n'; Conf and
// ConfLegacy: an embedded NUL ends the line, as C strings do). A last line
// without '\n' is read too.
std::vector<ConfigLine> read_config_text(std::string_view text, LineSyntax syntax,
                                         std::string_view prefix = "CONFIG_");

// read_config_text's lines handed to `visit` one by one, as they are read,
// instead of kept: the ConfigLine is reused and valid only during the call.
// For a whole .config read once (conf's reader), where keeping every line
// cost a vector of megabytes and three strings per line.
void for_each_config_line(std::string_view text, LineSyntax syntax, std::string_view prefix,
                          const std::function<void(const ConfigLine&)>& visit);

// The Set and Unset lines only, in order (the symbol assignments).
std::vector<ConfigLine> read_config_settings(std::string_view text, LineSyntax syntax,
                                             std::string_view prefix = "CONFIG_");

// The assignments of `text`: symbol (no prefix) -> value as written
// (quotes kept; "n" for "is not set"); later lines win, as in every reader.
std::map<std::string, std::string> config_values(std::string_view text,
                                                 LineSyntax syntax = LineSyntax::Conf,
                                                 std::string_view prefix = "CONFIG_");

// One ConfigUnexpectedData warning per Malformed line of `text`, located at
// `file`:line, worded as conf words it.
std::vector<Diagnostic> config_text_problems(std::string_view text, LineSyntax syntax,
                                             const std::string& file,
                                             std::string_view prefix = "CONFIG_");

// A string value as .config stores it: in double quotes, with '"' and '\'
// escaped by a backslash.
std::string quote_string_value(std::string_view value);

// The result of reading a quoted string value.
enum class Unquoted {
    Ok,           // *out holds the value, escapes resolved
    NotQuoted,    // it does not start with '"' (conf ignores such a value)
    Unterminated, // no closing quote ("invalid string found")
};
// Undo quote_string_value as conf_read_simple does: a backslash escapes the
// next character, the first unescaped '"' ends the value and anything after
// it is dropped.
Unquoted unquote_string_value(std::string_view raw, std::string* out);

// The value a Set line means for people and rules: a quoted string
// unquoted and unescaped, anything else as written.
std::string config_value_text(std::string_view raw);

// How a bool/tristate n is written.
enum class UnsetStyle {
    Comment, // "# CONFIG_X is not set" (.config, fragments)
    Value,   // "CONFIG_X=n" (listnewconfig)
};

// The line for symbol `name` of `type` holding `value` (unquoted), without
// a newline, as conf writes it: bool/tristate n per `unset`, strings
// quoted and escaped, everything else bare. For SymbolType::Unknown (a
// caller that knows no type) "n" is written as unset and the rest bare.
std::string config_line(std::string_view name, SymbolType type, std::string_view value,
                        UnsetStyle unset = UnsetStyle::Comment,
                        std::string_view prefix = "CONFIG_");

// conf's heading of a full .config (conf_write): "#\n# Automatically
// generated file; DO NOT EDIT.\n# TITLE\n#\n".
std::string config_heading(std::string_view title);

// merge_config.sh's merge of `fragment` onto `base`: every line of `base`
// that sets or unsets a symbol the fragment names is dropped, the rest are
// kept, and the fragment is appended (a missing final newline added).
std::string merge_config_fragment(std::string_view base, std::string_view fragment);

} // namespace kconfig
