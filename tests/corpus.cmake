# Real-config corpus (label "corpus"): `xencfg check` verdicts on Debian's
# shipped configs (5.10 to 7.3, amd64/i386/arm64/armhf), their savedefconfig
# forms, defconfig + the kernel's xen.config, the xen.config fragments, Yocto's
# xen.cfg, fragments that break one requirement each and configs clang made
# (make LLVM=1), against the table of
# expected verdicts in tests/corpus/corpus.py; and the rules' version bounds
# against every tree. Needs the trees and configs of scripts/fetch-trees.sh
# ($XENCFG_TREES_DIR, default .cache/trees); SKIPs without them.
#   ctest -L corpus
add_test(NAME corpus_verdicts
  COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/corpus/corpus.py --xencfg $<TARGET_FILE:xencfg> --formats)
add_test(NAME corpus_strict_formats
  COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/corpus/corpus.py --xencfg $<TARGET_FILE:xencfg>
          --strict --knowledge kb)
# Every fix line check suggests, merged onto its input and run through the
# tree's own conf, gives the value it asks for (tests/corpus/suggestions.py;
# conf is the judge). CI runs it with the tree's knowledge on 6.1 (old-style
# choices, i386 686 included), 6.12 and 7.3 (choices as bool blocks): about
# 8 minutes with an empty cache on a loaded 2-core machine, 1 warm; all
# five trees take about 14 cold. The whole corpus, knowledge bases too, on
# demand:
#   python3 tests/corpus/suggestions.py --xencfg build/xencfg
add_test(NAME corpus_suggestions
  COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/corpus/suggestions.py --xencfg $<TARGET_FILE:xencfg>
          --versions 6.1,6.12,7.3 --knowledge tree)
add_test(NAME corpus_version_bounds
  COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/corpus/bounds.py)
set_tests_properties(corpus_verdicts corpus_strict_formats corpus_suggestions corpus_version_bounds PROPERTIES
  LABELS "corpus" SKIP_RETURN_CODE 77 TIMEOUT 3000)
