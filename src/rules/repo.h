// Kernel packaging repositories: a manifest at the repository's root
// (xencfg.toml) names the flavours the repository builds, the layout its
// configuration files follow, and each flavour's roles, arch and kernel
// version. Each flavour's configuration is assembled from the files as the
// distribution's own build merges them, with the file and line that set
// every option (provenance), so that findings point into the hierarchy.
//
// Layouts (docs/packaging/README.md shows each):
//   debian      debian/config: config, kernelarch-K/config, A/config,
//               A/config.FLAVOUR, featureset-F/config, A/F/config,
//               A/F/config.FLAVOUR, as Debian's gencontrol.py merges them:
//               since linux 6.x each level's defines.toml adds its
//               `build.config` files before its own; before, the `defines`
//               (INI) files' [..._image] `configs` replace a level's file;
//               with neither, the order of debian/README.source
//   kernel-ark  redhat/configs/{common,fedora,rhel}/{generic,debug}/...:
//               one CONFIG_FOO file per option, layered as
//               redhat/configs/priority.DIST says (ORDER=..., VARIANT=a:b:c)
//   yocto       .cfg fragments pulled in by `kconf` lines of .scc files,
//               following `include` lines depth first
//   files       an explicit list of fragments per flavour, merged in order
#pragma once

#include "rules/findings.h"
#include "rules/rules.h"

#include <string>
#include <vector>

namespace xenrules {

enum class RepoLayout { Debian, KernelArk, Yocto, Files };
const char* repo_layout_name(RepoLayout l); // "debian", "kernel-ark", "yocto", "files"

// The manifest's file name, at the repository's root.
inline constexpr const char* kRepoManifest = "xencfg.toml";

struct RepoFlavour {
    std::string name; // "cloud-amd64", "x86_64-debug", "xen-guest"
    Arch arch = Arch::X86_64;
    std::vector<Role> roles; // the roles the flavour's kernel must serve
    KVer version;            // the kernel version it builds
    int line = 0;            // the manifest line of its [[flavour]] table
    // debian: the arch directory ("amd64", "arm64", "armhf", "i386") and
    // the featureset ("none": no featureset files).
    std::string debian_arch, featureset = "none";
    // debian: Debian's name of the flavour: `name`, less the featureset's
    // prefix as Debian's package names carry it ("rt-amd64": "amd64").
    std::string debian_flavour;
    // debian with debian/config/defines.toml or (before linux 6.x)
    // debian/config/defines: the kernelarch ("x86"), every file Debian's
    // build would merge for the flavour (relative to config-dir, existing
    // or not, in order; debian/config.local's as ../config.local/...), the
    // flavour's own ones among them, and the defines files read
    // (repository-relative). Empty without either: the order of
    // debian/README.source.
    std::string debian_kernelarch;
    std::vector<std::string> debian_files, debian_own, debian_defines;
    // kernel-ark: the distribution ("fedora", "rhel") and the variant, a key
    // of redhat/configs/priority.DIST ("x86_64", "x86_64-debug").
    std::string distribution, variant;
    // yocto: the .scc file the flavour's build starts from, and the kernel
    // cache roots includes are also looked up in (repository-relative).
    std::string scc;
    std::vector<std::string> search;
    // Fragments relative to the manifest's config-dir. files layout: all of
    // them, in merge order; debian without defines files: the flavour's own
    // list, replacing A/config.FLAVOUR ("config.cloud",
    // "amd64/config.cloud-amd64"); debian with defines files, kernel-ark and
    // yocto: merged after the layout's own (Yocto's SRC_URI .cfg files, ...).
    std::vector<std::string> files;
};

struct RepoManifest {
    std::string root; // the repository's directory
    std::string path; // the manifest file
    RepoLayout layout = RepoLayout::Files;
    std::string
        config_dir; // layout root, repository-relative ("debian/config", "redhat/configs", ".")
    std::vector<RepoFlavour> flavours;
};

// A problem with the manifest or the files it names: "file:line: message".
struct RepoError {
    std::string file;
    int line = 0;
    std::string message;
};

// Reads ROOT/xencfg.toml. False with *error on a missing file, TOML syntax
// error, unknown key or bad value (with its line).
bool load_repo_manifest(const std::string& root, RepoManifest& out, RepoError& error);

// One flavour's configuration as its build assembles it.
struct AssembledConfig {
    // The merged fragment: one line per option (the last file to set it
    // wins, in the order options first appear) and the `# xencfg: ignore`
    // comments of every file.
    std::string text;
    // origin[i]: where line i+1 of `text` came from (repository-relative file).
    std::vector<SourceRef> origin;
    // The files merged, in order (repository-relative), and every file whose
    // creation or change would change the result (the files, the
    // directories' would-be files, .scc files, the priority file, the manifest).
    std::vector<std::string> files, inputs;
    // The most specific file of the flavour: where an option it lacks
    // should be set.
    std::string primary;
};

bool assemble_flavour(const RepoManifest& manifest, const RepoFlavour& flavour,
                      AssembledConfig& out, RepoError& error);

// Does a change to `path` (repository-relative) touch the flavour?
bool flavour_touched_by(const AssembledConfig& assembled, const std::string& path);

// Points the findings of a check of `assembled.text` back into the
// repository: a finding on line N of the merged text gets origin[N-1]; a
// finding with no line (the option is set nowhere) gets the flavour's
// primary file, as the place to set it.
void map_findings_to_repo(const AssembledConfig& assembled, CheckReport& report);

} // namespace xenrules
