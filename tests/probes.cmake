# --offline runs no process and --no-probe-cache leaves the probe cache alone
# (tests/probes/run.sh: a tiny generated tree, a marking CC, strace when
# available). Seconds; label "fast".
add_test(NAME probes
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/probes/run.sh $<TARGET_FILE:xencfg>)
set_tests_properties(probes PROPERTIES LABELS "fast" TIMEOUT 120)

# Probes run in parallel on a cold cache answer as one after another, and the
# output is conf's: real trees and Debian's configs (tests/probes/parallel.sh;
# each about 10 s: three cold runs of a whole tree). Label "conformance".
foreach(pair "6.12;x86_64" "7.3;arm64")
    list(GET pair 0 version)
    list(GET pair 1 arch)
    add_test(NAME probes_parallel_${version}_${arch}
             COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/probes/parallel.sh
                     $<TARGET_FILE:xencfg> ${version} ${arch})
    set_tests_properties(probes_parallel_${version}_${arch} PROPERTIES
                         LABELS "conformance" TIMEOUT 600 SKIP_RETURN_CODE 77)
endforeach()

# `xencfg kconfig` randconfig (same seed), yes2modconfig, mod2yesconfig,
# mod2noconfig and helpnewconfig give the tree's conf output byte for byte on
# Debian's config (tests/kconfig-targets/run.sh; seconds). 5.10 is the old
# choice model, whose choices show in helpnewconfig's dependency lines.
foreach(pair "5.10;x86_64" "6.12;x86_64" "7.3;arm64")
    list(GET pair 0 version)
    list(GET pair 1 arch)
    add_test(NAME kconfig_targets_${version}_${arch}
             COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/kconfig-targets/run.sh
                     $<TARGET_FILE:xencfg> ${version} ${arch})
    set_tests_properties(kconfig_targets_${version}_${arch} PROPERTIES
                         LABELS "conformance" TIMEOUT 600 SKIP_RETURN_CODE 77)
endforeach()
