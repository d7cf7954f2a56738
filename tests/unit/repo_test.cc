// Packaging repositories: the manifest, each layout's merge order and
// precedence, provenance, and which flavours a changed file touches.
#include "rules/repo.h"

#include "test_support.h"

#include <algorithm>
#include <gtest/gtest.h>

using namespace xenrules;
using testsupport::TempDir;

namespace {

void put(const TempDir& d, const std::string& rel, const std::string& text) {
    auto p = d.path / rel;
    std::filesystem::create_directories(p.parent_path());
    testsupport::spit(p, text);
}

// The line of the merged text that sets `symbol`, with where it came from.
std::pair<std::string, SourceRef> setting(const AssembledConfig& a, const std::string& symbol) {
    std::istringstream in(a.text);
    std::string line;
    for (size_t i = 0; std::getline(in, line); ++i)
        if (line.rfind("CONFIG_" + symbol + "=", 0) == 0 ||
            line == "# CONFIG_" + symbol + " is not set")
            return {line, a.origin.at(i)};
    return {"", {}};
}

AssembledConfig assemble(const TempDir& d, const std::string& flavour) {
    RepoManifest m;
    RepoError e;
    EXPECT_TRUE(load_repo_manifest(d.path.string(), m, e))
        << e.file << ":" << e.line << ": " << e.message;
    AssembledConfig a;
    for (const auto& f : m.flavours) {
        if (f.name == flavour) {
            EXPECT_TRUE(assemble_flavour(m, f, a, e)) << e.message;
        }
    }
    return a;
}

RepoError manifest_error(const std::string& toml) {
    TempDir d;
    put(d, "xencfg.toml", toml);
    RepoManifest m;
    RepoError e;
    EXPECT_FALSE(load_repo_manifest(d.path.string(), m, e));
    return e;
}

} // namespace

TEST(Repo, DebianMergesInReadmeSourceOrderLaterFilesWin) {
    TempDir d;
    put(d, "xencfg.toml",
        "layout = \"debian\"\nkernel-version = \"6.12\"\n"
        "[[flavour]]\nname = \"cloud-amd64\"\narch = \"amd64\"\nroles = [\"domU\"]\n"
        "featureset = \"rt\"\n");
    put(d, "debian/config/config", "CONFIG_A=y\nCONFIG_B=y\nCONFIG_C=y\nCONFIG_D=y\n");
    put(d, "debian/config/kernelarch-x86/config", "# CONFIG_B is not set\n");
    put(d, "debian/config/amd64/config", "##\nCONFIG_C=m\n");
    put(d, "debian/config/amd64/config.cloud-amd64", "CONFIG_D=m\nCONFIG_E=y\n");
    put(d, "debian/config/featureset-rt/config", "CONFIG_E=m\n");
    put(d, "debian/config/amd64/rt/config.cloud-amd64", "# CONFIG_A is not set\n");
    put(d, "debian/config/kernelarch-arm64/config", "CONFIG_A=m\n"); // another arch: unused
    AssembledConfig a = assemble(d, "cloud-amd64");
    EXPECT_EQ(setting(a, "A").first, "# CONFIG_A is not set");
    EXPECT_EQ(setting(a, "A").second.file, "debian/config/amd64/rt/config.cloud-amd64");
    EXPECT_EQ(setting(a, "B").second.file, "debian/config/kernelarch-x86/config");
    EXPECT_EQ(setting(a, "C").first, "CONFIG_C=m");
    EXPECT_EQ(setting(a, "C").second.line, 2);
    EXPECT_EQ(setting(a, "D").second.file, "debian/config/amd64/config.cloud-amd64");
    EXPECT_EQ(setting(a, "E").first, "CONFIG_E=m");
    EXPECT_EQ(a.files.size(), 6u);
    EXPECT_EQ(a.primary, "debian/config/amd64/config.cloud-amd64");
    EXPECT_TRUE(flavour_touched_by(a, "debian/config/config"));
    EXPECT_TRUE(flavour_touched_by(a, "debian/config/amd64/rt/config")); // would be read
    EXPECT_FALSE(flavour_touched_by(a, "debian/config/kernelarch-arm64/config"));
    EXPECT_FALSE(flavour_touched_by(a, "debian/config/arm64/config"));
}

