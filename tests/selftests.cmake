# The kernel's own Kconfig selftests (scripts/kconfig/tests of each tree,
# what `make testconfig` runs with pytest) with `xencfg conf` in conf's place.
# One test per tree, labelled "selftests":
#   ctest -L selftests
#   ctest -R selftests_6.12
# Each SKIPs (exit 77) when its tree (scripts/fetch-trees.sh) or pytest
# (Debian: python3-pytest) is absent. tests/selftests/run.sh --conf PATH
# runs the same tests with the tree's real conf (the ground truth: they all
# pass there).
set(XENCFG_SELFTEST_VERSIONS "5.10;6.1;6.12;7.2;7.3" CACHE STRING
    "Kernel trees whose scripts/kconfig/tests run against xencfg conf")
foreach(_ver IN LISTS XENCFG_SELFTEST_VERSIONS)
  add_test(NAME selftests_${_ver}
    COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/selftests/run.sh
            --conf "$<TARGET_FILE:xencfg> conf" --version ${_ver})
  set_tests_properties(selftests_${_ver} PROPERTIES
    LABELS "selftests"
    SKIP_RETURN_CODE 77
    TIMEOUT 600)
endforeach()
