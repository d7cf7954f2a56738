# Warnings conformance on synthetic Kconfig trees: conf 6.1 and 6.12 (built by
# scripts/fetch-trees.sh) vs xencfg, stdout, stderr and .config byte for byte.
add_test(NAME conformance_warnings
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/warnings/run.sh $<TARGET_FILE:xencfg>)
set_tests_properties(conformance_warnings PROPERTIES LABELS "conformance" TIMEOUT 300 SKIP_RETURN_CODE 77)
