// Tests of the CLI layer: the file helpers it relies on (atomic output,
// checked input) and end-to-end runs of the xencfg binary built next to
// unit_tests (exit statuses, --in-place, -o protection, stdout/stderr split).
#include "emit/files.h"

#include <gtest/gtest.h>

#include "test_support.h"
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace testsupport;

namespace fs = std::filesystem;

namespace {

fs::path mini_tree() {
    return fs::path(XENCFG_SOURCE_DIR) / "tests/fixtures/trees/mini";
}

struct RunResult {
    int status = -1;
    std::string out, err;
};

// Runs xencfg with `args` in `cwd`; stdout and stderr captured separately.
RunResult run(const std::vector<std::string>& args, const fs::path& cwd) {
    RunResult r;
    fs::path bin = xencfg_binary();
    fs::path out = cwd / ".stdout", err = cwd / ".stderr";
    std::string cmd =
        "cd " + shell_quote(cwd.string()) + " && NO_COLOR=1 " + shell_quote(bin.string());
    for (const auto& a : args)
        cmd += " " + shell_quote(a);
    cmd += " </dev/null >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string());
    int st = std::system(cmd.c_str());
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    fs::remove(out);
    fs::remove(err);
    return r;
}

#define REQUIRE_BINARY()                                                                           \
    do {                                                                                           \
        if (xencfg_binary().empty()) GTEST_SKIP() << "xencfg binary not built next to unit_tests"; \
    } while (0)

} // namespace

// ---------------------------------------------------------------- helpers

