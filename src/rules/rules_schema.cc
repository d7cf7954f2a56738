// The text of rules/schema.json, compiled in (rules_test checks that the two
// are identical; regenerate this file when the schema changes).
#include "rules/rules.h"

namespace xenrules {

const char* rules_schema_text() {
    return R"xencfgschema({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://xencfg.invalid/rules/schema.json",
  "title": "xencfg rules file",
  "description": "Role rules for xencfg check. The loader validates every rules file against this schema (keywords used: type, properties, required, additionalProperties, enum, items, pattern, minLength, minItems, $ref).",
  "type": "object",
  "required": ["schema", "rules"],
  "additionalProperties": false,
  "properties": {
    "$schema": { "type": "string" },
    "schema": { "type": "integer", "enum": [1] },
    "description": { "type": "string" },
    "defaults": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "role": { "$ref": "#/$defs/roles" },
        "arch": { "$ref": "#/$defs/arches" },
        "source": { "type": "string" }
      }
    },
    "rules": { "type": "array", "items": { "$ref": "#/$defs/rule" } }
  },
  "$defs": {
    "symbol": { "type": "string", "pattern": "^[A-Za-z0-9_]+$" },
    "version": { "type": "string", "pattern": "^[0-9]+\\.[0-9]+(\\.[0-9]+)?$" },
    "roles": { "type": "array", "minItems": 1, "items": { "enum": ["dom0", "domU"] } },
    "arches": { "type": "array", "minItems": 1, "items": { "enum": ["x86_32", "x86_64", "arm", "arm64"] } },
    "modes": { "type": "array", "minItems": 1, "items": { "enum": ["pv", "pvh", "hvm", "default"] } },
    "rename": {
      "type": "object",
      "required": ["name"],
      "additionalProperties": false,
      "properties": {
        "name": { "$ref": "#/$defs/symbol" },
        "since": { "$ref": "#/$defs/version" },
        "until": { "$ref": "#/$defs/version" }
      }
    },
    "rule": {
      "type": "object",
      "required": ["id"],
      "additionalProperties": false,
      "properties": {
        "id": { "type": "string", "pattern": "^[A-Za-z0-9_]+(\\.[A-Za-z0-9_-]+)+$" },
        "disabled": { "type": "boolean" },
        "severity": { "enum": ["error", "warning", "info"] },
        "symbol": { "$ref": "#/$defs/symbol" },
        "value": { "enum": ["y", "y/m", "n", "set"] },
        "equals": { "type": "string" },
        "require": { "type": "string", "minLength": 1 },
        "when": { "type": "string", "minLength": 1 },
        "via": { "$ref": "#/$defs/symbol" },
        "since": { "$ref": "#/$defs/version" },
        "until": { "$ref": "#/$defs/version" },
        "renames": { "type": "array", "items": { "$ref": "#/$defs/rename" } },
        "arch": { "$ref": "#/$defs/arches" },
        "role": { "$ref": "#/$defs/roles" },
        "mode": { "$ref": "#/$defs/modes" },
        "rationale": { "type": "string", "minLength": 1 },
        "source": { "type": "string", "minLength": 1 }
      }
    }
  }
}
)xencfgschema";
}

} // namespace xenrules
