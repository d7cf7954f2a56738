# The knowledge base check runs without a tree (kb/<version>/<arch>.kconfig)
# must be what `xencfg kb-extract` makes of the trees now: rebuilt and
# compared by tests/kb/check_kb.sh. Needs .cache/trees/linux-source-<ver>
# (scripts/fetch-trees.sh); label "kb": ctest -L kb
add_test(NAME kb_matches_trees
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/kb/check_kb.sh $<TARGET_FILE:xencfg>
          "" ${CMAKE_CURRENT_SOURCE_DIR}/kb)
set_tests_properties(kb_matches_trees PROPERTIES LABELS "kb" TIMEOUT 600 SKIP_RETURN_CODE 77)

# ... and that what it makes computes what the tree computes: given conf's
# values past the cut, every symbol inside it gets conf's value, on Debian's
# configs, defconfig + xen.config, the fragments and random mutants
# (tests/kb/kb_semantics.py; about 5 minutes of conf runs).
add_test(NAME kb_semantics
  COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/kb/kb_semantics.py --xencfg $<TARGET_FILE:xencfg> --mutants 2)
set_tests_properties(kb_semantics PROPERTIES LABELS "kb" TIMEOUT 1800 SKIP_RETURN_CODE 77)
