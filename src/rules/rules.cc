// Rules loader: JSON parse (positions converted from byte offsets), schema
// validation with the offending key located, the rule model, merging.
#include "rules/rules.h"

#include "kconfig/context.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace xenrules {

using nlohmann::json;

// ---------------------------------------------------------------------------
// Names

const char* severity_name(Severity s) {
    switch (s) {
    case Severity::Info:
        return "info";
    case Severity::Warning:
        return "warning";
    case Severity::Error:
        return "error";
    }
    return "error";
}

std::optional<Severity> parse_severity(std::string_view s) {
    if (s == "info") return Severity::Info;
    if (s == "warning") return Severity::Warning;
    if (s == "error") return Severity::Error;
    return std::nullopt;
}

const char* line_fate_name(LineFate f) {
    switch (f) {
    case LineFate::Dropped:
        return "dropped";
    case LineFate::Changed:
        return "changed";
    case LineFate::None:
        break;
    }
    return "";
}

const char* finding_kind_name(FindingKind k) {
    switch (k) {
    case FindingKind::Rule:
        return "rule";
    case FindingKind::Dropped:
        return "dropped";
    case FindingKind::Unknown:
        return "unknown";
    case FindingKind::Contradiction:
        return "contradiction";
    case FindingKind::Detection:
        return "detection";
    case FindingKind::RuleProblem:
        return "rule-problem";
    }
    return "rule";
}

const char* role_name(Role r) {
    return r == Role::Dom0 ? "dom0" : "domU";
}

const char* arch_name(Arch a) {
    switch (a) {
    case Arch::X86_32:
        return "x86_32";
    case Arch::X86_64:
        return "x86_64";
    case Arch::Arm:
        return "arm";
    case Arch::Arm64:
        return "arm64";
    }
    return "x86_64";
}

const char* kernel_arch_name(Arch a) {
    switch (a) {
    case Arch::X86_32:
        return "i386";
    case Arch::X86_64:
        return "x86_64";
    case Arch::Arm:
        return "arm";
    case Arch::Arm64:
        return "arm64";
    }
    return "x86_64";
}

bool is_x86(Arch a) {
    return a == Arch::X86_32 || a == Arch::X86_64;
}

const char* mode_name(Mode m) {
    switch (m) {
    case Mode::PV:
        return "pv";
    case Mode::PVH:
        return "pvh";
    case Mode::HVM:
        return "hvm";
    case Mode::Default:
        return "default";
    }
    return "default";
}

std::optional<Role> parse_role(std::string_view s) {
    if (s == "dom0") return Role::Dom0;
    if (s == "domU" || s == "domu") return Role::DomU;
    return std::nullopt;
}

std::optional<Arch> parse_arch(std::string_view s) {
    if (s == "x86_32" || s == "i386" || s == "i686") return Arch::X86_32;
    // ARCH=x86 builds what CONFIG_64BIT says, and 64BIT defaults to y for
    // every ARCH but i386 (arch/x86/Kconfig).
    if (s == "x86_64" || s == "amd64" || s == "x86") return Arch::X86_64;
    if (s == "arm" || s == "armhf" || s == "armel" || s == "armv7hl") return Arch::Arm;
    if (s == "arm64" || s == "aarch64") return Arch::Arm64;
    return std::nullopt;
}

std::optional<Mode> parse_mode(std::string_view s) {
    if (s == "pv") return Mode::PV;
    if (s == "pvh") return Mode::PVH;
    if (s == "hvm" || s == "pvhvm") return Mode::HVM;
    if (s == "default") return Mode::Default;
    return std::nullopt;
}

std::string modes_text(const std::vector<Mode>& modes) {
    std::string text;
    for (Mode m : modes)
        text += (text.empty() ? "" : ", ") + std::string(mode_name(m));
    return text;
}

// ---------------------------------------------------------------------------
// Versions

std::optional<KVer> KVer::parse(std::string_view s) {
    int parts[3] = {0, 0, 0};
    int n = 0;
    size_t i = 0;
    while (n < 3) {
        size_t j = i;
        while (j < s.size() && s[j] >= '0' && s[j] <= '9')
            ++j;
        if (j == i) break;
        std::from_chars(s.data() + i, s.data() + j, parts[n]);
        ++n;
        i = j;
        if (i < s.size() && s[i] == '.')
            ++i;
        else
            break;
    }
    if (n < 2) return std::nullopt;
    KVer v;
    v.major = parts[0];
    v.minor = parts[1];
    v.sub = (v.major == 2) ? parts[2] : 0;
    return v;
}

