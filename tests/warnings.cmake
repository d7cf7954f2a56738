# Warnings conformance on synthetic Kconfig trees: conf of the five trees (built by
# scripts/fetch-trees.sh) vs xencfg, stdout, stderr and .config byte for byte.
add_test(NAME conformance_warnings
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/warnings/run.sh $<TARGET_FILE:xencfg>)
set_tests_properties(conformance_warnings PROPERTIES LABELS "conformance" TIMEOUT 300 SKIP_RETURN_CODE 77)

# Syntax errors on real Kconfig files broken at random (tests/syntax): conf
# of each tree vs xencfg, stdout, stderr, exit and .config.
add_test(NAME conformance_syntax_errors
         COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/tests/syntax/mutants.py $<TARGET_FILE:xencfg>)
set_tests_properties(conformance_syntax_errors PROPERTIES LABELS "conformance" TIMEOUT 600 SKIP_RETURN_CODE 77)