// Without defines files (neither defines.toml nor defines): a flavour's
// `files` replace A/config.FLAVOUR.
TEST(Repo, DebianFlavourFileListReplacesConfigFlavour) {
    TempDir d;
    put(d, "xencfg.toml",
        "layout = \"debian\"\nkernel-version = \"6.12\"\nroles = [\"domU\"]\n"
        "[[flavour]]\nname = \"cloud-amd64\"\narch = \"amd64\"\n"
        "files = [\"config.cloud\", \"amd64/config.cloud-amd64\"]\n");
    put(d, "debian/config/config", "CONFIG_A=y\n");
    put(d, "debian/config/config.cloud", "CONFIG_A=m\nCONFIG_B=y\n");
    put(d, "debian/config/amd64/config.cloud-amd64", "# CONFIG_B is not set\n");
    AssembledConfig a = assemble(d, "cloud-amd64");
    EXPECT_EQ(setting(a, "A").second.file, "debian/config/config.cloud");
    EXPECT_EQ(setting(a, "B").second.file, "debian/config/amd64/config.cloud-amd64");
}

// debian/config/defines.toml, as Debian's config_v2.py reads it: each
// level's [build] config files before its own file; the arch comes from the
// arch whose defines.toml builds the flavour; a featureset that lists no
// flavours builds the arch's, without their files.
TEST(Repo, DebianDefinesTomlGivesArchAndMergeOrder) {
    TempDir d;
    put(d, "xencfg.toml",
        "layout = \"debian\"\nkernel-version = \"6.12\"\nroles = [\"domU\"]\n"
        "[[flavour]]\nname = \"cloud-amd64\"\n"
        "[[flavour]]\nname = \"rt-amd64\"\nfeatureset = \"rt\"\n"
        "[[flavour]]\nname = \"plain-cloud-amd64\"\nfeatureset = \"plain\"\n");
    put(d, "debian/config/defines.toml",
        "[[kernelarch]]\nname = 'x86'\n  [[kernelarch.debianarch]]\n  name = 'amd64'\n"
        "[[kernelarch]]\nname = 'arm64'\n  [[kernelarch.debianarch]]\n  name = 'arm64'\n"
        "[[featureset]]\nname = 'none'\n[[featureset]]\nname = 'rt'\n"
        "[[featureset]]\nname = 'plain'\n");
    put(d, "debian/config/amd64/defines.toml",
        "[[flavour]]\nname = 'amd64'\n[[flavour]]\nname = 'cloud-amd64'\n"
        "[flavour.build]\nconfig = ['config.cloud']\n"
        "[[featureset]]\nname = 'none'\n[[featureset]]\nname = 'rt'\n"
        "[[featureset.flavour]]\nname = 'amd64'\n"
        "[[featureset]]\nname = 'plain'\n");
    put(d, "debian/config/config", "CONFIG_A=y\nCONFIG_B=y\nCONFIG_C=y\n");
    put(d, "debian/config/kernelarch-x86/config", "CONFIG_B=m\n");
    put(d, "debian/config/amd64/config", "CONFIG_C=m\n");
    put(d, "debian/config/config.cloud", "# CONFIG_A is not set\n# CONFIG_B is not set\n");
    put(d, "debian/config/amd64/config.cloud-amd64", "CONFIG_B=y\n");
    put(d, "debian/config/featureset-rt/config", "CONFIG_RT=y\n");
    put(d, "debian/config/amd64/plain/config.cloud-amd64", "CONFIG_P=y\n");
    RepoManifest m;
    RepoError e;
    ASSERT_TRUE(load_repo_manifest(d.path.string(), m, e)) << e.line << ": " << e.message;
    EXPECT_EQ(m.flavours[0].arch, Arch::X86_64);
    EXPECT_EQ(m.flavours[0].debian_kernelarch, "x86");
    AssembledConfig cloud;
    ASSERT_TRUE(assemble_flavour(m, m.flavours[0], cloud, e)) << e.message;
    EXPECT_EQ(cloud.files, (std::vector<std::string>{
                               "debian/config/config", "debian/config/kernelarch-x86/config",
                               "debian/config/amd64/config", "debian/config/config.cloud",
                               "debian/config/amd64/config.cloud-amd64"}));
    EXPECT_EQ(setting(cloud, "A").first, "# CONFIG_A is not set");
    EXPECT_EQ(setting(cloud, "B").second.file, "debian/config/amd64/config.cloud-amd64");
    EXPECT_EQ(cloud.primary, "debian/config/amd64/config.cloud-amd64");
    EXPECT_TRUE(flavour_touched_by(cloud, "debian/config/amd64/defines.toml"));
    EXPECT_TRUE(flavour_touched_by(cloud, "debian/config/amd64/none/config.cloud-amd64"));
    AssembledConfig rt;
    ASSERT_TRUE(assemble_flavour(m, m.flavours[1], rt, e)) << e.message;
    EXPECT_EQ(rt.files.back(), "debian/config/featureset-rt/config");
    EXPECT_EQ(setting(rt, "C").first, "CONFIG_C=m");
    // `plain` lists no flavours: it builds amd64's, without config.cloud.
    AssembledConfig plain;
    ASSERT_TRUE(assemble_flavour(m, m.flavours[2], plain, e)) << e.message;
    EXPECT_EQ(std::count(plain.files.begin(), plain.files.end(), "debian/config/config.cloud"), 1);
    EXPECT_EQ(plain.files.back(), "debian/config/amd64/plain/config.cloud-amd64");

    // A flavour defines.toml does not build: an error at its manifest line.
    put(d, "xencfg.toml",
        "layout = \"debian\"\nkernel-version = \"6.12\"\nroles = [\"domU\"]\n"
        "[[flavour]]\nname = \"rt-cloud-amd64\"\nfeatureset = \"rt\"\n");
    EXPECT_FALSE(load_repo_manifest(d.path.string(), m, e));
    EXPECT_EQ(e.line, 4);
    EXPECT_NE(e.message.find("'cloud-amd64'"), std::string::npos);
    // A defines.toml that does not parse: its own file and line.
    put(d, "debian/config/amd64/defines.toml", "[[flavour]]\nname = \n");
    EXPECT_FALSE(load_repo_manifest(d.path.string(), m, e));
    EXPECT_EQ(e.file, "debian/config/amd64/defines.toml");
    EXPECT_EQ(e.line, 2);
}