std::string KVer::str() const {
    std::string s = std::to_string(major) + "." + std::to_string(minor);
    if (major == 2) s += "." + std::to_string(sub);
    return s;
}

bool VersionRange::contains(const KVer& v) const {
    if (since && v < *since) return false;
    if (until && !(v < *until)) return false;
    return true;
}

std::string VersionRange::str() const {
    if (since && until) return since->str() + " to " + until->str();
    if (since) return since->str() + "+";
    if (until) return "before " + until->str();
    return "all";
}

// ---------------------------------------------------------------------------
// Accepted values

std::string Accept::str() const {
    switch (kind) {
    case AcceptKind::Yes:
        return "y";
    case AcceptKind::YesOrMod:
        return "y or m";
    case AcceptKind::No:
        return "n";
    case AcceptKind::NotNo:
        return "set";
    case AcceptKind::Literal:
        return literal;
    }
    return "y";
}

std::string Accept::fix_value() const {
    switch (kind) {
    case AcceptKind::Yes:
        return "y";
    case AcceptKind::YesOrMod:
        return "y";
    case AcceptKind::No:
        return "n";
    case AcceptKind::NotNo:
        return "y";
    case AcceptKind::Literal:
        return literal;
    }
    return "y";
}

bool Accept::accepts(const std::string& v) const {
    switch (kind) {
    case AcceptKind::Yes:
        return v == "y";
    case AcceptKind::YesOrMod:
        return v == "y" || v == "m";
    case AcceptKind::No:
        return v.empty() || v == "n" || v == "undefined";
    case AcceptKind::NotNo:
        return !v.empty() && v != "n" && v != "undefined";
    case AcceptKind::Literal:
        return v == literal;
    }
    return false;
}

// ---------------------------------------------------------------------------
// Rules

std::string Rule::symbol_for(const KVer& v) const {
    for (const Rename& r : renames)
        if (r.versions.contains(v)) return r.name;
    return symbol;
}

Severity Rule::severity_in(Mode m) const {
    for (const auto& [mode, sev] : mode_severities)
        if (mode == m) return sev;
    return severity;
}

Severity Rule::severity_in(const std::vector<Mode>& asked) const {
    std::optional<Severity> highest;
    for (Mode m : asked) {
        bool its_mode = modes.empty() || std::find(modes.begin(), modes.end(), m) != modes.end();
        if (its_mode && (!highest || severity_in(m) > *highest)) highest = severity_in(m);
    }
    return highest ? *highest : severity;
}

bool Rule::applies_to(Role r, Mode m, Arch a, const KVer& v) const {
    if (disabled) return false;
    if (!roles.empty() && std::find(roles.begin(), roles.end(), r) == roles.end()) return false;
    if (!arches.empty() && std::find(arches.begin(), arches.end(), a) == arches.end()) return false;
    if (!modes.empty() && std::find(modes.begin(), modes.end(), m) == modes.end()) return false;
    return versions.contains(v);
}

const Rule* RuleSet::find(std::string_view id) const {
    for (const Rule& r : rules)
        if (r.id == id) return &r;
    return nullptr;
}

Rule* RuleSet::find(std::string_view id) {
    for (Rule& r : rules)
        if (r.id == id) return &r;
    return nullptr;
}

std::string RulesError::str() const {
    std::string s = file;
    if (line > 0) {
        s += ":" + std::to_string(line);
        if (column > 0) s += ":" + std::to_string(column);
    }
    return s + ": " + message;
}

// ---------------------------------------------------------------------------
// Positions: nlohmann's values carry no location, so a small scanner walks
// the (already validated) text once and records, for every JSON pointer, the
// byte offset of the member's key (objects) or of the element (arrays).

namespace {

struct LineCol {
    int line = 0, column = 0;
};

LineCol offset_to_line_col(std::string_view text, size_t offset) {
    LineCol lc{1, 1};
    if (offset > text.size()) offset = text.size();
    for (size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++lc.line;
            lc.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++lc.column; // count characters, not UTF-8 continuation bytes
        }
    }
    return lc;
}

