# The proof's reader of init's facts on a console that Xen's own lines
# garble (tests/boot/facts.sh), on inline consoles: always, label "fast".
add_test(NAME boot_facts COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/boot/facts-selftest.sh)
set_tests_properties(boot_facts PROPERTIES LABELS "fast" TIMEOUT 60)

# Proof by boot (tests/boot/run.sh): kernels made from `xencfg generate` on
# tinyconfig, built and booted under Xen 4.17 in QEMU TCG (dom0 PV with a PV
# and a PVH domU started by xl, dom0 PVH, negative controls). Label "boot":
#   cmake -S . -B build -DXENCFG_BOOT_TESTS=ON && ctest --test-dir build -L boot
# Off by default: it installs Debian packages (as root), builds three
# kernels (cached outside the clone, see tests/boot/run.sh) and boots them.
option(XENCFG_BOOT_TESTS "Register the boot proof (label boot)" OFF)
if(XENCFG_BOOT_TESTS)
  add_test(NAME boot_6.12_x86_64
    COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/boot/run.sh --xencfg $<TARGET_FILE:xencfg>
            --version 6.12 --arch x86_64)
  set_tests_properties(boot_6.12_x86_64 PROPERTIES LABELS "boot" PROCESSORS 2 TIMEOUT 2700)
endif()
