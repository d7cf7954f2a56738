#include "rules/repo.h"

#include "rules/check.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <ini.h>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <toml++/toml.h>

namespace xenrules {

namespace fs = std::filesystem;

const char* repo_layout_name(RepoLayout l) {
    switch (l) {
    case RepoLayout::Debian:
        return "debian";
    case RepoLayout::KernelArk:
        return "kernel-ark";
    case RepoLayout::Yocto:
        return "yocto";
    case RepoLayout::Files:
        return "files";
    }
    return "files";
}

namespace {

// "a/./b/../c" -> "a/c"; repository-relative paths are kept relative.
std::string normal(const std::string& path) {
    std::string s = fs::path(path).lexically_normal().generic_string();
    if (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

std::string join_path(const std::string& dir, const std::string& rel) {
    if (dir.empty() || dir == ".") return normal(rel);
    return normal(dir + "/" + rel);
}

bool is_file(const std::string& path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

// The whole file, or nullopt when it cannot be read.
std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return ss.str();
}

// The text of repository file `rel` (under `root`), or nullopt with the
// error: the file cannot be read, or holds a NUL byte, which no `what` does.
std::optional<std::string> read_repo_text(const std::string& root, const std::string& rel,
                                          const char* what, RepoError& error) {
    auto text = read_file(join_path(root, rel));
    if (!text) {
        error = {rel, 0, "cannot read the file"};
        return std::nullopt;
    }
    if (text->find('\0') != std::string::npos) {
        error = {rel, 0, std::string("binary data (NUL byte): not a ") + what};
        return std::nullopt;
    }
    return text;
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::string line;
    std::istringstream in(text);
    while (std::getline(in, line))
        lines.push_back(line);
    return lines;
}

// ---------------------------------------------------------------------------
// The manifest

int line_of(const toml::node& n) {
    return int(n.source().begin.line);
}

struct ManifestReader {
    std::string file; // the manifest's path, for errors
    RepoError& error; // the first problem found

    bool fail(int line, const std::string& message) {
        error = {file, line, message};
        return false;
    }
    // A string value; false (with the error) when present but not a string.
    bool get(const toml::table& t, const char* key, std::string& out) {
        const toml::node* n = t.get(key);
        if (!n) return true;
        if (auto s = n->value<std::string>()) {
            out = *s;
            return true;
        }
        return fail(line_of(*n), std::string("'") + key + "' must be a string");
    }
    bool get_list(const toml::table& t, const char* key, std::vector<std::string>& out) {
        const toml::node* n = t.get(key);
        if (!n) return true;
        const toml::array* a = n->as_array();
        if (!a) return fail(line_of(*n), std::string("'") + key + "' must be a list of strings");
        out.clear();
        for (const auto& item : *a) {
            auto s = item.value<std::string>();
            if (!s)
                return fail(line_of(item), std::string("'") + key + "' must be a list of strings");
            out.push_back(*s);
        }
        return true;
    }
    bool only_keys(const toml::table& t, std::initializer_list<const char*> keys) {
        for (const auto& [k, v] : t) {
            bool known = false;
            for (const char* key : keys)
                known = known || k.str() == key;
            if (!known) {
                std::string list;
                for (const char* key : keys)
                    list += (list.empty() ? "" : ", ") + std::string(key);
                return fail(line_of(v),
                            "unknown key '" + std::string(k.str()) + "' (known: " + list + ")");
            }
        }
        return true;
    }
};

// Debian's architecture directories and their kernel architectures (only
// Debian's names: "x86_64" is no Debian arch).
std::optional<Arch> arch_of_debian(const std::string& a) {
    static const std::set<std::string> debian = {"amd64", "i386", "arm64", "armhf", "armel"};
    return debian.count(a) ? parse_arch(a) : std::nullopt;
}
std::string debian_arch_of(Arch a) {
    switch (a) {
    case Arch::X86_64:
        return "amd64";
    case Arch::X86_32:
        return "i386";
    case Arch::Arm64:
        return "arm64";
    case Arch::Arm:
        return "armhf";
    }
    return "amd64";
}
// kernelarch-K: Debian groups amd64 and i386 as x86.
std::string debian_kernelarch(Arch a) {
    switch (a) {
    case Arch::X86_64:
    case Arch::X86_32:
        return "x86";
    case Arch::Arm64:
        return "arm64";
    case Arch::Arm:
        return "arm";
    }
    return "x86";
}
// kernel-ark variant names start with the RPM architecture.
std::optional<Arch> arch_of_rpm(const std::string& variant) {
    static const std::set<std::string> rpm = {"x86_64", "i686", "aarch64", "armv7hl"};
    std::string a = variant.substr(0, variant.find('-'));
    return rpm.count(a) ? parse_arch(a) : std::nullopt;
}

// ---------------------------------------------------------------------------
// Debian's defines.toml (debian/config since linux 6.x), read as Debian's
// own build reads it (debian/lib/python/debian_linux/config_v2.py, used by
// debian/bin/gencontrol.py to set KCONFIG): a flavour's configuration is,
// for each level of the hierarchy in turn (root, kernelarch-K, the Debian
// arch A, A's flavour, featureset-F, A's featureset F, F's flavour), the
// level's `build.config` files and then its default file (config,
// kernelarch-K/config, A/config, A/config.FLAVOUR, featureset-F/config,
// A/F/config, A/F/config.FLAVOUR), each kept when it exists.

// One level's `[build] config = [...]`: extra files, relative to
// debian/config.
std::vector<std::string> build_config(const toml::table* t) {
    std::vector<std::string> files;
    if (!t) return files;
    if (const toml::array* a = t->at_path("build.config").as_array())
        for (const auto& item : *a)
            if (auto s = item.value<std::string>()) files.push_back(*s);
    return files;
}

// A level's [[KEY]] tables, in order.
std::vector<const toml::table*> tables(const toml::table* t, const char* key) {
    std::vector<const toml::table*> out;
    if (!t) return out;
    if (const toml::array* a = t->get_as<toml::array>(key))
        for (const auto& item : *a)
            if (const toml::table* e = item.as_table()) out.push_back(e);
    return out;
}

std::string name_of(const toml::table* t) {
    return t ? t->get_as<std::string>("name") ? **t->get_as<std::string>("name") : "" : "";
}

const toml::table* named(const std::vector<const toml::table*>& list, const std::string& name) {
    for (const toml::table* t : list)
        if (name_of(t) == name) return t;
    return nullptr;
}

// The defines.toml files of one debian/config directory, parsed once.
struct DebianDefines {
    std::string root, config_dir;             // the repository, debian/config in it
    std::map<std::string, toml::table> files; // config-dir-relative path -> its table
    RepoError& error;                         // the first problem found

    DebianDefines(std::string r, std::string d, RepoError& e)
        : root(std::move(r)), config_dir(std::move(d)), error(e) {}

    // DIR/defines.toml (DIR relative to debian/config; "" the root) as a
    // table, nullptr when absent; false (with the error) when it does not
    // parse.
    bool load(const std::string& dir, const toml::table*& out) {
        std::string rel = join_path(dir, "defines.toml");
        out = nullptr;
        if (auto it = files.find(rel); it != files.end()) {
            out = &it->second;
            return true;
        }
        std::string path = join_path(root, join_path(config_dir, rel));
        if (!is_file(path)) return true;
        auto text = read_file(path);
        if (!text) {
            error = {join_path(config_dir, rel), 0, "cannot read the file"};
            return false;
        }
        try {
            out = &(files[rel] = toml::parse(*text, path));
        } catch (const toml::parse_error& e) {
            error = {join_path(config_dir, rel), int(e.source().begin.line),
                     std::string(e.description())};
            return false;
        }
        return true;
    }
};

// Where a Debian flavour is built: its Debian arch and kernelarch, and
// the files of its configuration (relative to debian/config, existing or
// not, in merge order) with the range that is the flavour's own.
struct DebianFlavourFiles {
    std::string debian_arch, kernelarch; // "amd64", "x86"
    std::vector<std::string> files;      // every level's files, in order
    std::vector<std::string> own;        // the flavour's own levels' files
};

// The one flavour `matches` holds (into `out`), or the error that says why
// not: built nowhere in `in` ("any arch", "arch 'armhf'") by `searched`,
// or by several arches, which the manifest must then tell apart.
bool single_flavour(std::vector<DebianFlavourFiles>& matches, const std::string& flavour,
                    const std::string& featureset, const std::string& in,
                    const std::string& searched, const SourceRef& where, RepoError& error,
                    DebianFlavourFiles& out) {
    if (matches.size() == 1) {
        out = std::move(matches[0]);
        return true;
    }
    if (matches.empty()) {
        error = {where.file, where.line,
                 "flavour '" + flavour + "' (featureset '" + featureset + "') is not built for " +
                     in + " by " + searched};
        return false;
    }
    std::string list;
    for (const auto& m : matches)
        list += (list.empty() ? "" : ", ") + m.debian_arch;
    error = {where.file, where.line,
             "flavour '" + flavour + "' is built for several arches (" + list + "): give 'arch'"};
    return false;
}

// Finds FLAVOUR of FEATURESET in debian/config/defines.toml (in the Debian
// arch `debian_arch`, or in whichever arch has it). `found` is false when
// the repository has no defines.toml. False (with the error, at the
// manifest's `where`) when the flavour is not there or is ambiguous.
bool debian_flavour_files(DebianDefines& defines, const std::string& flavour,
                          const std::string& featureset, const std::string& debian_arch,
                          const SourceRef& where, bool& found, DebianFlavourFiles& out) {
    found = false;
    const toml::table* top = nullptr;
    if (!defines.load("", top)) return false;
    if (!top) return true;
    found = true;
    std::string defines_file = join_path(defines.config_dir, "defines.toml");
    std::vector<DebianFlavourFiles> matches;
    std::vector<std::string> arches_seen;
    for (const toml::table* kernelarch : tables(top, "kernelarch")) {
        std::string k = name_of(kernelarch);
        const toml::table* k_defines = nullptr;
        if (!defines.load("kernelarch-" + k, k_defines)) return false;
        for (const toml::table* debianarch : tables(kernelarch, "debianarch")) {
            std::string a = name_of(debianarch);
            if (!debian_arch.empty() && a != debian_arch) continue;
            arches_seen.push_back(a);
            const toml::table* a_defines = nullptr;
            if (!defines.load(a, a_defines)) return false;
            // The arch's flavours; a featureset without its own list has them all.
            std::vector<const toml::table*> arch_flavours = tables(a_defines, "flavour");
            const toml::table* a_featureset = named(tables(a_defines, "featureset"), featureset);
            if (!a_featureset) continue;
            // (config_v2.py copies only the names and defs: not their files.)
            std::vector<const toml::table*> fs_flavours = tables(a_featureset, "flavour");
            bool copied = fs_flavours.empty();
            if (copied) fs_flavours = arch_flavours;
            const toml::table* fs_flavour = named(fs_flavours, flavour);
            const toml::table* arch_flavour = named(arch_flavours, flavour);
            if (!fs_flavour || !arch_flavour) continue;
            if (copied) fs_flavour = nullptr;
            const toml::table* root_featureset = named(tables(top, "featureset"), featureset);
            const toml::table* fs_defines = nullptr;
            if (!defines.load("featureset-" + featureset, fs_defines)) return false;
            DebianFlavourFiles m;
            m.debian_arch = a;
            m.kernelarch = k;
            auto level = [&](std::vector<std::string> extra, const std::string& file, bool own) {
                extra.push_back(file);
                m.files.insert(m.files.end(), extra.begin(), extra.end());
                if (own) m.own.insert(m.own.end(), extra.begin(), extra.end());
            };
            // A level's own defines.toml replaces what the level above says of it.
            auto pick = [](const toml::table* own, const toml::table* above) {
                return own && own->at_path("build.config") ? build_config(own)
                                                           : build_config(above);
            };
            level(build_config(top), "config", false);
            level(pick(k_defines, kernelarch), "kernelarch-" + k + "/config", false);
            level(pick(a_defines, debianarch), a + "/config", false);
            level(build_config(arch_flavour), a + "/config." + flavour, true);
            level(pick(fs_defines, root_featureset), "featureset-" + featureset + "/config", false);
            level(build_config(a_featureset), a + "/" + featureset + "/config", false);
            level(build_config(fs_flavour), a + "/" + featureset + "/config." + flavour, true);
            matches.push_back(std::move(m));
        }
    }
    return single_flavour(matches, flavour, featureset,
                          debian_arch.empty() ? "any arch" : "arch '" + debian_arch + "'",
                          defines_file + " and the defines.toml files below it", where,
                          defines.error, out);
}

// ---------------------------------------------------------------------------
// Debian's `defines` files (debian/config before linux 6.x, e.g. bullseye's
// 5.10 and bookworm's 6.1): Python configparser (INI) files, read as
// Debian's own build of that era reads them
// (debian/lib/python/debian_linux/config.py, ConfigCoreHierarchy) and
// turned into each flavour's KCONFIG list as debian/bin/gencontrol.py
// does. The files are parsed by inih (libinih), whose syntax is Python
// configparser's: `KEY: VALUE` or `KEY = VALUE`, values continued on
// indented lines, `#` and `;` comment lines. (Boost.PropertyTree's
// ini_parser knows neither `:` nor continuation lines, and stops at the
// first line of every real defines file.)

// One value of a defines file: its text, continuation lines joined by
// newlines as configparser joins them, and where it is.
struct DefinesValue {
    std::string text; // the value, stripped
    SourceRef where;  // its file (repository-relative) and first line
    bool cut = false; // a line of it was longer than the parser's buffer
};
// A section: key (lower-cased, as configparser's optionxform) -> value.
using DefinesSection = std::map<std::string, DefinesValue>;
// config.py's section key: (section kind, arch, featureset, flavour, ...),
// "" where config.py has None: ("image", "amd64", "none", "cloud-amd64").
using DefinesKey = std::vector<std::string>;

// inih's reading of one file, line by line through `next_line`, so that
// its handler knows the physical line (inih as Debian builds it does not
// pass line numbers) and whether it is a continuation.
struct IniRead {
    const std::string* text = nullptr; // the file's content
    std::string file;                  // repository-relative, for errors
    size_t pos = 0;                    // where the next line starts
    int line = 0;                      // the line last handed to inih
    bool indented = false;             // it starts with blank space
    bool cut = false;                  // it did not fit inih's buffer
    // A [section] line came since the handler's last call (inih calls
    // its handler for values only): the next value opens a section.
    bool opened = false;
    // The file's sections with values, in order (a section opened twice
    // in one file stops configparser: DuplicateSectionError).
    std::vector<std::pair<std::string, DefinesSection>> sections;
    std::string last_key; // the key a continuation line extends
    RepoError problem;    // the first problem the handler found
};

// inih's reader: one line of the text per call, cut to the buffer inih
// offers (its INI_MAX_LINE); a cut line is remembered, and used only if
// its value matters (below).
char* ini_next_line(char* buffer, int size, void* stream) {
    auto* r = static_cast<IniRead*>(stream);
    if (r->pos >= r->text->size() || size < 2) return nullptr;
    size_t end = r->text->find('\n', r->pos);
    if (end == std::string::npos) end = r->text->size();
    std::string_view line(r->text->data() + r->pos, end - r->pos);
    r->pos = end + 1;
    ++r->line;
    r->indented = !line.empty() && (line[0] == ' ' || line[0] == '\t');
    // inih's order of tests: an indented line after a value continues it;
    // else a line starting with `[` is a section's.
    size_t first = line.find_first_not_of(" \t");
    if (first != std::string_view::npos && line[first] == '[' &&
        !(r->indented && !r->last_key.empty())) {
        r->opened = true;
        r->last_key.clear();
    }
    size_t room = size_t(size) - 2; // the newline and the NUL
    r->cut = line.size() > room;
    size_t n = std::min(line.size(), room);
    std::copy_n(line.data(), n, buffer);
    buffer[n] = '\n';
    buffer[n + 1] = '\0';
    return buffer;
}

// inih's handler: a `KEY: VALUE` line, or (same key, indented line) a
// continuation of the value.
int ini_on_value(void* user, const char* section, const char* name, const char* value) {
    auto* r = static_cast<IniRead*>(user);
    auto fail = [&](const std::string& message) {
        if (r->problem.message.empty()) r->problem = {r->file, r->line, message};
        return 0;
    };
    std::string key = name;
    for (auto& c : key)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    if (!*section) return fail("'" + key + "' is in no [section] (configparser stops here)");
    if (r->opened || r->sections.empty()) {
        r->opened = false;
        if (std::string(section) == "DEFAULT")
            return fail("a [DEFAULT] section (its keys would apply to every section): not "
                        "supported");
        for (const auto& s : r->sections)
            if (s.first == section)
                return fail("section [" + std::string(section) +
                            "] a second time in one file (configparser stops here)");
        r->sections.push_back({section, {}});
        r->last_key.clear();
    }
    DefinesSection& s = r->sections.back().second;
    if (r->indented && key == r->last_key && s.count(key)) {
        DefinesValue& v = s[key];
        v.text += (v.text.empty() ? "" : "\n") + std::string(value);
        v.cut = v.cut || r->cut;
        return 1;
    }
    if (s.count(key))
        return fail("'" + key + "' a second time in [" + std::string(section) +
                    "] (configparser stops here)");
    s[key] = {value, {r->file, r->line}, r->cut};
    r->last_key = key;
    return 1;
}

// The words of a list value (config.py's SchemaItemList: split on blank
// space, newlines included).
std::vector<std::string> words_of(const std::string& value) {
    std::vector<std::string> out;
    std::istringstream in(value);
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

// Every defines file of one debian/config (and debian/config.local, which
// Debian's build reads after it and whose files win), merged into
// config.py's sections as ConfigCoreHierarchy.Reader does, for the arches
// xencfg knows.
struct DebianLegacyDefines {
    std::string root;                          // the repository
    std::vector<std::string> dirs;             // debian/config, debian/config.local
    std::map<DefinesKey, DefinesSection> core; // config.py's ConfigCore
    std::vector<std::string> arches;           // [base] arches, in order
    std::vector<std::string> read;             // the files read (repository-relative)
    RepoError& error;                          // the first problem found

    DebianLegacyDefines(std::string r, const std::string& config_dir, RepoError& e)
        : root(std::move(r)), dirs{config_dir, config_dir + ".local"}, error(e) {}

    // configparser's read() of DIR/defines in each config dir: the
    // sections of all of them, later files' keys replacing earlier ones'.
    // Section names are split at `_` when the last part is one of
    // gencontrol.py's schemas ("cloud-amd64_image": cloud-amd64, image).
    bool parse(const std::string& dir, std::vector<std::pair<DefinesKey, DefinesSection>>& out) {
        out.clear();
        for (const auto& d : dirs) {
            std::string rel = join_path(d, join_path(dir, "defines"));
            if (!is_file(join_path(root, rel))) continue;
            auto text = read_repo_text(root, rel, "defines file", error);
            if (!text) return false;
            read.push_back(rel);
            IniRead r;
            r.text = &*text;
            r.file = rel;
            int at = ini_parse_stream(ini_next_line, &r, ini_on_value, &r);
            // The first problem: inih's (a line it could not parse) or the
            // handler's, whichever comes first in the file.
            if (!r.problem.message.empty() && (at <= 0 || r.problem.line <= at)) {
                error = r.problem;
                return false;
            }
            if (at != 0) {
                error = {rel, at,
                         "not a [section], KEY: VALUE, comment or indented continuation line "
                         "(Python configparser syntax, as Debian's config.py reads it)"};
                return false;
            }
            for (auto& [name, keys] : r.sections) {
                DefinesKey key;
                std::istringstream in(name);
                for (std::string part; std::getline(in, part, '_');)
                    key.push_back(part);
                static const std::set<std::string> schemas = {
                    "abi", "base", "build", "description", "image", "packages", "relations"};
                if (key.empty() || !schemas.count(key.back())) key = {name};
                auto it = std::find_if(out.begin(), out.end(),
                                       [&](const auto& s) { return s.first == key; });
                if (it == out.end()) {
                    out.push_back({key, std::move(keys)});
                } else {
                    for (auto& [k, v] : keys)
                        it->second[k] = std::move(v);
                }
            }
        }
        return true;
    }

    // s.update(section): config.py merges a file's section into what the
    // files read before said of the same key.
    void update(const DefinesKey& key, const DefinesSection& section) {
        DefinesSection& s = core[key];
        for (const auto& [k, v] : section)
            s[k] = v;
    }

    const DefinesValue* value(const DefinesKey& key, const std::string& name) const {
        auto s = core.find(key);
        if (s == core.end()) return nullptr;
        auto v = s->second.find(name);
        return v == s->second.end() ? nullptr : &v->second;
    }

    // A value that decides what is merged, with a line the parser cut: an error.
    bool usable(const DefinesValue* v) {
        if (!v || !v->cut) return true;
        error = {v->where.file, v->where.line,
                 "a line of this value is longer than the INI parser's line buffer"};
        return false;
    }

    // ConfigCoreHierarchy.Reader.read: the root's defines, each arch's
    // (and its featuresets'), each featureset's. False with the error when
    // a file does not parse or lacks what Debian's build needs.
    bool load() {
        std::vector<std::pair<DefinesKey, DefinesSection>> sections;
        if (!parse("", sections)) return false;
        for (auto& [key, s] : sections) {
            // config.py: (kind,) + key[1:] -- featureset-F_kind is (kind, None, F).
            if (key.size() == 2 && key[0].rfind("featureset-", 0) == 0)
                core[{key[1], "", key[0].substr(11)}] = s;
            else if (key.size() == 1)
                core[key] = s;
            // (Other root sections land on keys nothing reads.)
        }
        const DefinesValue* a = value({"base"}, "arches");
        if (!a) {
            error = {join_path(dirs[0], "defines"), 0,
                     "no [base] arches: Debian's build reads the arches from here"};
            return false;
        }
        if (!usable(a)) return false;
        arches = words_of(a->text);
        for (const auto& arch : arches)
            if (arch_of_debian(arch) && !load_arch(arch)) return false;
        if (const DefinesValue* f = value({"base"}, "featuresets"))
            for (const auto& fs : words_of(f->text))
                if (!load_level("featureset-" + fs, {"", fs}, false)) return false;
        return true;
    }

    // Reader.read_arch: ARCH/defines, then ARCH/F/defines for each of its
    // featuresets; flavours listed in ARCH/defines itself are the
    // featureset `none`'s.
    bool load_arch(const std::string& arch) {
        std::vector<std::pair<DefinesKey, DefinesSection>> sections;
        if (!parse(arch, sections)) return false;
        const DefinesSection* base = nullptr;
        for (const auto& [key, s] : sections)
            if (key == DefinesKey{"base"}) base = &s;
        // (No [base], or an empty one: the arch builds nothing.)
        auto list = [&](const char* name) {
            if (!base) return std::vector<std::string>{};
            auto it = base->find(name);
            return it == base->end() ? std::vector<std::string>{} : words_of(it->second.text);
        };
        std::vector<std::string> featuresets = list("featuresets"), flavours = list("flavours");
        for (const auto& [key, s] : sections) {
            DefinesKey real;
            if (std::find(featuresets.begin(), featuresets.end(), key[0]) != featuresets.end())
                real = {key.back(), arch, key[0]}; // [rt_image]
            else if (key.size() > 1) {
                real = {key.back(), arch, ""}; // [cloud-amd64_image]: (image, arch, None, flavour)
                real.insert(real.end(), key.begin(), key.end() - 1);
            } else
                real = {key.back(), arch};
            update(real, s);
        }
        for (const auto& fs : featuresets)
            if (!load_level(arch + "/" + fs, {arch, fs}, true)) return false;
        if (!flavours.empty()) {
            featuresets.insert(featuresets.begin(), "none");
            std::string joined;
            for (const auto& f : featuresets)
                joined += (joined.empty() ? "" : " ") + f;
            DefinesSection& b = core[{"base", arch}];
            b["featuresets"] = {joined, base->at("flavours").where, false};
            b.erase("flavours");
            DefinesSection implicit;
            implicit["flavours"] = base->at("flavours");
            core[{"base", arch, "none"}] = implicit;
        }
        return true;
    }

    // Reader.read_arch_featureset (ARCH/F/defines: (kind, arch, F) +
    // the section's other parts) and Reader.read_featureset
    // (featureset-F/defines: every section is (kind, None, F)).
    bool load_level(const std::string& dir, const DefinesKey& at, bool with_parts) {
        std::vector<std::pair<DefinesKey, DefinesSection>> sections;
        if (!parse(dir, sections)) return false;
        for (const auto& [key, s] : sections) {
            DefinesKey real = {key.back()};
            real.insert(real.end(), at.begin(), at.end());
            if (with_parts) real.insert(real.end(), key.begin(), key.end() - 1);
            update(real, s);
        }
        return true;
    }

    // ConfigCore.merge(kind, arch, featureset, flavour): the value of
    // `name`, most specific level first.
    const DefinesValue* merged(const std::string& kind, const std::string& arch,
                               const std::string& featureset, const std::string& flavour,
                               const std::string& name) const {
        std::vector<DefinesKey> order = {
            {kind}, {kind, "", featureset}, {kind, arch}, {kind, arch, featureset}};
        if (!flavour.empty()) {
            order.push_back({kind, arch, "", flavour});
            order.push_back({kind, arch, featureset, flavour});
        }
        const DefinesValue* found = nullptr;
        for (const auto& k : order)
            if (const DefinesValue* v = value(k, name)) found = v;
        return found;
    }

    // gencontrol.py's iter_arch_featuresets: the arch's featuresets that
    // are not `enabled: false`.
    bool enabled(const std::string& arch, const std::string& featureset, bool& on) {
        on = true;
        const DefinesValue* v = merged("base", arch, featureset, "", "enabled");
        if (!v) return true;
        std::string t = v->text;
        for (auto& c : t)
            c = char(std::tolower(static_cast<unsigned char>(c)));
        if (t == "true" || t == "1") return true;
        if (t == "false" || t == "0") return !(on = false);
        error = {v->where.file, v->where.line,
                 "'enabled' must be true, false, 1 or 0 (Debian's config.py stops here)"};
        return false;
    }

    // gencontrol.py's do_flavour_packages: KCONFIG, the files merged for
    // FLAVOUR of FEATURESET on ARCH. Each level's exact [..._image]
    // section's `configs` (no inheritance) replaces the level's default
    // file; listed files must exist; of the defaults only `config` and
    // ARCH/config must. A file is looked up in debian/config.local first.
    // Defaults that do not exist are kept (as would-be inputs) but marked.
    bool kconfig(const std::string& arch, const std::string& featureset, const std::string& flavour,
                 const SourceRef& where, DebianFlavourFiles& out) {
        const DefinesValue* karch = merged("base", arch, featureset, flavour, "kernel-arch");
        if (!karch || !usable(karch)) {
            if (karch) return false;
            error = {where.file, where.line,
                     "Debian's defines give flavour '" + flavour + "' of " + arch +
                         " no kernel-arch ([base] kernel-arch in " + arch + "/defines)"};
            return false;
        }
        out.debian_arch = arch;
        out.kernelarch = karch->text;
        auto level = [&](const std::string& fallback, bool required, const DefinesKey& entry,
                         bool own) {
            std::vector<std::string> files;
            const DefinesValue* configs = nullptr;
            if (core.count(entry)) configs = value(entry, "configs");
            if (configs && !usable(configs)) return false;
            auto find = [&](const std::string& f) -> std::string {
                for (auto d = dirs.rbegin(); d != dirs.rend(); ++d)
                    if (is_file(join_path(root, join_path(*d, f)))) return join_path(*d, f);
                return "";
            };
            if (configs) {
                for (const auto& f : words_of(configs->text)) {
                    std::string found = find(f);
                    if (found.empty()) {
                        error = {configs->where.file, configs->where.line,
                                 f + " is unavailable (in " + dirs[0] +
                                     "): Debian's build stops here"};
                        return false;
                    }
                    files.push_back(found);
                }
            } else {
                std::string found = find(fallback);
                if (found.empty() && required) {
                    error = {where.file, where.line,
                             join_path(dirs[0], fallback) +
                                 " is unavailable: Debian's build stops here"};
                    return false;
                }
                files.push_back(found.empty() ? join_path(dirs[0], fallback) : found);
            }
            out.files.insert(out.files.end(), files.begin(), files.end());
            if (own) out.own.insert(out.own.end(), files.begin(), files.end());
            return true;
        };
        // (The kernelarch level reads the root's [image] configs too, as
        // gencontrol.py does.)
        return level("config", true, {"image"}, false) &&
               level("kernelarch-" + out.kernelarch + "/config", false, {"image"}, false) &&
               level(arch + "/config", true, {"image", arch}, false) &&
               level(arch + "/config." + flavour, false, {"image", arch, "", flavour}, true) &&
               level("featureset-" + featureset + "/config", false, {"image", "", featureset},
                     false) &&
               level(arch + "/" + featureset + "/config", false, {"image", arch, featureset},
                     false) &&
               level(arch + "/" + featureset + "/config." + flavour, false,
                     {"image", arch, featureset, flavour}, true);
    }
};

// FLAVOUR of FEATURESET as Debian's build of the `defines` era merges it:
// in the Debian arch `debian_arch`, or in whichever arch xencfg knows that
// builds it. Files are repository-relative. False (with the error) when a
// defines file is broken, or the flavour is not built or ambiguous.
bool debian_legacy_flavour_files(DebianLegacyDefines& defines, const std::string& flavour,
                                 const std::string& featureset, const std::string& debian_arch,
                                 const SourceRef& where, DebianFlavourFiles& out) {
    std::vector<DebianFlavourFiles> matches;
    for (const auto& arch : defines.arches) {
        if (!arch_of_debian(arch) || (!debian_arch.empty() && arch != debian_arch)) continue;
        const DefinesValue* fs = defines.value({"base", arch}, "featuresets");
        std::vector<std::string> featuresets = fs ? words_of(fs->text) : std::vector<std::string>{};
        if (std::find(featuresets.begin(), featuresets.end(), featureset) == featuresets.end())
            continue;
        bool on = true;
        if (!defines.enabled(arch, featureset, on)) return false;
        if (!on) continue;
        const DefinesValue* fl = defines.value({"base", arch, featureset}, "flavours");
        if (!fl) {
            defines.error = {join_path(defines.dirs[0], arch + "/" + featureset + "/defines"), 0,
                             "no [base] flavours for featureset " + featureset + " of " + arch +
                                 ": Debian's build stops here"};
            return false;
        }
        std::vector<std::string> flavours = words_of(fl->text);
        if (std::find(flavours.begin(), flavours.end(), flavour) == flavours.end()) continue;
        DebianFlavourFiles m;
        if (!defines.kconfig(arch, featureset, flavour, where, m)) return false;
        matches.push_back(std::move(m));
    }
    return single_flavour(matches, flavour, featureset,
                          debian_arch.empty() ? "any arch xencfg knows"
                                              : "arch '" + debian_arch + "'",
                          join_path(defines.dirs[0], "defines") + " and the defines files below it",
                          where, defines.error, out);
}

} // namespace

bool load_repo_manifest(const std::string& root, RepoManifest& out, RepoError& error) {
    out = {};
    out.root = root.empty() ? "." : root;
    out.path = join_path(out.root, kRepoManifest);
    ManifestReader m{out.path, error};
    auto text = read_file(out.path);
    if (!text || !is_file(out.path))
        return m.fail(0, std::string("no ") + kRepoManifest +
                             " here: the manifest that names the flavours, the layout and each "
                             "flavour's roles, arch and kernel version (docs/packaging/README.md)");
    toml::table doc;
    try {
        doc = toml::parse(*text, out.path);
    } catch (const toml::parse_error& e) {
        return m.fail(int(e.source().begin.line), std::string(e.description()));
    }
    if (!m.only_keys(doc, {"layout", "config-dir", "kernel-version", "roles", "flavour"}))
        return false;
    std::string layout, default_version, config_dir;
    std::vector<std::string> default_roles;
    if (!m.get(doc, "layout", layout) || !m.get(doc, "kernel-version", default_version) ||
        !m.get(doc, "config-dir", config_dir) || !m.get_list(doc, "roles", default_roles))
        return false;
    int layout_line = doc.get("layout") ? line_of(*doc.get("layout")) : 1;
    if (layout == "debian") {
        out.layout = RepoLayout::Debian;
        out.config_dir = "debian/config";
    } else if (layout == "kernel-ark") {
        out.layout = RepoLayout::KernelArk;
        out.config_dir = "redhat/configs";
    } else if (layout == "yocto") {
        out.layout = RepoLayout::Yocto;
        out.config_dir = ".";
    } else if (layout == "files") {
        out.layout = RepoLayout::Files;
        out.config_dir = ".";
    } else {
        return m.fail(layout_line,
                      "'layout' must be debian, kernel-ark, yocto or files" +
                          (layout.empty() ? std::string(" (missing)") : ", not '" + layout + "'"));
    }
    if (!config_dir.empty()) out.config_dir = normal(config_dir);

    const toml::node* flavours = doc.get("flavour");
    const toml::array* list = flavours ? flavours->as_array() : nullptr;
    if (!list || list->empty())
        return m.fail(flavours ? line_of(*flavours) : 0,
                      "no [[flavour]] tables: name at least one flavour");
    std::map<std::string, int> seen;
    std::optional<DebianLegacyDefines> legacy; // debian/config/defines, once read
    for (const auto& node : *list) {
        const toml::table* t = node.as_table();
        if (!t) return m.fail(line_of(node), "[[flavour]] must be a table");
        RepoFlavour f;
        f.line = line_of(node);
        if (!m.only_keys(*t, {"name", "arch", "roles", "kernel-version", "featureset",
                              "distribution", "variant", "scc", "search", "files"}))
            return false;
        std::string arch, version = default_version;
        std::vector<std::string> roles = default_roles;
        if (!m.get(*t, "name", f.name) || !m.get(*t, "arch", arch) ||
            !m.get(*t, "kernel-version", version) || !m.get_list(*t, "roles", roles) ||
            !m.get(*t, "featureset", f.featureset) || !m.get(*t, "distribution", f.distribution) ||
            !m.get(*t, "variant", f.variant) || !m.get(*t, "scc", f.scc) ||
            !m.get_list(*t, "search", f.search) || !m.get_list(*t, "files", f.files))
            return false;
        if (f.name.empty()) return m.fail(f.line, "a flavour needs a 'name'");
        if (seen.count(f.name))
            return m.fail(f.line, "flavour '" + f.name + "' is named twice (first at line " +
                                      std::to_string(seen[f.name]) + ")");
        seen[f.name] = f.line;
        // The arch: as given (a kernel ARCH or a Debian arch), else from
        // what the layout's names say.
        std::optional<Arch> a;
        if (!arch.empty()) {
            a = arch_of_debian(arch);
            if (!a) a = parse_arch(arch);
            if (!a)
                return m.fail(f.line, "flavour '" + f.name + "': unknown arch '" + arch +
                                          "' (x86_64/amd64, i386, arm64, arm/armhf)");
        }
        if (out.layout == RepoLayout::Debian) {
            f.debian_arch = arch.empty() || !arch_of_debian(arch) ? "" : arch;
            if (f.debian_arch.empty() && a) f.debian_arch = debian_arch_of(*a);
            if (f.featureset.empty()) f.featureset = "none";
            // debian/config/defines.toml, when there is one, says which
            // arch builds the flavour and which files it merges.
            DebianDefines defines(out.root, out.config_dir, error);
            DebianFlavourFiles plan;
            bool found = false;
            // Debian's flavour: the name, less a featureset prefix as
            // Debian's package names have it (rt-amd64: amd64 of rt).
            f.debian_flavour = f.name;
            std::string prefix = f.featureset + "-";
            if (f.featureset != "none" && f.name.rfind(prefix, 0) == 0 &&
                f.name.size() > prefix.size())
                f.debian_flavour = f.name.substr(prefix.size());
            if (!debian_flavour_files(defines, f.debian_flavour, f.featureset, f.debian_arch,
                                      {out.path, f.line}, found, plan))
                return false;
            std::vector<std::string> defines_read;
            for (const auto& [file, table] : defines.files)
                defines_read.push_back(join_path(out.config_dir, file));
            // Before linux 6.x: `defines` files (INI), read once for all flavours.
            if (!found && is_file(join_path(out.root, join_path(out.config_dir, "defines")))) {
                if (!legacy) {
                    legacy.emplace(out.root, out.config_dir, error);
                    if (!legacy->load()) return false;
                }
                if (!debian_legacy_flavour_files(*legacy, f.debian_flavour, f.featureset,
                                                 f.debian_arch, {out.path, f.line}, plan))
                    return false;
                // Relative to config-dir, as defines.toml's lists are
                // (debian/config.local's: ../config.local/...).
                for (auto* list : {&plan.files, &plan.own})
                    for (auto& file : *list)
                        file = fs::path(file).lexically_relative(out.config_dir).generic_string();
                defines_read = legacy->read;
                found = true;
            }
            if (found) {
                f.debian_arch = plan.debian_arch;
                f.debian_kernelarch = plan.kernelarch;
                f.debian_files = plan.files;
                f.debian_own = plan.own;
                f.debian_defines = defines_read;
                a = arch_of_debian(plan.debian_arch);
                if (!a)
                    return m.fail(f.line, "flavour '" + f.name + "': Debian builds it for " +
                                              plan.debian_arch +
                                              ", an arch xencfg does not know (amd64, i386, "
                                              "arm64, armhf, armel)");
            }
            if (!a) return m.fail(f.line, "flavour '" + f.name + "': 'arch' is required");
        } else if (out.layout == RepoLayout::KernelArk) {
            if (f.distribution.empty()) f.distribution = "fedora";
            if (f.variant.empty()) f.variant = f.name;
            if (!a) a = arch_of_rpm(f.variant);
            if (!a)
                return m.fail(f.line, "flavour '" + f.name + "': give 'arch' (the variant '" +
                                          f.variant +
                                          "' does not start with x86_64, i686, "
                                          "aarch64 or armv7hl)");
        } else if (out.layout == RepoLayout::Yocto) {
            if (f.scc.empty() && f.files.empty())
                return m.fail(f.line, "flavour '" + f.name +
                                          "': give 'scc' (the .scc file its "
                                          "build starts from)");
            if (f.search.empty()) f.search = {out.config_dir};
        } else if (f.files.empty()) {
            return m.fail(f.line, "flavour '" + f.name +
                                      "': give 'files' (the fragments, in "
                                      "merge order)");
        }
        if (!a) return m.fail(f.line, "flavour '" + f.name + "': 'arch' is required");
        f.arch = *a;
        if (version.empty())
            return m.fail(f.line, "flavour '" + f.name +
                                      "': 'kernel-version' is required (here "
                                      "or at the top)");
        auto v = KVer::parse(version);
        if (!v)
            return m.fail(f.line,
                          "flavour '" + f.name + "': invalid kernel-version '" + version + "'");
        f.version = *v;
        if (roles.empty())
            return m.fail(f.line, "flavour '" + f.name +
                                      "': 'roles' is required ([\"dom0\"], "
                                      "[\"domU\"] or both)");
        for (const auto& r : roles) {
            auto role = parse_role(r);
            if (!role)
                return m.fail(f.line,
                              "flavour '" + f.name + "': unknown role '" + r + "' (dom0 or domU)");
            f.roles.push_back(*role);
        }
        out.flavours.push_back(std::move(f));
    }
    return true;
}

namespace {

// Merges fragments in order: for each option the last file to set it wins;
// options keep the place where they first appeared.
struct Merger {
    const std::string& root; // the repository's directory
    AssembledConfig& out;    // what is being assembled
    RepoError& error;        // the first problem found

    Merger(const std::string& r, AssembledConfig& o, RepoError& e) : root(r), out(o), error(e) {}

    struct Option {
        std::string text; // the line as its file writes it
        SourceRef from;   // that file and line
    };
    std::vector<std::string> order;        // option names, first appearance order
    std::map<std::string, Option> options; // name -> last setting
    std::vector<Option> ignores;           // `# xencfg: ignore` lines

    // Notes `rel` as an input; merges it when it exists. False (with the
    // error) only when it exists but cannot be read, or when `required`.
    bool merge(const std::string& rel, bool required, const SourceRef& named_at = {}) {
        out.inputs.push_back(rel);
        if (!is_file(join_path(root, rel))) {
            if (!required) return true;
            error = {named_at.file, named_at.line, rel + ": no such file"};
            return false;
        }
        auto text = read_repo_text(root, rel, "configuration fragment", error);
        if (!text) return false;
        out.files.push_back(rel);
        out.primary = rel;
        auto lines = split_lines(*text);
        ParsedConfig parsed = parse_config_text(*text);
        for (const auto& l : parsed.lines) {
            std::string raw =
                l.line >= 1 && size_t(l.line) <= lines.size() ? lines[l.line - 1] : "";
            if (!raw.empty() && raw.back() == '\r') raw.pop_back();
            if (!options.count(l.symbol)) order.push_back(l.symbol);
            options[l.symbol] = {raw, {rel, l.line}};
        }
        std::set<int> ignore_lines;
        for (const auto& [id, line] : parsed.ignores)
            if (ignore_lines.insert(line).second && line >= 1 && size_t(line) <= lines.size())
                ignores.push_back({lines[line - 1], {rel, line}});
        return true;
    }

    void finish() {
        for (const auto& i : ignores) {
            out.text += i.text + "\n";
            out.origin.push_back(i.from);
        }
        for (const auto& name : order) {
            out.text += options[name].text + "\n";
            out.origin.push_back(options[name].from);
        }
    }
};

// redhat/configs/priority.DIST, as kernel-ark's redhat/configs/
// build_configs.sh reads it: `#` comments and blank lines, `ORDER=common
// fedora ...` (the directories, lowest priority first), `EMPTY=VARIANT ...`
// (variants built as an empty config), and `VARIANT=level:level:...` (the
// levels, lowest priority first; a level names a directory, `-` for `/`:
// generic-x86-x86_64 is generic/x86/x86_64).
bool kernel_ark_layers(const RepoManifest& m, const RepoFlavour& f, AssembledConfig& out,
                       RepoError& error, std::vector<std::string>& order,
                       std::vector<std::string>& levels) {
    std::string rel = join_path(m.config_dir, "priority." + f.distribution);
    out.inputs.push_back(rel);
    auto text = read_file(join_path(m.root, rel));
    if (!text || !is_file(join_path(m.root, rel))) {
        error = {m.path, f.line,
                 "flavour '" + f.name + "': no " + rel +
                     " (kernel-ark's build_configs.sh builds each variant from it)"};
        return false;
    }
    int n = 0, order_line = 0;
    bool found = false;
    auto words = [](const std::string& value) {
        std::vector<std::string> list;
        std::istringstream in(value);
        for (std::string w; in >> w;)
            list.push_back(w);
        return list;
    };
    for (std::string line : split_lines(*text)) {
        ++n;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        size_t eq = line.find('=');
        if (eq == std::string::npos) continue;
        std::string key = line.substr(0, eq), value = line.substr(eq + 1);
        if (key == "ORDER") {
            order = words(value);
            order_line = n;
        } else if (key == "EMPTY") {
            for (const auto& v : words(value))
                if (v == f.variant) {
                    error = {rel, n,
                             "the variant '" + f.variant + "' (flavour '" + f.name +
                                 "') is EMPTY: kernel-ark builds no configuration for it"};
                    return false;
                }
        } else if (key == f.variant) {
            levels.clear();
            std::istringstream in(value);
            for (std::string w; std::getline(in, w, ':');)
                if (!w.empty()) levels.push_back(w);
            found = true;
        }
    }
    if (order.empty()) {
        error = {rel, order_line, "no ORDER= line (the directories to merge, e.g. common fedora)"};
        return false;
    }
    if (!found) {
        error = {rel, 0, "no line for the variant '" + f.variant + "' (flavour '" + f.name + "')"};
        return false;
    }
    return true;
}

// One .scc file: `kconf TYPE FILE.cfg` merges a fragment, `include FILE.scc`
// processes another first; both are looked up next to the .scc file, then in
// the flavour's search roots. Other directives (define, patch, branch, ...)
// do not change the configuration.
bool process_scc(const RepoManifest& m, const RepoFlavour& f, Merger& merger,
                 const std::string& rel, std::vector<std::string>& stack) {
    if (std::find(stack.begin(), stack.end(), rel) != stack.end()) {
        merger.error = {stack.back(), 0, "include loop: " + rel + " includes itself"};
        return false;
    }
    merger.out.inputs.push_back(rel);
    auto text = read_file(join_path(m.root, rel));
    if (!text || !is_file(join_path(m.root, rel))) {
        merger.error = {stack.empty() ? m.path : stack.back(), 0, rel + ": cannot read the file"};
        return false;
    }
    stack.push_back(rel);
    std::string dir = fs::path(rel).parent_path().generic_string();
    int n = 0;
    for (const auto& raw : split_lines(*text)) {
        ++n;
        std::istringstream in(raw);
        std::vector<std::string> words;
        for (std::string w; in >> w;)
            words.push_back(w);
        if (words.empty() || words[0][0] == '#') continue;
        std::string name;
        if (words[0] == "include" && words.size() >= 2)
            name = words[1];
        else if (words[0] == "kconf" && words.size() >= 3)
            name = words[2];
        else
            continue;
        std::vector<std::string> candidates = {join_path(dir, name)};
        for (const auto& s : f.search)
            candidates.push_back(join_path(s, name));
        std::string found;
        for (const auto& c : candidates)
            if (is_file(join_path(m.root, c))) {
                found = c;
                break;
            }
        if (found.empty()) {
            merger.error = {rel, n,
                            "cannot find " + name + " (looked next to " + rel +
                                " and in the search roots)"};
            return false;
        }
        if (words[0] == "include") {
            if (!process_scc(m, f, merger, found, stack)) return false;
        } else if (!merger.merge(found, true, {rel, n})) {
            return false;
        }
    }
    stack.pop_back();
    return true;
}

} // namespace

bool assemble_flavour(const RepoManifest& m, const RepoFlavour& f, AssembledConfig& out,
                      RepoError& error) {
    out = {};
    out.inputs.push_back(kRepoManifest);
    Merger merger{m.root, out, error};
    const std::string& d = m.config_dir;
    switch (m.layout) {
    case RepoLayout::Debian: {
        if (!f.debian_files.empty()) {
            // As the defines files say (Debian's gencontrol.py): every file
            // optional (those that must exist were checked), then the
            // manifest's own files.
            for (const auto& file : f.debian_defines)
                out.inputs.push_back(file);
            for (const auto& file : f.debian_files)
                if (!merger.merge(join_path(d, file), false)) return false;
            for (const auto& file : f.files)
                if (!merger.merge(join_path(d, file), true, {m.path, f.line})) return false;
            break;
        }
        // debian/README.source, "Kernel config files": later files override
        // earlier ones; every file but the first is optional.
        std::vector<std::string> files = {
            join_path(d, "config"),
            join_path(d, "kernelarch-" +
                             (f.debian_kernelarch.empty() ? debian_kernelarch(f.arch)
                                                          : f.debian_kernelarch) +
                             "/config"),
            join_path(d, f.debian_arch + "/config"),
        };
        // The flavour's own files: config.FLAVOUR, or the list Debian's
        // defines give it ("config.cloud", "amd64/config.cloud-amd64").
        size_t own_first = files.size();
        if (f.files.empty())
            files.push_back(join_path(d, f.debian_arch + "/config." + f.debian_flavour));
        else
            for (const auto& file : f.files)
                files.push_back(join_path(d, file));
        if (f.featureset != "none" && !f.featureset.empty()) {
            files.push_back(join_path(d, "featureset-" + f.featureset + "/config"));
            files.push_back(join_path(d, f.debian_arch + "/" + f.featureset + "/config"));
            files.push_back(
                join_path(d, f.debian_arch + "/" + f.featureset + "/config." + f.debian_flavour));
        }
        for (size_t i = 0; i < files.size(); ++i)
            if (!merger.merge(files[i], i >= own_first && !f.files.empty(), {m.path, f.line}))
                return false;
        break;
    }
    case RepoLayout::KernelArk: {
        std::vector<std::string> order, levels;
        std::string primary_dir;
        if (!kernel_ark_layers(m, f, out, error, order, levels)) return false;
        // build_configs.sh: every level of the first ORDER directory, then
        // every level of the next one, so fedora/generic/CONFIG_X beats
        // common/generic/x86/x86_64/CONFIG_X. Each level of the first
        // directory must exist (the script stops otherwise); later ones
        // may be missing. In a level, its CONFIG_* files (editor backups,
        // `~`, left out).
        for (size_t o = 0; o < order.size(); ++o) {
            for (const auto& level : levels) {
                std::string sub = level;
                std::replace(sub.begin(), sub.end(), '-', '/');
                std::string dir = join_path(d, order[o] + "/" + sub);
                out.inputs.push_back(dir + "/");
                std::error_code ec;
                if (o == 0 && !fs::is_directory(join_path(m.root, dir), ec)) {
                    error = {join_path(d, "priority." + f.distribution), 0,
                             "the variant '" + f.variant + "' (flavour '" + f.name +
                                 "') needs the level " + level + ", but " + dir +
                                 " is no directory (build_configs.sh stops there)"};
                    return false;
                }
                std::vector<std::string> names;
                for (const auto& e : fs::directory_iterator(join_path(m.root, dir), ec)) {
                    std::string name = e.path().filename().string();
                    if (e.is_regular_file() && name.rfind("CONFIG_", 0) == 0 && name.back() != '~')
                        names.push_back(name);
                }
                std::sort(names.begin(), names.end());
                for (const auto& name : names)
                    if (!merger.merge(dir + "/" + name, false)) return false;
            }
        }
        // A new option for this flavour alone goes into the last level's
        // directory of the flavour's distribution.
        std::string last = levels.empty() ? "generic" : levels.back();
        std::replace(last.begin(), last.end(), '-', '/');
        primary_dir = join_path(d, f.distribution + "/" + last) + "/";
        for (const auto& file : f.files)
            if (!merger.merge(join_path(d, file), true, {m.path, f.line})) return false;
        if (out.files.empty()) {
            error = {m.path, f.line,
                     "flavour '" + f.name + "': none of its configuration files exist"};
            return false;
        }
        merger.finish();
        out.primary = primary_dir;
        return true;
    }
    case RepoLayout::Yocto: {
        std::vector<std::string> stack;
        if (!f.scc.empty() && !process_scc(m, f, merger, normal(f.scc), stack)) return false;
        break;
    }
    case RepoLayout::Files:
        break;
    }
    if (m.layout != RepoLayout::Debian)
        for (const auto& file : f.files)
            if (!merger.merge(join_path(d, file), true, {m.path, f.line})) return false;
    if (out.files.empty()) {
        error = {m.path, f.line, "flavour '" + f.name + "': none of its configuration files exist"};
        return false;
    }
    // A missing option belongs in the flavour's most specific file: for
    // Debian its own config.FLAVOUR when there is one, else the last file
    // merged (kernel-ark: a new CONFIG_ file goes into that directory).
    if (m.layout == RepoLayout::Debian) {
        auto merged = [&](const std::string& file) {
            return std::find(out.files.begin(), out.files.end(), file) != out.files.end();
        };
        std::vector<std::string> own = f.files;
        if (!f.debian_files.empty())
            own.insert(own.begin(), f.debian_own.begin(), f.debian_own.end());
        else if (f.files.empty())
            own = {f.debian_arch + "/config." + f.debian_flavour};
        out.primary.clear();
        for (const auto& file : own)
            if (merged(join_path(d, file))) out.primary = join_path(d, file);
        if (out.primary.empty())
            out.primary = merged(join_path(d, f.debian_arch + "/config"))
                              ? join_path(d, f.debian_arch + "/config")
                              : out.files.back();
    }
    merger.finish();
    return true;
}

bool flavour_touched_by(const AssembledConfig& a, const std::string& path) {
    std::string p = normal(path);
    for (const auto& in : a.inputs) {
        if (in == p) return true;
        // A directory input ("redhat/configs/common/generic/"): any file in it.
        if (!in.empty() && in.back() == '/' && p.rfind(in, 0) == 0 &&
            p.find('/', in.size()) == std::string::npos)
            return true;
    }
    return false;
}

void map_findings_to_repo(const AssembledConfig& a, CheckReport& report) {
    // The primary file's last line: where an option it lacks would be added.
    int primary_end = 0;
    for (const auto& o : a.origin)
        if (o.file == a.primary) primary_end = std::max(primary_end, o.line);
    // Which line of the merged text sets each option.
    std::map<std::string, SourceRef> set_at;
    ParsedConfig parsed = parse_config_text(a.text);
    for (const auto& l : parsed.lines)
        if (l.line >= 1 && size_t(l.line) <= a.origin.size())
            set_at[l.symbol] = a.origin[size_t(l.line) - 1];
    auto map = [&](SourceRef& where, bool* insertion, const Finding* f) {
        if (where.file != report.input) return;
        if (where.line >= 1 && size_t(where.line) <= a.origin.size()) {
            where = a.origin[size_t(where.line) - 1];
            return;
        }
        // Set nowhere: the line that sets what has to change instead (a
        // promptless symbol's settable one: XEN_PV_DOM0 -> XEN_DOM0) ...
        if (f) {
            std::vector<std::string> candidates = {f->set_symbol, f->symbol};
            for (const auto& c : f->changes)
                candidates.push_back(c.symbol);
            for (const auto& c : candidates)
                if (auto it = set_at.find(c); !c.empty() && it != set_at.end()) {
                    where = it->second;
                    return;
                }
        }
        // ... else where it belongs: kernel-ark, a new CONFIG_ file in the
        // flavour's most specific directory; elsewhere the end of the
        // flavour's most specific file.
        if (insertion) *insertion = true;
        if (!a.primary.empty() && a.primary.back() == '/' && f) {
            std::string sym = !f->set_symbol.empty() ? f->set_symbol : f->symbol;
            where = {a.primary + "CONFIG_" + sym, 1};
            return;
        }
        where = {a.primary, primary_end};
    };
    // Messages that quote a line of the merged text ("CONFIG_X=m at
    // flavour amd64:17 will be dropped") name the file's line instead.
    auto requote = [&](std::string& text) {
        std::string prefix = report.input + ":";
        for (size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) {
            size_t end = at + prefix.size(), digits = end;
            while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])))
                ++digits;
            int line = digits > end ? std::stoi(text.substr(end, digits - end)) : 0;
            if (line < 1 || size_t(line) > a.origin.size()) {
                at = digits;
                continue;
            }
            const SourceRef& o = a.origin[size_t(line) - 1];
            std::string quoted = o.file + ":" + std::to_string(o.line);
            text.replace(at, digits - at, quoted);
            at += quoted.size();
        }
    };
    for (auto& f : report.findings) {
        requote(f.message);
        for (auto& e : f.explanation)
            requote(e);
        map(f.where, &f.where_is_insertion, &f);
        if (!f.suppressed_by.empty()) map(f.suppressed_by, nullptr, nullptr);
    }
}

} // namespace xenrules
