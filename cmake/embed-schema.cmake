# Writes OUT, a C++ source whose xenrules::rules_schema_text() returns the text
# of IN (rules/schema.json), so that the schema lives in one place and the
# binary validates rules files without the data directory. Run at build time
# (CMakeLists.txt) whenever IN changes:
#   cmake -DIN=rules/schema.json -DOUT=build/generated/rules_schema.cc -P cmake/embed-schema.cmake
file(READ "${IN}" schema)
string(FIND "${schema}" ")xencfgschema\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw-string delimiter )xencfgschema\"")
endif()
set(text "// Generated from rules/schema.json by cmake/embed-schema.cmake: do not edit.
#include \"rules/rules.h\"

namespace xenrules {

const char* rules_schema_text() {
    return R\"xencfgschema(${schema})xencfgschema\";
}

} // namespace xenrules
")
# Rewritten only when the text changes, so that nothing recompiles needlessly.
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
  if(old STREQUAL text)
    return()
  endif()
endif()
file(WRITE "${OUT}" "${text}")
