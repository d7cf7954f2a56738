# Proof that generate's fragments survive the kernel's own merge_config.sh
# and olddefconfig (tests/proof/run.sh). One test per tree, label "proof":
#   ctest -L proof
# Needs the trees and conf from scripts/fetch-trees.sh.
foreach(_ver IN ITEMS 6.1 6.12)
  add_test(NAME proof_${_ver}
    COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/proof/run.sh --xencfg $<TARGET_FILE:xencfg> --version ${_ver})
  set_tests_properties(proof_${_ver} PROPERTIES LABELS "proof" TIMEOUT 900 SKIP_RETURN_CODE 77)
endforeach()
