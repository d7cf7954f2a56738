# Conformance tests: xencfg's Kconfig engine against the kernel's own
# scripts/kconfig/conf on real Linux trees (docs/conformance.md).
# Included from the top CMakeLists.txt inside if(BUILD_TESTING).
#
# One test per tree/arch, labelled "conformance":
#   ctest -L conformance            # all twenty
#   ctest -R conformance_6.12_x86_64
# The trees must have been fetched first (scripts/fetch-trees.sh); without
# them each test is SKIPPED (exit 77) with a message saying so.
# Each test runs up to 2 jobs itself (PROCESSORS 2, so `ctest -j2` runs them
# one at a time instead of oversubscribing the 2 cores).

set(XENCFG_CONFORMANCE_VERSIONS "5.10;6.1;6.12;7.2;7.3" CACHE STRING "Kernel trees the conformance tests run on")
set(XENCFG_CONFORMANCE_ARCHES "x86_64;i386;arm64;arm" CACHE STRING "ARCHes the conformance tests run on")

foreach(_ver IN LISTS XENCFG_CONFORMANCE_VERSIONS)
  foreach(_arch IN LISTS XENCFG_CONFORMANCE_ARCHES)
    set(_name "conformance_${_ver}_${_arch}")
    add_test(NAME ${_name}
      COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/conformance/run.sh
              --xencfg $<TARGET_FILE:xencfg>
              --version ${_ver} --arch ${_arch} --jobs 2)
    set_tests_properties(${_name} PROPERTIES
      LABELS "conformance"
      PROCESSORS 2
      TIMEOUT 2400
      SKIP_RETURN_CODE 77)
  endforeach()
endforeach()

# The harness itself: with a conf-backed stand-in for xencfg every case must
# pass (catches a harness that fails, or passes, for the wrong reasons).
# Shares conformance_6.12_x86_64's cached expectations, hence the lock.
if("6.12" IN_LIST XENCFG_CONFORMANCE_VERSIONS AND "x86_64" IN_LIST XENCFG_CONFORMANCE_ARCHES)
  add_test(NAME conformance_harness_selftest
    COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/conformance/run.sh
            --xencfg ${CMAKE_CURRENT_LIST_DIR}/conformance/fake-xencfg.sh
            --version 6.12 --arch x86_64 --jobs 2
            --cases "^(allnoconfig|defconfig|defconfig\\.savedefconfig|xen\\.olddefconfig|rand-01\\..*|load)$")
  set_tests_properties(conformance_harness_selftest PROPERTIES
    LABELS "conformance"
    PROCESSORS 2
    TIMEOUT 1200
    SKIP_RETURN_CODE 77)
  set_tests_properties(conformance_harness_selftest conformance_6.12_x86_64 PROPERTIES
    RESOURCE_LOCK conformance_cache_6.12_x86_64)
endif()