// debian/config/defines (INI, before linux 6.x), as Debian's config.py and
// gencontrol.py of bullseye and bookworm read it: a level's [..._image]
// `configs` replace its file (so cloud-amd64 merges its own file twice, as
// Debian's KCONFIG does); `KEY: VALUE` and `KEY = VALUE`, continuation
// lines, comment lines inside a value; debian/config.local's files win;
// flavours listed in the arch's own defines are featureset none's.
TEST(Repo, DebianLegacyDefinesGiveArchAndMergeOrder) {
    TempDir d;
    put(d, "xencfg.toml",
        "layout = \"debian\"\nkernel-version = \"6.1\"\nroles = [\"domU\"]\n"
        "[[flavour]]\nname = \"cloud-amd64\"\n"
        "[[flavour]]\nname = \"rt-amd64\"\nfeatureset = \"rt\"\n"
        "[[flavour]]\nname = \"marvell\"\n");
    put(d, "debian/config/defines",
        "[abi]\nabiname: 1\nignore-changes:\n foo\n# a comment inside the value\n bar\n\n"
        "[base]\narches:\n amd64\n armel\n hppa\nfeaturesets:\n none\n rt\n"
        "[featureset-rt_base]\nenabled: true\n");
    put(d, "debian/config/amd64/defines",
        "[base]\nfeaturesets =\n none\n rt\nkernel-arch: x86\n\n"
        "[description]\nhardware: " +
            std::string(300, 'x') + "\n");
    put(d, "debian/config/amd64/none/defines",
        "[base]\nflavours:\n amd64\n cloud-amd64\n\n"
        "[cloud-amd64_image]\nconfigs:\n config.cloud\n amd64/config.cloud-amd64\n");
    put(d, "debian/config/amd64/rt/defines", "[base]\nflavours:\n amd64\n");
    put(d, "debian/config/armel/defines",
        "[base]\nflavours: marvell\nkernel-arch: arm\n; a comment\n");
    put(d, "debian/config/hppa/defines", "not read: hppa is no arch xencfg knows\n");
    put(d, "debian/config/config", "CONFIG_A=y\nCONFIG_B=y\nCONFIG_C=y\n");
    put(d, "debian/config/kernelarch-x86/config", "CONFIG_B=m\n");
    put(d, "debian/config/amd64/config", "CONFIG_C=m\n");
    put(d, "debian/config/config.cloud", "# CONFIG_A is not set\n# CONFIG_B is not set\n");
    put(d, "debian/config/amd64/config.cloud-amd64", "CONFIG_B=y\n");
    put(d, "debian/config/featureset-rt/config", "CONFIG_RT=y\n");
    put(d, "debian/config/armel/config", "CONFIG_ARM=y\n");
    put(d, "debian/config.local/armel/config.marvell", "CONFIG_LOCAL=y\n");
    RepoManifest m;
    RepoError e;
    ASSERT_TRUE(load_repo_manifest(d.path.string(), m, e))
        << e.file << ":" << e.line << ": " << e.message;
    EXPECT_EQ(m.flavours[0].arch, Arch::X86_64);
    EXPECT_EQ(m.flavours[0].debian_kernelarch, "x86");
    AssembledConfig cloud;
    ASSERT_TRUE(assemble_flavour(m, m.flavours[0], cloud, e)) << e.message;
    EXPECT_EQ(cloud.files,
              (std::vector<std::string>{
                  "debian/config/config", "debian/config/kernelarch-x86/config",
                  "debian/config/amd64/config", "debian/config/amd64/config.cloud-amd64",
                  "debian/config/config.cloud", "debian/config/amd64/config.cloud-amd64"}));
    EXPECT_EQ(setting(cloud, "A").first, "# CONFIG_A is not set");
    EXPECT_EQ(setting(cloud, "B").first, "CONFIG_B=y");
    EXPECT_EQ(setting(cloud, "B").second.file, "debian/config/amd64/config.cloud-amd64");
    EXPECT_EQ(cloud.primary, "debian/config/amd64/config.cloud-amd64");
    EXPECT_TRUE(flavour_touched_by(cloud, "debian/config/amd64/none/defines"));
    EXPECT_TRUE(flavour_touched_by(cloud, "debian/config/amd64/none/config")); // would be read
    AssembledConfig rt;
    ASSERT_TRUE(assemble_flavour(m, m.flavours[1], rt, e)) << e.message;
    EXPECT_EQ(rt.files, (std::vector<std::string>{
                            "debian/config/config", "debian/config/kernelarch-x86/config",
                            "debian/config/amd64/config", "debian/config/featureset-rt/config"}));
    AssembledConfig marvell;
    ASSERT_TRUE(assemble_flavour(m, m.flavours[2], marvell, e)) << e.message;
    EXPECT_EQ(m.flavours[2].arch, Arch::Arm);
    EXPECT_EQ(marvell.files.back(), "debian/config.local/armel/config.marvell");

    auto error_of = [&](const std::string& rel, const std::string& text) {
        TempDir c;
        std::filesystem::copy(d.path, c.path, std::filesystem::copy_options::recursive);
        put(c, rel, text);
        RepoManifest mm;
        RepoError ee;
        EXPECT_FALSE(load_repo_manifest(c.path.string(), mm, ee)) << rel;
        return ee;
    };
    // A line that is no configparser line: its file and line.
    e = error_of("debian/config/amd64/rt/defines", "[base]\nflavours:\n amd64\njunk\n");
    EXPECT_EQ(e.file, "debian/config/amd64/rt/defines");
    EXPECT_EQ(e.line, 4);
    // A broken section line: that line, not the value after it.
    e = error_of("debian/config/amd64/rt/defines", "[base\nflavours: amd64\n");
    EXPECT_EQ(e.line, 1);
    // A key twice in a section, as configparser refuses it.
    e = error_of("debian/config/amd64/rt/defines", "[base]\nflavours: amd64\nflavours: x\n");
    EXPECT_EQ(e.line, 3);
    EXPECT_NE(e.message.find("second time"), std::string::npos);
    // A listed file that does not exist stops Debian's build: the configs line.
    e = error_of("debian/config/amd64/none/defines",
                 "[base]\nflavours: cloud-amd64\n[cloud-amd64_image]\nconfigs: config.nope\n");
    EXPECT_EQ(e.file, "debian/config/amd64/none/defines");
    EXPECT_EQ(e.line, 4);
    EXPECT_NE(e.message.find("config.nope"), std::string::npos);
    // A NUL byte: no defines file, and no configuration fragment either.
    e = error_of("debian/config/amd64/rt/defines", std::string("[base]\nflavours: amd64\0\n", 24));
    EXPECT_EQ(e.file, "debian/config/amd64/rt/defines");
    EXPECT_EQ(e.message, "binary data (NUL byte): not a defines file");
    {
        TempDir c;
        std::filesystem::copy(d.path, c.path, std::filesystem::copy_options::recursive);
        put(c, "debian/config/config.cloud", std::string("CONFIG_A=y\0\n", 12));
        RepoManifest mm;
        ASSERT_TRUE(load_repo_manifest(c.path.string(), mm, e)) << e.message;
        AssembledConfig a;
        EXPECT_FALSE(assemble_flavour(mm, mm.flavours[0], a, e));
        EXPECT_EQ(e.file, "debian/config/config.cloud");
        EXPECT_EQ(e.message, "binary data (NUL byte): not a configuration fragment");
    }
    // A disabled featureset builds nothing: the manifest's flavour line.
    e = error_of("debian/config/featureset-rt/defines", "[base]\nenabled: false\n");
    EXPECT_EQ(std::filesystem::path(e.file).filename(), "xencfg.toml");
    EXPECT_EQ(e.line, 6);
    // A flavour the defines do not build, on the arch given.
    e = error_of("xencfg.toml", "layout = \"debian\"\nkernel-version = \"6.1\"\n"
                                "roles = [\"domU\"]\n[[flavour]]\nname = \"marvell\"\n"
                                "arch = \"amd64\"\n");
    EXPECT_EQ(e.line, 4);
    EXPECT_EQ(e.message, "flavour 'marvell' (featureset 'none') is not built for arch 'amd64' by "
                         "debian/config/defines and the defines files below it");
}

