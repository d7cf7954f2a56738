# --offline runs no process and --no-probe-cache leaves the probe cache alone
# (tests/probes/run.sh: a tiny generated tree, a marking CC, strace when
# available). Seconds; label "fast".
add_test(NAME probes
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/probes/run.sh $<TARGET_FILE:xencfg>)
set_tests_properties(probes PROPERTIES LABELS "fast" TIMEOUT 120)
