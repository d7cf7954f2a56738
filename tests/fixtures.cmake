# Golden CLI fixtures (tests/fixtures/<suite>/<case>/), run by
# tests/fixtures/run_fixtures.sh against the built xencfg binary.
add_test(NAME fixtures
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/fixtures/run_fixtures.sh
                 $<TARGET_FILE:xencfg> ${CMAKE_CURRENT_SOURCE_DIR}/tests/fixtures)
set_tests_properties(fixtures PROPERTIES LABELS "fast" TIMEOUT 600)
