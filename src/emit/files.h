// File handling shared by every command: checked reading of user inputs and
// atomic writing of outputs.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace emit {

// An input or output problem tied to a file: rendered as
// "file:line: error: message" (line 0 when no line applies).
struct FileError : std::runtime_error {
    FileError(std::string file, int line, const std::string& message)
        : std::runtime_error(message), file(std::move(file)), line(line) {}
    std::string file;
    int line;
    std::string text() const; // "file:line: error: message"
};

// The bytes of an input: "-" is standard input; gzip and xz data (by magic
// bytes, whatever the name) comes back decompressed. Throws FileError when
// the file is missing, unreadable, a directory, or corrupt compressed data.
std::string read_input_bytes(const std::string& path);

// Reads a text input (through read_input_bytes). Throws FileError when the file is missing,
// unreadable, a directory or not text (a NUL byte: the line of the first one is given), or has a
// line longer than kMaxLineLength bytes.
constexpr size_t kMaxLineLength = 1 << 20;
std::string read_text_file(const std::string& path);

// The first invalid UTF-8 sequence in `text` (overlong forms and surrogates
// included): its 1-based line and column, or line 0 when the text is valid.
struct TextPosition {
    int line = 0;   // 1-based; 0: none
    int column = 0; // 1-based byte column within the line
};
TextPosition first_invalid_utf8(std::string_view text);
// Throws FileError (path:line, the column in the message) when `text` is not
// UTF-8. Reports are JSON, SARIF and XML, which are UTF-8: a configuration
// that is not cannot be quoted in them.
void require_utf8(const std::string& path, std::string_view text);

// Checks that `dir` is an existing directory; throws FileError otherwise.
void require_directory(const std::string& dir);

// Writes `data` to `path` through a temporary file in the same directory that
// is renamed over the target, so that readers never see a partial file and a
// failed write leaves the old file intact. An existing target keeps its
// permission bits; a new one gets 0666 less the umask. "-" writes to stdout.
// A symbolic link is followed (the file it names is replaced, the link
// stays); an existing device or FIFO (/dev/null, /dev/stdout) is written
// into, never replaced.
// Throws FileError on failure.
void write_file_atomic(const std::string& path, std::string_view data);

// True when both paths name the same existing file (same device and inode).
bool same_file(const std::string& a, const std::string& b);

} // namespace emit