std::string pointer_escape(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

class PositionScanner {
  public:
    explicit PositionScanner(std::string_view text) : t_(text) {}
    std::map<std::string, size_t> scan() {
        skip_ws();
        positions_[""] = i_;
        value("");
        return std::move(positions_);
    }

  private:
    std::string_view t_;
    size_t i_ = 0;
    std::map<std::string, size_t> positions_;

    void skip_ws() {
        while (i_ < t_.size() &&
               (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r'))
            ++i_;
    }
    std::string string_token() {
        std::string out;
        ++i_; // opening quote
        while (i_ < t_.size() && t_[i_] != '"') {
            if (t_[i_] == '\\' && i_ + 1 < t_.size()) {
                out += t_[i_ + 1]; // good enough for keys (escapes are rare)
                i_ += 2;
            } else {
                out += t_[i_++];
            }
        }
        ++i_; // closing quote
        return out;
    }
    void value(const std::string& ptr) {
        skip_ws();
        if (i_ >= t_.size()) return;
        char c = t_[i_];
        if (c == '{') {
            ++i_;
            skip_ws();
            if (i_ < t_.size() && t_[i_] == '}') {
                ++i_;
                return;
            }
            while (i_ < t_.size()) {
                skip_ws();
                size_t key_pos = i_;
                std::string key = string_token();
                std::string child = ptr + "/" + pointer_escape(key);
                positions_[child] = key_pos;
                skip_ws();
                ++i_; // ':'
                skip_ws();
                positions_[child + "#value"] = i_;
                value(child);
                skip_ws();
                if (i_ < t_.size() && t_[i_] == ',') {
                    ++i_;
                    continue;
                }
                ++i_; // '}'
                return;
            }
        } else if (c == '[') {
            ++i_;
            skip_ws();
            if (i_ < t_.size() && t_[i_] == ']') {
                ++i_;
                return;
            }
            for (size_t n = 0; i_ < t_.size(); ++n) {
                skip_ws();
                std::string child = ptr + "/" + std::to_string(n);
                positions_[child] = i_;
                positions_[child + "#value"] = i_;
                value(child);
                skip_ws();
                if (i_ < t_.size() && t_[i_] == ',') {
                    ++i_;
                    continue;
                }
                ++i_; // ']'
                return;
            }
        } else if (c == '"') {
            string_token();
        } else {
            while (i_ < t_.size() && t_[i_] != ',' && t_[i_] != '}' && t_[i_] != ']' &&
                   t_[i_] != ' ' && t_[i_] != '\n' && t_[i_] != '\t' && t_[i_] != '\r')
                ++i_;
        }
    }
};

// ---------------------------------------------------------------------------
// A validator for the subset of JSON Schema that rules/schema.json uses.

} // namespace

std::optional<bool> schema_pattern_matches(const std::string& pattern, const std::string& value) {
    // The schema's own three patterns, matched by hand: std::regex costs
    // about a million instructions to compile and tens of thousands per
    // match, and the rules have hundreds of values. A schema with another
    // pattern is reported as such (tests/unit/rules_test.cc checks that the
    // shipped schema has no other, and these against std::regex).
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    auto run = [&](size_t& i, auto&& pred) {
        size_t start = i;
        while (i < value.size() && pred(value[i]))
            ++i;
        return i > start;
    };
    size_t i = 0;
    if (pattern == "^[A-Za-z0-9_]+$") return run(i, word) && i == value.size();
    if (pattern == "^[0-9]+\\.[0-9]+(\\.[0-9]+)?$") {
        if (!run(i, digit) || i >= value.size() || value[i++] != '.' || !run(i, digit))
            return false;
        if (i == value.size()) return true;
        return value[i++] == '.' && run(i, digit) && i == value.size();
    }
    if (pattern == "^[A-Za-z0-9_]+(\\.[A-Za-z0-9_-]+)+$") {
        if (!run(i, word)) return false;
        int segments = 0;
        while (i < value.size()) {
            if (value[i++] != '.' || !run(i, [&](char c) { return word(c) || c == '-'; }))
                return false;
            ++segments;
        }
        return segments > 0;
    }
    return std::nullopt;
}

namespace {

class SchemaValidator {
  public:
    SchemaValidator(const json& root) : root_(root) {}

    struct Problem {
        std::string pointer;   // where (JSON pointer)
        bool at_value = false; // point at the value rather than the key
        std::string message;
    };

    void validate(const json& schema, const json& value, const std::string& ptr) {
        const json& s = resolve(schema);
        if (s.contains("type") && !type_ok(s["type"], value)) {
            add(ptr, true, "expected " + type_text(s["type"]) + ", found " + json_type(value));
            return;
        }
        if (s.contains("enum")) {
            bool ok = false;
            for (const json& e : s["enum"])
                if (e == value) ok = true;
            if (!ok) {
                std::string allowed;
                for (const json& e : s["enum"])
                    allowed += (allowed.empty() ? "" : ", ") + e.dump();
                add(ptr, true, "value " + value.dump() + " is not one of " + allowed);
                return;
            }
        }
        if (value.is_string()) {
            const std::string& str = value.get_ref<const std::string&>();
            if (s.contains("minLength") && str.size() < s["minLength"].get<size_t>())
                add(ptr, true, "string is empty");
            if (s.contains("pattern")) {
                const auto& pattern = s["pattern"].get_ref<const std::string&>();
                std::optional<bool> matches = schema_pattern_matches(pattern, str);
                if (!matches)
                    add(ptr, true, "the schema's pattern " + pattern + " is not supported");
                else if (!*matches)
                    add(ptr, true, "value " + value.dump() + " does not match " + pattern);
            }
        }
        if (value.is_object()) {
            if (s.contains("required"))
                for (const json& r : s["required"])
                    if (!value.contains(r.get<std::string>()))
                        add(ptr, true, "missing required key \"" + r.get<std::string>() + "\"");
            const json* props = s.contains("properties") ? &s["properties"] : nullptr;
            for (auto it = value.begin(); it != value.end(); ++it) {
                std::string child = ptr + "/" + pointer_escape(it.key());
                if (props && props->contains(it.key())) {
                    validate((*props)[it.key()], it.value(), child);
                } else if (s.contains("additionalProperties") &&
                           s["additionalProperties"] == false) {
                    std::string known;
                    if (props)
                        for (auto p = props->begin(); p != props->end(); ++p)
                            known += (known.empty() ? "" : ", ") + p.key();
                    add(child, false, "unknown key \"" + it.key() + "\" (known: " + known + ")");
                }
            }
        }
        if (value.is_array()) {
            if (s.contains("minItems") && value.size() < s["minItems"].get<size_t>())
                add(ptr, true, "array must not be empty");
            if (s.contains("items"))
                for (size_t i = 0; i < value.size(); ++i)
                    validate(s["items"], value[i], ptr + "/" + std::to_string(i));
        }
    }

    std::vector<Problem> problems;

  private:
    const json& root_;

    void add(const std::string& ptr, bool at_value, std::string msg) {
        problems.push_back({ptr, at_value, std::move(msg)});
    }
    const json& resolve(const json& s) const {
        if (s.contains("$ref")) {
            std::string ref = s["$ref"].get<std::string>();
            if (ref.rfind("#", 0) == 0) return resolve(root_.at(json::json_pointer(ref.substr(1))));
        }
        return s;
    }
    static std::string json_type(const json& v) {
        if (v.is_null()) return "null";
        if (v.is_boolean()) return "boolean";
        if (v.is_number_integer()) return "integer";
        if (v.is_number()) return "number";
        if (v.is_string()) return "string";
        if (v.is_array()) return "array";
        return "object";
    }
    static bool one_type_ok(const std::string& t, const json& v) {
        if (t == "integer") return v.is_number_integer();
        if (t == "number") return v.is_number();
        return json_type(v) == t;
    }
    static bool type_ok(const json& t, const json& v) {
        if (t.is_string()) return one_type_ok(t.get<std::string>(), v);
        for (const json& x : t)
            if (one_type_ok(x.get<std::string>(), v)) return true;
        return false;
    }
    static std::string type_text(const json& t) {
        if (t.is_string()) return t.get<std::string>();
        std::string s;
        for (const json& x : t)
            s += (s.empty() ? "" : " or ") + x.get<std::string>();
        return s;
    }
};

const json& schema_json() {
    static const json schema = json::parse(rules_schema_text());
    return schema;
}

std::vector<std::string> string_list(const json& j) {
    std::vector<std::string> out;
    for (const json& x : j)
        out.push_back(x.get<std::string>());
    return out;
}

// Parse a rule's Kconfig expression against an empty symbol table (the
// names need not exist in any tree; only the syntax is checked).
bool expression_ok(const std::string& text, std::string* error) {
    if (text.find_first_not_of(" \t") == std::string::npos) {
        *error = "the expression is empty";
        return false;
    }
    kconfig::Context scratch;
    if (kconfig::parse_expression(scratch, text, error)) return true;
    if (error->empty()) *error = "syntax error";
    return false;
}

} // namespace

namespace {

// A rules file's JSON, or nullopt and an error at the offending byte.
std::optional<json> parse_json_text(std::string_view text, const std::string& file,
                                    std::vector<RulesError>& errors) {
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        // e.byte is the 1-based index of the last byte read.
        size_t off = e.byte > 0 ? e.byte - 1 : 0;
        LineCol lc = offset_to_line_col(text, off);
        std::string msg = e.what();
        // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ..."
        if (auto p = msg.find(": "); p != std::string::npos) msg = msg.substr(p + 2);
        errors.push_back({file, lc.line, lc.column, "JSON " + msg});
        return std::nullopt;
    } catch (const json::exception& e) {
        // Not a syntax error but a value the parser cannot hold, e.g.
        // out_of_range.406 "number overflow parsing '1e999'": located at the
        // first occurrence of the value.
        std::string msg = e.what();
        if (auto p = msg.find("] "); p != std::string::npos) msg = msg.substr(p + 2);
        LineCol lc{0, 0};
        if (auto q = msg.find("parsing '"); q != std::string::npos) {
            std::string value = msg.substr(q + 9);
            if (!value.empty() && value.back() == '\'') value.pop_back();
            if (auto at = text.find(value); !value.empty() && at != std::string_view::npos)
                lc = offset_to_line_col(text, at);
        }
        errors.push_back({file, lc.line, lc.column, "JSON " + msg});
        return std::nullopt;
    }
}

// Errors located in the file by JSON pointer ("/rules/3/severity"): at the
// key, or at its value when `at_value`.
struct ErrorLocator {
    std::string_view text;
    const std::string& file;
    std::vector<RulesError>& errors;
    std::map<std::string, size_t> positions; // pointer (+ "#value") -> byte offset

    void error_at(const std::string& ptr, bool at_value, std::string msg) {
        size_t off = 0;
        auto it = positions.find(at_value ? ptr + "#value" : ptr);
        if (it == positions.end()) it = positions.find(ptr);
        if (it != positions.end()) off = it->second;
        LineCol lc = offset_to_line_col(text, off);
        std::string where = ptr.empty() ? std::string("top level") : ptr;
        errors.push_back({file, lc.line, lc.column, where + ": " + std::move(msg)});
    }
};

// Schema problems, reported in file order. False if there were any.
bool validate_against_schema(const json& doc, ErrorLocator& loc) {
    SchemaValidator validator(schema_json());
    validator.validate(schema_json(), doc, "");
    if (validator.problems.empty()) return true;
    for (auto& p : validator.problems)
        loc.error_at(p.pointer, p.at_value, p.message);
    // nlohmann keeps object keys sorted: report in file order instead.
    std::stable_sort(loc.errors.end() - long(validator.problems.size()), loc.errors.end(),
                     [](const RulesError& a, const RulesError& b) {
                         return a.line != b.line ? a.line < b.line : a.column < b.column;
                     });
    return false;
}

// A file's "defaults": what its rules get for the keys they leave out.
struct FileDefaults {
    std::vector<Role> roles;
    std::vector<Arch> arches;
    std::string source;
};

FileDefaults file_defaults(const json& doc) {
    FileDefaults fd;
    if (!doc.contains("defaults")) return fd;
    const json& d = doc["defaults"];
    if (d.contains("role"))
        for (auto& s : string_list(d["role"]))
            fd.roles.push_back(*parse_role(s));
    if (d.contains("arch"))
        for (auto& s : string_list(d["arch"]))
            fd.arches.push_back(*parse_arch(s));
    if (d.contains("source")) fd.source = d["source"].get<std::string>();
    return fd;
}

// One schema-valid rule object as a Rule.
Rule rule_from_json(const json& r, const FileDefaults& defaults, SourceRef origin) {
    Rule rule;
    for (auto it = r.begin(); it != r.end(); ++it)
        rule.keys.push_back(it.key());
    rule.id = r["id"].get<std::string>();
    rule.origin = std::move(origin);
    rule.disabled = r.value("disabled", false);
    if (r.contains("severity")) rule.severity = *parse_severity(r["severity"].get<std::string>());
    if (r.contains("severity_by_mode"))
        for (auto it = r["severity_by_mode"].begin(); it != r["severity_by_mode"].end(); ++it)
            rule.mode_severities.emplace_back(*parse_mode(it.key()),
                                              *parse_severity(it.value().get<std::string>()));
    if (r.contains("symbol")) rule.symbol = r["symbol"].get<std::string>();
    if (r.contains("require")) rule.require = r["require"].get<std::string>();
    if (r.contains("when")) rule.when = r["when"].get<std::string>();
    if (r.contains("via")) rule.via = r["via"].get<std::string>();
    if (r.contains("rationale")) rule.rationale = r["rationale"].get<std::string>();
    rule.source = r.contains("source") ? r["source"].get<std::string>() : defaults.source;
    if (r.contains("value")) {
        std::string v = r["value"].get<std::string>();
        rule.accept.kind = v == "y"     ? AcceptKind::Yes
                           : v == "y/m" ? AcceptKind::YesOrMod
                           : v == "n"   ? AcceptKind::No
                                        : AcceptKind::NotNo;
    }
    if (r.contains("equals")) {
        rule.accept.kind = AcceptKind::Literal;
        rule.accept.literal = r["equals"].get<std::string>();
    }
    if (r.contains("since")) rule.versions.since = KVer::parse(r["since"].get<std::string>());
    if (r.contains("until")) rule.versions.until = KVer::parse(r["until"].get<std::string>());
    if (r.contains("renames"))
        for (const json& rn : r["renames"]) {
            Rename x;
            x.name = rn["name"].get<std::string>();
            if (rn.contains("since"))
                x.versions.since = KVer::parse(rn["since"].get<std::string>());
            if (rn.contains("until"))
                x.versions.until = KVer::parse(rn["until"].get<std::string>());
            rule.renames.push_back(std::move(x));
        }
    if (r.contains("arch"))
        for (auto& s : string_list(r["arch"]))
            rule.arches.push_back(*parse_arch(s));
    else
        rule.arches = defaults.arches;
    if (r.contains("role"))
        for (auto& s : string_list(r["role"]))
            rule.roles.push_back(*parse_role(s));
    else
        rule.roles = defaults.roles;
    if (r.contains("mode"))
        for (auto& s : string_list(r["mode"]))
            rule.modes.push_back(*parse_mode(s));
    return rule;
}

// What the schema cannot express: exclusive and dependent keys, Kconfig
// expressions that parse, a version range that is not empty, and (full
// files) the keys a judged rule needs.
void check_rule_constraints(const json& r, const Rule& rule, const std::string& ptr,
                            RulesFileKind kind, ErrorLocator& loc) {
    if (r.contains("value") && r.contains("equals"))
        loc.error_at(ptr + "/equals", false, "\"value\" and \"equals\" are mutually exclusive");
    if (r.contains("symbol") && r.contains("require"))
        loc.error_at(ptr + "/require", false, "\"symbol\" and \"require\" are mutually exclusive");
    if ((r.contains("value") || r.contains("equals") || r.contains("renames") ||
         r.contains("via")) &&
        !r.contains("symbol") && kind == RulesFileKind::Full)
        loc.error_at(ptr, true, "\"value\", \"equals\", \"renames\" and \"via\" need \"symbol\"");
    // `when` and `require` are Kconfig expressions: a rule whose
    // expression does not parse would never be judged, so it is an error.
    for (const char* key : {"when", "require"}) {
        if (!r.contains(key)) continue;
        std::string err;
        if (!expression_ok(r[key].get<std::string>(), &err))
            loc.error_at(ptr + "/" + key, true,
                         std::string("\"") + key + "\" is not a Kconfig expression: " + err);
    }
    if (rule.versions.since && rule.versions.until &&
        !(*rule.versions.since < *rule.versions.until))
        loc.error_at(ptr + "/until", false, "\"until\" must be later than \"since\"");
    if (kind == RulesFileKind::Full && !rule.disabled) {
        if (!r.contains("severity"))
            loc.error_at(ptr, true, "rule \"" + rule.id + "\": missing required key \"severity\"");
        if (!r.contains("symbol") && !r.contains("require"))
            loc.error_at(ptr, true, "rule \"" + rule.id + "\": needs \"symbol\" or \"require\"");
        if (!r.contains("rationale"))
            loc.error_at(ptr, true, "rule \"" + rule.id + "\": missing required key \"rationale\"");
    }
}

// A rule id is unique within its file and (full files) within the set.
void check_rule_id(const Rule& rule, const std::vector<Rule>& earlier, const RuleSet& set,
                   const std::string& ptr, RulesFileKind kind, ErrorLocator& loc) {
    for (const Rule& prev : earlier)
        if (prev.id == rule.id)
            loc.error_at(ptr + "/id", true,
                         "duplicate rule id \"" + rule.id + "\" (first at line " +
                             std::to_string(prev.origin.line) + ")");
    if (const Rule* known = set.find(rule.id); known && kind == RulesFileKind::Full)
        loc.error_at(ptr + "/id", true,
                     "rule id \"" + rule.id + "\" is already defined at " + known->origin.file +
                         ":" + std::to_string(known->origin.line));
}

} // namespace

bool parse_rules(std::string_view text, const std::string& file, RuleSet& out,
                 std::vector<RulesError>& errors, RulesFileKind kind) {
    std::optional<json> doc = parse_json_text(text, file, errors);
    if (!doc) return false;
    ErrorLocator loc{text, file, errors, PositionScanner(text).scan()};
    if (!validate_against_schema(*doc, loc)) return false;
    FileDefaults defaults = file_defaults(*doc);
    std::vector<Rule> parsed;
    size_t error_count = errors.size();
    const json& rules = (*doc)["rules"];
    for (size_t i = 0; i < rules.size(); ++i) {
        std::string ptr = "/rules/" + std::to_string(i);
        LineCol lc = offset_to_line_col(text, loc.positions[ptr]);
        Rule rule = rule_from_json(rules[i], defaults, {file, lc.line});
        check_rule_constraints(rules[i], rule, ptr, kind, loc);
        check_rule_id(rule, parsed, out, ptr, kind, loc);
        parsed.push_back(std::move(rule));
    }
    if (errors.size() != error_count) return false;
    for (Rule& r : parsed)
        out.rules.push_back(std::move(r));
    return true;
}

bool load_rules_file(const std::string& path, RuleSet& out, std::vector<RulesError>& errors,
                     RulesFileKind kind) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        errors.push_back({path, 0, 0, "cannot read rules file"});
        return false;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    return parse_rules(ss.str(), path, out, errors, kind);
}

