# `cmake --install BUILD [--prefix DIR]` layout (included from the top
# CMakeLists.txt after the xencfg target is defined):
#
#   bin/xencfg
#   share/xencfg/rules/...          the shipped rules and their schema
#   share/xencfg/kb/<ver>/<arch>.kconfig   the knowledge base
#   share/man/man1/xencfg.1
#   share/bash-completion/completions/xencfg
#
# The installed binary finds share/xencfg relative to its own location
# (XENCFG_RELATIVE_DATADIR, from bin/ to share/xencfg), so an install under
# any --prefix (or DESTDIR, or a relocated tree) works without
# XENCFG_DATADIR; see data_dir() in src/cli/common.cc.
include(GNUInstallDirs)

set(XENCFG_DATA_SUBDIR "${CMAKE_INSTALL_DATADIR}/xencfg")
file(RELATIVE_PATH _xencfg_rel_datadir "/prefix/${CMAKE_INSTALL_BINDIR}" "/prefix/${XENCFG_DATA_SUBDIR}")
target_compile_definitions(xencfg PRIVATE XENCFG_RELATIVE_DATADIR="${_xencfg_rel_datadir}")

install(TARGETS xencfg RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY rules/ DESTINATION ${XENCFG_DATA_SUBDIR}/rules)
install(DIRECTORY kb/ DESTINATION ${XENCFG_DATA_SUBDIR}/kb)
install(FILES man/xencfg.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES completion/xencfg.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME xencfg)
