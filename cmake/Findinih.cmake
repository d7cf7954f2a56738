# Findinih: the inih INI parser (Debian: libinih-dev), which reads Debian's
# kernel packaging `defines` files (Python configparser syntax) for
# `xencfg check --repo`. Defines the imported target inih::inih.
find_path(INIH_INCLUDE_DIR ini.h)
find_library(INIH_LIBRARY inih)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(inih REQUIRED_VARS INIH_LIBRARY INIH_INCLUDE_DIR)
if(inih_FOUND AND NOT TARGET inih::inih)
  add_library(inih::inih UNKNOWN IMPORTED)
  set_target_properties(inih::inih PROPERTIES
    IMPORTED_LOCATION "${INIH_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${INIH_INCLUDE_DIR}")
endif()
mark_as_advanced(INIH_INCLUDE_DIR INIH_LIBRARY)