bool load_default_rules(const std::string& rules_dir, RuleSet& out,
                        std::vector<RulesError>& errors) {
    namespace fs = std::filesystem;
    bool ok = true;
    std::vector<std::string> files = {rules_dir + "/xen-dom0.json", rules_dir + "/xen-domU.json"};
    std::vector<std::string> arch_files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(rules_dir + "/arch", ec))
        if (e.path().extension() == ".json") arch_files.push_back(e.path().string());
    std::sort(arch_files.begin(), arch_files.end());
    files.insert(files.end(), arch_files.begin(), arch_files.end());
    for (const std::string& f : files)
        ok = load_rules_file(f, out, errors) && ok;
    return ok;
}

bool merge_rules(RuleSet& base, const RuleSet& overrides, std::vector<RulesError>& errors) {
    bool ok = true;
    for (const Rule& o : overrides.rules) {
        Rule* b = base.find(o.id);
        if (o.disabled) {
            if (b) b->disabled = true;
            continue;
        }
        if (!b) {
            bool has_severity = std::find(o.keys.begin(), o.keys.end(), "severity") != o.keys.end();
            if (!has_severity || (o.symbol.empty() && o.require.empty()) || o.rationale.empty()) {
                errors.push_back({o.origin.file, o.origin.line, 0,
                                  "rule \"" + o.id +
                                      "\" is new, so it needs \"severity\", \"symbol\" or "
                                      "\"require\", and \"rationale\""});
                ok = false;
                continue;
            }
            base.rules.push_back(o);
            base.rules.back().from_override = true;
            continue;
        }
        auto has = [&](const char* k) {
            return std::find(o.keys.begin(), o.keys.end(), k) != o.keys.end();
        };
        // A new "severity" is the rule's in every mode, unless the override
        // also says otherwise per mode.
        if (has("severity")) {
            b->severity = o.severity;
            b->mode_severities.clear();
        }
        if (has("severity_by_mode")) b->mode_severities = o.mode_severities;
        if (has("symbol")) {
            b->symbol = o.symbol;
            b->require.clear();
        }
        if (has("require")) {
            b->require = o.require;
            b->symbol.clear();
        }
        if (has("value") || has("equals")) b->accept = o.accept;
        if (has("when")) b->when = o.when;
        if (has("via")) b->via = o.via;
        if (has("since")) b->versions.since = o.versions.since;
        if (has("until")) b->versions.until = o.versions.until;
        if (has("renames")) b->renames = o.renames;
        if (has("arch")) b->arches = o.arches;
        if (has("role")) b->roles = o.roles;
        if (has("mode")) b->modes = o.modes;
        if (has("rationale")) b->rationale = o.rationale;
        if (has("source")) b->source = o.source;
        b->origin = o.origin;
        b->from_override = true;
    }
    return ok;
}

