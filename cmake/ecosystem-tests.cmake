# Tests of how xencfg fits into packaging repositories and CI, and of its
# behaviour on bad input (issue 6). Included from the top CMakeLists.txt.
#
#   robustness  tests/robustness/run.sh: 10 MB lines, unreadable files,
#               no partial output, inputs untouched, devices and symlinks kept
#   docs        tests/docs/run.sh: the CI examples of docs/ci on the
#               packaging example of docs/packaging (needs python3-yaml)
#   precommit   tests/precommit/run.sh: the real pre-commit tool on a sample
#               packaging repository (needs Debian's pre-commit)
#   install     cmake --install into a scratch prefix; the installed binary
#               runs check, finds rules and kb, man page and completion exist
#   format      tests/format/run.sh: every C++ source as .clang-format says
#               (needs Debian 12's clang-format 14)
# A test whose tool is missing exits 77 and is reported as skipped.
# (The bad-input golden cases live in tests/fixtures/badinput and run with
# the other fixtures.)
if(NOT BUILD_TESTING)
  return()
endif()

add_test(NAME robustness
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/robustness/run.sh $<TARGET_FILE:xencfg>)
add_test(NAME docs
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/docs/run.sh $<TARGET_FILE:xencfg>)
add_test(NAME precommit
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/precommit/run.sh $<TARGET_FILE:xencfg>)
add_test(NAME install
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/install/run.sh ${CMAKE_BINARY_DIR})
add_test(NAME format
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/format/run.sh)
set_tests_properties(robustness docs precommit install format PROPERTIES
  TIMEOUT 600
  SKIP_RETURN_CODE 77
  LABELS "ecosystem")
