#include "emit/explain.h"

#include <nlohmann/json.hpp>
#include <sstream>

using nlohmann::json;

namespace emit {

static std::string at_text(const kconfig::SymbolInfoLocation& at) {
    if (at.file.empty()) return "";
    return at.line > 0 ? at.file + ":" + std::to_string(at.line) : at.file;
}

static void relations_text(std::string& out, const char* title,
                           const std::vector<kconfig::SymbolRelation>& rels) {
    if (rels.empty()) return;
    out += title;
    out += ":\n";
    for (const auto& r : rels) {
        out += "  - " + r.symbol;
        if (!r.condition.empty()) out += " if " + r.condition;
        if (!r.at.file.empty()) out += "   (" + at_text(r.at) + ")";
        out += "\n";
    }
}

std::string explain_text(const kconfig::SymbolInfo& r) {
    std::string out = "Symbol: " + (r.name.empty() ? std::string("<choice>") : r.name);
    if (r.with_values) out += " [=" + r.value + "]";
    out += "\nType: " + r.type + "\n";
    if (r.with_values) {
        out += "Value: " + (r.value.empty() ? std::string("\"\"") : r.value) + " (from " +
               r.config_file + " after olddefconfig evaluation)\n";
        out += "Set in config: " + (r.user_value.empty() ? std::string("no") : r.user_value) + "\n";
        out += "Prompt visible: " + r.visibility + "\n";
    }
    if (!r.choice.empty()) out += "Choice: " + r.choice + "\n";
    if (r.definitions.empty()) out += "Defined: nowhere (the symbol is only referenced)\n";
    for (const auto& d : r.definitions) {
        out += "Defined at " + at_text(d.at) + " (" + d.kind + ")\n";
        if (!d.prompt.empty()) {
            out += "  Prompt: " + d.prompt;
            if (!d.prompt_if.empty()) out += " if " + d.prompt_if;
            out += "\n";
        } else {
            out += "  Prompt: none (set only by defaults and selects)\n";
        }
        if (!d.location.empty()) out += "  Location: " + d.location + "\n";
        if (!d.depends_on.empty()) out += "  Depends on: " + d.depends_on + "\n";
        if (!d.visible_if.empty()) out += "  Visible if: " + d.visible_if + "\n";
        if (!d.help.empty()) {
            out += "  Help:\n";
            std::istringstream in(d.help);
            std::string line;
            while (std::getline(in, line))
                out += line.empty() ? "\n" : "    " + line + "\n";
        }
    }
    if (!r.direct_dependencies.empty() && r.definitions.size() > 1)
        out += "Direct dependencies: " + r.direct_dependencies + "\n";
    relations_text(out, "Selects", r.selects);
    relations_text(out, "Selected by", r.selected_by);
    relations_text(out, "Implies", r.implies);
    relations_text(out, "Implied by", r.implied_by);
    if (!r.defaults.empty()) {
        out += "Defaults:\n";
        for (const auto& d : r.defaults) {
            out += "  - " + d.value;
            if (!d.condition.empty()) out += " if " + d.condition;
            if (!d.at.file.empty()) out += "   (" + at_text(d.at) + ")";
            out += "\n";
        }
    }
    if (!r.ranges.empty()) {
        out += "Ranges:\n";
        for (const auto& g : r.ranges) {
            out += "  - " + g.low + " " + g.high;
            if (!g.condition.empty()) out += " if " + g.condition;
            if (!g.at.file.empty()) out += "   (" + at_text(g.at) + ")";
            out += "\n";
        }
    }
    if (!r.choice_members.empty()) {
        out += "Choice members:\n";
        for (const auto& m : r.choice_members)
            out += "  - " + m + "\n";
    }
    return out;
}

static json loc_json(const kconfig::SymbolInfoLocation& at) {
    if (at.file.empty()) return nullptr;
    return json{{"file", at.file}, {"line", at.line}};
}

static json opt(const std::string& s) {
    return s.empty() ? json(nullptr) : json(s);
}

static json relations_json(const std::vector<kconfig::SymbolRelation>& rels) {
    json arr = json::array();
    for (const auto& r : rels)
        arr.push_back(
            {{"symbol", r.symbol}, {"condition", opt(r.condition)}, {"at", loc_json(r.at)}});
    return arr;
}

json explain_json(const kconfig::SymbolInfo& r) {
    json defs = json::array();
    for (const auto& d : r.definitions)
        defs.push_back({{"at", loc_json(d.at)},
                        {"kind", d.kind},
                        {"prompt", opt(d.prompt)},
                        {"prompt_if", opt(d.prompt_if)},
                        {"location", opt(d.location)},
                        {"depends_on", opt(d.depends_on)},
                        {"visible_if", opt(d.visible_if)},
                        {"help", opt(d.help)}});
    json defaults = json::array();
    for (const auto& d : r.defaults)
        defaults.push_back(
            {{"value", d.value}, {"condition", opt(d.condition)}, {"at", loc_json(d.at)}});
    json ranges = json::array();
    for (const auto& g : r.ranges)
        ranges.push_back({{"low", g.low},
                          {"high", g.high},
                          {"condition", opt(g.condition)},
                          {"at", loc_json(g.at)}});
    json j = {{"schema_version", 1},
              {"symbol", r.name},
              {"type", r.type},
              {"with_values", r.with_values},
              {"definitions", defs},
              {"direct_dependencies", opt(r.direct_dependencies)},
              {"reverse_dependencies", opt(r.reverse_dependencies)},
              {"selects", relations_json(r.selects)},
              {"selected_by", relations_json(r.selected_by)},
              {"implies", relations_json(r.implies)},
              {"implied_by", relations_json(r.implied_by)},
              {"defaults", defaults},
              {"ranges", ranges},
              {"choice", opt(r.choice)},
              {"choice_members", r.choice_members}};
    if (r.with_values) {
        j["config"] = r.config_file;
        j["value"] = r.value;
        j["user_value"] = opt(r.user_value);
        j["visibility"] = r.visibility;
    }
    return j;
}

} // namespace emit