static bool id_matches(const std::string& pattern, const std::string& id) {
    if (!pattern.empty() && pattern.back() == '*')
        return id.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
    return pattern == id;
}

std::vector<std::string> disable_rules(RuleSet& set, const std::vector<std::string>& ids) {
    std::vector<std::string> unknown;
    for (const std::string& p : ids) {
        bool any = false;
        for (Rule& r : set.rules)
            if (id_matches(p, r.id)) {
                r.disabled = true;
                any = true;
            }
        if (!any) unknown.push_back(p);
    }
    return unknown;
}

std::vector<ModeInfo> modes_for(Role role, Arch arch, const KVer& v) {
    std::vector<ModeInfo> out;
    if (!is_x86(arch)) {
        out.push_back({Mode::Default, true, ""});
        return out;
    }
    const KVer v5_9{5, 9, 0}, v4_11{4, 11, 0};
    if (role == Role::DomU) {
        ModeInfo pv{Mode::PV, true, ""};
        if (arch == Arch::X86_32 && !(v < v5_9)) {
            pv.exists = false;
            pv.note = "32-bit PV guests were removed in Linux 5.9";
        }
        out.push_back(pv);
        ModeInfo pvh{Mode::PVH, true, ""};
        if (v < v4_11) {
            pvh.exists = false;
            pvh.note = "PVH guests (PVHv2) need Linux 4.11 or later";
        }
        out.push_back(pvh);
        out.push_back({Mode::HVM, true, ""});
    } else {
        ModeInfo pv{Mode::PV, true, ""};
        if (arch == Arch::X86_32 && !(v < v5_9)) {
            pv.exists = false;
            pv.note = "32-bit PV (and so a 32-bit dom0) was removed in Linux 5.9";
        }
        out.push_back(pv);
        ModeInfo pvh{Mode::PVH, true, ""};
        if (arch == Arch::X86_32) {
            pvh.exists = false;
            pvh.note = "a PVH dom0 needs a 64-bit kernel";
        } else if (v < KVer{5, 16, 0}) {
            // XEN_DOM0 accepts XEN_PVH && X86_64 in 6.1, 6.12 and 7.2; in
            // 5.10 it is "Xen PV Dom0 support" and depends on XEN_PV (the
            // trees). The release between that added it is taken as 5.16,
            // with the XEN_PV_DOM0 split (unverified: no tree in between).
            pvh.exists = false;
            pvh.note = "a PVH dom0 needs Linux 5.16 or later (5.10's XEN_DOM0 is PV only)";
        }
        out.push_back(pvh);
    }
    return out;
}

std::vector<const Rule*> applicable_rules(const RuleSet& set, Role role, Mode mode, Arch arch,
                                          const KVer& v) {
    std::vector<const Rule*> out;
    for (const Rule& r : set.rules)
        if (r.applies_to(role, mode, arch, v)) out.push_back(&r);
    return out;
}

} // namespace xenrules
