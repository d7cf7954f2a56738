# Tests of how xencfg fits into packaging repositories and CI, and of its
# behaviour on bad input (issue 6). Included from the top CMakeLists.txt.
#
#   robustness  tests/robustness/run.sh: 10 MB lines, unreadable files,
#               no partial output, inputs untouched, devices and symlinks kept
#   docs        tests/docs/run.sh: the CI examples of docs/ci on the
#               packaging example of docs/packaging (needs python3-yaml)
#   precommit   tests/precommit/run.sh: the real pre-commit tool on a sample
#               packaging repository (needs Debian's pre-commit)
#   packaging   tests/packaging/run.sh: the three layouts of docs/packaging
#               (debian, kernel-ark, yocto) with pre-commit and the
#               xencfg-repo hook: breaking a flavour's dom0 is refused with
#               file, line and flavour; a harmless change passes
#   packaging_debian  tests/packaging/debian-source.sh: check --repo on
#               Debian's real debian/config (linux 6.12 source packaging)
#               merges each flavour's files as Debian's config_v2.py lists
#               them (needs the archive and python3-dacite)
#   packaging_debian_6.1, packaging_debian_5.10  the same on bookworm's and
#               bullseye's packaging (`defines` files), against the KCONFIG
#               lists Debian's gencontrol.py wrote into their debian/rules.gen;
#               all three then compare each flavour's dom0 and domU verdict
#               with the verdict on the config Debian built (linux-config-V)
#   input       tests/input/run.sh: gzip, xz and standard input are judged
#               as the plain file; no file: the running kernel's config
#   rules_cli   tests/rules_cli/run.sh: rules --ids for every filter and
#               explain RULE-ID against the rules files read with python
#   man         tests/man/run.sh: every command and option of --help is in
#               the man page
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
add_test(NAME packaging
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/packaging/run.sh $<TARGET_FILE:xencfg>)
add_test(NAME packaging_debian
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/packaging/debian-source.sh $<TARGET_FILE:xencfg>)
foreach(series 6.1 5.10)
  add_test(NAME packaging_debian_${series}
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/packaging/debian-source.sh
                   $<TARGET_FILE:xencfg> ${series})
endforeach()
add_test(NAME input
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/input/run.sh $<TARGET_FILE:xencfg>)
set_tests_properties(input PROPERTIES LABELS "fast" TIMEOUT 120)
add_test(NAME rules_cli
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/rules_cli/run.sh $<TARGET_FILE:xencfg>)
set_tests_properties(rules_cli PROPERTIES LABELS "fast" TIMEOUT 300)
add_test(NAME man
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/man/run.sh $<TARGET_FILE:xencfg>
                 ${CMAKE_CURRENT_SOURCE_DIR}/man/xencfg.1)
add_test(NAME install
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/install/run.sh ${CMAKE_BINARY_DIR})
add_test(NAME format
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/format/run.sh)
set_tests_properties(robustness docs precommit packaging packaging_debian packaging_debian_6.1
  packaging_debian_5.10 man install format PROPERTIES
  TIMEOUT 600
  SKIP_RETURN_CODE 77
  LABELS "ecosystem")
# The seconds-long ones are also in the fast tier (`ctest -L fast`).
set_tests_properties(robustness docs format PROPERTIES LABELS "ecosystem;fast")
