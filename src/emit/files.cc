#include "emit/files.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <lzma.h>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

namespace emit {

std::string FileError::text() const {
    return file + ":" + std::to_string(line) + ": error: " + what();
}

void require_directory(const std::string& dir) {
    struct stat st;
    if (::stat(dir.c_str(), &st) != 0)
        throw FileError(dir, 0, std::string("cannot open directory: ") + std::strerror(errno));
    if (!S_ISDIR(st.st_mode)) throw FileError(dir, 0, "not a directory");
}

namespace {

// The whole content of `fd`; FileError (named `path`) on a read error.
// `expected_size`: the file's size when known (0: unknown), reserved up front
// so that a kernel config is not copied as it grows, nor left with half of
// a doubled buffer unused.
std::string read_all(int fd, const std::string& path, size_t expected_size = 0) {
    std::string data;
    if (expected_size > 0) data.reserve(std::min<size_t>(expected_size, 64u << 20));
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw FileError(path, 0, std::string("cannot read file: ") + std::strerror(errno));
        }
        if (n == 0) break;
        data.append(buf, size_t(n));
    }
    return data;
}

// Closes a file descriptor however the reading ends.
struct FdCloser {
    int fd; // the descriptor to close
    ~FdCloser() { ::close(fd); }
};

bool has_prefix(const std::string& data, std::string_view magic) {
    return data.size() >= magic.size() && std::string_view(data).substr(0, magic.size()) == magic;
}

// A decompressed input larger than this is no kernel configuration (Debian's
// largest is under 300 KB); the bound stops a decompression bomb.
constexpr size_t kMaxDecompressed = size_t(64) << 20;

// gzip (every member, as gzip -dc does).
std::string gunzip(const std::string& in, const std::string& path) {
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) throw FileError(path, 0, "cannot start gzip decoder");
    std::string out;
    char buf[65536];
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = uInt(in.size());
    int rc = Z_OK;
    for (;;) {
        zs.next_out = reinterpret_cast<Bytef*>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        out.append(buf, sizeof buf - zs.avail_out);
        if (out.size() > kMaxDecompressed) break;
        if (rc == Z_STREAM_END) {
            if (zs.avail_in == 0) break;
            inflateReset(&zs); // the next member of a multi-member file
            continue;
        }
        if (rc != Z_OK) break;
        if (zs.avail_in == 0 && zs.avail_out != 0) {
            rc = Z_BUF_ERROR; // input ended inside a member
            break;
        }
    }
    std::string msg = zs.msg ? zs.msg : "";
    inflateEnd(&zs);
    if (out.size() > kMaxDecompressed)
        throw FileError(path, 0, "gzip data decompresses to more than 64 MiB: not a configuration");
    if (rc != Z_STREAM_END)
        throw FileError(path, 0,
                        "corrupt or truncated gzip data" + (msg.empty() ? "" : " (" + msg + ")"));
    return out;
}

// xz (every stream, as xz -dc does).
std::string unxz(const std::string& in, const std::string& path) {
    lzma_stream xs = LZMA_STREAM_INIT;
    if (lzma_stream_decoder(&xs, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK)
        throw FileError(path, 0, "cannot start xz decoder");
    std::string out;
    char buf[65536];
    xs.next_in = reinterpret_cast<const uint8_t*>(in.data());
    xs.avail_in = in.size();
    lzma_ret rc = LZMA_OK;
    for (;;) {
        xs.next_out = reinterpret_cast<uint8_t*>(buf);
        xs.avail_out = sizeof buf;
        rc = lzma_code(&xs, xs.avail_in == 0 ? LZMA_FINISH : LZMA_RUN);
        out.append(buf, sizeof buf - xs.avail_out);
        if (out.size() > kMaxDecompressed || rc != LZMA_OK) break;
    }
    lzma_end(&xs);
    if (out.size() > kMaxDecompressed)
        throw FileError(path, 0, "xz data decompresses to more than 64 MiB: not a configuration");
    if (rc != LZMA_STREAM_END) throw FileError(path, 0, "corrupt or truncated xz data");
    return out;
}

} // namespace

std::string read_input_bytes(const std::string& path) {
    std::string data;
    if (path == "-") {
        data = read_all(STDIN_FILENO, path);
    } else {
        struct stat st;
        if (::stat(path.c_str(), &st) != 0)
            throw FileError(path, 0, std::string("cannot open file: ") + std::strerror(errno));
        if (S_ISDIR(st.st_mode)) throw FileError(path, 0, "is a directory, not a file");
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            throw FileError(path, 0, std::string("cannot open file: ") + std::strerror(errno));
        FdCloser closer{fd};
        data = read_all(fd, path, S_ISREG(st.st_mode) ? size_t(st.st_size) : 0);
    }
    // Compressed inputs are recognised by their magic bytes, not their name:
    // /proc/config.gz, config-*.xz from Debian's linux-config packages, or
    // either on standard input.
    if (has_prefix(data, "\x1f\x8b")) return gunzip(data, path);
    if (has_prefix(data, std::string_view("\xfd"
                                          "7zXZ\0",
                                          6)))
        return unxz(data, path);
    return data;
}