// As kernel-ark's redhat/configs/build_configs.sh merges: every level of
// the first ORDER directory, then every level of the next.
TEST(Repo, KernelArkMergesEachOrderDirectoryInFullThenTheNext) {
    TempDir d;
    put(d, "xencfg.toml",
        "layout = \"kernel-ark\"\nkernel-version = \"6.12\"\nroles = [\"dom0\"]\n"
        "[[flavour]]\nname = \"x86_64\"\n[[flavour]]\nname = \"x86_64-debug\"\n");
    put(d, "redhat/configs/priority.fedora",
        "# comment\nORDER=common fedora\nEMPTY=s390x-zfcpdump\n\n"
        "x86_64=generic:generic-x86:generic-x86-x86_64\n"
        "x86_64-debug=generic:generic-x86:generic-x86-x86_64:debug:debug-x86-x86_64\n");
    put(d, "redhat/configs/common/generic/CONFIG_XEN", "# CONFIG_XEN is not set\n");
    put(d, "redhat/configs/fedora/generic/CONFIG_XEN", "CONFIG_XEN=m\n");
    put(d, "redhat/configs/common/generic/x86/CONFIG_XEN", "CONFIG_XEN=y\n");
    put(d, "redhat/configs/common/generic/x86/x86_64/CONFIG_XEN_PV", "CONFIG_XEN_PV=y\n");
    put(d, "redhat/configs/common/generic/x86/x86_64/CONFIG_XEN_PV~", "# backup\n");
    put(d, "redhat/configs/fedora/generic/CONFIG_DEBUG", "# CONFIG_DEBUG is not set\n");
    put(d, "redhat/configs/common/debug/x86/x86_64/CONFIG_DEBUG", "CONFIG_DEBUG=y\n");
    put(d, "redhat/configs/rhel/generic/x86/CONFIG_XEN", "# CONFIG_XEN is not set\n");
    AssembledConfig a = assemble(d, "x86_64");
    // fedora/ comes after all of common/: its generic level beats common's x86.
    EXPECT_EQ(setting(a, "XEN").first, "CONFIG_XEN=m");
    EXPECT_EQ(setting(a, "XEN").second.file, "redhat/configs/fedora/generic/CONFIG_XEN");
    EXPECT_EQ(setting(a, "XEN_PV").second.file,
              "redhat/configs/common/generic/x86/x86_64/CONFIG_XEN_PV");
    EXPECT_EQ(setting(a, "DEBUG").first, "# CONFIG_DEBUG is not set");
    AssembledConfig dbg = assemble(d, "x86_64-debug");
    // ... so fedora/generic beats common/debug too.
    EXPECT_EQ(setting(dbg, "DEBUG").first, "# CONFIG_DEBUG is not set");
    EXPECT_EQ(a.primary, "redhat/configs/fedora/generic/x86/x86_64/");
    EXPECT_TRUE(flavour_touched_by(a, "redhat/configs/fedora/generic/x86/x86_64/CONFIG_NEW"));
    EXPECT_FALSE(flavour_touched_by(a, "redhat/configs/common/debug/CONFIG_NEW"));
    EXPECT_TRUE(flavour_touched_by(dbg, "redhat/configs/common/debug/CONFIG_NEW"));
    EXPECT_FALSE(flavour_touched_by(a, "redhat/configs/rhel/generic/x86/CONFIG_XEN"));
    EXPECT_TRUE(flavour_touched_by(a, "redhat/configs/priority.fedora"));
}

