# Offline evaluation against Debian's real 6.12 amd64 config (needs the trees
# from scripts/fetch-trees.sh and the linux-config-6.12 package).
add_test(NAME offline_debian_6.12_amd64
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/offline/run.sh $<TARGET_FILE:xencfg>)
set_tests_properties(offline_debian_6.12_amd64 PROPERTIES LABELS "conformance" TIMEOUT 300 SKIP_RETURN_CODE 77)
