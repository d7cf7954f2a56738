// Helpers shared by the unit tests that run the xencfg binary or use files.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <unistd.h>

namespace testsupport {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed with its contents.
struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "xencfg-test.XXXXXX").string();
        char* p = ::mkdtemp(tmpl.data());
        if (!p) throw std::runtime_error("mkdtemp failed");
        path = p;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

inline std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline void spit(const fs::path& p, const std::string& s) {
    std::ofstream out(p, std::ios::binary);
    out << s;
}

// The xencfg binary built next to the test binary, or empty.
inline fs::path xencfg_binary() {
    std::error_code ec;
    fs::path bin = fs::read_symlink("/proc/self/exe", ec).parent_path() / "xencfg";
    return !ec && fs::exists(bin) ? bin : fs::path();
}

// One shell word.
inline std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

} // namespace testsupport