TEST(CliFiles, AtomicWriteCreatesAndReplaces) {
    TempDir d;
    fs::path f = d.path / "out.config";
    emit::write_file_atomic(f.string(), "first\n");
    EXPECT_EQ(slurp(f), "first\n");
    ::chmod(f.c_str(), 0640);
    emit::write_file_atomic(f.string(), "second\n");
    EXPECT_EQ(slurp(f), "second\n");
    struct stat st;
    ASSERT_EQ(::stat(f.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0640u); // permissions kept
    // No temporary file left behind.
    size_t n = 0;
    for (auto& e : fs::directory_iterator(d.path))
        (void)e, ++n;
    EXPECT_EQ(n, 1u);
}

TEST(CliFiles, AtomicWriteFailureKeepsOldFile) {
    TempDir d;
    fs::path f = d.path / "x";
    fs::create_directory(f);
    EXPECT_THROW(emit::write_file_atomic(f.string(), "data"), emit::FileError);
    EXPECT_THROW(emit::write_file_atomic((d.path / "missing-dir" / "f").string(), "data"),
                 emit::FileError);
}

TEST(CliFiles, ReadTextFileErrors) {
    TempDir d;
    try {
        emit::read_text_file((d.path / "nope").string());
        FAIL() << "no exception";
    } catch (const emit::FileError& e) {
        EXPECT_EQ(e.line, 0);
        EXPECT_NE(e.text().find(": error: cannot open file: No such file or directory"),
                  std::string::npos);
    }
    try {
        emit::read_text_file(d.path.string());
        FAIL() << "no exception";
    } catch (const emit::FileError& e) {
        EXPECT_NE(std::string(e.what()).find("directory"), std::string::npos);
    }
    fs::path bin = d.path / "bin";
    spit(bin, std::string("line1\nline2\nli\0ne3\n", 19));
    try {
        emit::read_text_file(bin.string());
        FAIL() << "no exception";
    } catch (const emit::FileError& e) {
        EXPECT_EQ(e.line, 3);
        EXPECT_EQ(e.text(), bin.string() + ":3: error: binary data (NUL byte) in a text file");
    }
    fs::path ok = d.path / "ok";
    spit(ok, "CONFIG_XEN=y\n");
    EXPECT_EQ(emit::read_text_file(ok.string()), "CONFIG_XEN=y\n");
    EXPECT_TRUE(emit::same_file(ok.string(), (d.path / "." / "ok").string()));
    EXPECT_FALSE(emit::same_file(ok.string(), bin.string()));
}

// ---------------------------------------------------------------- binary

TEST(CliRun, VersionAndUsage) {
    REQUIRE_BINARY();
    TempDir d;
    auto v = run({"--version"}, d.path);
    EXPECT_EQ(v.status, 0);
    EXPECT_EQ(v.out.rfind("xencfg ", 0), 0u);
    auto none = run({}, d.path);
    EXPECT_EQ(none.status, 2);
    EXPECT_TRUE(none.out.empty());
    EXPECT_NE(none.err.find("no command given"), std::string::npos);
    auto bad = run({"check", "--no-such-option", "x"}, d.path);
    EXPECT_EQ(bad.status, 2);
    EXPECT_NE(bad.err.find("xencfg check: error:"), std::string::npos);
    for (const char* c : {"check", "explain", "kconfig", "load", "kb-extract"}) {
        auto h = run({c, "--help"}, d.path);
        EXPECT_EQ(h.status, 0) << c;
        EXPECT_NE(h.out.find("Examples:\n  xencfg " + std::string(c)), std::string::npos) << c;
    }
}

TEST(CliRun, KconfigOutputAndInPlace) {
    REQUIRE_BINARY();
    TempDir d;
    std::string tree = mini_tree().string();
    spit(d.path / "in.config", "CONFIG_XEN=y\n# CONFIG_ACPI is not set\n");
    std::string before = slurp(d.path / "in.config");

    // -o naming the input is refused, and the input is untouched.
    auto same = run({"kconfig", "olddefconfig", "--tree", tree, "--arch", "x86_64", "--config",
                     "in.config", "-o", "in.config"},
                    d.path);
    EXPECT_EQ(same.status, 2);
    EXPECT_EQ(slurp(d.path / "in.config"), before);

    // -o OUT writes OUT only.
    auto out = run({"kconfig", "olddefconfig", "--tree", tree, "--arch", "x86_64", "--config",
                    "in.config", "-o", "out.config"},
                   d.path);
    ASSERT_EQ(out.status, 0) << out.err;
    // conf's own announcement on stdout, and nothing else.
    EXPECT_EQ(out.out, "#\n# configuration written to out.config\n#\n");
    std::string written = slurp(d.path / "out.config");
    EXPECT_NE(written.find("\nCONFIG_XEN=y\n"), std::string::npos);
    EXPECT_NE(written.find("\n# CONFIG_ACPI is not set\n"), std::string::npos);
    EXPECT_NE(written.find("# Mini x86 6.12.7-mini Kernel Configuration\n"), std::string::npos);
    EXPECT_EQ(slurp(d.path / "in.config"), before);

    // --in-place rewrites the input; the result equals the -o result.
    auto inplace = run({"kconfig", "olddefconfig", "--tree", tree, "--arch", "x86_64", "--config",
                        "in.config", "--in-place"},
                       d.path);
    ASSERT_EQ(inplace.status, 0) << inplace.err;
    EXPECT_EQ(slurp(d.path / "in.config"), written);

    // savedefconfig of that is the minimal form.
    auto save = run({"kconfig", "savedefconfig", "--tree", tree, "--arch", "x86_64", "--config",
                     "in.config", "-o", "-"},
                    d.path);
    ASSERT_EQ(save.status, 0) << save.err;
    EXPECT_EQ(save.out, "# CONFIG_ACPI is not set\nCONFIG_XEN=y\n");
}

TEST(CliRun, ExplainJsonAndUnknownSymbol) {
    REQUIRE_BINARY();
    TempDir d;
    std::string tree = mini_tree().string();
    auto ok = run({"explain", "XEN_DOM0", "--tree", tree, "--arch", "x86_64", "--format", "json"},
                  d.path);
    ASSERT_EQ(ok.status, 0) << ok.err;
    EXPECT_NE(ok.out.find("\"symbol\": \"XEN_DOM0\""), std::string::npos);
    auto unknown = run({"explain", "XEN_DOMO", "--tree", tree, "--arch", "x86_64"}, d.path);
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.err.find("did you mean XEN_DOM0?"), std::string::npos) << unknown.err;
    EXPECT_TRUE(unknown.out.empty());
}

TEST(CliRun, InputErrorsAreFileLine) {
    REQUIRE_BINARY();
    TempDir d;
    spit(d.path / "garbage.config", std::string("CONFIG_A=y\n\0\x01\x02\xff", 15));
    auto g = run({"check", "garbage.config"}, d.path);
    EXPECT_EQ(g.status, 2);
    EXPECT_EQ(g.err, "garbage.config:2: error: binary data (NUL byte) in a text file\n");
    auto m = run({"check", "missing.config"}, d.path);
    EXPECT_EQ(m.status, 2);
    EXPECT_EQ(m.err.rfind("missing.config:0: error: ", 0), 0u);
    auto t = run({"load", "--tree", "no-tree", "--arch", "x86_64"}, d.path);
    EXPECT_EQ(t.status, 2);
    EXPECT_EQ(t.err.rfind("no-tree:0: error: ", 0), 0u);
}