// build_configs.sh stops when a level is missing from the first ORDER
// directory, builds EMPTY variants as nothing, and needs the priority file.
TEST(Repo, KernelArkMissingBaselineLevelEmptyVariantAndNoPriorityFileAreErrors) {
    TempDir d;
    put(d, "xencfg.toml",
        "layout = \"kernel-ark\"\nkernel-version = \"6.12\"\nroles = [\"dom0\"]\n"
        "[[flavour]]\nname = \"x86_64\"\n[[flavour]]\nname = \"x86_64-zfcp\"\n"
        "arch = \"x86_64\"\n[[flavour]]\nname = \"aarch64\"\ndistribution = \"rhel\"\n");
    put(d, "redhat/configs/priority.fedora",
        "ORDER=common fedora\nEMPTY=x86_64-zfcp\nx86_64=generic:generic-x86\n");
    put(d, "redhat/configs/common/generic/CONFIG_XEN", "CONFIG_XEN=y\n");
    put(d, "redhat/configs/fedora/generic/x86/CONFIG_XEN", "CONFIG_XEN=y\n");
    RepoManifest m;
    RepoError e;
    ASSERT_TRUE(load_repo_manifest(d.path.string(), m, e)) << e.message;
    AssembledConfig a;
    EXPECT_FALSE(assemble_flavour(m, m.flavours[0], a, e));
    EXPECT_EQ(e.file, "redhat/configs/priority.fedora");
    EXPECT_NE(e.message.find("redhat/configs/common/generic/x86"), std::string::npos);
    EXPECT_FALSE(assemble_flavour(m, m.flavours[1], a, e));
    EXPECT_EQ(e.line, 2);
    EXPECT_NE(e.message.find("EMPTY"), std::string::npos);
    EXPECT_FALSE(assemble_flavour(m, m.flavours[2], a, e));
    EXPECT_NE(e.message.find("priority.rhel"), std::string::npos);
}