std::string read_text_file(const std::string& path) {
    std::string data = read_input_bytes(path);
    size_t nul = data.find('\0');
    if (nul != std::string::npos) {
        int line = 1;
        for (size_t i = 0; i < nul; ++i)
            if (data[i] == '\n') ++line;
        throw FileError(path, line, "binary data (NUL byte) in a text file");
    }
    // No configuration or rules file has lines anywhere near this long; one
    // that does is not what the user meant to give.
    int line = 1;
    for (size_t start = 0; start < data.size(); ++line) {
        size_t end = data.find('\n', start);
        if (end == std::string::npos) end = data.size();
        if (end - start > kMaxLineLength)
            throw FileError(path, line,
                            "line too long (" + std::to_string(end - start) + " bytes; at most " +
                                std::to_string(kMaxLineLength) + ")");
        start = end + 1;
    }
    return data;
}

bool same_file(const std::string& a, const std::string& b) {
    struct stat sa, sb;
    if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static bool write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data.remove_prefix(size_t(n));
    }
    return true;
}

void write_file_atomic(const std::string& path, std::string_view data) {
    if (path == "-") {
        std::fflush(stdout);
        if (!write_all(STDOUT_FILENO, data))
            throw FileError("<stdout>", 0, std::string("cannot write: ") + std::strerror(errno));
        return;
    }
    struct stat st;
    bool exists = ::stat(path.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) throw FileError(path, 0, "is a directory, not a file");
    if (exists && !S_ISREG(st.st_mode)) {
        // A device, FIFO or socket (-o /dev/stdout, /dev/null): write into it.
        // Renaming a file over it would replace the node itself.
        int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0)
            throw FileError(path, 0, std::string("cannot open file: ") + std::strerror(errno));
        bool ok = write_all(fd, data);
        int err = errno;
        if (::close(fd) != 0 && ok) ok = false, err = errno;
        if (!ok) throw FileError(path, 0, std::string("cannot write file: ") + std::strerror(err));
        return;
    }

    // A symbolic link is followed: the file it names is replaced, the link
    // stays (`.config -> configs/xen.config`).
    std::string target = path;
    if (exists) {
        if (char* real = ::realpath(path.c_str(), nullptr)) {
            target = real;
            std::free(real);
        }
    }
    std::string dir = ".", base = target;
    if (auto slash = target.rfind('/'); slash != std::string::npos) {
        dir = slash == 0 ? "/" : target.substr(0, slash);
        base = target.substr(slash + 1);
    }
    std::string tmpl = dir + "/." + base + ".tmpXXXXXX";
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        throw FileError(path, 0,
                        std::string("cannot create a temporary file in ") + dir + ": " +
                            std::strerror(errno));
    mode_t mode;
    if (exists) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = ::umask(0);
        ::umask(mask);
        mode = 0666 & ~mask;
    }
    bool ok = write_all(fd, data);
    int err = errno;
    if (ok && ::fchmod(fd, mode) != 0) ok = false, err = errno;
    if (ok && ::fsync(fd) != 0 && errno != EINVAL) ok = false, err = errno;
    if (::close(fd) != 0 && ok) ok = false, err = errno;
    if (ok && ::rename(tmpl.c_str(), target.c_str()) != 0) ok = false, err = errno;
    if (!ok) {
        ::unlink(tmpl.c_str());
        throw FileError(path, 0, std::string("cannot write file: ") + std::strerror(err));
    }
}

TextPosition first_invalid_utf8(std::string_view text) {
    int line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++line;
            line_start = ++i;
            continue;
        }
        // The sequence's length from its lead byte (0: not a lead byte).
        size_t n = c < 0x80           ? 1
                   : (c >> 5) == 0x6  ? 2
                   : (c >> 4) == 0xE  ? 3
                   : (c >> 3) == 0x1E ? 4
                                      : 0;
        bool ok = n != 0 && i + n <= text.size() && c != 0xC0 && c != 0xC1 && c <= 0xF4;
        for (size_t k = 1; ok && k < n; ++k)
            ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        if (ok && n == 3) {
            unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
            ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0); // overlong, surrogate
        }
        if (ok && n == 4) {
            unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
            ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90); // overlong, > U+10FFFF
        }
        if (!ok) return {line, int(i - line_start) + 1};
        i += n;
    }
    return {};
}

void require_utf8(const std::string& path, std::string_view text) {
    TextPosition bad = first_invalid_utf8(text);
    if (bad.line)
        throw FileError(path, bad.line,
                        "invalid UTF-8 at column " + std::to_string(bad.column) +
                            " (not a text configuration file?)");
}

} // namespace emit
