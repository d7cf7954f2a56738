# Conformance tests: xencfg's Kconfig engine against the kernel's own
# scripts/kconfig/conf on real Linux trees (docs/conformance.md).
# Included from the top CMakeLists.txt inside if(BUILD_TESTING).
#
# One test per tree/arch, labelled "conformance":
#   ctest -L conformance            # all eight
#   ctest -R conformance_6.12_x86_64
# The trees must have been fetched first (scripts/fetch-trees.sh); without
# them each test FAILS with a message saying so.
# Each test runs up to 2 jobs itself (PROCESSORS 2, so `ctest -j2` runs them
# one at a time instead of oversubscribing the 2 cores).

set(XENCFG_CONFORMANCE_VERSIONS "6.1;6.12" CACHE STRING "Kernel trees the conformance tests run on")
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
      TIMEOUT 2400)
  endforeach()
endforeach()