TEST(Repo, KernelArkUnknownVariantIsAnError) {
    TempDir d;
    put(d, "xencfg.toml",
        "layout = \"kernel-ark\"\nkernel-version = \"6.12\"\nroles = [\"dom0\"]\n"
        "[[flavour]]\nname = \"x86_64-rt\"\n");
    put(d, "redhat/configs/priority.fedora", "ORDER=common fedora\nx86_64=generic\n");
    RepoManifest m;
    RepoError e;
    ASSERT_TRUE(load_repo_manifest(d.path.string(), m, e));
    AssembledConfig a;
    EXPECT_FALSE(assemble_flavour(m, m.flavours[0], a, e));
    EXPECT_EQ(e.file, "redhat/configs/priority.fedora");
    EXPECT_NE(e.message.find("x86_64-rt"), std::string::npos);
}

TEST(Repo, YoctoFollowsIncludesDepthFirstAndSearchRoots) {
    TempDir d;
    put(d, "xencfg.toml",
        "layout = \"yocto\"\nkernel-version = \"6.12\"\n"
        "[[flavour]]\nname = \"m\"\narch = \"arm64\"\nroles = [\"domU\"]\n"
        "scc = \"cache/bsp/m/m.scc\"\nsearch = [\"cache\"]\n");
    put(d, "cache/bsp/m/m.scc",
        "define KMACHINE m\ninclude features/xen/xen.scc\nkconf hardware m.cfg\n");
    put(d, "cache/bsp/m/m.cfg", "# CONFIG_XEN_GNTDEV is not set\n");
    put(d, "cache/features/xen/xen.scc",
        "define KFEATURE_DESCRIPTION \"Xen\"\nkconf non-hardware xen.cfg\n");
    put(d, "cache/features/xen/xen.cfg", "CONFIG_XEN=y\nCONFIG_XEN_GNTDEV=m\n");
    AssembledConfig a = assemble(d, "m");
    EXPECT_EQ(setting(a, "XEN").second.file, "cache/features/xen/xen.cfg");
    EXPECT_EQ(setting(a, "XEN_GNTDEV").first, "# CONFIG_XEN_GNTDEV is not set");
    EXPECT_EQ(setting(a, "XEN_GNTDEV").second.file, "cache/bsp/m/m.cfg");
    EXPECT_TRUE(flavour_touched_by(a, "cache/features/xen/xen.scc"));
    EXPECT_FALSE(flavour_touched_by(a, "cache/features/other/other.cfg"));
}

