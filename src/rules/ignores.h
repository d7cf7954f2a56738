// `# xencfg: ignore ID[, ID...] [-- reason]` comments: reading them, and
// keeping them when xencfg rewrites a .config (fix, kconfig olddefconfig
// and the other targets). conf drops every comment when it writes a
// .config; an ignore comment lost that way would silently bring back the
// findings it suppressed, so xencfg puts each one back above the line of
// the symbol it was written above. (`xencfg conf`, the drop-in for the
// kernel's conf, stays byte-identical to conf and does not do this.)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xenrules {

// One ignore comment.
struct IgnoreComment {
    std::vector<std::string> ids; // rule ids or patterns ending in '*'
    std::string reason;           // after " -- "; empty if none
};

// The ignore comment `line` holds; nullopt for any other line.
std::optional<IgnoreComment> read_ignore_comment(std::string_view line);

// `output` (a .config xencfg wrote from `input`) with the ignore comments
// of `input` put back: each comment goes right above the output's line for
// the symbol whose CONFIG_ line first follows it in `input`; a comment with
// no such symbol in the output (none follows it, or the output no longer
// writes it) goes at the end. Comments keep their order and text. Returns
// `output` unchanged when `input` has no ignore comment.
std::string keep_ignore_comments(std::string_view input, std::string_view output);

} // namespace xenrules