TEST(Repo, YoctoMissingFragmentAndIncludeLoopNameFileAndLine) {
    TempDir d;
    put(d, "xencfg.toml",
        "layout = \"yocto\"\nkernel-version = \"6.12\"\n"
        "[[flavour]]\nname = \"m\"\narch = \"x86_64\"\nroles = [\"domU\"]\nscc = \"a.scc\"\n");
    put(d, "a.scc", "# a\ninclude b.scc\n");
    put(d, "b.scc", "kconf hardware missing.cfg\n");
    RepoManifest m;
    RepoError e;
    ASSERT_TRUE(load_repo_manifest(d.path.string(), m, e));
    AssembledConfig a;
    EXPECT_FALSE(assemble_flavour(m, m.flavours[0], a, e));
    EXPECT_EQ(e.file, "b.scc");
    EXPECT_EQ(e.line, 1);
    put(d, "b.scc", "include a.scc\n");
    EXPECT_FALSE(assemble_flavour(m, m.flavours[0], a, e));
    EXPECT_NE(e.message.find("include loop"), std::string::npos);
}

TEST(Repo, ManifestErrorsCarryTheirLine) {
    RepoError e = manifest_error("layout = \"debian\"\nkernel-version = \"6.12\"\n"
                                 "[[flavour]]\nname = \"amd64\"\narch = \"amd64\"\n"
                                 "roles = [\"dom0\"]\nrole = \"domU\"\n");
    EXPECT_EQ(e.line, 7);
    EXPECT_NE(e.message.find("unknown key 'role'"), std::string::npos);
    e = manifest_error("layout = \"gentoo\"\n");
    EXPECT_EQ(e.line, 1);
    e = manifest_error("layout = \"debian\"\n[[flavour]]\nname = \"x\"\narch = \"amd64\"\n"
                       "roles = [\"dom0\"]\n");
    EXPECT_NE(e.message.find("kernel-version"), std::string::npos);
    e = manifest_error("layout = \"debian\"\nkernel-version = \"6.12\n");
    EXPECT_EQ(e.line, 2); // TOML syntax error: the parser's position
    e = manifest_error("layout = \"files\"\nkernel-version = \"6.12\"\n"
                       "[[flavour]]\nname = \"x\"\narch = \"arm64\"\nroles = [\"dom1\"]\n"
                       "files = [\"a\"]\n");
    EXPECT_NE(e.message.find("unknown role 'dom1'"), std::string::npos);
}

TEST(Repo, FindingsPointBackIntoTheRepository) {
    TempDir d;
    put(d, "xencfg.toml",
        "layout = \"files\"\nkernel-version = \"6.12\"\n"
        "[[flavour]]\nname = \"x\"\narch = \"arm64\"\nroles = [\"domU\"]\n"
        "files = [\"base.config\", \"xen.config\"]\n");
    put(d, "base.config", "CONFIG_XEN=y\n# xencfg: ignore domU.fb -- no framebuffer\n");
    put(d, "xen.config", "\n\n# CONFIG_XEN is not set\nCONFIG_HVC_XEN=y\n");
    AssembledConfig a = assemble(d, "x");
    CheckReport report;
    report.input = "flavour x";
    Finding set, missing;
    set.where = {"flavour x", 0};
    // The merged text: the ignore comment, then XEN (from xen.config:3).
    std::istringstream in(a.text);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n)
        if (line == "# CONFIG_XEN is not set") set.where.line = n;
    ASSERT_GT(set.where.line, 0);
    missing.where = {"flavour x", int(a.origin.size()) + 1};
    report.findings = {set, missing};
    map_findings_to_repo(a, report);
    EXPECT_EQ(report.findings[0].where.file, "xen.config");
    EXPECT_EQ(report.findings[0].where.line, 3);
    EXPECT_FALSE(report.findings[0].where_is_insertion);
    EXPECT_EQ(report.findings[1].where.file, "xen.config");
    EXPECT_TRUE(report.findings[1].where_is_insertion);
    EXPECT_EQ(a.text.rfind("# xencfg: ignore domU.fb", 0), 0u);
}
